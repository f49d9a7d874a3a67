"""The one owner of an open program file: it holds the file's lock, hands out connections,
checks the file, backs it up, restores a backup and closes the file.

How it fits together (issue 12, "one writer per file"):

- **The lock is SQLite's own.** `app.db.open_database` connects with `busy_timeout=0`, sets
  `PRAGMA locking_mode=EXCLUSIVE` and runs `BEGIN EXCLUSIVE; COMMIT`, retrying for 1.5 s
  (Windows frees a dead process's lock with a short delay). From then on SQLite keeps the
  file's exclusive lock until the connection closes, and the operating system drops it with
  the process: there is no lock file to clean up after a crash. Every other process (another
  Tandem, on this or another computer, or any other program) is refused at once, and is told
  so with `FileInUseError` (it may open the newest backup read-only instead).
- **One connection per file and process.** SQLite's exclusive lock also keeps out every other
  connection of the same process, so the owner's connection is the only one: it is opened
  with `check_same_thread=False`, and `open_database` on a file the process already holds does
  not open a second connection but hands out another *handle* (a `TandemDatabase` over the
  same connection). The window's handle, the handles the background workers get in their
  threads (exports, imports, documents, certificate batches, matching) and the command
  line's all reach the file through the owner; `close()` gives a handle back, and the file is
  closed when the last handle is.
- **Threads take turns** on the shared connection (see `app.db.database`): a call holds the
  connection's turn, and a transaction keeps it until it ends, so a worker's import is never
  seen half-done by the window, and a write from the window waits for it instead of joining
  it. Reads of different threads interleave between statements.
- **Checks and backups run through the owning connection**: `quick_check` on every open, the
  full checks after an unclean exit (`app.db.integrity`), verified backups before every
  migration, on open (once a day) and on close after changes (`app.db.backups`). The window
  leaves the day's backup to a worker once the file is shown (`open_database(...,
  defer_backup=True)`, then `backup_on_open()`); the copy takes turns with the window a
  part at a time.

While the file is open SQLite keeps an empty `-journal` file beside it (exclusive locking
mode keeps its journal; `journal_size_limit=0` keeps it empty); it disappears on close.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.db import backups as backup_files
from app.db.backups import BackupInfo
from app.db.integrity import full_problems, is_damage, mark_closed
from app.errors import FileRefusedError, StorageError, TandemError
from app.files import storage_error, write_atomically
from app.i18n import format_datetime, tr

if TYPE_CHECKING:
    from app.db.database import TandemConnection, TandemDatabase

log = logging.getLogger(__name__)

LOCK_RETRY_SECONDS = 1.5
"""How long opening tries to get the file's lock before it says the file is open elsewhere."""
_LOCK_PAUSE = 0.05


class FileInUseError(FileRefusedError):
    """The file is open in another Tandem (or held by another program)."""

    def __init__(self, message: str, path: Path, newest_backup: BackupInfo | None) -> None:
        super().__init__(message)
        self.path = path
        self.newest_backup = newest_backup


class FileDamagedError(FileRefusedError):
    """The file failed its check: it is not written to, and a backup can replace it."""

    def __init__(
        self, message: str, path: Path, newest_backup: BackupInfo | None, problems: list[str]
    ) -> None:
        super().__init__(message)
        self.path = path
        self.newest_backup = newest_backup
        self.problems = problems


_registry: dict[str, FileOwner] = {}
registry_lock = threading.RLock()
"""Held while a file is opened or its owner closes, so a file gets one owner."""


def file_key(path: Path) -> str:
    """The same string for every spelling of a file's path."""
    return os.path.normcase(os.path.realpath(os.fspath(path)))


def registered(path: Path) -> FileOwner | None:
    """The owner of `path` in this process, if the file is open."""
    with registry_lock:
        return _registry.get(file_key(path))


def register(owner: FileOwner) -> None:
    """Make `owner` the one this process uses for its file."""
    with registry_lock:
        _registry[owner.key] = owner


def owner_of(db: object) -> FileOwner:
    """The owner of the file a handle from `open_database` works on."""
    owner = getattr(db, "owner", None)
    if not isinstance(owner, FileOwner):
        raise TypeError("not a handle made by app.db.open_database")
    return owner


def take_lock(conn: sqlite3.Connection, path: Path, retry: float | None = None) -> None:
    """Take the file's lock for as long as `conn` is open (see the module's docstring).

    Raises FileInUseError when another process keeps it for `retry` seconds, and passes
    SQLite's other errors on as they are."""
    retry = LOCK_RETRY_SECONDS if retry is None else retry
    cursor = sqlite3.Cursor(conn)  # a plain cursor: errors as SQLite gives them
    try:
        cursor.execute("PRAGMA busy_timeout = 0")
        cursor.execute("PRAGMA locking_mode = EXCLUSIVE")
        deadline = time.monotonic() + retry
        while True:
            try:
                cursor.execute("BEGIN EXCLUSIVE")
                cursor.execute("COMMIT")
                return
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc):
                    raise
                if conn.in_transaction:
                    conn.rollback()
                if time.monotonic() >= deadline:
                    raise in_use_error(path) from exc
                time.sleep(_LOCK_PAUSE)
    finally:
        cursor.close()


