"""Open a Tandem program file: the one function the app, the command line and the tests use.

A program file is one SQLite file with the extension `.tandem`. Before anything touches it,
its header is read: an empty file, a file that is not SQLite, an SQLite file of another
program and a file written by a newer Tandem are refused and left byte for byte as they were.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from app.db.migrations import APPLICATION_ID, SCHEMA_VERSION, migrate
from app.errors import FileRefusedError, StorageError, TandemError
from app.i18n import tr

FILE_SUFFIX = ".tandem"
_SQLITE_MAGIC = b"SQLite format 3\x00"


def open_database(path: Path | str, *, create: bool = False) -> Database:
    """Open (or with `create=True`, create) a program file and bring its schema up to date.

    Raises FileRefusedError with a message for the user when the file cannot be used.
    """
    path = Path(path)
    if create:
        if path.exists() and path.stat().st_size > 0:
            raise FileRefusedError(tr("The file {name} already exists.", name=path.name))
        if not path.parent.is_dir():
            raise FileRefusedError(
                tr("The folder {folder} does not exist.", folder=str(path.parent))
            )
    else:
        check_file(path)
    try:
        conn = sqlite3.connect(str(path), timeout=5.0)
    except sqlite3.Error as exc:
        raise translate_sqlite_error(exc, path) from exc
    try:
        if not create:
            _check_readable(conn, path)
        db = Database(conn)
        configure(db)
        if create:
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        migrate(db, path)
        return db
    except TandemError:
        conn.close()
        raise
    except sqlite3.Error as exc:
        conn.close()
        raise translate_sqlite_error(exc, path) from exc


def create_database(path: Path | str) -> Database:
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
    db.execute("PRAGMA busy_timeout = 5000")


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
        raise StorageError(
            tr(
                "The file {name} cannot be read: {reason}",
                name=path.name,
                reason=exc.strerror or str(exc),
            )
        ) from exc
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


def translate_sqlite_error(
    exc: sqlite3.Error, path: Path | None = None
) -> TandemError | sqlite3.Error:
    """Sort an SQLite error into one the user can act on, or return it unchanged (a bug)."""
    text = str(exc).lower()
    name = path.name if path else ""
    if "disk is full" in text or "database or disk is full" in text:
        return StorageError(
            tr("The disk is full. Free some space and try again; nothing was saved.")
        )
    if "locked" in text or "busy" in text:
        return StorageError(
            tr(
                "The file {name} is in use by another program. Close it there and try again.",
                name=name,
            )
        )
    if "readonly" in text or "read-only" in text:
        return StorageError(
            tr(
                "The file {name} cannot be written (it is read-only). Save a copy elsewhere.",
                name=name,
            )
        )
    if "unable to open" in text:
        return StorageError(tr("The file {name} cannot be opened.", name=name))
    if "disk i/o" in text:
        return StorageError(tr("The disk reported an error while working on {name}.", name=name))
    if "not a database" in text or "malformed" in text:
        return FileRefusedError(tr("The file {name} is damaged and cannot be opened.", name=name))
    return exc
