"""Opening and closing a program file off the window's thread.

Opening (`open_in_background`): `app.db.open_database` runs on a worker: it takes the file's
lock, checks the file (`PRAGMA quick_check`, or the full checks after an unclean exit) and
brings an older file up to date. Meanwhile the window keeps repainting under the wait cursor;
the user's clicks and keys wait until the file is open, as they would under a long call, so
nothing can act on a file that is not checked yet. A refused file raises as before (on the
window's thread), so callers and their messages are unchanged.

Later work (`FileJobs`), each on a worker with a handle of its own (see `app.db.owner`):

- the day's backup on open, once the file is shown. It copies the file a part at a time and
  takes turns with the window (a step at most waits); a failure is reported by
  `backup_failed` (the window says so without stopping the user).
- the backup after changes when the file is closed: the window shows the start page at once,
  and the file stays locked until the backup is made and the file closed.

Closing while the day's backup runs does not stop it: the file closes when the backup has
given its handle back. At quit (and `finish()`), the day's backup is cancelled (nothing is
kept; the next open makes it) and every job is waited for, so no change is lost and no
thread outlives the program.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEventLoop, QObject, Signal

from ui.workers import Worker

if TYPE_CHECKING:
    from sqlite_utils import Database

log = logging.getLogger(__name__)


def open_in_background(path: Path) -> Database:
    """`open_database(path)` (its backup of the day left to `FileJobs`) on a worker, while the
    window repaints; returns the handle or raises what opening raised."""
    from app.db import open_database
    from ui.opening import warmup

    # A warm-up timer may still fire in the loop below (the window shown a moment ago): none
    # may begin now, or its imports would run beside the window building the file's views.
    warmup.close()
    outcome: dict[str, Any] = {}

    def job(_report: object, _cancelled: object) -> None:
        try:
            warmup.wait()  # the imports begun on the start page end first
            outcome["db"] = open_database(path, defer_backup=True)
        except BaseException as exc:  # noqa: BLE001 - raised again on the window's thread
            outcome["error"] = exc

    worker = Worker(job, name="open")
    loop = QEventLoop()
    worker.stopped.connect(loop.quit)
    worker.start()
    # Repaints and timers go on; input waits (as under the wait cursor) until the file is
    # open. `stopped` arrives through this loop, so it cannot be missed.
    loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    worker.wait()  # when the loop ended early (the program quits)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["db"]


class FileJobs(QObject):
    """The background work of the open file (see the module's docstring)."""

    backup_failed = Signal(str)
    """The day's backup could not be made: the message for the user."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: set[Worker] = set()
        self._backups: set[Worker] = set()

    def busy(self) -> bool:
        """True while a backup or a close still runs."""
        return any(worker.is_running() for worker in self._running)

    def back_up_after_opening(self, db: Database) -> None:
        """Make the day's backup of the file just opened, when one is due."""
        from app.db import owner_of

        owner = owner_of(db)
        if not owner.backup_due:
            return
        handle = owner.handle()  # taken here: the file cannot close before the job has it

        def job(_report: object, cancelled: Any) -> object:
            try:
                return owner_of(handle).backup_on_open(cancelled=cancelled)
            finally:
                handle.close()

        worker = Worker(job, self, name="backup on open")
        worker.failed.connect(self._backup_failed)
        self._backups.add(worker)
        self._start(worker)

    def close(self, db: Database) -> None:
        """Give the window's handle back: at once when closing is quick, on a worker when
        the file was changed (closing backs it up first)."""
        from app.db import owner_of

        owner = owner_of(db)
        if not (owner.automatic_backups and owner.changed):
            db.close()
            return

        def job(_report: object, _cancelled: object) -> None:
            db.close()  # the backup after changes, then the file's lock is let go

        self._start(Worker(job, self, name="close"))

    def finish(self, msecs: int = 30_000) -> None:
        """Cancel the day's backup and wait for every job (at quit, or before a test ends)."""
        for worker in list(self._backups):
            worker.cancel()
        for worker in list(self._running):
            if not worker.wait(msecs):
                log.warning("A background job on the file did not end in time.")

    def _start(self, worker: Worker) -> None:
        self._running.add(worker)
        worker.stopped.connect(lambda w=worker: self._stopped(w))
        worker.start()

    def _stopped(self, worker: Worker) -> None:
        self._running.discard(worker)
        self._backups.discard(worker)
        worker.deleteLater()

    def _backup_failed(self, message: str) -> None:
        log.warning("The backup on opening the file could not be made.")
        self.backup_failed.emit(message)
