"""The Settings dialog (Tools → Settings…, Ctrl+,): what the program file knows about the
company and the programme, and what its documents carry: logo, signatories, HR contact,
document language, round defaults and HR's version of the agreement's clauses."""

from __future__ import annotations

from typing import Any


def run(window: Any) -> None:
    """Tools → Settings… (registered in ui/actions.py): edit the open file's settings."""
    from ui.settings.settings_dialog import edit_settings

    edit_settings(window.context, window)
