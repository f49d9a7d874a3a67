"""The global exception hook: a message instead of a silent crash, and a log entry without
personal data (no local variables, no exception message, see app.logging_setup).

What the user is told is only what is true. An error they can act on (a `TandemError`, or a
storage error such as a full disk or a file in use, see `app.user_errors`) is shown with its
own message, which also says whether the last change was saved. For a bug the dialog says
that Tandem stopped what it was doing, whether the change under way was saved (it was not
when the bug rolled a write back; otherwise Tandem cannot know, and says so), and where the
log file is, if there is one.
"""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from app.errors import is_unsaved
from app.i18n import tr
from app.logging_setup import active_log_path, format_traceback
from app.user_errors import as_user_error

log = logging.getLogger("tandem.crash")
_busy = False


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Show a user error's message; log any other error and explain it as a bug."""
    global _busy
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    error = as_user_error(exc)
    if error is not None:
        log.info("A user-facing error reached the top: %s", exc_type.__name__)
        _show(error.message, "", critical=False)
        return
    log.error("Unexpected error\n%s", format_traceback(exc_type, exc, tb))
    if _busy:  # an error while showing the dialog: do not loop
        return
    _busy = True
    try:
        _show(*bug_report(exc), critical=True)
    finally:
        _busy = False


def bug_report(exc: BaseException) -> tuple[str, str]:
    """What to tell the user about a bug (already logged): the text, and the details with
    what became of the change under way and where the log is."""
    text = tr("Sorry, Tandem ran into an unexpected error and stopped what it was doing.")
    if is_unsaved(exc):
        saved = tr("The change under way was not saved; everything saved before it is in the file.")
    else:
        saved = tr(
            "Everything Tandem saved before is in the file. Please check whether your last "
            "change is there."
        )
    path = active_log_path()
    if path is None:
        where = tr("Tandem could not write a log file on this computer.")
    else:
        where = tr(
            "If it happens again, please send the log file to your IT contact: {path}",
            path=str(path),
        )
    return text, saved + "\n\n" + where


def _show(text: str, details: str, *, critical: bool) -> None:
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        print("\n\n".join(part for part in (text, details) if part), file=sys.stderr)
        return
    from ui import dialogs

    parent = QApplication.activeWindow()
    (dialogs.show_critical if critical else dialogs.show_warning)(parent, text, details)


def install_excepthook() -> None:
    """Route uncaught exceptions (also those raised in Qt slots) to `excepthook`."""
    sys.excepthook = excepthook
