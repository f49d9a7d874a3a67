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
- The connection is shared by the threads of the program (the window and its workers: see
  `app.db.owner`), and it takes turns: each call holds the connection's `turn` (a re-entrant
  lock), and a thread that opens a transaction keeps the turn until the transaction ends. So
  another thread never reads a change that is not committed yet, and never writes into a
  transaction that is not its own: it waits until that transaction has ended.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.turn = threading.RLock()
        """Held by the thread using the connection, and through a whole transaction."""
        self._transaction_thread: int | None = None

    @contextlib.contextmanager
    def using(self) -> Generator[None, None, None]:
        """Take the connection's turn for a call (waits while another thread's transaction
        is open); a transaction the call opened keeps the turn until it ends."""
        self.turn.acquire()
        try:
            yield
        finally:
            self._settle_turn()
            self.turn.release()

    def _settle_turn(self) -> None:
        """Keep the turn for an open transaction, and give it back once it has ended."""
        me = threading.get_ident()
        if self.in_transaction:
            if self._transaction_thread is None:
                self.turn.acquire()
                self._transaction_thread = me
        elif self._transaction_thread == me:
            self._transaction_thread = None
            self.turn.release()

    def end_transaction_of_this_thread(self) -> None:
        """Roll back a transaction this thread left open (a worker's connection handle is
        closed), so the other threads get their turn again."""
        with self.turn:
            if self._transaction_thread == threading.get_ident() and self.in_transaction:
                try:
                    super().rollback()
                except sqlite3.Error:
                    log.warning("A rollback failed while a handle was closed.")
            self._settle_turn()

    def cursor(self, factory: Any = None) -> sqlite3.Cursor:  # noqa: D102
        return super().cursor(factory or TandemCursor)

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:  # noqa: D102
        with self.using():
            try:
                return super().execute(sql, parameters)
            except sqlite3.Error as exc:
                raise self.translated(exc, sql) from exc

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> sqlite3.Cursor:  # noqa: D102
        with self.using():
            try:
                return super().executemany(sql, parameters)
            except sqlite3.Error as exc:
                raise self.translated(exc, "INSERT") from exc

    def executescript(self, script: str, /) -> sqlite3.Cursor:  # noqa: D102
        with self.using():
            try:
                return super().executescript(script)
            except sqlite3.Error as exc:
                raise self.translated(exc, "CREATE") from exc

    def commit(self) -> None:  # noqa: D102
        with self.using():
            try:
                super().commit()
            except sqlite3.Error as exc:
                raise self.translated(exc, "COMMIT") from exc

    def rollback(self) -> None:  # noqa: D102
        with self.using():
            super().rollback()

    def __exit__(self, *exc_info: Any) -> Any:  # noqa: D105 - `with conn:` commits
        with self.using():
            return super().__exit__(*exc_info)

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
        with self.connection.using():
            try:
                return super().__next__()
            except sqlite3.Error as exc:
                raise self.connection.translated(exc, "SELECT") from exc

    def fetchone(self) -> Any:  # noqa: D102
        with self.connection.using():
            try:
                return super().fetchone()
            except sqlite3.Error as exc:
                raise self.connection.translated(exc, "SELECT") from exc

    def fetchmany(self, size: int | None = None) -> list[Any]:  # noqa: D102
        with self.connection.using():
            try:
                return super().fetchmany(self.arraysize if size is None else size)
            except sqlite3.Error as exc:
                raise self.connection.translated(exc, "SELECT") from exc

    def fetchall(self) -> list[Any]:  # noqa: D102
        with self.connection.using():
            try:
                return super().fetchall()
            except sqlite3.Error as exc:
                raise self.connection.translated(exc, "SELECT") from exc

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:  # noqa: D102
        with self.connection.using():
            try:
                return super().execute(sql, parameters)
            except sqlite3.Error as exc:
                raise self.connection.translated(exc, sql) from exc

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> sqlite3.Cursor:  # noqa: D102
        with self.connection.using():
            try:
                return super().executemany(sql, parameters)
            except sqlite3.Error as exc:
                raise self.connection.translated(exc, "INSERT") from exc


class TandemDatabase(Database):
    """A sqlite-utils `Database` whose write transactions begin IMMEDIATE.

    Made by `app.db.open_database` as a handle on the file's one connection (see
    `app.db.owner`): `close()` gives the handle back, and the file is closed when its last
    handle is."""

    conn: TandemConnection
    owner: Any = None
    """The `FileOwner` this handle belongs to."""
    _closed = False

    # sqlite-utils looks at `in_transaction` before it acts (to commit a lone write, or to
    # nest a savepoint): that look and the action happen within the connection's turn.
    def execute(self, sql: str, parameters: Any = None) -> sqlite3.Cursor:  # noqa: D102
        with self.conn.turn:
            return super().execute(sql, parameters)

    def executescript(self, sql: str) -> sqlite3.Cursor:  # noqa: D102
        with self.conn.turn:
            return super().executescript(sql)

    def commit(self) -> None:  # noqa: D102
        with self.conn.turn:
            super().commit()

    def rollback(self) -> None:  # noqa: D102
        with self.conn.turn:
            super().rollback()

    def close(self) -> None:
        """Give this handle back (once); a transaction this thread left open is rolled back."""
        if self.owner is None:
            super().close()
            return
        if self._closed:
            return
        self._closed = True
        self.owner.release(self)

    @contextlib.contextmanager
    def atomic(self) -> Generator[TandemDatabase, None, None]:
        """One write transaction: everything inside is saved together or not at all.

        The outermost block begins `BEGIN IMMEDIATE`, so it waits (up to the busy timeout)
        for another writer instead of failing halfway; nested blocks are savepoints. An
        error that leaves the block rolls the transaction back and is marked as unsaved
        (see `app.errors.mark_unsaved`) for the message the user gets.
        """
        with self.conn.turn:  # another thread's transaction ends first
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
