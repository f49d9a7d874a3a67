"""Writing a file the user opens elsewhere: whole or not at all, and a message that names the
file and a reason a person understands when the system refuses."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import BinaryIO

import pytest

from app import i18n
from app.errors import StorageError
from app.files import os_error_message, read_bytes, write_atomically
from tests.conftest import ordinary_user, read_only


def test_bytes_and_a_writing_function_land_whole_with_nothing_left_beside(tmp_path: Path) -> None:
    first = tmp_path / "Teilnehmende März.csv"
    write_atomically(first, "Łukasz;Dvořák-Şahin\r\n".encode("utf-8-sig"))
    assert first.read_bytes() == "Łukasz;Dvořák-Şahin\r\n".encode("utf-8-sig")

    def pages(stream: BinaryIO) -> None:
        for number in range(3):
            stream.write(f"page {number}\n".encode())

    write_atomically(first, pages)  # replaces the old content
    assert first.read_text(encoding="utf-8") == "page 0\npage 1\npage 2\n"
    assert [p.name for p in tmp_path.iterdir()] == [first.name]


def test_a_writer_that_fails_halfway_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"last week's report")

    def breaks(stream: BinaryIO) -> None:
        stream.write(b"%PDF-1.4 half a document")
        raise ValueError("the layout failed")

    with pytest.raises(ValueError, match="the layout failed"):
        write_atomically(target, breaks)
    assert target.read_bytes() == b"last week's report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_read_only_folder_is_refused_with_a_message_and_the_old_file_stays(
    tmp_path: Path, language: str
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "liste.xlsx"
    target.write_bytes(b"old list")
    i18n.set_language(language)
    with read_only(folder), pytest.raises(StorageError) as info:
        write_atomically(target, b"new list")
    expected = {
        "en": "liste.xlsx cannot be written: permission denied. If the file is open in another "
        "program (for example Excel), close it there and try again; otherwise choose a "
        "folder you may change.",
        "de": "liste.xlsx kann nicht geschrieben werden: Zugriff verweigert. Ist die Datei in "
        "einem anderen Programm geöffnet (zum Beispiel in Excel), schließen Sie sie dort und "
        "versuchen Sie es noch einmal; sonst wählen Sie einen Ordner, den Sie ändern dürfen.",
    }
    assert info.value.message == expected[language]
    assert target.read_bytes() == b"old list"
    assert [p.name for p in folder.iterdir()] == ["liste.xlsx"]


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    target = tmp_path / "gone" / "kalender.ics"
    with pytest.raises(StorageError) as info:
        write_atomically(target, b"BEGIN:VCALENDAR")
    assert info.value.message == (
        f"kalender.ics cannot be written: the folder {target.parent} does not exist."
    )
    assert not target.parent.exists()


def test_reading_a_file_without_permission_or_that_is_gone(tmp_path: Path) -> None:
    source = tmp_path / "mitarbeiter.csv"
    source.write_bytes(b"Name;Vorname")
    source.chmod(0o200)
    try:
        with ordinary_user(), pytest.raises(StorageError) as info:
            read_bytes(source)
    finally:
        source.chmod(0o600)
    assert info.value.message.startswith("mitarbeiter.csv cannot be read: permission denied.")
    assert read_bytes(source) == b"Name;Vorname"
    with pytest.raises(StorageError) as info:
        read_bytes(tmp_path / "weg.csv")
    assert info.value.message == (
        "weg.csv cannot be read: it does not exist (it may have been moved or renamed)."
    )


def _windows_error(winerror: int) -> OSError:
    """An error as Windows raises it (Python maps these to EACCES / ENOSPC and adds
    `winerror`); built by hand, since this machine is not Windows."""
    exc = PermissionError(errno.EACCES, "The process cannot access the file")
    exc.winerror = winerror  # type: ignore[attr-defined]
    return exc


@pytest.mark.parametrize(
    ("error", "writing", "reason"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), True, "the disk is full."),
        (_windows_error(32), True, "it is open in another program (for example Excel)."),
        (_windows_error(33), False, "it is open in another program (for example Excel)."),
        (OSError(errno.EROFS, "Read-only file system"), True, "the drive is read-only."),
        (OSError(errno.ENAMETOOLONG, "File name too long"), True, "is too long."),
        (IsADirectoryError(errno.EISDIR, "Is a directory"), True, "it is a folder"),
        (OSError(errno.EIO, "Input/output error"), False, "the disk reported an error."),
        (OSError(errno.ENOENT, "No such file"), None, "it does not exist"),
    ],
)
def test_each_reason_in_words_a_person_understands(
    error: OSError, writing: bool | None, reason: str
) -> None:
    message = os_error_message(error, Path("folder") / "Liste.xlsx", writing=writing)
    verb = {True: "written", False: "read", None: "used"}[writing]
    assert message.startswith(f"Liste.xlsx cannot be {verb}: ")
    assert reason in message
