"""Safe keeping in the window: File → Backups…, the offers when a file cannot be opened (open
elsewhere: look at the newest backup read-only; damaged: restore the newest backup), and the
warning when a file lies on a network drive or in a synchronised folder.

- `install(window)` (called once by the main window) hooks the warning about risky places
  to every file the window opens.
- `show_refusal(window, message)` replaces the plain warning when a file was refused.

This module imports nothing heavy: the main window imports it before its first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def install(window: MainWindow) -> None:
    """Warn about a risky place each time the window opens a file there (once per file)."""

    def opened() -> None:
        from ui.safekeep.risky_place import warn_if_risky

        warn_if_risky(window)

    window.context.database_opened.connect(opened)


def show_refusal(window: MainWindow, message: str) -> None:
    """Tell why the file could not be opened, with what can be done about it."""
    from ui.safekeep.refusals import show_refusal as show

    show(window, message)
