"""Private notes in the window: the vault controller, the dialogs, the notes panel, and the
hooks that put them into the main window and the views.

- `install(window)` (called once by the main window): Notes menu, lock indicator, lock on close.
- `controller_for(context)`: the one `NotesController` of an `AppContext`.
- `attach_notes_button(view, "participant")`: a "Private notes…" button in a table view.
"""

from __future__ import annotations

from ui.notes.window_hooks import attach_notes_button, controller_for, install

__all__ = ["attach_notes_button", "controller_for", "install"]
