"""Opening and closing a big file without freezing the window (issue 11, §6): the file is
checked on a worker while the window goes on repainting, the day's backup is made on a worker
once the file is shown (a failure is said beside the window, without stopping the user), and
closing while it runs loses nothing: the window shows the start page at once, the backup is
finished (or, at quit, cancelled without leaving anything) and only then is the file let go."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.db import backups, connection
from app.db.backups import CLOSED, OPENED, backup_folder, list_backups
from app.db.owner import FileOwner
from app.errors import StorageError
from app.model import RoundInput
from app.services import rounds
from tests.ui.conftest import make_window
from ui.context import AppContext


def held(path: Path) -> bool:
    """True while a Tandem holds the file's lock (nobody else may write to it)."""
    conn = sqlite3.connect(path, timeout=0)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.rollback()
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        conn.close()


def warnings_beside(window: object) -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.isVisible() and w.parent() is window
    ]


@pytest.fixture(autouse=True)
def no_backup_today(program_file: Path) -> None:
    """The seeded file was backed up when the seeding closed it: today's backup is still to
    be made when the test opens it."""
    shutil.rmtree(backup_folder(program_file), ignore_errors=True)


@pytest.fixture
def slow_backup(monkeypatch: pytest.MonkeyPatch) -> dict[str, threading.Event]:
    """The day's backup waits until the test says `go` (or until it is cancelled)."""
    events = {"started": threading.Event(), "go": threading.Event()}
    original = FileOwner.backup_on_open

    def slow(self: FileOwner, now=None, cancelled=None):  # noqa: ANN001, ANN202
        events["started"].set()
        while not events["go"].wait(0.01):
            if cancelled is not None and cancelled():
                break
        return original(self, now, cancelled)

    monkeypatch.setattr(FileOwner, "backup_on_open", slow)
    return events


def test_the_file_is_checked_on_a_worker_while_the_window_goes_on(
    qtbot, program_file: Path, contexts: list[AppContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(qtbot, None, contexts)
    ticked = threading.Event()
    seen: dict[str, bool] = {}
    original = connection.quick_problems

    def check(conn: sqlite3.Connection) -> list[str]:
        seen["on the window's thread"] = threading.current_thread() is threading.main_thread()
        # The window's timer ticks while the check runs (it could not if the check froze it).
        seen["window went on"] = ticked.wait(10)
        return original(conn)

    monkeypatch.setattr(connection, "quick_problems", check)
    timer = QTimer(window)
    timer.timeout.connect(ticked.set)
    timer.start(10)
    assert window.open_path(program_file)
    timer.stop()
    assert seen == {"on the window's thread": False, "window went on": True}
    assert window.windowTitle() == "program.tandem – Tandem"
    assert sorted(r.name for r in rounds.list_rounds(window.context.db)) == [
        "Pilot 2025",
        "Round 2026",
    ]


def test_a_failed_backup_of_the_day_is_said_beside_the_window(
    qtbot, program_file: Path, contexts: list[AppContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_room(*_args: object, **_kwargs: object) -> None:
        raise StorageError("The disk is full: free some space.")

    monkeypatch.setattr(backups, "make_backup", no_room)
    window = make_window(qtbot, program_file, contexts)
    qtbot.waitUntil(lambda: len(warnings_beside(window)) == 1)
    (box,) = warnings_beside(window)
    assert box.text() == "The automatic backup of the file could not be made."
    assert box.informativeText().startswith("The disk is full: free some space.\n\n")
    assert "stays open" in box.informativeText()
    assert not box.isModal()  # the user goes on working meanwhile
    assert window.context.is_open and window.workspace.isVisible()
    box.close()


def test_closing_while_the_backup_runs_loses_nothing(
    qtbot, program_file: Path, contexts: list[AppContext], slow_backup
) -> None:
    window = make_window(qtbot, None, contexts)
    assert window.open_path(program_file)
    assert slow_backup["started"].wait(10)
    window.close_file()
    assert window.start_page.isVisible() and not window.context.is_open  # at once
    assert held(program_file)  # the backup still works on it
    slow_backup["go"].set()
    qtbot.waitUntil(lambda: not window.context.file_jobs.busy(), timeout=20_000)
    assert [b.reason for b in list_backups(backup_folder(program_file))] == [OPENED]
    assert not held(program_file)


def test_quitting_while_the_backup_runs_cancels_it_and_leaves_nothing(
    qtbot, program_file: Path, contexts: list[AppContext], slow_backup, monkeypatch
) -> None:
    monkeypatch.setattr(backups, "COPY_STEP_PAGES", 1)
    window = make_window(qtbot, None, contexts)
    assert window.open_path(program_file)
    assert slow_backup["started"].wait(10)
    window.context.shutdown()  # as the program does when it ends
    assert not window.context.file_jobs.busy()
    folder = backup_folder(program_file)
    assert [p.name for p in folder.iterdir() if p.suffix != ".json"] == []
    assert not held(program_file)


def test_the_backup_after_changes_is_made_on_a_worker_when_the_file_closes(
    qtbot, program_file: Path, contexts: list[AppContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(qtbot, program_file, contexts)
    assert [b.reason for b in list_backups(backup_folder(program_file))] == [OPENED]
    threads: list[bool] = []
    original = FileOwner.close

    def close(self: FileOwner) -> None:
        threads.append(threading.current_thread() is threading.main_thread())
        time.sleep(0.05)  # a big file takes a moment: the window does not wait for it
        original(self)

    monkeypatch.setattr(FileOwner, "close", close)
    db = window.context.db
    start = rounds.list_rounds(db)[0].start_date
    rounds.create_round(db, RoundInput("Herbst 2026", start, start.replace(year=2027), 6, 4))
    window.context.notify_changed()
    window.close_file()
    assert window.start_page.isVisible()
    qtbot.waitUntil(lambda: not window.context.file_jobs.busy(), timeout=20_000)
    assert threads == [False]
    assert list_backups(backup_folder(program_file))[0].reason == CLOSED
    assert not held(program_file)
    assert window.open_path(program_file)
    assert "Herbst 2026" in [r.name for r in rounds.list_rounds(window.context.db)]


def test_the_counts_follow_the_open_in_their_usual_place(
    qtbot, demo_file: Path, contexts: list[AppContext]
) -> None:
    window = make_window(qtbot, demo_file, contexts)
    qtbot.waitUntil(lambda: "participants" in window.status_label.text())
    # Read a moment after the file is shown, they still stand left of the notes' lock.
    lock = window.notes_indicator  # type: ignore[attr-defined]
    assert lock.isVisible()
    assert window.status_label.geometry().right() < lock.geometry().left()
