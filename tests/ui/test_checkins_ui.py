"""Check-ins in the window: recorded through the dialog (radio rows, reachable by keyboard),
shown per tandem in the detail panel, and a low rating puts the attention marker on the
tandem with its reason."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.model import CheckinPhase, GoalsReached
from app.services.checkins import list_checkins
from tests.helpers.widgets import script_dialog, tandems_view
from tests.ui.conftest import make_window
from ui.checkin_dialog import CheckinDialog
from ui.views.tandems import ATTENTION_COLUMN


def attention_of(view, tandem_id: int) -> tuple[str, str | None]:
    for row in range(view.proxy.rowCount()):
        index = view.proxy.index(row, ATTENTION_COLUMN)
        if view.model.row_at(view.proxy.mapToSource(index).row()).id == tandem_id:
            return index.data(), index.data(Qt.ItemDataRole.ToolTipRole)
    raise AssertionError("tandem not shown")


def test_a_rating_of_two_puts_the_attention_marker_on_the_tandem(
    qtbot, rules_file, contexts, monkeypatch
) -> None:
    path, ids = rules_file
    window = make_window(qtbot, path, contexts)
    view = tandems_view(window)
    tandem_id = ids["open_tandem"]
    assert view.select_tandem(tandem_id)
    assert attention_of(view, tandem_id) == ("", None)
    assert not view.detail.attention_label.isVisible()
    assert view.detail.checkin_hint.text() == "No check-in recorded yet."
    seen: dict[str, Any] = {}

    def record(dialog: CheckinDialog) -> None:
        seen["people"] = [dialog.person.itemText(i) for i in range(dialog.person.count())]
        dialog.person.setCurrentIndex(1)  # the mentee
        dialog.phase.setCurrentIndex(dialog.phase.findData(str(CheckinPhase.MID)))
        # keyboard: focus the first button of the row, move right with the arrow key
        first = dialog.relationship.buttons[0]
        dialog.activateWindow()
        first.setFocus()
        qtbot.waitUntil(first.hasFocus)
        qtbot.keyClick(first, Qt.Key.Key_Space)
        qtbot.keyClick(first, Qt.Key.Key_Right)
        seen["keyboard"] = dialog.relationship.value()
        qtbot.mouseClick(dialog.progress.buttons[3], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.goals_reached.buttons[1], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.again.buttons[0], Qt.MouseButton.LeftButton)
        seen["names"] = [b.accessibleName() for b in dialog.relationship.buttons]
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    script_dialog(monkeypatch, CheckinDialog, record)
    qtbot.mouseClick(view.detail.checkin_button, Qt.MouseButton.LeftButton)
    assert seen["people"] == ["Mentor: Anna & <b>Lee</b>", "Mentee: Łukasz Dvořák-Şahin"]
    assert seen["keyboard"] == 2
    assert seen["names"][0] == "Relationship: 1"
    (saved,) = list_checkins(window.context.db, tandem_id)
    assert (saved.participant_id, saved.phase) == (ids["lukasz"], CheckinPhase.MID)
    assert (saved.relationship_rating, saved.progress_rating) == (2, 4)
    assert saved.goals_reached == GoalsReached.PARTLY and saved.would_take_part_again is True

    marker, tooltip = attention_of(view, tandem_id)
    assert marker.startswith("⚠")
    assert tooltip == "Łukasz Dvořák-Şahin rated the relationship 2 of 5 (Mid-round check-in)."
    assert view.selected().id == tandem_id
    assert view.detail.attention_label.isVisible()
    assert view.detail.attention_label.text().startswith("⚠")
    assert view.detail.checkin_rows() == [["Mentee", "Mid", "2 of 5", "4 of 5", "Partly", "Yes"]]
    assert view.detail.checkin_table.item(0, 0).toolTip() == "Mentee: Łukasz Dvořák-Şahin"
    # the status filter "Needing attention" shows exactly this tandem
    view.status_combo.setCurrentIndex(view.status_combo.findData("attention"))
    view.status_combo.activated.emit(view.status_combo.currentIndex())
    assert view.proxy.rowCount() == 1 and view.selected().id == tandem_id


def test_recording_again_shows_and_replaces_the_earlier_answers(
    qtbot, rules_file, contexts, monkeypatch
) -> None:
    path, ids = rules_file
    window = make_window(qtbot, path, contexts)
    view = tandems_view(window)
    assert view.select_tandem(ids["open_tandem"])
    seen: dict[str, Any] = {}

    def first(dialog: CheckinDialog) -> None:
        dialog.relationship.set_value(5)
        dialog.progress.set_value(5)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    def second(dialog: CheckinDialog) -> None:
        seen["prefilled"] = (dialog.relationship.value(), dialog.progress.value())
        seen["note"] = dialog.replaces.text()
        dialog.relationship.set_value(1)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    script_dialog(monkeypatch, CheckinDialog, first)
    qtbot.mouseClick(view.detail.checkin_button, Qt.MouseButton.LeftButton)
    assert attention_of(view, ids["open_tandem"])[0] == ""
    script_dialog(monkeypatch, CheckinDialog, second)
    qtbot.mouseClick(view.detail.checkin_button, Qt.MouseButton.LeftButton)
    assert seen["prefilled"] == (5, 5) and "replaces it" in seen["note"]
    (saved,) = list_checkins(window.context.db, ids["open_tandem"])
    assert saved.relationship_rating == 1
    assert attention_of(view, ids["open_tandem"])[0].startswith("⚠")
