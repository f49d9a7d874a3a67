"""The command line's `backup [--to DIR]`, `backups`, `check` and `restore BACKUP` on a sound
file: a verified copy where it was asked for, the list, and a restore that backs up what the
file held first."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from app.cli import run
from app.db import open_database
from app.db.backups import BEFORE_RESTORE, MANUAL, backup_folder, list_backups
from app.model import ParticipantInput, Role
from app.services import participants
from tests.conftest import STORAGE_MESSAGES, AnotherTandem
from tests.helpers.read_only import people_in


def add_person(path: Path, n: int) -> None:
    db = open_database(path)
    try:
        participants.create_participant(
            db,
            ParticipantInput(
                f"Łukasz {n}", "Dvořák-Şahin", email=f"p{n}@example.com", role=Role.MENTOR,
                consent_date=date(2026, 1, 9),
            ),
        )  # fmt: skip
    finally:
        db.close()


def test_backup_goes_to_tandems_folder_or_where_asked(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_person(db_path, 1)
    assert run(["--db", str(db_path), "backup"]) == 0
    newest = list_backups(backup_folder(db_path))[0]
    assert newest.reason == MANUAL
    assert capsys.readouterr().out == f"Backup saved: {newest.path}\n"
    stick = tmp_path / "USB-Stick"
    stick.mkdir()
    assert run(["--db", str(db_path), "--lang", "de", "backup", "--to", str(stick)]) == 0
    (copy,) = stick.iterdir()
    assert capsys.readouterr().out == f"Sicherung gespeichert: {copy}\n"
    assert copy.name.startswith("program ") and copy.suffix == ".tandem"
    assert people_in(copy) == 1
    assert run(["--db", str(db_path), "backup", "--to", str(tmp_path / "missing")]) == 1
    assert capsys.readouterr().err == f"The folder {tmp_path / 'missing'} does not exist.\n"


def test_backups_lists_them_newest_first(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_person(db_path, 1)
    assert run(["--db", str(db_path), "backups", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    found = list_backups(backup_folder(db_path))
    assert [item["path"] for item in listed] == [str(b.path) for b in found]
    assert [item["reason"] for item in listed] == ["closed", "opened"]
    assert run(["--db", str(db_path), "backups"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    size = f"{round(found[0].size / 1024)} KB"
    assert lines[0].endswith(f"(when the file was closed after changes)  {size}  {found[0].path}")


def test_restore_backs_up_what_the_file_holds_and_puts_the_backup_in_place(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_person(db_path, 1)
    one = list_backups(backup_folder(db_path))[0].path
    add_person(db_path, 2)
    assert people_in(db_path) == 2
    assert run(["--db", str(db_path), "restore", str(one)]) == 0
    assert people_in(db_path) == 1
    before_restore = next(
        b for b in list_backups(backup_folder(db_path)) if b.reason == BEFORE_RESTORE
    )
    assert people_in(before_restore.path) == 2
    assert capsys.readouterr().out == (
        f"The backup {one.name} is now in place of program.tandem.\n"
        f"What the file held before: {before_restore.path}\n"
    )
    assert run(["--db", str(db_path), "check"]) == 0


def test_restore_refuses_a_file_that_is_not_a_tandem_backup(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "liste.tandem"
    text.write_text("Vorname;Nachname\n", encoding="utf-8")
    before = db_path.read_bytes()
    assert run(["--db", str(db_path), "restore", str(text)]) == 1
    assert capsys.readouterr().err == "The file liste.tandem is not a Tandem file.\n"
    assert db_path.read_bytes() == before


def test_commands_on_a_file_another_tandem_holds_say_so(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_person(db_path, 1)
    backup = list_backups(backup_folder(db_path))[0].path
    other = AnotherTandem(db_path)
    try:
        before = db_path.read_bytes()
        for command in (["backup"], ["check"], ["restore", str(backup)]):
            assert run(["--db", str(db_path), "--lang", "de", *command]) == 1
            message = STORAGE_MESSAGES["busy"]["de"].format(name="program.tandem")
            assert capsys.readouterr().err == message + "\n"
        assert db_path.read_bytes() == before
    finally:
        other.kill()
