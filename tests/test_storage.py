"""When the disk or the file refuses: a program writing for a moment delays opening, a file
another program keeps is refused at open, and a read-only file or folder and a full disk each
give their message, with the file's bytes exactly as they were. Once Tandem holds the file no
other program can read or write it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from app import i18n
from app.db import FileInUseError, create_database, open_database
from app.demo import generate_demo
from app.errors import StorageError, is_unsaved
from app.model import ParticipantInput, Role
from app.services import participants
from tests.conftest import STORAGE_MESSAGES, held_by_another_program, read_only, unchanged

NEW_PERSON = ParticipantInput(
    "Łukasz", "Dvořák-Şahin", email="lukasz@example.com", role=Role.MENTOR,
    consent_date=date(2026, 1, 9),
)  # fmt: skip


def message(kind: str, language: str = "en") -> str:
    return STORAGE_MESSAGES[kind][language].format(name="program.tandem")


def test_a_program_that_writes_for_a_moment_delays_opening_then_tandem_holds_the_file(
    db_path: Path,
) -> None:
    with held_by_another_program(db_path) as other:
        other.release_after(0.5)  # within the 1.5 s Tandem keeps trying
        db = open_database(db_path)
    try:
        participants.create_participant(db, NEW_PERSON)
        # From now on no other program can read or write the file, not even for a moment.
        assert _what_another_program_gets(db_path, "SELECT count(*) FROM participants") == (
            "database is locked"
        )
        assert _what_another_program_gets(db_path, "BEGIN IMMEDIATE") == "database is locked"
    finally:
        db.close()
    assert _what_another_program_gets(db_path, "SELECT count(*) FROM participants") == "(1,)"


def test_a_file_another_program_keeps_is_refused_at_open_untouched(
    db_path: Path, impatient
) -> None:
    before = db_path.read_bytes()
    with held_by_another_program(db_path), pytest.raises(FileInUseError) as info:
        open_database(db_path)
    assert info.value.message == message("busy")
    assert unchanged(db_path, before)
    db = open_database(db_path)  # once the other program let go
    db.close()


_PEEK = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], timeout=0)
try:
    print(conn.execute(sys.argv[2]).fetchone())
except sqlite3.Error as exc:
    print(exc)
"""


def _what_another_program_gets(path: Path, sql: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", _PEEK, str(path), sql],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return result.stdout.strip()


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_read_only_file_can_be_read_but_a_change_is_refused(db_path: Path, language: str) -> None:
    participants.create_participant(db := open_database(db_path), NEW_PERSON)
    db.close()
    before = db_path.read_bytes()
    i18n.set_language(language)
    with read_only(db_path):
        db = open_database(db_path)
        try:
            assert len(participants.list_participants(db)) == 1
            with pytest.raises(StorageError) as info:
                participants.create_participant(db, replace(NEW_PERSON, email="x@example.com"))
        finally:
            db.close()
    assert info.value.message == message("read-only file", language)
    assert unchanged(db_path, before)


def test_a_read_only_folder_refuses_a_change_with_its_own_message(db_path: Path) -> None:
    before = db_path.read_bytes()
    with read_only(db_path.parent):
        db = open_database(db_path)
        try:
            with pytest.raises(StorageError) as info:
                generate_demo(db, participants=60)
        finally:
            db.close()
    assert info.value.message == message("read-only folder")
    assert unchanged(db_path, before)


def test_a_full_disk_rolls_the_whole_change_back(db_path: Path, disk_full) -> None:
    before = db_path.read_bytes()
    db = open_database(db_path)
    try:
        with pytest.raises(StorageError) as info:
            generate_demo(db, participants=60)
        assert participants.list_participants(db) == []
    finally:
        db.close()
    assert info.value.message == message("disk full")
    assert unchanged(db_path, before)


def test_creating_a_file_on_a_full_disk_leaves_no_empty_file(tmp_path: Path, disk_full) -> None:
    path = tmp_path / "new.tandem"
    with pytest.raises(StorageError) as info:
        create_database(path)
    assert info.value.message == (
        "There is no space left on the disk that holds the file new.tandem. Free some space "
        "and try again. No file was created."
    )
    assert list(tmp_path.iterdir()) == []


def test_a_bug_inside_a_transaction_is_rolled_back_and_marked_unsaved(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        with pytest.raises(sqlite3.IntegrityError) as info, db.atomic():
            db.execute("INSERT INTO settings (key, value) VALUES ('company_name', 'Acme')")
            db.execute("INSERT INTO settings (key, value) VALUES ('company_name', 'Again')")
        assert is_unsaved(info.value)
        assert db.execute(
            "SELECT count(*) FROM settings WHERE key = 'company_name'"
        ).fetchone() == (0,)
    finally:
        db.close()


def test_creating_a_file_in_a_read_only_folder_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    with read_only(folder), pytest.raises(StorageError) as info:
        create_database(folder / "new.tandem")
    assert info.value.message == (
        "The file new.tandem cannot be created: Tandem may not write in its folder, or the "
        "folder cannot be reached. No file was created."
    )
    assert list(folder.iterdir()) == []
