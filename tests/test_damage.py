"""Integrity: a page overwritten with garbage is found when the file is opened; the damaged
file is never written to, is kept aside under a telling name with its bytes untouched, and a
backup takes its place. After an unclean exit the open runs the full checks."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from app.db import FileDamagedError, FileInUseError, connection, open_database
from app.db.backups import CLOSED, backup_folder, list_backups
from app.db.integrity import OPEN_MARKER
from app.db.owner import restore_damaged
from app.errors import FileRefusedError
from app.model import ParticipantInput, Role
from app.services import participants, safekeeping
from tests.conftest import AnotherTandem

PAGE = 4096


def fill(path: Path, people: int = 200) -> None:
    """`people` participants (several pages of the file), written and closed."""
    db = open_database(path)
    with db.atomic():
        for n in range(people):
            participants.create_participant(
                db,
                ParticipantInput(
                    f"Łukasz {n}", "Dvořák-Şahin", email=f"p{n}@example.com",
                    department="Vertrieb & <b>Marketing</b>", role=Role.MENTOR,
                    consent_date=date(2026, 1, 9),
                ),
            )  # fmt: skip
    db.close()


def overwrite_a_page(path: Path, page: int) -> bytes:
    """Garbage over one whole page (numbered from 1), as a failing disk leaves it."""
    data = bytearray(path.read_bytes())
    garbage = random.Random(page).randbytes(PAGE)
    data[(page - 1) * PAGE : page * PAGE] = garbage
    path.write_bytes(bytes(data))
    return bytes(data)


def participants_page(path: Path) -> int:
    """A page that holds participants (a leaf of their table)."""
    conn = sqlite3.connect(path)
    try:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'participants'")
        return int(root.fetchone()[0]) + 1
    finally:
        conn.close()


def test_a_page_of_garbage_is_found_on_open_kept_aside_untouched_and_restored(
    db_path: Path,
) -> None:
    fill(db_path)
    page = participants_page(db_path)
    good = list_backups(backup_folder(db_path))[0]
    assert good.reason == CLOSED
    damaged = overwrite_a_page(db_path, page)
    backups_before = list_backups(backup_folder(db_path))

    with pytest.raises(FileDamagedError) as info:
        open_database(db_path)
    assert info.value.message == "The file program.tandem is damaged and cannot be opened."
    assert info.value.newest_backup == good
    assert db_path.read_bytes() == damaged  # never written to
    assert list_backups(backup_folder(db_path)) == backups_before  # no backup of it

    aside = restore_damaged(db_path, good.path)
    assert aside.parent == db_path.parent
    assert aside.name.startswith("program (damaged ") and aside.suffix == ".tandem"
    assert aside.read_bytes() == damaged  # kept as it was
    db = open_database(db_path)
    try:
        assert len(participants.list_participants(db)) == 200
        assert safekeeping.check(db) == []
    finally:
        db.close()


def test_a_damaged_file_without_a_readable_first_page_is_refused_untouched(
    db_path: Path,
) -> None:
    fill(db_path, people=5)
    data = bytearray(db_path.read_bytes())
    data[100:PAGE] = b"\xff" * (PAGE - 100)  # the schema page, behind a sound header
    db_path.write_bytes(bytes(data))
    with pytest.raises(FileDamagedError):
        open_database(db_path)
    assert db_path.read_bytes() == bytes(data)


def test_restoring_refuses_a_damaged_backup_and_a_file_another_tandem_holds(
    db_path: Path, tmp_path: Path
) -> None:
    fill(db_path, people=5)
    broken = tmp_path / "broken.tandem"
    broken.write_bytes(db_path.read_bytes())
    overwrite_a_page(broken, participants_page(broken))
    before = db_path.read_bytes()
    with pytest.raises(FileRefusedError) as info:
        restore_damaged(db_path, broken)
    assert info.value.message == "The backup broken.tandem is damaged too: choose another one."
    good = list_backups(backup_folder(db_path))[0].path
    other = AnotherTandem(db_path)
    try:
        with pytest.raises(FileInUseError):
            restore_damaged(db_path, good)
    finally:
        other.kill()
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == [
        "broken.tandem",
        "program.tandem",
    ]


def _spy_on_full_checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    calls: list[Path] = []
    real = connection.full_problems

    def spy(conn: sqlite3.Connection) -> list[str]:
        calls.append(conn.path)  # type: ignore[attr-defined]
        return real(conn)

    monkeypatch.setattr(connection, "full_problems", spy)
    return calls


def test_after_an_unclean_exit_the_open_runs_the_full_checks(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(db_path, people=3)
    full_checks = _spy_on_full_checks(monkeypatch)
    open_database(db_path).close()
    assert full_checks == []  # a clean close: the quick check is enough
    other = AnotherTandem(db_path)
    other.kill()  # a crash: the note of the open file stays
    assert (backup_folder(db_path) / OPEN_MARKER).exists()
    db = open_database(db_path)
    db.close()
    assert full_checks == [db_path]
    assert not (backup_folder(db_path) / OPEN_MARKER).exists()


def test_a_broken_reference_is_found_by_the_full_check_after_a_crash(db_path: Path) -> None:
    fill(db_path, people=3)
    conn = sqlite3.connect(db_path)  # a bug or a tool wrote without foreign keys
    conn.execute("UPDATE participants SET manager_id = 999 WHERE id = 1")
    conn.commit()
    conn.close()
    open_database(db_path).close()  # quick_check does not look at references
    other = AnotherTandem(db_path)
    other.kill()
    with pytest.raises(FileDamagedError) as info:
        open_database(db_path)
    assert info.value.problems == ["foreign key: participants row 1 -> participants"]


def test_the_check_command_exits_1_with_the_message_for_a_damaged_file(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import run

    fill(db_path, people=30)
    assert run(["--db", str(db_path), "check"]) == 0
    assert capsys.readouterr().out == "The file program.tandem is in good order.\n"
    overwrite_a_page(db_path, participants_page(db_path))
    assert run(["--db", str(db_path), "check"]) == 1
    assert capsys.readouterr().err == "The file program.tandem is damaged and cannot be opened.\n"


def test_the_real_program_restores_a_damaged_file_from_a_backup(db_path: Path) -> None:
    fill(db_path, people=30)
    good = list_backups(backup_folder(db_path))[0].path
    damaged = overwrite_a_page(db_path, participants_page(db_path))
    result = subprocess.run(
        [sys.executable, "main.py", "--db", str(db_path), "restore", str(good)],
        cwd=Path(__file__).resolve().parent.parent, capture_output=True, text=True,
        encoding="utf-8", timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    aside = next(p for p in db_path.parent.iterdir() if "damaged" in p.name)
    assert result.stdout.startswith(f"The damaged file was kept as {aside}, untouched.")
    assert aside.read_bytes() == damaged
    db = open_database(db_path)
    try:
        assert len(participants.list_participants(db)) == 30
    finally:
        db.close()
