"""Scene 7, first part: HR chooses and sizes the participants table's columns (the e-mail
column among them), and the table is the same the next time Tandem opens."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from app import user_prefs
from tests.ui.conftest import make_window
from ui.models import participants as cols
from ui.views.participants import ParticipantsView


def view_of(window) -> ParticipantsView:  # noqa: ANN001
    view = window.show_view("participants")
    assert isinstance(view, ParticipantsView)
    return view


def header_menu(view: ParticipantsView) -> QMenu:
    """The menu a right click on the table's header opens (built, not popped up: the test
    platform cannot grab the keyboard for a popup)."""
    header = view.table.horizontalHeader()
    assert header.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    assert view.column_chooser is not None
    return view.column_chooser.menu()


def entries(menu: QMenu) -> dict[str, tuple[bool, bool]]:
    """Menu text -> (checked, enabled) of the column entries."""
    return {a.text(): (a.isChecked(), a.isEnabled()) for a in menu.actions() if a.isCheckable()}


def shown_headers(view: ParticipantsView) -> list[str]:
    header = view.table.horizontalHeader()
    logical = sorted(range(header.count()), key=header.visualIndex)
    return [view.model.headerData(c, Qt.Orientation.Horizontal) for c in logical
            if not header.isSectionHidden(c)]  # fmt: skip


def test_hr_chooses_and_sizes_columns_and_finds_them_again(
    qtbot, program_file: Path, contexts
) -> None:
    window = make_window(qtbot, program_file, contexts)
    view = view_of(window)
    # The e-mail column is there, hidden until HR asks for it.
    assert "E-mail" not in shown_headers(view)
    menu = header_menu(view)
    choice = entries(menu)
    assert choice["Name"] == (True, False)  # the name always stays
    assert choice["E-mail"] == (False, True) and choice["Position"] == (True, True)
    assert [a.text() for a in menu.actions() if a.text()][-1] == "Reset columns"
    next(a for a in menu.actions() if a.text() == "E-mail").trigger()
    menu = header_menu(view)
    next(a for a in menu.actions() if a.text() == "Position").trigger()
    assert shown_headers(view)[:3] == ["Name", "Personnel no.", "E-mail"]
    assert "Position" not in shown_headers(view)
    emails = {view.proxy.index(r, cols.EMAIL).data() for r in range(view.proxy.rowCount())}
    assert "anna.lee@example.com" in emails
    # HR drags the department column wider.
    header = view.table.horizontalHeader()
    wider = header.sectionSize(cols.DEPARTMENT) + 60
    header.resizeSection(cols.DEPARTMENT, wider)
    stored = user_prefs.get("columns.participants")
    assert stored["hidden"] == ["Position"]
    assert stored["widths"] == {"Department": wider}

    # The next time (a new window on the same file), the table is as HR left it.
    window.close()
    again = view_of(make_window(qtbot, program_file, contexts))
    assert shown_headers(again)[:3] == ["Name", "Personnel no.", "E-mail"]
    assert "Position" not in shown_headers(again)
    assert again.table.horizontalHeader().sectionSize(cols.DEPARTMENT) == wider
    # In German too: the choice is kept by column, not by its words.
    again.window().switch_language("de")
    german = view_of(again.window())
    assert "Position" not in shown_headers(german) and "E-Mail" in shown_headers(german)
    german.window().switch_language("en")

    # "Reset columns" brings the usual table back.
    view = view_of(again.window())
    menu = header_menu(view)
    next(a for a in menu.actions() if a.text() == "Reset columns").trigger()
    assert "E-mail" not in shown_headers(view) and "Position" in shown_headers(view)
    assert user_prefs.get("columns.participants") is None


def test_the_window_growing_is_not_taken_for_hr_sizing_a_column(
    qtbot, program_file: Path, contexts
) -> None:
    window = make_window(qtbot, program_file, contexts)
    view_of(window)
    window.resize(1600, 900)
    qtbot.waitUntil(lambda: window.width() == 1600)
    window.resize(1100, 700)
    qtbot.waitUntil(lambda: window.width() == 1100)
    stored = user_prefs.get("columns.participants") or {}
    assert not stored.get("widths")
