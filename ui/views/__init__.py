"""The views of the main window's navigation, registered in ONE place.

To add or replace a view, edit one line of VIEWS: a key, an `N_()`-marked title and a
factory `(context) -> QWidget`. `lazy("module", "Class")` imports the module only when the
view is built, so a heavy view never slows down start-up. A view is a QWidget that takes the
`AppContext`; subclass `ui.views.base.View` (or `TableView`) to get reloading on
`database_opened` / `data_changed` for free.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from app.i18n import N_
from ui.context import AppContext

ViewFactory = Callable[[AppContext], QWidget]


@dataclass(frozen=True)
class ViewSpec:
    """One entry of the navigation."""

    key: str
    title: str
    """English title marked with N_(); translated when the navigation is built."""
    factory: ViewFactory


def lazy(module: str, class_name: str) -> ViewFactory:
    """A factory that imports `module` and builds `class_name(context)` when first needed."""

    def build(context: AppContext) -> QWidget:
        return getattr(importlib.import_module(module), class_name)(context)

    build.target = (module, class_name)  # type: ignore[attr-defined]  # for the frozen build
    return build


VIEWS: list[ViewSpec] = [
    ViewSpec("overview", N_("Overview"), lazy("ui.views.overview", "OverviewView")),
    ViewSpec("participants", N_("Participants"), lazy("ui.views.participants", "ParticipantsView")),
    ViewSpec("rounds", N_("Rounds"), lazy("ui.views.rounds", "RoundsView")),
    ViewSpec("tandems", N_("Tandems"), lazy("ui.views.tandems", "TandemsView")),
    ViewSpec("sessions", N_("Meetings"), lazy("ui.views.sessions", "SessionsView")),
]
