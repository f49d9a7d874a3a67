"""What an error that leaves the core means for the user.

The command line, the window's background worker and the exception hook all ask
`as_user_error(exc)`: a `TandemError` is already a message; an SQLite error about the disk or
the file, and an `OSError` about a named file, become one; anything else is a bug (None) and
is reported as such.
"""

from __future__ import annotations

import os
import sqlite3

from app.db.storage_errors import Activity, translate_sqlite_error
from app.errors import TandemError, is_unsaved
from app.files import storage_error


def as_user_error(exc: BaseException) -> TandemError | None:
    """The error as a `TandemError` with a message for the user, or None for a bug."""
    if isinstance(exc, TandemError):
        return exc
    if isinstance(exc, sqlite3.Error):
        activity = Activity.WRITING if is_unsaved(exc) else Activity.READING
        translated = translate_sqlite_error(exc, None, activity)
        return translated if isinstance(translated, TandemError) else None
    if isinstance(exc, OSError) and isinstance(exc.filename, str | bytes | os.PathLike):
        return storage_error(exc, os.fsdecode(exc.filename), writing=None)
    return None
