"""Automatic, verified backups: made through the owning connection into Tandem's own data
folder, checked before they are kept, on open (once a day), on close after changes and
before a migration (never overwriting one another), consistent while the program writes,
and rotated on a simulated clock exactly as promised."""

from __future__ import annotations

import os
import threading
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from app.db import backups, open_database, owner_of
from app.db.backups import (
    BEFORE_UPDATE,
    CLOSED,
    MANUAL,
    OPENED,
    backup_folder,
    backup_name,
    list_backups,
    rotate,
)
from app.db.migrations import backup_before_migration
from app.errors import StorageError
from app.model import ParticipantInput, Role
from app.services import participants
from tests.helpers.read_only import integrity, people_in


def person(n: int) -> ParticipantInput:
    return ParticipantInput(
        f"Łukasz {n}", "Dvořák-Şahin", email=f"p{n}@example.com", role=Role.MENTOR,
        consent_date=date(2026, 1, 9),
    )  # fmt: skip


def test_backups_live_in_tandems_data_folder_one_folder_per_file(tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "program.tandem", tmp_path / "b" / "program.tandem"
    home = Path(os.environ["TANDEM_HOME"])
    assert backup_folder(first).parent == home / "backups"
    assert backup_folder(first) != backup_folder(second)
    assert backup_folder(first).name.startswith("program-")


def test_open_backs_up_once_a_day_and_close_after_changes(db_path: Path) -> None:
    folder = backup_folder(db_path)
    db = open_database(db_path)
    assert [b.reason for b in list_backups(folder)] == [OPENED]
    db.close()  # nothing changed: no backup
    db = open_database(db_path)  # the same day: no second backup on open
    assert [b.reason for b in list_backups(folder)] == [OPENED]
    participants.create_participant(db, person(1))
    db.close()
    found = list_backups(folder)
    assert [b.reason for b in found] == [CLOSED, OPENED]
    assert people_in(found[0].path) == 1 and people_in(found[1].path) == 0
    assert all(b.size == b.path.stat().st_size > 0 for b in found)
    # Nothing is written beside the program file.
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["program.tandem"]


def test_the_open_backup_waits_for_a_new_day(db_path: Path) -> None:
    db = open_database(db_path)
    owner = owner_of(db)
    tomorrow = datetime.now() + timedelta(days=1)
    assert owner.backup_if_none_today(datetime.now()) is None
    made = owner.backup_if_none_today(tomorrow)
    assert made is not None and made.reason == OPENED
    assert made.made_at.date() == tomorrow.date()
    db.close()


def test_backups_before_migrations_never_overwrite_each_other(db_path: Path) -> None:
    db = open_database(db_path)
    participants.create_participant(db, person(1))
    first = backup_before_migration(db, db_path, 1)
    participants.create_participant(db, person(2))
    second = backup_before_migration(db, db_path, 1)  # the same version again, same second
    db.close()
    assert first != second
    assert (people_in(first), people_in(second)) == (1, 2)
    assert [b.reason for b in list_backups(backup_folder(db_path))].count(BEFORE_UPDATE) == 2


def test_a_copy_that_fails_its_check_is_not_kept(db_path: Path, monkeypatch) -> None:
    db = open_database(db_path)
    owner = owner_of(db)
    before = {b.path for b in owner.backups()}
    monkeypatch.setattr(backups, "integrity_problems", lambda path: ["*** in database main"])
    with pytest.raises(StorageError) as info:
        owner.backup()
    assert "failed its check" in info.value.message
    assert {b.path for b in owner.backups()} == before
    assert sorted(p.name for p in owner.folder.iterdir() if p.name.startswith(".")) == []
    monkeypatch.undo()
    db.close()


def test_a_backup_into_a_folder_that_cannot_take_it_says_so(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        with pytest.raises(StorageError) as info:
            owner_of(db).backup_to(db_path.parent / "missing")
        assert info.value.message == f"The folder {db_path.parent / 'missing'} does not exist."
    finally:
        db.close()


def test_a_backup_taken_while_the_owner_writes_passes_the_integrity_check(
    db_path: Path,
) -> None:
    """A worker thread writes batches of ten people, each in its own transaction, through
    its handle on the file, while the window's thread takes backups through the owner."""
    db = open_database(db_path)
    owner = owner_of(db)
    batches, size = 150, 10
    done = threading.Event()
    failures: list[BaseException] = []

    def write() -> None:
        worker = open_database(db_path)  # a worker's handle: the same owner, the same lock
        try:
            for batch in range(batches):
                with worker.atomic():
                    for n in range(size):
                        participants.create_participant(worker, person(batch * size + n))
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            failures.append(exc)
        finally:
            worker.close()
            done.set()

    writer = threading.Thread(target=write)
    writer.start()
    taken = []
    while not done.is_set() or not taken:
        taken.append(owner.backup(MANUAL).path)
    writer.join()
    db.close()
    assert failures == []
    counts = [people_in(path) for path in taken if path.exists()]  # rotation keeps the last
    assert all(integrity(path) == "ok" for path in taken if path.exists())
    assert all(count % size == 0 for count in counts)  # whole transactions, never half
    assert any(0 < count < batches * size for count in counts)  # taken while writing


def test_rotation_on_a_simulated_clock_keeps_exactly_what_it_promises(tmp_path: Path) -> None:
    """Two backups a day (9:00 and 17:00) from 1 January 2025 to 15 March 2026, rotated
    after each one as the program does; plus one made before an update in June 2025."""
    folder = tmp_path / "backups"
    folder.mkdir()

    def at(day: date, hour: int) -> datetime:
        return datetime(day.year, day.month, day.day, hour)

    def make(when: datetime, reason: str = CLOSED) -> None:
        (folder / backup_name("program", when, reason)).write_bytes(b"x")
        rotate(folder, now=when)

    day = date(2025, 1, 1)
    while day <= date(2026, 3, 15):
        make(at(day, 9))
        if day == date(2025, 6, 10):
            make(at(day, 12), BEFORE_UPDATE)
        make(at(day, 17))
        day += timedelta(days=1)

    kept = {b.made_at for b in list_backups(folder)}
    newest_ten = {at(date(2026, 3, d), h) for d in range(11, 16) for h in (9, 17)}
    one_a_day = {at(date(2026, 3, d), 17) for d in range(2, 16)}  # the last 14 days
    month_ends = [date(2025, m + 1, 1) - timedelta(days=1) for m in range(4, 12)]
    month_ends += [date(2025, 12, 31), date(2026, 1, 31), date(2026, 2, 28)]
    one_a_month = {at(d, 17) for d in month_ends} | {at(date(2026, 3, 15), 17)}
    assert len(one_a_month) == 12  # April 2025 to March 2026
    before_update = {at(date(2025, 6, 10), 12)}
    assert kept == newest_ten | one_a_day | one_a_month | before_update
    assert len(kept) == 10 + 9 + 11 + 1

    # In April the oldest month (April 2025) drops out, and the days and the newest ten
    # move on; March keeps its newest.
    make(at(date(2026, 4, 1), 9))
    kept_next = {b.made_at for b in list_backups(folder)}
    assert at(date(2025, 4, 30), 17) not in kept_next
    assert at(date(2025, 5, 31), 17) in kept_next
    assert at(date(2026, 3, 11), 9) not in kept_next  # no longer among the newest ten
    assert at(date(2026, 3, 11), 17) in kept_next  # still among them
    assert at(date(2026, 3, 2), 17) not in kept_next  # no longer within 14 days
    assert at(date(2026, 3, 15), 17) in kept_next  # the newest of March


def test_rotation_removes_what_a_cut_short_backup_left(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / ".backup-abc123.tmp").write_bytes(b"half")
    (folder / backup_name("program", datetime(2026, 3, 1, 9), OPENED)).write_bytes(b"x")
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    removed = rotate(folder, now=datetime(2026, 3, 1, 10))
    assert [p.name for p in removed] == [".backup-abc123.tmp"]
    assert sorted(p.name for p in folder.iterdir()) == [
        "notes.txt",
        "program 2026-03-01 09-00-00 opened.tandem",
    ]
