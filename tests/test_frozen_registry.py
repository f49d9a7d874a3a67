"""What the frozen build must import by name comes from the registries the program uses:
commands (app.cli), views (ui.views) and menu commands (ui.actions)."""

from __future__ import annotations

from app.cli import COMMAND_MODULES
from app.i18n import N_
from ui.actions import ACTIONS, ActionSpec, lazy_handler
from ui.frozen import by_name_modules, missing_targets
from ui.views import VIEWS, ViewSpec, lazy


def test_every_name_in_the_registries_imports() -> None:
    assert missing_targets() == []


def test_the_build_gets_every_command_view_and_menu_module() -> None:
    modules = by_name_modules()
    assert set(COMMAND_MODULES) <= set(modules)
    assert {"ui.views.participants", "ui.views.sessions", "ui.import_wizard"} <= set(modules)
    assert len(modules) == len(set(modules))


def test_a_view_or_menu_command_added_later_is_in_the_build_and_checked() -> None:
    VIEWS.append(ViewSpec("later", N_("Overview"), lazy("ui.views.later_view", "LaterView")))
    ACTIONS.append(ActionSpec("tools", N_("&Help"), lazy_handler("ui.overview_chart", "nothing")))
    try:
        assert "ui.views.later_view" in by_name_modules()
        assert "ui.overview_chart" in by_name_modules()
        assert missing_targets() == ["ui.views.later_view.LaterView", "ui.overview_chart.nothing"]
    finally:
        VIEWS.pop()
        ACTIONS.pop()
