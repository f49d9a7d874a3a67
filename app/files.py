"""Writing files safely, and telling the user in plain words why a file could not be used.

`write_atomically` is the one way Tandem writes a file the user will open elsewhere (exports,
calendar files, recovery sheets, PDFs, backups): the content goes into a temporary file in the
same folder, is flushed to the disk, and only then replaces the target in one rename. When
anything fails, the temporary file is removed and the target is left as it was.

`os_error_message` turns an `OSError` into a sentence that names the file and a reason a
person understands (permission denied, disk full, open in another program, folder missing).
"""

from __future__ import annotations

import errno
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from app.errors import StorageError
from app.i18n import tr

log = logging.getLogger(__name__)

Content = bytes | Callable[[BinaryIO], None]
"""What `write_atomically` writes: the bytes themselves, or a function that writes them to
the binary file object it is given (for a PDF or a backup that is written piece by piece)."""

# Windows error numbers (`OSError.winerror`) that deserve their own words.
_WIN_SHARING_VIOLATION = {32, 33}  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
_WIN_DISK_FULL = {39, 112}  # ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL
_WIN_BAD_NAME = {123, 161}  # ERROR_INVALID_NAME, ERROR_BAD_PATHNAME
_WIN_NAME_TOO_LONG = {206}  # ERROR_FILENAME_EXCED_RANGE
_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def write_atomically(path: Path | str, content: Content) -> Path:
    """Write `content` to `path` whole, or leave `path` as it was.

    Raises StorageError with a message for the user when the file cannot be written. An
    error raised by a `content` callback that is not an `OSError` is passed on unchanged
    (after the temporary file is removed): it is the caller's to explain.
    """
    path = Path(path)
    temp_name: str | None = None
    try:
        handle, temp_name = tempfile.mkstemp(prefix=".tandem-", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "wb") as stream:
            if isinstance(content, (bytes, bytearray, memoryview)):
                stream.write(content)
            else:
                content(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, path)
        temp_name = None
    except OSError as exc:
        raise storage_error(exc, path, writing=True) from exc
    finally:
        if temp_name is not None:
            _remove_quietly(Path(temp_name))
    sync_folder(path.parent)
    return path


def read_bytes(path: Path | str) -> bytes:
    """The content of a file, or StorageError with a message naming the file and the reason."""
    path = Path(path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise storage_error(exc, path, writing=False) from exc


def storage_error(exc: OSError, path: Path | str, *, writing: bool | None) -> StorageError:
    """A StorageError whose message says which file could not be read or written, and why
    (`writing=None` when it is not known which of the two failed)."""
    return StorageError(os_error_message(exc, path, writing=writing))


def os_error_message(exc: OSError, path: Path | str, *, writing: bool | None) -> str:
    """'<file> cannot be written: <reason>' (or read, or used), in the current language."""
    path = Path(path)
    name = path.name or str(path)
    reason = os_error_reason(exc, path, writing=writing)
    log.info("A file operation failed: %s", _code(exc))
    if writing:
        return tr("{name} cannot be written: {reason}", name=name, reason=reason)
    if writing is None:
        return tr("{name} cannot be used: {reason}", name=name, reason=reason)
    return tr("{name} cannot be read: {reason}", name=name, reason=reason)


def os_error_reason(exc: OSError, path: Path | str, *, writing: bool | None) -> str:
    """Why an operation on `path` failed, as a person would say it (a full sentence)."""
    path = Path(path)
    winerror = getattr(exc, "winerror", None)
    if winerror in _WIN_SHARING_VIOLATION:
        return tr(
            "it is open in another program (for example Excel). Close it there and try again."
        )
    if exc.errno in _DISK_FULL or winerror in _WIN_DISK_FULL:
        return tr("the disk is full. Free some space and try again.")
    if exc.errno == errno.EROFS:
        return tr("the drive is read-only. Choose a folder on another drive.")
    if winerror in _WIN_NAME_TOO_LONG or exc.errno == errno.ENAMETOOLONG:
        return tr("the name or the folder path is too long. Choose a shorter one.")
    if winerror in _WIN_BAD_NAME:
        return tr('the name contains characters that are not allowed, such as : * ? " < > |.')
    if isinstance(exc, IsADirectoryError):
        return tr("it is a folder, not a file.")
    if isinstance(exc, FileNotFoundError | NotADirectoryError):
        if writing:
            return tr("the folder {folder} does not exist.", folder=str(path.parent))
        return tr("it does not exist (it may have been moved or renamed).")
    if isinstance(exc, PermissionError):
        if writing or writing is None:
            return tr(
                "permission denied. If the file is open in another program (for example "
                "Excel), close it there and try again; otherwise choose a folder you may "
                "change."
            )
        return tr(
            "permission denied. If the file is open in another program, close it there and "
            "try again; otherwise ask for access to it."
        )
    if exc.errno == errno.EIO:
        return tr(
            "the disk reported an error. Check that the drive (a USB stick, a network drive) "
            "is still connected, and try again."
        )
    return exc.strerror or str(exc) or exc.__class__.__name__


def _code(exc: OSError) -> str:
    """A short, data-free label of an OSError for the log (no file names)."""
    winerror = getattr(exc, "winerror", None)
    label = errno.errorcode.get(exc.errno or 0, exc.__class__.__name__)
    return f"{label} (winerror {winerror})" if winerror else label


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        log.warning("A temporary file could not be removed.")


def sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the system allows it (POSIX); Windows flushes
    the folder entry with the file and has no way to open a folder for this."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
