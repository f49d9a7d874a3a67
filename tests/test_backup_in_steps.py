"""Backups made while the window works on the file (issue 11, §6): the day's backup can be
left to a worker, the copy takes turns with other threads a part at a time, what is written
meanwhile ends up in the copy, a cancelled backup leaves nothing behind, and a new handle
on the file never aborts a read another thread has under way."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date
from pathlib import Path

import pytest

from app.db import backups, open_database, owner_of
from app.db.backups import OPENED, BackupCancelled, backup_folder, list_backups
from app.model import ParticipantInput, Role
from app.services import participants


def person(n: int) -> ParticipantInput:
    return ParticipantInput(
        f"Łukasz {n}", "Dvořák-Şahin", email=f"p{n}@example.com", role=Role.MENTOR,
        consent_date=date(2026, 1, 9),
    )  # fmt: skip


def names_in(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT first_name FROM participants ORDER BY id")]
    finally:
        conn.close()


@pytest.fixture
def big_file(db_path: Path) -> Path:
    """A file of a few hundred people: a copy of it takes several steps of 4 pages."""
    db = open_database(db_path, automatic_backups=False)
    try:
        with db.atomic():
            for n in range(400):
                participants.create_participant(db, person(n))
    finally:
        db.close()
    return db_path


def test_the_days_backup_can_be_left_to_the_caller(big_file: Path) -> None:
    db = open_database(big_file, defer_backup=True)
    try:
        owner = owner_of(db)
        assert owner.backup_due and list_backups(backup_folder(big_file)) == []
        made = owner.backup_on_open()
        assert made is not None and made.reason == OPENED
        assert not owner.backup_due
        assert owner.backup_on_open() is None  # one a day
    finally:
        db.close()
    assert len(names_in(made.path)) == 400


def test_a_copy_in_steps_takes_in_what_is_written_between_the_steps(
    big_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backups, "COPY_STEP_PAGES", 4)
    db = open_database(big_file, defer_backup=True)
    steps: list[int] = []

    def between_steps() -> bool:  # asked between two steps of the copy
        steps.append(1)
        if len(steps) == 2:
            participants.create_participant(db, person(1000))  # the window saves meanwhile
        return False

    try:
        made = owner_of(db).backup_on_open(cancelled=between_steps)
    finally:
        db.close()
    assert made is not None and len(steps) > 2
    assert len(names_in(made.path)) == 401 and names_in(made.path)[-1] == "Łukasz 1000"


def test_a_cancelled_backup_keeps_nothing(big_file: Path, monkeypatch) -> None:
    monkeypatch.setattr(backups, "COPY_STEP_PAGES", 4)
    db = open_database(big_file, defer_backup=True)
    try:
        with pytest.raises(BackupCancelled):
            owner_of(db).backup_on_open(cancelled=lambda: True)
    finally:
        db.close()
    folder = backup_folder(big_file)
    assert [p.name for p in folder.iterdir() if p.suffix != ".json"] == []


def test_a_window_read_waits_for_one_step_of_the_copy_at_most(
    big_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backups, "COPY_STEP_PAGES", 4)
    db = open_database(big_file, defer_backup=True)
    worker = owner_of(db).handle()
    read_between_steps = threading.Event()
    copying = threading.Event()
    read: list[int] = []

    def between_steps() -> bool:
        copying.set()
        # The window's thread gets its turn while the copy goes on.
        read_between_steps.wait(5)
        return False

    thread = threading.Thread(
        target=lambda: owner_of(worker).backup_on_open(cancelled=between_steps)
    )
    thread.start()
    try:
        assert copying.wait(5)
        read.append(len(participants.list_participants(db)))  # would wait for the whole copy
        read_between_steps.set()
        thread.join(10)
    finally:
        read_between_steps.set()
        worker.close()
        db.close()
    assert read == [400] and not thread.is_alive()
    assert len(list_backups(backup_folder(big_file))) == 1


def test_a_new_handle_does_not_abort_a_read_under_way(big_file: Path) -> None:
    db = open_database(big_file)
    try:
        rows = db.execute("SELECT first_name FROM participants ORDER BY id")
        first = rows.fetchmany(2)
        other = owner_of(db).handle()  # a worker takes its handle meanwhile
        rest = rows.fetchall()
        other.close()
    finally:
        db.close()
    assert [r[0] for r in first + rest] == [f"Łukasz {n}" for n in range(400)]
