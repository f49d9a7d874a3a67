"""The application context: the open program file, shared by the main window and every view.

Views never open files themselves: they read `context.db` and listen to the signals.
After a view (or a dialog) writes through a service, it calls `context.notify_changed(area)`
so every other view showing that area reloads.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app import user_prefs
from app.errors import TandemError

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ui.opening.background import FileJobs

FILE_SUFFIX = ".tandem"  # as app.db.FILE_SUFFIX, which is imported only when a file is opened

log = logging.getLogger(__name__)

# Areas for `data_changed`; views say which of these they show. ALL means "reload everything".
ALL = "*"
PARTICIPANTS, ROUNDS, TANDEMS, SESSIONS = "participants", "rounds", "tandems", "sessions"
CHECKINS, NOTES, SETTINGS, TOPICS = "checkins", "notes", "settings", "topics"


class AppContext(QObject):
    """Holds the open `Database` and its path and announces changes by signals."""

    database_opened = Signal()
    """A file was opened or created (also after switching from another file)."""
    database_closed = Signal()
    """The file was closed; no file is open now."""
    data_changed = Signal(str)
    """Something was written; the argument names the area (see the constants, or ALL)."""
    error_occurred = Signal(str)
    """A file could not be opened or created; the argument is the message for the user."""
    backup_failed = Signal(str)
    """The backup made on a worker when the file was opened failed: the message for the user
    (the file stays open: see `ui.opening.background`)."""
    navigate_requested = Signal(str, int)
    """Show a record: (view key, record id). The main window switches to that view and calls
    the view's `show_item(record_id)` if it has one (the overview uses this to open items)."""
    filter_requested = Signal(str, str)
    """Show a view filtered: (view key, filter name). The main window switches to that view
    and calls the view's `show_filtered(name)` (e.g. the participants whose consent is
    missing, from the matching proposal or the import's summary)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db: Database | None = None
        self.path: Path | None = None
        self.is_demo = False
        self.is_read_only = False
        """True while a copy of a backup is open read-only."""
        self.refusal: TandemError | None = None
        """Why the last file could not be opened or created (for the offers that follow:
        the newest backup of a file open elsewhere, or of a damaged file)."""
        self.generation = 0
        """Counts opened and closed files, so a view can tell whether it shows the current one."""
        self._temp_dirs: list[Path] = []
        self._file_jobs: FileJobs | None = None

    @property
    def file_jobs(self) -> FileJobs:
        """The open file's work on workers: its backup of the day, the backup on closing
        (made on first use: the start-up imports no worker)."""
        if self._file_jobs is None:
            from ui.opening.background import FileJobs

            self._file_jobs = FileJobs(self)
            self._file_jobs.backup_failed.connect(self.backup_failed)
        return self._file_jobs

    @property
    def is_open(self) -> bool:
        """True while a program file is open."""
        return self.db is not None

    def open(self, path: Path | str, *, remember: bool = True) -> bool:
        """Open a program file. On a refused file, emit `error_occurred` with its message and
        keep the file that was open before; return whether it worked.

        The file's lock and check are taken on a worker while the window repaints, and the
        backup of the day is made on a worker once the file is shown (`ui.opening`)."""
        from ui.opening.background import open_in_background

        path = Path(path)
        try:
            db = open_in_background(path)
        except TandemError as exc:
            log.info("A file was refused: %s", exc.__class__.__name__)
            self.refusal = exc
            self.error_occurred.emit(exc.message)
            return False
        self._switch_to(db, path, remember=remember)
        if self.db is db:  # (a file in a risky place may have been moved and opened anew)
            self.file_jobs.back_up_after_opening(db)
        return True

    def open_backup_read_only(self, backup: Path) -> bool:
        """Open a copy of a backup read-only (in a temporary folder, removed at quit); on a
        refused backup, emit `error_occurred` and keep the file that was open before."""
        _after_warmup()
        from app.services.safekeeping import open_copy_read_only

        try:
            db, folder = open_copy_read_only(Path(backup))
        except TandemError as exc:
            self.refusal = exc
            self.error_occurred.emit(exc.message)
            return False
        self._temp_dirs.append(folder)
        self._switch_to(db, folder / Path(backup).name, remember=False, read_only=True)
        return True

    def reopen(self) -> None:
        """Show the open file afresh (after a backup was restored into it): every view, the
        notes and the undo history start over, as after opening it."""
        from app.db import open_database

        if self.path is None or self.db is None:
            return
        db = open_database(self.path)  # another handle on the file this window holds
        self._switch_to(db, self.path, remember=False, demo=self.is_demo)

    def new(self, path: Path | str) -> bool:
        """Create an empty program file (the `.tandem` extension is added if missing)."""
        _after_warmup()
        from app.db import create_database

        path = with_suffix(Path(path))
        try:
            db = create_database(path)
        except TandemError as exc:
            self.refusal = exc
            self.error_occurred.emit(exc.message)
            return False
        self._switch_to(db, path, remember=True)
        return True

    def open_demo(self, participants: int = 120) -> bool:
        """Create a fresh demo file in a temporary folder (removed at quit) and open it."""
        _after_warmup()
        from app.db import create_database
        from app.demo import generate_demo

        folder = Path(tempfile.mkdtemp(prefix="tandem-demo-"))
        self._temp_dirs.append(folder)
        path = folder / "demo.tandem"
        try:
            db = create_database(path, automatic_backups=False)  # a demo is thrown away
        except TandemError as exc:
            self.error_occurred.emit(exc.message)
            return False
        try:
            generate_demo(db, participants=participants)
        except BaseException as exc:
            db.close()
            if not isinstance(exc, TandemError):
                raise
            self.error_occurred.emit(exc.message)
            return False
        self._switch_to(db, path, remember=False, demo=True)
        return True

    def close(self) -> None:
        """Close the open file, if any."""
        if self.db is None:
            return
        self._close_db()
        user_prefs.clear_last_file()
        self.database_closed.emit()

    def shutdown(self) -> None:
        """Close the file at quit (remembering it for next time) and remove demo folders;
        waits for the file's background work (the backup of the day is cancelled)."""
        self._close_db()
        if self._file_jobs is not None:
            self._file_jobs.finish()
        for folder in self._temp_dirs:
            shutil.rmtree(folder, ignore_errors=True)
        self._temp_dirs.clear()

    def navigate(self, view_key: str, record_id: int) -> None:
        """Ask the window to show a record, e.g. `navigate("tandems", 12)`."""
        self.navigate_requested.emit(view_key, record_id)

    def show_filtered(self, view_key: str, filter_name: str) -> None:
        """Ask the window to show a view with a named filter, e.g.
        `show_filtered("participants", "consent_missing")`."""
        self.filter_requested.emit(view_key, filter_name)

    def notify_changed(self, area: str = ALL) -> None:
        """Tell every view that data of `area` changed (call after writing through a service)."""
        self.data_changed.emit(area)

    def _switch_to(
        self,
        db: Database,
        path: Path,
        *,
        remember: bool,
        demo: bool = False,
        read_only: bool = False,
    ) -> None:
        self._close_db()
        self.db, self.path, self.is_demo, self.is_read_only = db, path, demo, read_only
        self.refusal = None
        self.generation += 1
        if remember:
            user_prefs.add_recent(path)
        log.info("A program file was opened.")
        self.database_opened.emit()

    def _close_db(self) -> None:
        if self.db is not None:
            try:
                self.file_jobs.close(self.db)  # a backup after changes goes on a worker
            except Exception:  # noqa: BLE001 - closing must never stop the program
                log.warning("Closing the file failed.", exc_info=False)
        self.db, self.path, self.is_demo, self.is_read_only = None, None, False, False
        self.generation += 1


def _after_warmup() -> None:
    """Let no warm-up begin any more and wait for one the start page began (none of its
    imports runs beside the window's own work on the file)."""
    from ui.opening import warmup

    warmup.close()
    warmup.wait()


def with_suffix(path: Path) -> Path:
    """The path with the `.tandem` extension (added when missing)."""
    return path if path.suffix.lower() == FILE_SUFFIX else path.with_name(path.name + FILE_SUFFIX)
