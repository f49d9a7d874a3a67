"""Erasure, anonymisation and retention in the window (GDPR art. 17).

- `attach_privacy_actions(view)`: Erase… (Shift+Del) and Anonymise… for the selected row of
  the participants view, in the table's context menu.
- `show_retention(window)`: Tools → Retention period… (registered in ui/actions.py).

Both actions are final: a dialog says what is removed and what stays and asks for a tick
before the button works; there is no undo, and the undo history is emptied afterwards (an
undo of an earlier edit would otherwise write the old name back).

This module imports nothing heavy; the dialogs load when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.privacy.actions import PrivacyActions
    from ui.views.participants import ParticipantsView


def attach_privacy_actions(view: ParticipantsView) -> PrivacyActions:
    """Add Erase… and Anonymise… to the participants view."""
    from ui.privacy.actions import PrivacyActions

    return PrivacyActions(view)


def show_retention(window: MainWindow) -> None:
    """Tools → Retention period…: the people due, to erase or anonymise in one step."""
    from ui.privacy.actions import run_retention

    run_retention(window.context, window)


__all__ = ["attach_privacy_actions", "show_retention"]
