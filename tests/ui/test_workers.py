"""The generic worker in isolation: the job runs on another thread, progress and the result
arrive by signals in the window's thread, cancel stops the job, errors become messages."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QThread

from app.db import open_database
from app.errors import StorageError, TandemError
from app.model import ParticipantInput
from app.services.participants import create_participant, list_participants
from ui.workers import Worker


def test_the_job_runs_on_another_thread_and_reports_progress(qtbot) -> None:
    seen_threads: list[object] = []

    def job(progress, is_cancelled) -> str:
        seen_threads.append(threading.get_ident())
        for done in range(0, 101, 25):
            progress(done, 100)
        return "all done"

    worker = Worker(job)
    reports: list[tuple[int, int, bool]] = []
    worker.progress.connect(
        lambda done, total: reports.append(
            (done, total, QThread.currentThread() == worker.thread())
        )
    )
    results: list[object] = []
    worker.finished.connect(results.append)
    with qtbot.waitSignal(worker.stopped, timeout=10_000):
        worker.start()
    assert results == ["all done"]
    assert seen_threads and seen_threads[0] != threading.get_ident()
    assert [(d, t) for d, t, _ in reports] == [
        (0, 100),
        (25, 100),
        (50, 100),
        (75, 100),
        (100, 100),
    ]
    assert all(in_owner_thread for _, _, in_owner_thread in reports)
    assert not worker.is_running()
    with pytest.raises(RuntimeError):
        worker.start()  # a worker runs its job once


def test_cancel_stops_the_job_and_is_reported_as_cancelled(qtbot) -> None:
    may_go_on = threading.Event()
    steps: list[int] = []

    class Stopped(TandemError):
        pass

    def job(progress, is_cancelled) -> int:
        for step in range(1000):
            progress(step, 1000)
            if step == 3:
                may_go_on.wait(10)  # wait until the test has pressed cancel
            if is_cancelled():
                raise Stopped("Stopped by the user.")
            steps.append(step)
        return len(steps)

    worker = Worker(job)
    finished: list[object] = []
    cancelled: list[str] = []
    worker.finished.connect(finished.append)
    worker.cancelled.connect(cancelled.append)

    def on_progress(done: int, total: int) -> None:
        if done == 3 and not worker.is_cancel_requested():
            worker.cancel()
            may_go_on.set()

    worker.progress.connect(on_progress)
    with qtbot.waitSignal(worker.stopped, timeout=10_000):
        worker.start()
    assert cancelled == ["Stopped by the user."] and finished == []
    assert steps == [0, 1, 2]


def test_a_tandem_error_is_a_message_and_a_bug_is_a_general_one(qtbot) -> None:
    def refused(progress, is_cancelled) -> None:
        raise StorageError("The disk is full.")

    worker = Worker(refused)
    failed: list[str] = []
    worker.failed.connect(failed.append)
    with qtbot.waitSignal(worker.stopped, timeout=10_000):
        worker.start()
    assert failed == ["The disk is full."]

    def buggy(progress, is_cancelled) -> None:
        raise KeyError("Anna Secret-Name")

    worker = Worker(buggy)
    failed.clear()
    worker.failed.connect(failed.append)
    with qtbot.waitSignal(worker.stopped, timeout=10_000):
        worker.start()
    assert len(failed) == 1
    assert failed[0].startswith("Sorry, Tandem ran into an unexpected error")
    assert "Anna Secret-Name" not in failed[0]  # no data from the error reaches the user


def test_stop_cancels_and_waits(qtbot) -> None:
    started = threading.Event()

    def job(progress, is_cancelled) -> str:
        started.set()
        while not is_cancelled():
            threading.Event().wait(0.005)
        raise TandemError("Cancelled here.")

    worker = Worker(job)
    cancelled: list[str] = []
    worker.cancelled.connect(cancelled.append)
    with qtbot.waitSignal(worker.stopped, timeout=10_000):
        worker.start()
        assert started.wait(5)
        assert worker.is_running()
        assert worker.stop(5_000)
        assert not worker.is_running()
    assert cancelled == ["Cancelled here."]


def test_a_job_with_its_own_connection_writes_the_file(qtbot, db_path: Path) -> None:
    """The pattern for every job that writes: open the file inside the job."""

    def job(progress, is_cancelled) -> int:
        db = open_database(db_path)
        try:
            person = create_participant(db, ParticipantInput("Łukasz", "Dvořák-Şahin"))
            return person.id
        finally:
            db.close()

    worker = Worker(job)
    ids: list[int] = []
    worker.finished.connect(ids.append)
    with qtbot.waitSignal(worker.stopped, timeout=10_000):
        worker.start()
    db = open_database(db_path)
    try:
        assert [p.id for p in list_participants(db)] == ids
        assert list_participants(db)[0].name == "Łukasz Dvořák-Şahin"
    finally:
        db.close()
