"""Typed errors. A `TandemError` carries a message for the user, already translated;
anything else that escapes is a bug."""

from __future__ import annotations


class TandemError(Exception):
    """An error the user can understand and act on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(TandemError):
    """Input that breaks a rule. `field` names the offending field where there is one;
    `errors` maps several fields to their messages."""

    def __init__(
        self, message: str, field: str | None = None, errors: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.field = field
        self.errors = dict(errors or ({field: message} if field else {}))


class NotFoundError(TandemError):
    """A record that does not (or no longer) exist."""


class ConflictError(TandemError):
    """An action refused because of the state of other records."""


class FileRefusedError(TandemError):
    """A file that Tandem will not open (not a Tandem file, newer version, damaged, empty)."""


class StorageError(TandemError):
    """The disk or the file refused a read or write (full, locked, read-only, I/O error)."""


_UNSAVED = "_tandem_unsaved"


def mark_unsaved(exc: BaseException) -> None:
    """Note on an error that it rolled back a write transaction: the change it interrupted
    was not saved (the crash dialog says so)."""
    setattr(exc, _UNSAVED, True)


def is_unsaved(exc: BaseException) -> bool:
    """True when `exc` rolled back a write transaction (see `mark_unsaved`)."""
    return bool(getattr(exc, _UNSAVED, False))
