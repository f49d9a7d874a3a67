"""Scene 8, tried without a mouse: tabbing into the Participants or Meetings table selects a
row (so Enter, Del and the view's keys act), Ctrl+1 ... Ctrl+5 switch views, Tab reaches the
view before the status bar's lock button, Enter on a tandem opens it, and the "Status missing"
red can be read on a light and on a dark palette."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from tests.ui.conftest import make_window
from ui.form_fields import READABLE, alert_colour, contrast
from ui.main_window import MainWindow
from ui.participant_form import ParticipantForm
from ui.session_form import SessionForm
from ui.views.sessions import STATUS

CTRL = Qt.KeyboardModifier.ControlModifier


def active(qtbot, window: MainWindow) -> MainWindow:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def tab_until(qtbot, start: QWidget, target: QWidget, most: int = 30) -> list[QWidget]:
    """Press Tab from `start` until `target` has the keyboard; the widgets visited."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    seen = [start]
    for _ in range(most):
        if QApplication.focusWidget() is target:
            return seen
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    raise AssertionError(f"Tab never reached {target!r}: {seen}")


def test_tabbing_into_the_participants_table_selects_a_row_so_enter_works(
    qtbot, program_file, contexts, drive
) -> None:
    window = active(qtbot, make_window(qtbot, program_file, contexts))
    view = window.show_view("participants")
    assert not view.table.selectionModel().hasSelection()
    assert not view.edit_button.isEnabled()
    tab_until(qtbot, view.search, view.table)
    assert view.selected() is not None and view.table.currentIndex().row() == 0
    assert view.edit_button.isEnabled() and view.delete_button.isEnabled()
    opened = drive(ParticipantForm, lambda form: form.reject())
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert len(opened) == 1 and opened[0].windowTitle().startswith("Edit")


def test_tabbing_into_the_meetings_table_selects_a_row_so_keys_work(
    qtbot, program_file, contexts, drive, answers
) -> None:
    window = active(qtbot, make_window(qtbot, program_file, contexts))
    view = window.show_view("sessions")
    view.table.clearSelection()
    assert not view.edit_button.isEnabled() and not view.delete_button.isEnabled()
    tab_until(qtbot, view.search, view.table)
    assert len(view.selected_ids()) == 1
    assert view.edit_button.isEnabled() and view.held_button.isEnabled()
    opened = drive(SessionForm, lambda form: form.reject())
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert len(opened) == 1
    active(qtbot, window)
    view.table.setFocus(Qt.FocusReason.OtherFocusReason)
    answers["reply"][0] = QMessageBox.StandardButton.No
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert answers["texts"][-1].startswith("Delete the meeting")


def test_ctrl_1_to_5_switch_views_and_the_navigation_says_so(qtbot, program_file, contexts) -> None:
    window = active(qtbot, make_window(qtbot, program_file, contexts))
    keys = ["overview", "participants", "rounds", "tandems", "sessions"]
    for number in range(1, 6):
        assert window.nav.item(number - 1).toolTip().endswith(f"(Ctrl+{number})")
    for number in (2, 5, 4, 3, 1):
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key(Qt.Key.Key_0 + number), CTRL)
        assert window.current_view_key() == keys[number - 1]
        view = window.views[keys[number - 1]]
        focused = QApplication.focusWidget()
        assert focused is not None and view.isAncestorOf(focused)
        table: Any = getattr(view, "table", None)
        if table is not None:
            assert focused is table and table.selectionModel().hasSelection()
    window.switch_language("de")
    assert window.nav.item(1).toolTip() == "Teilnehmende (Strg+2)"
    window.switch_language("en")


def test_tab_reaches_the_view_before_the_lock_button(qtbot, demo_file, contexts) -> None:
    window = active(qtbot, make_window(qtbot, demo_file, contexts))
    for key in ("participants", "rounds", "tandems"):  # views made after the lock button
        view = window.show_view(key)
        indicator = window.notes_indicator
        qtbot.waitUntil(indicator.isVisible)  # the status bar shows once laid out
        assert indicator.focusPolicy() & Qt.FocusPolicy.TabFocus
        seen = tab_until(qtbot, window.nav, indicator, most=60)
        inside = [w for w in seen if view.isAncestorOf(w)]
        assert inside, f"Tab went from the navigation to the lock button past {key}"
        assert seen[1] in inside, (key, seen[:3])


def test_enter_on_a_tandem_opens_it_and_escape_comes_back(qtbot, program_file, contexts) -> None:
    window = active(qtbot, make_window(qtbot, program_file, contexts))
    view = window.show_view("tandems")
    tab_until(qtbot, view.search, view.table)
    tandem = view.selected()
    assert tandem is not None
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    focused = QApplication.focusWidget()
    assert focused is not None and view.detail.isAncestorOf(focused)
    assert focused.isEnabled() and focused.isVisible()
    assert view.detail.title.text().startswith(tandem.mentor_name)
    qtbot.keyClick(focused, Qt.Key.Key_Escape)
    assert view.table.hasFocus() and view.selected() == tandem


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#202124"), (QPalette.ColorRole.Base, "#1b1b1d"),
        (QPalette.ColorRole.AlternateBase, "#2a2a2d"), (QPalette.ColorRole.Text, "#e8e8e8"),
        (QPalette.ColorRole.WindowText, "#e8e8e8"),
    ):  # fmt: skip
        palette.setColor(role, QColor(colour))
    return palette


def light_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#efefef"), (QPalette.ColorRole.Base, "#ffffff"),
        (QPalette.ColorRole.AlternateBase, "#f5f5f5"),
    ):  # fmt: skip
        palette.setColor(role, QColor(colour))
    return palette


@pytest.mark.parametrize("palette", [light_palette, dark_palette], ids=["light", "dark"])
def test_status_missing_can_be_read_on_light_and_dark(
    qtbot, program_file, contexts, palette
) -> None:
    app = QApplication.instance()
    before = app.palette()
    app.setPalette(palette())
    try:
        window = make_window(qtbot, program_file, contexts)
        view = window.show_view("sessions")
        view.overdue_only.setChecked(True)
        missing = [r for r in range(view.proxy.rowCount())
                   if view.proxy.index(r, STATUS).data() == "Status missing"]  # fmt: skip
        assert missing, "the small program has a meeting whose status is missing"
        brush = view.proxy.index(missing[0], STATUS).data(Qt.ItemDataRole.ForegroundRole)
        colour = brush.color()
        current = app.palette()
        for role in (QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase):
            assert contrast(colour, current.color(role)) >= READABLE, role
        assert colour.red() > colour.green() and colour.red() > colour.blue()  # still red
    finally:
        app.setPalette(before)


def test_contrast_is_measured_as_wcag_says() -> None:
    assert contrast(QColor("black"), QColor("white")) == pytest.approx(21)
    assert contrast(QColor("#777777"), QColor("#777777")) == pytest.approx(1)
    # The red used on light tables is too dark for a dark table, and the other way round.
    light, dark = alert_colour(light_palette()), alert_colour(dark_palette())
    assert light != dark
    assert contrast(light, QColor("#1b1b1d")) < READABLE
    assert contrast(dark, QColor("#ffffff")) < READABLE
