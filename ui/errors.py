"""The global exception hook: a friendly dialog instead of a silent crash, and a log entry
without personal data (no local variables, no exception message, see app.logging_setup)."""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from app.errors import TandemError
from app.i18n import tr
from app.logging_setup import format_traceback, log_path

log = logging.getLogger("tandem.crash")
_busy = False


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Show a `TandemError`'s message; log any other error and apologise for it."""
    global _busy
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if isinstance(exc, TandemError):
        log.info("A user-facing error reached the top: %s", exc_type.__name__)
        _show(exc.message, "", critical=False)
        return
    log.error("Unexpected error\n%s", format_traceback(exc_type, exc, tb))
    if _busy:  # an error while showing the dialog: do not loop
        return
    _busy = True
    try:
        _show(
            tr(
                "Sorry, something went wrong in Tandem. Your data is safe: every change "
                "is saved the moment you make it."
            ),
            tr(
                "If it happens again, please send the log file to your IT contact: {path}",
                path=str(log_path()),
            ),
            critical=True,
        )
    finally:
        _busy = False


def _show(text: str, details: str, *, critical: bool) -> None:
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        print(text, file=sys.stderr)
        return
    from ui import dialogs

    parent = QApplication.activeWindow()
    (dialogs.show_critical if critical else dialogs.show_warning)(parent, text, details)


def install_excepthook() -> None:
    """Route uncaught exceptions (also those raised in Qt slots) to `excepthook`."""
    sys.excepthook = excepthook
