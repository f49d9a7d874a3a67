"""One writer per file: a second Tandem process is refused with a clear message while the
first holds the file, and gets it at once when the first was killed (the lock is SQLite's,
held by the operating system: nothing stale is left behind). Within one program the window
and its workers share the one connection and take turns."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.db import FileInUseError, open_database, owner_of
from app.model import ParticipantInput, Role
from app.services import participants
from tests.conftest import ROOT, STORAGE_MESSAGES, TANDEM_HOLDER, AnotherTandem

NEW_PERSON = ParticipantInput(
    "Anna &", "<b>Lee</b>", email="anna@example.com", role=Role.MENTOR
)  # fmt: skip


def test_a_second_process_is_refused_while_the_first_holds_the_file_and_not_after_it_died(
    db_path: Path,
) -> None:
    other = AnotherTandem(db_path)
    try:
        before = db_path.read_bytes()
        with pytest.raises(FileInUseError) as info:
            open_database(db_path)
        assert info.value.message == STORAGE_MESSAGES["busy"]["en"].format(name="program.tandem")
        assert info.value.newest_backup is not None  # the other one backed it up on open
        assert db_path.read_bytes() == before
    finally:
        other.kill()
    db = open_database(db_path)  # the dead process's lock went with it
    try:
        participants.create_participant(db, NEW_PERSON)
    finally:
        db.close()
    # Nothing to clean up by hand: the program is one file again.
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["program.tandem"]


def test_opening_the_file_again_in_the_same_program_shares_its_one_connection(
    db_path: Path,
) -> None:
    window = open_database(db_path)
    worker = open_database(db_path)
    assert worker.conn is window.conn and owner_of(worker) is owner_of(window)
    participants.create_participant(worker, NEW_PERSON)
    worker.close()
    assert [p.last_name for p in participants.list_participants(window)] == ["<b>Lee</b>"]
    other = subprocess.run(
        [sys.executable, "-c", TANDEM_HOLDER, str(ROOT), str(db_path)],
        input="\n", capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert "FileInUseError" in other.stderr  # still held: the window's handle is open
    window.close()
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["program.tandem"]


def test_another_thread_waits_for_a_transaction_and_never_sees_it_half_done(
    db_path: Path,
) -> None:
    window = open_database(db_path)
    worker = open_database(db_path)
    inside, reading = threading.Event(), threading.Event()
    seen: list[int] = []

    def read() -> None:
        reading.set()
        seen.append(len(participants.list_participants(window)))

    def write_then_fail() -> None:
        with pytest.raises(RuntimeError), worker.atomic():
            participants.create_participant(worker, NEW_PERSON)
            inside.set()
            reading.wait(10)
            time.sleep(0.2)  # time enough for the reader to read, were it let in
            raise RuntimeError("the import was cancelled")

    writer = threading.Thread(target=write_then_fail)
    writer.start()
    assert inside.wait(10)
    reader = threading.Thread(target=read)
    reader.start()
    reader.join(30)
    writer.join(30)
    assert seen == [0]  # it waited for the rollback, and never saw the rolled-back person
    worker.close()
    window.close()


def test_a_handle_closed_inside_its_transaction_rolls_it_back_and_frees_the_file(
    db_path: Path,
) -> None:
    window = open_database(db_path)

    def forgetful_job() -> None:
        worker = open_database(db_path)
        worker.conn.execute(
            "INSERT INTO settings (key, value) VALUES ('company_name', 'Acme')"
        )  # Python opened a transaction for it, and nobody commits
        worker.close()

    job = threading.Thread(target=forgetful_job)
    job.start()
    job.join(30)
    assert window.execute(
        "SELECT count(*) FROM settings WHERE key = 'company_name'"
    ).fetchone() == (0,)
    participants.create_participant(window, NEW_PERSON)  # the window can write at once
    window.close()
