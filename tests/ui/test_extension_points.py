"""Other areas plug into the window in one place each: a view in ui/views/__init__.py,
a menu command in ui/actions.py. These tests add one of each, as another area would."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from app.i18n import N_
from tests.ui.conftest import make_window
from ui.actions import ACTIONS, ActionSpec
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.views import VIEWS, ViewSpec
from ui.views.base import View, plain_label


class CountingView(View):
    """A minimal extra view: shows how many times it loaded."""

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.loads = 0
        self.label = plain_label("", self)

    def reload(self) -> None:
        self.loads += 1
        self.label.setText(f"loaded {self.loads}")


@pytest.fixture
def window(qtbot, contexts) -> MainWindow:
    """A shown main window on the start page (built after `extra_view`/`extra_action`)."""
    return make_window(qtbot, None, contexts)


@pytest.fixture
def extra_view() -> Iterator[None]:
    VIEWS.append(ViewSpec("extra", N_("Overview"), CountingView))
    yield
    VIEWS.pop()


@pytest.fixture
def extra_action() -> Iterator[list[MainWindow]]:
    calls: list[MainWindow] = []
    ACTIONS.append(ActionSpec("tools", N_("&Help"), calls.append, "Ctrl+Shift+X"))
    yield calls
    ACTIONS.pop()


def test_a_registered_view_appears_and_loads_lazily(
    extra_view: None, window: MainWindow, program_file: Path
) -> None:
    assert window.nav.count() == 6 and "extra" not in window.views
    window.open_path(program_file)
    view = window.show_view("extra")
    assert isinstance(view, CountingView) and view.loads == 1
    window.context.notify_changed("participants")  # ALL areas by default: reloads
    assert view.loads == 2
    window.show_view("participants")
    window.context.notify_changed("participants")
    assert view.loads == 2  # hidden: waits until shown
    window.show_view("extra")
    assert view.loads == 3 and view.findChild(QLabel).text() == "loaded 3"


def test_a_registered_command_gets_a_menu_and_follows_the_file(
    extra_action: list[MainWindow], window: MainWindow, program_file: Path
) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    assert "&Tools" in titles
    (action,) = [a for a in window.registered_actions if a.text() == "&Help"]
    assert not action.isEnabled()
    window.open_path(program_file)
    assert action.isEnabled()
    action.trigger()
    assert extra_action == [window]
    window.language_actions["de"].trigger()
    assert "E&xtras" in [a.text() for a in window.menuBar().actions()]
    assert "&Hilfe" in [a.text() for a in window.registered_actions]
    window.language_actions["en"].trigger()


def test_navigate_shows_the_view_and_the_record(qtbot, contexts, db_path, monkeypatch) -> None:
    """context.navigate(key, id) switches the view and calls its show_item(id)."""
    window = make_window(qtbot, db_path, contexts)
    context = window.context
    shown: list[int] = []
    view = window.view("rounds")
    monkeypatch.setattr(view, "show_item", shown.append, raising=False)
    context.navigate("rounds", 7)
    assert window.current_view_key() == "rounds"
    assert shown == [7]
