"""The connection every part of Tandem works through (made by `app.db.open_database`).

Two things differ from a plain sqlite-utils `Database`:

- Every write transaction begins `IMMEDIATE`: `db.atomic()` (and the sqlite-utils methods that
  use it) and the transaction Python opens by itself before a lone INSERT, UPDATE or DELETE.
  A deferred transaction that has read and then wants to write does not wait for a busy file,
  it fails at once; an immediate one waits up to the busy timeout for another program or
  window to finish its write.
- An SQLite error that the user can act on (disk full, file in use, read-only file or folder,
  disk error, damaged file) leaves the connection as a `TandemError` with its message already
  translated, so every caller that shows a `TandemError` also explains these. Other SQLite
  errors (bugs) pass unchanged.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Generator, Iterable
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from app.db.storage_errors import Activity, translate_sqlite_error
from app.errors import mark_unsaved

log = logging.getLogger(__name__)

# Statements that change the file (a lone one runs in a transaction of its own).
_WRITE_KEYWORDS = frozenset(
    "INSERT UPDATE DELETE REPLACE CREATE DROP ALTER BEGIN COMMIT END VACUUM REINDEX ANALYZE".split()
)


class TandemConnection(sqlite3.Connection):
    """An sqlite3 connection that translates storage errors (see the module's docstring)."""

    path: Path | None = None
    """The program file, for the messages."""
    opening: Activity | None = None
    """OPENING or CREATING while `open_database` checks, creates or updates the file."""
    writing = False
    """True inside a write transaction begun by `TandemDatabase.atomic()`."""

    def cursor(self, factory: Any = None) -> sqlite3.Cursor:  # noqa: D102
        return super().cursor(factory or TandemCursor)

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:  # noqa: D102
        try:
            return super().execute(sql, parameters)
        except sqlite3.Error as exc:
            raise self.translated(exc, sql) from exc

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> sqlite3.Cursor:  # noqa: D102
        try:
            return super().executemany(sql, parameters)
        except sqlite3.Error as exc:
            raise self.translated(exc, "INSERT") from exc

    def executescript(self, script: str, /) -> sqlite3.Cursor:  # noqa: D102
        try:
            return super().executescript(script)
        except sqlite3.Error as exc:
            raise self.translated(exc, "CREATE") from exc

    def commit(self) -> None:  # noqa: D102
        try:
            super().commit()
        except sqlite3.Error as exc:
            raise self.translated(exc, "COMMIT") from exc

    def translated(self, exc: sqlite3.Error, sql: str) -> BaseException:
        """The error to raise instead of `exc`: a TandemError for the user, or `exc`."""
        if self.opening is not None:
            activity = self.opening
        elif self.writing or _first_keyword(sql) in _WRITE_KEYWORDS or _sets_pragma(sql):
            activity = Activity.WRITING
        else:
            activity = Activity.READING
        return translate_sqlite_error(exc, self.path, activity)


class TandemCursor(sqlite3.Cursor):
    """A cursor of a `TandemConnection`: the errors of its statements, and of the rows it
    reads later, are translated the same way."""

    connection: TandemConnection

    def __next__(self) -> Any:
        try:
            return super().__next__()
        except sqlite3.Error as exc:
            raise self.connection.translated(exc, "SELECT") from exc

    def fetchone(self) -> Any:  # noqa: D102
        try:
            return super().fetchone()
        except sqlite3.Error as exc:
            raise self.connection.translated(exc, "SELECT") from exc

    def fetchmany(self, size: int | None = None) -> list[Any]:  # noqa: D102
        try:
            return super().fetchmany(self.arraysize if size is None else size)
        except sqlite3.Error as exc:
            raise self.connection.translated(exc, "SELECT") from exc

    def fetchall(self) -> list[Any]:  # noqa: D102
        try:
            return super().fetchall()
        except sqlite3.Error as exc:
            raise self.connection.translated(exc, "SELECT") from exc

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:  # noqa: D102
        try:
            return super().execute(sql, parameters)
        except sqlite3.Error as exc:
            raise self.connection.translated(exc, sql) from exc

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> sqlite3.Cursor:  # noqa: D102
        try:
            return super().executemany(sql, parameters)
        except sqlite3.Error as exc:
            raise self.connection.translated(exc, "INSERT") from exc


class TandemDatabase(Database):
    """A sqlite-utils `Database` whose write transactions begin IMMEDIATE."""

    conn: TandemConnection

    @contextlib.contextmanager
    def atomic(self) -> Generator[TandemDatabase, None, None]:
        """One write transaction: everything inside is saved together or not at all.

        The outermost block begins `BEGIN IMMEDIATE`, so it waits (up to the busy timeout)
        for another writer instead of failing halfway; nested blocks are savepoints. An
        error that leaves the block rolls the transaction back and is marked as unsaved
        (see `app.errors.mark_unsaved`) for the message the user gets.
        """
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        self.conn.writing = True
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            yield self
            self.conn.execute("COMMIT")
        except BaseException as exc:
            self._roll_back()
            mark_unsaved(exc)
            raise
        finally:
            self.conn.writing = False

    def _roll_back(self) -> None:
        """Undo the open transaction; a failing rollback must not hide the first error
        (SQLite has then rolled back by itself, or will when the file is next opened)."""
        try:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
        except Exception as exc:  # noqa: BLE001
            log.warning("A rollback failed: %s", exc.__class__.__name__)


def _first_keyword(sql: str) -> str:
    words = sql.lstrip().split(None, 1)
    return words[0].upper().rstrip(";") if words else ""


def _sets_pragma(sql: str) -> bool:
    return _first_keyword(sql) == "PRAGMA" and "=" in sql
