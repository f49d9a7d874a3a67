"""A generic worker for long jobs (an import, an export, a batch of PDFs).

`Worker(job)` runs `job(progress, is_cancelled)` on its own thread and reports back by signals,
which arrive in the thread that owns the worker (the window's): the window never freezes.

- `progress(done, total)` whenever the job calls `progress(done, total)`;
- exactly one of `finished(result)`, `failed(message)` or `cancelled(message)`;
- then `stopped()`, always last.

The job polls `is_cancelled()` and stops by raising (for example `ImportCancelled`); a job that
raises after `cancel()` was asked for is reported as cancelled. A job that needs the program
file gets its own handle inside the job (`app.db.open_database(path)`): the file's one owner
in this program hands it out over the connection that holds the file's lock, and the window
and the job take turns on it (a transaction of the job keeps the turn until it ends; see
`app.db.owner`). A `TandemError`'s message goes to the user as
it is, and so does a storage error's (a full disk, a file in use: see `app.user_errors`); any
other error is a bug: logged without personal data and reported as the exception hook does.

`job_on_file(path, work)` makes such a job: it gets its handle, runs `work(db, progress)`
and gives the handle back; `progress(done, total)` returns False once
the user asked to cancel. `BackgroundJob` runs one with a busy indicator in the window and
tells the user when it failed; exports and documents build on it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.errors import TandemError
from app.i18n import tr
from app.logging_setup import format_traceback
from app.user_errors import as_user_error
from ui import dialogs
from ui.errors import bug_report

if TYPE_CHECKING:
    from sqlite_utils import Database

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]
Job = Callable[[ProgressCallback, CancelCheck], Any]
Progress = Callable[[int, int], bool]
"""`progress(done, total)` as a job on a file sees it: reports, and returns False once the
user asked to cancel (the work then stops at its next convenient point)."""
FileWork = Callable[["Database", Progress], Any]


class Cancelled(TandemError):
    """A job stopped because the user asked it to."""


def job_on_file(db_path: Path, work: FileWork) -> Job:
    """A job that gets a handle on `db_path` for its thread (through the file's owner, see
    `app.db.owner`), runs `work(db, progress)` and gives the handle back (a transaction it
    left open is rolled back). Work that returns after the user asked to cancel counts as
    cancelled."""

    def job(report: ProgressCallback, is_cancelled: CancelCheck) -> Any:
        from app.db import open_database

        def progress(done: int, total: int) -> bool:
            report(done, total)
            return not is_cancelled()

        db = open_database(db_path)
        try:
            result = work(db, progress)
        finally:
            db.close()
        if is_cancelled():
            raise Cancelled(tr("Cancelled."))
        return result

    return job


class _Thread(QThread):
    """The thread that runs one job."""

    def __init__(self, worker: Worker) -> None:
        super().__init__()
        self._worker = worker

    def run(self) -> None:
        self._worker._run()


class Worker(QObject):
    """Runs one job on a thread; start it once with `start()`, stop it with `cancel()`."""

    progress = Signal(int, int)
    """(done, total) as the job reports it."""
    finished = Signal(object)
    """The job's return value."""
    failed = Signal(str)
    """A message for the user: the job stopped with an error."""
    cancelled = Signal(str)
    """A message for the user: the job stopped because `cancel()` was asked for."""
    stopped = Signal()
    """Emitted last, after finished, failed or cancelled, once the thread has ended."""

    def __init__(self, job: Job, parent: QObject | None = None, *, name: str = "job") -> None:
        super().__init__(parent)
        self._job = job
        self._name = name
        self._cancel = threading.Event()
        self._thread: _Thread | None = None
        self._started = False

    # --- control (from the owner's thread) -------------------------------------------------
    def start(self) -> None:
        """Start the job on a new thread (a worker runs its job once)."""
        if self._started:
            raise RuntimeError("A worker runs its job only once.")
        self._started = True
        _stop_all_at_quit()
        self._thread = _Thread(self)
        self._thread.finished.connect(self._on_thread_finished)
        _RUNNING.add(self)  # alive until its thread has ended, whoever holds it
        self._thread.start()

    def cancel(self) -> None:
        """Ask the job to stop at its next `is_cancelled()` check (returns at once)."""
        self._cancel.set()

    def is_cancel_requested(self) -> bool:
        """True once `cancel()` was called (safe from any thread)."""
        return self._cancel.is_set()

    def is_running(self) -> bool:
        """True from `start()` until the job's thread has ended."""
        return self._thread is not None and self._thread.isRunning()

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the thread has ended (True) or `msecs` passed (False). Signals the
        job emitted are delivered afterwards, by the event loop."""
        if self._thread is None:
            return True
        return bool(self._thread.wait(msecs))

    def stop(self, msecs: int = 30_000) -> bool:
        """Cancel and wait: for closing a window while a job still runs."""
        self.cancel()
        return self.wait(msecs)

    # --- on the job's thread -------------------------------------------------------------
    def _report(self, done: int, total: int) -> None:
        self.progress.emit(int(done), int(total))

    def _run(self) -> None:
        try:
            result = self._job(self._report, self._cancel.is_set)
        except Exception as exc:  # noqa: BLE001 - a bug in a job must not end the program
            error = as_user_error(exc)
            if error is not None:
                if self._cancel.is_set():
                    self.cancelled.emit(error.message)
                else:
                    self.failed.emit(error.message)
            elif self._cancel.is_set():
                self.cancelled.emit(tr("Cancelled."))
            else:
                log.error(
                    "A background job (%s) failed\n%s",
                    self._name,
                    format_traceback(type(exc), exc, exc.__traceback__),
                )
                self.failed.emit("\n\n".join(bug_report(exc)))
        else:
            self.finished.emit(result)

    def _on_thread_finished(self) -> None:
        if self._thread is not None:
            self._thread.wait()
        _RUNNING.discard(self)
        self.stopped.emit()


_RUNNING: set[Worker] = set()
_AT_QUIT: list[bool] = []


def _stop_all_at_quit() -> None:
    """At quit, cancel the jobs still running and wait for their threads: a thread that
    still runs when the program ends takes it down with it."""
    if _AT_QUIT:
        return
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(stop_all)
        _AT_QUIT.append(True)


def stop_all(msecs: int = 30_000) -> None:
    """Cancel every running job and wait (at most `msecs` each) for its thread to end."""
    for worker in list(_RUNNING):
        worker.stop(msecs)


class BackgroundJob(QObject):
    """`work(db, progress)` on a worker with a connection of its own, an indeterminate busy
    dialog meanwhile (shown only when the work takes a moment; the window keeps repainting
    but takes no input), and a warning when it fails. Subclasses act on the result in
    `succeeded()`; `done` tells whoever waits how it ended."""

    done = Signal(bool)
    """True when the work succeeded, False when it failed (the user was told why)."""

    failure_text: str = ""
    """N_()-marked first line of the warning when the work failed."""

    def __init__(
        self,
        db_path: Path,
        work: FileWork,
        *,
        name: str,
        busy_text: str,
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self.message: str | None = None
        """The failure's message, once the work failed."""
        self.worker = Worker(job_on_file(db_path, work), name=name)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.busy = QProgressDialog(busy_text, "", 0, 0, parent)
        self.busy.setWindowTitle(title)
        self.busy.setCancelButton(None)
        self.busy.setWindowModality(Qt.WindowModality.WindowModal)
        self.busy.setMinimumDuration(400)
        self.busy.setAutoClose(False)
        self.busy.setAutoReset(False)

    def start(self) -> None:
        """Start the work in the background."""
        self.busy.setValue(0)
        self.worker.start()

    def succeeded(self, result: Any) -> None:
        """Act on what the work returned (tell the user, show it)."""
        raise NotImplementedError

    def _close_busy(self) -> None:
        self.busy.reset()
        self.busy.hide()
        self.busy.deleteLater()

    def _on_finished(self, result: Any) -> None:
        self._close_busy()
        self.succeeded(result)
        self.done.emit(True)

    def _on_failed(self, message: str) -> None:
        self._close_busy()
        self.message = message
        dialogs.show_warning(self._parent, tr(self.failure_text), message)
        self.done.emit(False)
