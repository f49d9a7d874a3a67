"""Open a Tandem program file: the one function the app, the command line and the tests use.

A program file is one SQLite file with the extension `.tandem`. Before anything touches it,
its header is read: an empty file, a file that is not SQLite, an SQLite file of another
program and a file written by a newer Tandem are refused and left byte for byte as they were.
Then the file gets its one owner in this process (`app.db.owner`): the owner takes the file's
lock, checks it (`app.db.integrity`), backs it up before a migration and once a day
(`app.db.backups`), and hands out the connections everyone works through.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from app.db import owner as owners
from app.db.database import TandemConnection, TandemDatabase
from app.db.integrity import (
    full_problems,
    has_hot_journal,
    is_damage,
    mark_open,
    quick_problems,
    remove_empty_journal,
    was_left_open,
)
from app.db.migrations import APPLICATION_ID, SCHEMA_VERSION, migrate
from app.db.storage_errors import Activity, translate_sqlite_error
from app.errors import FileRefusedError
from app.files import storage_error
from app.i18n import tr

FILE_SUFFIX = ".tandem"
BUSY_TIMEOUT_SECONDS = 5.0
"""How long a statement waits for the file when something else holds it for a moment (the
lock is Tandem's while the file is open, so this is rare)."""
_SQLITE_MAGIC = b"SQLite format 3\x00"


def open_database(
    path: Path | str,
    *,
    create: bool = False,
    read_only: bool = False,
    automatic_backups: bool = True,
    defer_backup: bool = False,
) -> TandemDatabase:
    """Open (or with `create=True`, create) a program file and bring its schema up to date.

    Returns a handle on the file's one connection in this process: when the process already
    has the file open, another handle on the same connection (see `app.db.owner`); `close()`
    gives it back. `read_only=True` opens without the lock and without writing anything (for
    a copy of a backup); `automatic_backups=False` makes no backups (a demo file).
    `defer_backup=True` leaves the day's backup on open to the caller, who runs
    `owner_of(db).backup_on_open()` when the owner's `backup_due` says so (the window does,
    on a worker, once the file is shown); the backup before a migration is never deferred.

    Raises FileRefusedError or StorageError with a message for the user when the file cannot
    be used: `FileInUseError` when another program holds it, `FileDamagedError` when it fails
    its check. A file that `create=True` made is removed again when creating it fails.
    """
    path = Path(path)
    with owners.registry_lock:
        existing = owners.registered(path)
        if existing is not None:
            if create:
                raise FileRefusedError(tr("The file {name} already exists.", name=path.name))
            return existing.handle()
        owner, db = _open_owner(
            path,
            create=create,
            read_only=read_only,
            automatic_backups=automatic_backups,
            defer_backup=defer_backup,
        )
        owners.register(owner)
        return db


def _open_owner(
    path: Path, *, create: bool, read_only: bool, automatic_backups: bool, defer_backup: bool
) -> tuple[owners.FileOwner, TandemDatabase]:
    existed = True
    if create:
        if path.exists() and path.stat().st_size > 0:
            raise FileRefusedError(tr("The file {name} already exists.", name=path.name))
        if not path.parent.is_dir():
            raise FileRefusedError(
                tr("The folder {folder} does not exist.", folder=str(path.parent))
            )
        existed = path.exists()
    else:
        check_file(path)
    activity = Activity.CREATING if create else Activity.OPENING
    cut_short = has_hot_journal(path)
    try:
        if read_only:
            conn = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro",
                uri=True,
                timeout=0,
                factory=TandemConnection,
                check_same_thread=False,
            )
        else:
            conn = sqlite3.connect(
                str(path), timeout=0, factory=TandemConnection, check_same_thread=False
            )
    except sqlite3.Error as exc:
        raise translate_sqlite_error(exc, path, activity) from exc
    assert isinstance(conn, TandemConnection)
    conn.path, conn.opening = path, activity
    # Python begins a transaction by itself before a lone INSERT, UPDATE or DELETE: make
    # that one immediate too (see app.db.database).
    conn.isolation_level = "IMMEDIATE"
    owner = owners.FileOwner(path, conn, read_only=read_only, automatic_backups=automatic_backups)
    try:
        if not read_only:
            owners.take_lock(conn, path)
            remove_empty_journal(path)
        if not create:  # before anything else reads the schema
            unclean = cut_short or (owner.automatic_backups and was_left_open(owner.folder))
            problems = full_problems(conn) if unclean else quick_problems(conn)
            if problems:
                raise owners.damaged_error(path, problems)
        db = owner.handle()
        configure(db)
        if create:
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        migrate(db, path)
        if owner.automatic_backups:
            if existed and defer_backup:
                owner.backup_due = True
            elif existed:
                owner.backup_if_none_today()
            mark_open(owner.folder)
    except BaseException as exc:
        owner.abandon()
        if not existed:
            _remove_new_file(path)
        cause = exc if isinstance(exc, sqlite3.Error) else exc.__cause__
        if isinstance(cause, sqlite3.Error) and is_damage(cause) and not create:
            raise owners.damaged_error(path, [cause.__class__.__name__]) from exc
        if isinstance(exc, sqlite3.Error):
            raise translate_sqlite_error(exc, path, activity) from exc
        raise
    conn.opening = None
    owner.settle()
    return owner, db


def create_database(path: Path | str, *, automatic_backups: bool = True) -> TandemDatabase:
    """Create a new, empty program file (refuses to overwrite an existing one)."""
    return open_database(path, create=True, automatic_backups=automatic_backups)


def configure(db: Database) -> None:
    """Pragmas for every connection: foreign keys, durable commits, no leftovers of deletes."""
    db.execute("PRAGMA foreign_keys = ON")
    # A rollback journal (not WAL): when Tandem is closed the program is exactly one file,
    # which a user can copy or keep in a synced folder, and WAL's shared memory is avoided.
    db.execute("PRAGMA journal_mode = DELETE")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA secure_delete = ON")
    # While Tandem holds the file (exclusive locking mode) SQLite keeps the journal between
    # transactions: keep it empty, so no old page lingers in it.
    db.execute("PRAGMA journal_size_limit = 0")
    db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")


def check_file(path: Path) -> None:
    """Refuse a file that is missing, empty, not SQLite, not Tandem's, or from a newer Tandem.

    Reads only the 100-byte header, so a refused file is never changed.
    """
    if not path.exists():
        raise FileRefusedError(tr("The file {name} does not exist.", name=str(path)))
    if path.is_dir():
        raise FileRefusedError(tr("{name} is a folder, not a Tandem file.", name=str(path)))
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise storage_error(exc, path, writing=False) from exc
    if not header:
        raise FileRefusedError(
            tr("The file {name} is empty: it is not a Tandem file.", name=path.name)
        )
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise FileRefusedError(tr("The file {name} is not a Tandem file.", name=path.name))
    user_version = int.from_bytes(header[60:64], "big")
    application_id = int.from_bytes(header[68:72], "big")
    if application_id != APPLICATION_ID:
        raise FileRefusedError(
            tr(
                "The file {name} is a database of another program, not a Tandem file.",
                name=path.name,
            )
        )
    if user_version > SCHEMA_VERSION:
        raise FileRefusedError(
            tr(
                "The file {name} was saved by a newer version of Tandem. Please install the "
                "newer version to open it; this file has not been changed.",
                name=path.name,
            )
        )


def _remove_new_file(path: Path) -> None:
    """Take away a file that creating failed to fill (a full disk leaves 0 bytes behind)."""
    for leftover in (path, path.with_name(path.name + "-journal")):
        try:
            leftover.unlink(missing_ok=True)
        except OSError:
            pass
