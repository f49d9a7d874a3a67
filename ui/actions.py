"""Menu commands that other areas add to the main window, registered in ONE place.

To add a command (Import…, Export…, Unlock notes…), append one line to ACTIONS: the menu it
goes in ("file", "edit", "view", "documents", "tools" or "help"), an `N_()`-marked title,
and a handler `(window) -> None`. `lazy_handler("module", "function")` imports the module only when the
command is first used, so start-up stays fast. The menus are rebuilt in the new language
when the user switches, so titles are translated then.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.i18n import N_

if TYPE_CHECKING:
    from ui.main_window import MainWindow

Handler = Callable[["MainWindow"], None]
MENUS = ("file", "edit", "view", "documents", "tools", "help")


@dataclass(frozen=True)
class ActionSpec:
    """One menu command."""

    menu: str
    title: str
    """English title marked with N_(), with an optional &mnemonic; translated when shown."""
    handler: Handler
    shortcut: str | None = None
    """A QKeySequence text such as "Ctrl+I" (optional)."""
    needs_file: bool = True
    """Disabled while no program file is open."""


def lazy_handler(module: str, function: str) -> Handler:
    """A handler that imports `module` and calls `function(window)` when used."""

    def run(window: MainWindow) -> None:
        getattr(importlib.import_module(module), function)(window)

    run.target = (module, function)  # type: ignore[attr-defined]  # for the frozen build
    return run


ACTIONS: list[ActionSpec] = [
    ActionSpec(
        "file", N_("&Import participants…"), lazy_handler("ui.import_wizard", "run"), "Ctrl+I"
    ),
    ActionSpec("file", N_("&Export participants…"), lazy_handler("ui.export_actions", "run")),
    ActionSpec(
        "file", N_("Send meetings to &Outlook (.ics)…"), lazy_handler("ui.calendar_actions", "run")
    ),
    ActionSpec("documents", N_("&Annual summary…"), lazy_handler("ui.reports", "annual_summary")),
    ActionSpec(
        "documents",
        N_("&Personal data export (GDPR)…"),
        lazy_handler("ui.reports", "personal_data_export"),
    ),
    ActionSpec(
        "documents",
        N_("&Works-council description…"),
        lazy_handler("ui.reports", "works_council_sheet"),
    ),
    ActionSpec(
        "documents", N_("Programme &factsheet…"), lazy_handler("ui.reports", "programme_factsheet")
    ),
    ActionSpec("file", N_("&Backups…"), lazy_handler("ui.safekeep.backups_dialog", "run")),
    ActionSpec("tools", N_("&Settings…"), lazy_handler("ui.settings", "run"), "Ctrl+,"),
    ActionSpec("tools", N_("&Retention period…"), lazy_handler("ui.privacy", "show_retention")),
]
