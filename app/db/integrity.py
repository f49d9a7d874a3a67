"""Is the program file sound? The checks run on open, and the note of a clean close.

Every open runs `PRAGMA quick_check` (a few dozen milliseconds on a large file). When the
program was not closed cleanly the last time (it crashed, was killed, or the computer lost
power), the open runs the full `integrity_check` and `foreign_key_check` instead: the first
does not look at foreign keys (see shared/STACK.md).

Whether the last close was clean is noted outside the program file, in the file's own folder
of Tandem's data (`app.db.backups.backup_folder`): a small marker is written when the file is
opened and removed when it is closed. A hot journal beside the file also counts as unclean.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from pathlib import Path

log = logging.getLogger(__name__)

OPEN_MARKER = "open.json"


def quick_problems(conn: sqlite3.Connection) -> list[str]:
    """What `PRAGMA quick_check` finds wrong ([] when the file is sound)."""
    return _problems(conn, "PRAGMA quick_check")


def full_problems(conn: sqlite3.Connection) -> list[str]:
    """What `integrity_check` and `foreign_key_check` find wrong ([] when the file is sound)."""
    problems = _problems(conn, "PRAGMA integrity_check")
    if problems:
        return problems
    rows = _rows(conn, "PRAGMA foreign_key_check")
    if isinstance(rows, str):
        return [rows]
    return [f"foreign key: {row[0]} row {row[1]} -> {row[2]}" for row in rows]


def is_damage(exc: sqlite3.Error) -> bool:
    """True for the errors SQLite gives for a damaged file (not for a busy or lost disk)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def _problems(conn: sqlite3.Connection, pragma: str) -> list[str]:
    rows = _rows(conn, pragma)
    if isinstance(rows, str):
        return [rows]
    return [] if rows == [("ok",)] else [str(row[0]) for row in rows]


def _rows(conn: sqlite3.Connection, pragma: str) -> list[tuple] | str:
    """The rows of a check, or the name of the damage that stopped it. Other errors (a busy
    file, a lost drive) are raised as SQLite raised them."""
    cursor = sqlite3.Cursor(conn)  # a plain cursor: errors as SQLite gives them
    try:
        return cursor.execute(pragma).fetchall()
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            return getattr(exc, "sqlite_errorname", None) or "SQLITE_CORRUPT"
        raise
    finally:
        cursor.close()


def has_hot_journal(path: Path) -> bool:
    """True when a journal with content lies beside the file: a write was cut short."""
    try:
        return path.with_name(path.name + "-journal").stat().st_size > 0
    except OSError:
        return False


def remove_empty_journal(path: Path) -> None:
    """Remove an empty journal a killed Tandem left beside the file (call while holding the
    file's lock: an empty journal is never one that SQLite needs)."""
    journal = path.with_name(path.name + "-journal")
    try:
        if journal.stat().st_size == 0:
            journal.unlink()
    except OSError:
        pass


def was_left_open(folder: Path) -> bool:
    """True when the marker of an open file is still there: the last close was not clean."""
    return (folder / OPEN_MARKER).exists()


def mark_open(folder: Path) -> None:
    """Note that the file is open (a close removes the note); failure is only logged."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / OPEN_MARKER).write_text(json.dumps({"pid": os.getpid()}), encoding="utf-8")
    except OSError:
        log.warning("The open-file marker could not be written.")


def mark_closed(folder: Path) -> None:
    """Note that the file was closed cleanly."""
    try:
        (folder / OPEN_MARKER).unlink(missing_ok=True)
    except OSError:
        log.warning("The open-file marker could not be removed.")
