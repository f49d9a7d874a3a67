"""SQLite's errors sorted into "tell the user" and "bug".

A full disk, a file in use by another program, a read-only file or folder, a disk that
reports an error and a damaged file become a `TandemError` whose message says what happened,
what the user can do, and whether the last change was saved. Any other SQLite error is a bug
and is returned unchanged.
"""

from __future__ import annotations

import logging
import sqlite3
from enum import Enum
from pathlib import Path

from app.errors import FileRefusedError, StorageError, TandemError
from app.i18n import tr

log = logging.getLogger(__name__)


class Activity(Enum):
    """What Tandem was doing with the file when SQLite refused: it decides what the message
    says about the user's data."""

    CREATING = "creating"
    """Creating a new file: it is taken away again."""
    OPENING = "opening"
    """Opening (and, where needed, updating) a file: nothing of it was changed."""
    READING = "reading"
    """Only reading: nothing was being changed."""
    WRITING = "writing"
    """Saving a change: the change was rolled back, so it was not saved."""


def translate_sqlite_error(
    exc: sqlite3.Error, path: Path | None = None, activity: Activity = Activity.READING
) -> TandemError | sqlite3.Error:
    """A `TandemError` with a message for the user, or `exc` itself when it is a bug."""
    kind = _kind(exc)
    if kind is None:
        return exc
    log.info("SQLite refused while %s: %s", activity.value, _code(exc))
    if path is None:  # an error that reached the top without its file: say it without a name
        text = _what_happened_somewhere(kind)
    elif kind == "corrupt" and activity in (Activity.OPENING, Activity.CREATING):
        return FileRefusedError(
            tr("The file {name} is damaged and cannot be opened.", name=path.name)
        )
    else:
        text = _what_happened(kind, path.name, activity)
    error_type = FileRefusedError if kind == "corrupt" else StorageError
    return error_type(_with_outcome(text, activity))


def _what_happened(kind: str, name: str, activity: Activity) -> str:
    if kind == "corrupt":
        return tr(
            "The file {name} is damaged. Close it and open a backup copy, and tell your IT "
            "contact.",
            name=name,
        )
    if kind == "full":
        return tr(
            "There is no space left on the disk that holds the file {name}. Free some space "
            "and try again.",
            name=name,
        )
    if kind == "busy":
        return tr(
            "The file {name} is in use by another program or another Tandem window, and it "
            "stayed busy while Tandem waited. Close it there and try again.",
            name=name,
        )
    if kind == "read-only folder":
        return tr(
            "Tandem may not write in the folder of the file {name}: while it saves, it keeps a "
            "temporary file beside the program file. Copy the file into a folder you may "
            "change (for example Documents) and open it there.",
            name=name,
        )
    if kind == "read-only":
        return tr(
            "The file {name} is read-only: Tandem can show it but not change it. Copy it into "
            "a folder you may change, or ask for write access, and open it again.",
            name=name,
        )
    if kind == "cannot open" and activity is Activity.CREATING:
        return tr(
            "The file {name} cannot be created: Tandem may not write in its folder, or the "
            "folder cannot be reached.",
            name=name,
        )
    if kind == "cannot open" and activity is Activity.OPENING:
        return tr(
            "The file {name} cannot be opened: Tandem has no access to it or to its folder.",
            name=name,
        )
    if kind == "cannot open":
        return tr(
            "Tandem can no longer reach the file {name} or its folder. Check that the drive "
            "(a USB stick, a network drive) is still connected, and try again.",
            name=name,
        )
    return tr(
        "The disk reported an error while Tandem worked on the file {name}. Check that the "
        "drive (a USB stick, a network drive) is still connected, and try again.",
        name=name,
    )


def _what_happened_somewhere(kind: str) -> str:
    if kind == "corrupt":
        return tr(
            "The program file is damaged. Close it and open a backup copy, and tell your IT "
            "contact."
        )
    if kind == "full":
        return tr("There is no space left on the disk. Free some space and try again.")
    if kind == "busy":
        return tr(
            "The program file is in use by another program or another Tandem window. Close it "
            "there and try again."
        )
    if kind == "read-only folder":
        return tr(
            "Tandem may not write in the folder of the program file. Copy the file into a "
            "folder you may change (for example Documents) and open it there."
        )
    if kind == "read-only":
        return tr(
            "The program file is read-only: Tandem can show it but not change it. Copy it into "
            "a folder you may change, or ask for write access, and open it again."
        )
    return tr(
        "Tandem cannot reach the program file, or the disk reported an error. Check that the "
        "drive (a USB stick, a network drive) is still connected, and try again."
    )


def _with_outcome(text: str, activity: Activity) -> str:
    """The message plus what became of the user's data."""
    if activity is Activity.WRITING:
        return text + " " + tr("Your last change was not saved.")
    if activity is Activity.OPENING:
        return text + " " + tr("The file was not changed.")
    if activity is Activity.CREATING:
        return text + " " + tr("No file was created.")
    return text


# SQLite's primary result codes (the low byte of the extended code) for each kind.
_KINDS_BY_CODE = {
    5: "busy",  # SQLITE_BUSY
    6: "busy",  # SQLITE_LOCKED
    8: "read-only",  # SQLITE_READONLY
    3: "read-only",  # SQLITE_PERM
    10: "io",  # SQLITE_IOERR
    11: "corrupt",  # SQLITE_CORRUPT
    13: "full",  # SQLITE_FULL
    14: "cannot open",  # SQLITE_CANTOPEN
    26: "corrupt",  # SQLITE_NOTADB
}
_READONLY_DIRECTORY = 8 | (6 << 8)  # SQLITE_READONLY_DIRECTORY
_READONLY_CANTINIT = 8 | (5 << 8)  # SQLITE_READONLY_CANTINIT: no -shm, same cause


def _kind(exc: sqlite3.Error) -> str | None:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        if code in (_READONLY_DIRECTORY, _READONLY_CANTINIT):
            return "read-only folder"
        return _KINDS_BY_CODE.get(code & 0xFF)
    return _kind_from_text(str(exc).lower())


def _kind_from_text(text: str) -> str | None:
    """For errors raised without a result code (some come from the sqlite3 module itself)."""
    if "disk is full" in text:
        return "full"
    if "locked" in text or "busy" in text:
        return "busy"
    if "readonly" in text or "read-only" in text:
        return "read-only"
    if "unable to open" in text:
        return "cannot open"
    if "disk i/o" in text:
        return "io"
    if "not a database" in text or "malformed" in text:
        return "corrupt"
    return None


def _code(exc: sqlite3.Error) -> str:
    """The error's name for the log: never its message, which may quote data."""
    return getattr(exc, "sqlite_errorname", None) or exc.__class__.__name__
