"""What the frozen build must import by name comes from the registries the program uses:
commands (app.cli), views (ui.views) and menu commands (ui.actions)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from app.cli import COMMAND_MODULES
from app.i18n import N_
from ui.actions import ACTIONS, ActionSpec, lazy_handler
from ui.frozen import by_name_modules, missing_targets
from ui.views import VIEWS, ViewSpec, lazy

ROOT = Path(__file__).resolve().parent.parent


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


def _version_info():
    spec = importlib.util.spec_from_file_location(
        "version_info", ROOT / "packaging" / "version_info.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_windows_version_numbers_come_from_the_one_version() -> None:
    version_info = _version_info()
    assert version_info.version_tuple("0.1.0") == (0, 1, 0, 0)
    assert version_info.version_tuple("2.10.3rc1") == (2, 10, 3, 0)
    assert version_info.version_tuple("7") == (7, 0, 0, 0)