def in_use_error(path: Path) -> FileInUseError:
    """The refusal of a file that is open elsewhere."""
    return FileInUseError(
        tr(
            "The file {name} is open in another Tandem window, on this computer or another "
            "one, or another program is using it. Tandem lets one window at a time work on a "
            "file, so that no change is lost. Close it there and open it here again. The file "
            "was not changed.",
            name=path.name,
        ),
        path,
        newest_backup(path),
    )


def damaged_error(path: Path, problems: list[str]) -> FileDamagedError:
    """The refusal of a file that failed its check."""
    log.warning("A program file failed its check (%d problems).", len(problems))
    return FileDamagedError(
        tr("The file {name} is damaged and cannot be opened.", name=path.name),
        path,
        newest_backup(path),
        problems,
    )


def newest_backup(path: Path) -> BackupInfo | None:
    """The newest backup of the program file `path`, if there is one."""
    found = backup_files.list_backups(backup_files.backup_folder(path))
    return found[0] if found else None


def _is_busy(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED
    return "locked" in str(exc).lower() or "busy" in str(exc).lower()


class FileOwner:
    """The owner of one open program file (made by `app.db.open_database`)."""

    def __init__(
        self,
        path: Path,
        conn: TandemConnection,
        *,
        read_only: bool = False,
        automatic_backups: bool = True,
    ) -> None:
        self.path = path
        self.conn = conn
        self.read_only = read_only
        self.automatic_backups = automatic_backups and not read_only
        """Backups on open, on close after changes (never for a demo or read-only file)."""
        self.folder = backup_files.backup_folder(path)
        self.key = file_key(path)
        self._handles = 0
        self._baseline = conn.total_changes
        self._closed = False
        self._triggers_on = False
        self.backup_due = False
        """True when opening left the day's backup to `backup_on_open()` (see
        `open_database(..., defer_backup=True)`)."""

    # --- handles ---------------------------------------------------------------------------
    def handle(self) -> TandemDatabase:
        """A new handle on the file for the caller's thread (give it back with `close()`)."""
        from app.db.database import TandemDatabase

        with registry_lock:
            if self._closed:
                raise RuntimeError("The file was closed.")
            self._handles += 1
            first = not self._triggers_on
            self._triggers_on = True
        # sqlite-utils turns recursive triggers on for every new Database; once is enough for
        # the connection, and doing it again would expire (abort) a read another thread has
        # under way ("abort due to ROLLBACK").
        db = TandemDatabase(self.conn, recursive_triggers=first)
        db.owner = self
        return db

    def release(self, db: TandemDatabase) -> None:
        """A handle was closed: roll back a transaction its thread left open, and close the
        file with its last handle."""
        del db
        self.conn.end_transaction_of_this_thread()
        with registry_lock:
            self._handles -= 1
            if self._handles > 0:
                return
            if _registry.get(self.key) is self:
                del _registry[self.key]
            self.close()

    @property
    def changed(self) -> bool:
        """True when something was written since the file was opened (or last backed up)."""
        return self.conn.total_changes != self._baseline

    def settle(self) -> None:
        """Count what was written so far as part of the opened file (after opening)."""
        self._baseline = self.conn.total_changes

    # --- backups and checks ----------------------------------------------------------------
    def backup(
        self,
        reason: str = backup_files.MANUAL,
        now: datetime | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> BackupInfo:
        """A verified backup in the file's backup folder, then rotation.

        Raises StorageError with a message when it cannot be made (and `BackupCancelled`
        when `cancelled()` said so while it was copied)."""
        self._refuse_inside_own_transaction()
        info = backup_files.make_backup(
            self.conn, self.folder, self.path.stem, reason, now, cancelled
        )
        backup_files.rotate(self.folder, now)
        return info

    def backup_to(self, folder: Path, now: datetime | None = None) -> Path:
        """A verified copy in `folder` (outside rotation), named after the file and the time."""
        self._refuse_inside_own_transaction()
        if not folder.is_dir():
            raise StorageError(tr("The folder {folder} does not exist.", folder=str(folder)))
        name = backup_files.copy_name(self.path, now)
        target, number = folder / name, 1
        while target.exists():
            number += 1
            target = folder / f"{Path(name).stem} ({number}){backup_files.BACKUP_SUFFIX}"
        backup_files.write_verified_copy(self.conn, target)
        return target

    def backups(self) -> list[BackupInfo]:
        """The file's backups, newest first."""
        return backup_files.list_backups(self.folder)

    def backup_if_none_today(self, now: datetime | None = None) -> BackupInfo | None:
        """The backup on open: made when the file has none from today. A failure is logged
        (the file opens anyway)."""
        try:
            return self.backup_on_open(now)
        except TandemError:
            log.warning("The backup on opening the file could not be made.")
            return None

    def backup_on_open(
        self, now: datetime | None = None, cancelled: Callable[[], bool] | None = None
    ) -> BackupInfo | None:
        """The backup on open, made when the file has none from today (None otherwise).

        Safe on a worker while the window works on the file: the copy takes turns with the
        window a part at a time (see `app.db.backups`). Raises StorageError with a message
        when it cannot be made, `BackupCancelled` when `cancelled()` said so meanwhile."""
        self.backup_due = False
        now = now or datetime.now()
        found = self.backups()
        if found and found[0].made_at.date() >= now.date():
            return None
        return self.backup(backup_files.OPENED, now, cancelled)

    def check(self) -> list[str]:
        """The full check: what `integrity_check` and `foreign_key_check` find ([] if sound)."""
        with self.conn.using():
            return full_problems(self.conn)

    def restore(self, backup: Path) -> BackupInfo | None:
        """Replace the file's content with `backup`'s, through the owning connection (the
        lock stays held; SQLite's journal makes the replacement all-or-nothing). The current
        content is backed up first; returns that backup (None for a read-only file)."""
        from app.db.database import TandemDatabase
        from app.db.migrations import migrate

        if self.read_only:
            raise StorageError(
                tr("The file {name} is open read-only: it cannot be replaced.", name=self.path.name)
            )
        verify_backup(backup)
        with self.conn.using():
            self._refuse_inside_own_transaction()
            before = self.backup(backup_files.BEFORE_RESTORE)
            source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
            try:
                source.backup(self.conn)
            except sqlite3.Error as exc:
                raise storage_error(
                    backup_files._as_os_error(exc), self.path, writing=True
                ) from exc
            finally:
                source.close()
            db = TandemDatabase(self.conn, recursive_triggers=False)
            db.owner = self
            migrate(db, self.path)
        log.info("A backup was restored.")
        return before

    # --- closing ---------------------------------------------------------------------------
    def close(self) -> None:
        """Back up after changes, close the connection (the lock goes with it) and note the
        clean close. Called by the last handle's `close()`."""
        with registry_lock:
            if self._closed:
                return
            self._closed = True
            if _registry.get(self.key) is self:
                del _registry[self.key]
        try:
            if self.automatic_backups and self.changed and not self.conn.in_transaction:
                try:
                    self.backup(backup_files.CLOSED)
                except TandemError:
                    log.warning("The backup on closing the file could not be made.")
        finally:
            try:
                self.conn.close()
            except sqlite3.Error:
                log.warning("Closing the file failed.")
            if self.automatic_backups:
                mark_closed(self.folder)

    def abandon(self) -> None:
        """Close without a backup or a note (opening failed)."""
        self._closed = True
        try:
            self.conn.close()
        except sqlite3.Error:
            log.warning("Closing the file failed.")

    def _refuse_inside_own_transaction(self) -> None:
        with self.conn.turn:
            if self.conn.in_transaction:
                raise RuntimeError("A backup cannot be made inside a transaction.")


# --- a backup as a whole file --------------------------------------------------------------


def verify_backup(backup: Path) -> None:
    """Refuse a backup that is missing, not Tandem's, from a newer Tandem, or damaged."""
    from app.db.connection import check_file

    check_file(backup)
    if backup_files.integrity_problems(backup):
        raise FileRefusedError(
            tr("The backup {name} is damaged too: choose another one.", name=backup.name)
        )


def restore_damaged(path: Path, backup: Path, now: datetime | None = None) -> Path:
    """Put `backup` in place of the damaged program file `path`, which is kept aside (renamed,
    its bytes untouched, its journal with it) as `<name> (damaged <date time>).tandem`.
    Returns where the damaged file now is. Refuses while another program holds the file."""
    verify_backup(backup)
    if registered(path) is not None:
        raise in_use_error(path)
    _refuse_if_held(path)
    now = now or datetime.now()
    aside = _aside_path(path, now)
    journal = path.with_name(path.name + "-journal")
    try:
        os.replace(path, aside)
        if journal.exists():
            os.replace(journal, aside.with_name(aside.name + "-journal"))
    except OSError as exc:
        raise storage_error(exc, path, writing=None) from exc

    def copy(stream: object) -> None:
        with backup.open("rb") as source:
            shutil.copyfileobj(source, stream)  # type: ignore[arg-type]

    write_atomically(path, copy)
    log.info("A damaged file was kept aside and a backup put in its place.")
    return aside


def _refuse_if_held(path: Path) -> None:
    """FileInUseError when another process holds the file's lock; the file is not changed
    (a read of its first page at most)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0)
    except sqlite3.Error:
        return
    try:
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
    except sqlite3.Error as exc:
        if _is_busy(exc):
            raise in_use_error(path) from exc
        if not is_damage(exc):
            log.info("Probing the damaged file: %s", exc.__class__.__name__)
    finally:
        conn.close()


def _aside_path(path: Path, now: datetime) -> Path:
    stamp = now.strftime("%Y-%m-%d %H-%M")
    label = tr("damaged")
    candidate = path.with_name(f"{path.stem} ({label} {stamp}){path.suffix}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem} ({label} {stamp}, {number}){path.suffix}")
        number += 1
    return candidate


def describe_backup(backup: BackupInfo) -> str:
    """“31.01.2026 10:15 (when the file was opened)” in the current language."""
    return f"{format_datetime(backup.made_at)} ({backup.reason_label})"
