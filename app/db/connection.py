"""Open a Tandem program file: the one function the app, the command line and the tests use.

A program file is one SQLite file with the extension `.tandem`. Before anything touches it,
its header is read: an empty file, a file that is not SQLite, an SQLite file of another
program and a file written by a newer Tandem are refused and left byte for byte as they were.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from app.db.database import TandemConnection, TandemDatabase
from app.db.migrations import APPLICATION_ID, SCHEMA_VERSION, migrate
from app.db.storage_errors import Activity, translate_sqlite_error
from app.errors import FileRefusedError
from app.files import storage_error
from app.i18n import tr

FILE_SUFFIX = ".tandem"
BUSY_TIMEOUT_SECONDS = 5.0
"""How long a write waits for another program or Tandem window to finish writing the same
file before it gives up with a message."""
_SQLITE_MAGIC = b"SQLite format 3\x00"


def open_database(path: Path | str, *, create: bool = False) -> TandemDatabase:
    """Open (or with `create=True`, create) a program file and bring its schema up to date.

    Raises FileRefusedError or StorageError with a message for the user when the file cannot
    be used; a file that `create=True` made is removed again when creating it fails.
    """
    path = Path(path)
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
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS, factory=TandemConnection)
    except sqlite3.Error as exc:
        raise translate_sqlite_error(exc, path, activity) from exc
    assert isinstance(conn, TandemConnection)
    conn.path, conn.opening = path, activity
    # Python begins a transaction by itself before a lone INSERT, UPDATE or DELETE: make
    # that one immediate too (see app.db.database).
    conn.isolation_level = "IMMEDIATE"
    try:
        if not create:
            _check_readable(conn, path)
        db = TandemDatabase(conn)
        configure(db)
        if create:
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        migrate(db, path)
    except BaseException as exc:
        conn.close()
        if not existed:
            _remove_new_file(path)
        if isinstance(exc, sqlite3.Error):
            raise translate_sqlite_error(exc, path, activity) from exc
        raise
    conn.opening = None
    return db


def create_database(path: Path | str) -> TandemDatabase:
    """Create a new, empty program file (refuses to overwrite an existing one)."""
    return open_database(path, create=True)


def configure(db: Database) -> None:
    """Pragmas for every connection: foreign keys, durable commits, no leftovers of deletes."""
    db.execute("PRAGMA foreign_keys = ON")
    # A rollback journal (not WAL): when Tandem is closed the program is exactly one file,
    # which a user can copy or keep in a synced folder, and WAL's shared memory is avoided.
    db.execute("PRAGMA journal_mode = DELETE")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA secure_delete = ON")
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


def _check_readable(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a damaged file before anything writes to it."""
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        raise FileRefusedError(
            tr("The file {name} is damaged and cannot be opened.", name=path.name)
        ) from exc
    if rows != [("ok",)]:
        raise FileRefusedError(
            tr("The file {name} is damaged and cannot be opened.", name=path.name)
        )


def _remove_new_file(path: Path) -> None:
    """Take away a file that creating failed to fill (a full disk leaves 0 bytes behind)."""
    for leftover in (path, path.with_name(path.name + "-journal")):
        try:
            leftover.unlink(missing_ok=True)
        except OSError:
            pass
