"""Private notes in the window: the vault controller, the dialogs, the notes panel, and the
hooks that put them into the main window and the views.

- `install(window)` (called once by the main window): from the first opened file on, the
  window gets its Notes menu, lock indicator, lock-on-close, and `window.notes`.
- `controller_for(context)`: the one `NotesController` of an `AppContext`.
- `attach_notes_button(view, "participant")`: a "Private notes…" button in a table view.

This module imports nothing heavy: the main window imports it before its first paint, and
the rest (Qt's enum namespace, the notes service, cryptography) loads when a file is opened.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ui.context import AppContext
    from ui.main_window import MainWindow
    from ui.notes.vault_controller import NotesController
    from ui.notes.window_hooks import NotesButton
    from ui.views.base import TableView


def install(window: MainWindow) -> None:
    """Hook private notes into the main window once a file is open (see `install_now`)."""

    def install_now() -> None:
        from ui.notes.window_hooks import install_now as install_hooks

        install_hooks(window)

    if window.context.is_open:
        install_now()
    else:
        window.context.database_opened.connect(install_now)


def controller_for(context: AppContext) -> NotesController:
    """The notes controller of this context (made on first use)."""
    from ui.notes.window_hooks import controller_for as find

    return find(context)


def attach_notes_button(
    view: TableView, owner_kind: str, describe: Callable[[Any], str] | None = None
) -> NotesButton:
    """Add a 'Private notes…' button for the selected row to a table view."""
    from ui.notes.window_hooks import attach_notes_button as attach

    return attach(view, owner_kind, describe)


__all__ = ["attach_notes_button", "controller_for", "install"]
