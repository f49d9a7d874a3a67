"""The tandems view and the "New tandem" form on real program files: every hard rule refused
with its message, every warning confirmed or declined, the lifecycle through to completed,
dissolving with a reason and pairing the same people again, delete, and `show_item`."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlite_utils import Database

from app.db import create_database
from app.model import TandemStatus
from app.services import tandems
from tests.helpers.widgets import click_check_box, script_dialog, tandems_view
from tests.ui.conftest import make_window
from ui.tandem_detail import AgreementDialog, DissolveDialog
from ui.tandem_form import TandemForm
from ui.views.tandems import ATTENTION_COLUMN, TandemsView

# The file of the rules_file fixture (tests/ui/conftest.py) holds one case per rule.


def choose(form: TandemForm, mentor_id: int, mentee_id: int) -> None:
    assert form.mentor.select_person(mentor_id), "mentor not offered"
    assert form.mentee.select_person(mentee_id), "mentee not offered"


def count_tandems(db: Database, round_id: int) -> int:
    return len(tandems.list_tandems(db, round_id))


# --- the rules in the form -------------------------------------------------------------------

HARD_RULES = {
    "reporting line at depth 2": (
        "trainee", "boss",
        "Tim Trainee is in Bea Boss's reporting line (Tim Trainee → Max Mid → Bea Boss)",
    ),
    "no consent": ("noconsent", "other", "Nora Noconsent has not given consent to take part yet."),
    "wrong role": ("wrongrole", "other", "Wanda Wrongrole does not take part as a mentor."),
    "capacity": ("cap", "other", "Carl Cap already has as many open tandems as a mentor"),
    "self": ("both", "both", "A person cannot be paired with themselves."),
}  # fmt: skip


@pytest.mark.parametrize("rule", list(HARD_RULES))
def test_each_hard_rule_is_refused_in_the_form_with_its_message(
    qtbot, rules_file, contexts, monkeypatch, rule: str
) -> None:
    path, ids = rules_file
    window = make_window(qtbot, path, contexts)
    view = tandems_view(window)
    assert view.round_combo.currentText() == "Running"  # the running round by default
    mentor, mentee, message = HARD_RULES[rule]
    seen: dict[str, Any] = {}

    def script(form: TandemForm) -> None:
        if rule == "wrong role":  # only people in the fitting role are offered at first
            assert ids["wrongrole"] not in form.mentor.offered()
            click_check_box(qtbot, form.show_everyone)
        choose(form, ids[mentor], ids[mentee])
        seen["errors"] = form.error_text()
        seen["enabled"] = form.save_button.isEnabled()
        seen["visible"] = form.errors_label.isVisible()
        form.save()  # Enter on the form: refused, the form stays open
        seen["open"] = form.isVisible()
        form.reject()

    script_dialog(monkeypatch, TandemForm, script)
    before = count_tandems(window.context.db, ids["running"])
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    assert message in seen["errors"]
    assert seen["visible"] and not seen["enabled"] and seen["open"]
    assert count_tandems(window.context.db, ids["running"]) == before


def test_a_fitting_pair_is_created_with_focus_and_goals(
    qtbot, rules_file, contexts, monkeypatch
) -> None:
    path, ids = rules_file
    window = make_window(qtbot, path, contexts)
    view = tandems_view(window)

    def script(form: TandemForm) -> None:
        assert form.ok_label.text() == "Choose a mentor and a mentee."
        choose(form, ids["trainee"], ids["other"])
        assert form.error_text() == "" and form.warning_text() == ""
        assert form.ok_label.text() == "Nothing speaks against this pair."
        form.focus_topics.edit.setText("AI tools")
        form.focus_topics.commit_text()
        form.goals.setPlainText("Use AI at work")
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    script_dialog(monkeypatch, TandemForm, script)
    qtbot.keyClick(
        view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    made = [t for t in tandems.list_tandems(window.context.db, ids["running"])
            if t.mentor_id == ids["trainee"]]  # fmt: skip
    assert len(made) == 1 and made[0].focus_topics == ("AI tools",)
    assert made[0].goals == "Use AI at work" and made[0].status == TandemStatus.PROPOSED
    assert view.selected().id == made[0].id  # the new tandem is selected
    assert view.detail.title.text() == "Tim Trainee – Olga Other"


WARNINGS = {
    "same department": ("sam", "sue", "work in the same department (Logistics)"),
    "same manager": ("mia", "mo", "have the same manager (Xaver Chief)"),
    "had a tandem": ("pia", "paul", "already had a tandem: Pilot (Completed)"),
}


@pytest.mark.parametrize("confirm", [True, False], ids=["confirmed", "declined"])
@pytest.mark.parametrize("warning", list(WARNINGS))
def test_each_warning_asks_before_creating(
    qtbot, rules_file, contexts, monkeypatch, answers, warning: str, confirm: bool
) -> None:
    path, ids = rules_file
    window = make_window(qtbot, path, contexts)
    view = tandems_view(window)
    mentor, mentee, text = WARNINGS[warning]
    answers["reply"] = [
        QMessageBox.StandardButton.Yes if confirm else QMessageBox.StandardButton.No
    ]
    seen: dict[str, Any] = {}

    def script(form: TandemForm) -> None:
        choose(form, ids[mentor], ids[mentee])
        seen["warning"] = form.warning_text()
        seen["enabled"] = form.save_button.isEnabled()
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
        seen["open"] = form.isVisible()
        if form.isVisible():
            form.reject()

    script_dialog(monkeypatch, TandemForm, script)
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    assert text in seen["warning"] and seen["enabled"]
    assert len(answers["texts"]) == 1
    assert text in answers["texts"][0] and "Create the tandem anyway?" in answers["texts"][0]
    pairs = {
        (t.mentor_id, t.mentee_id) for t in tandems.list_tandems(window.context.db, ids["running"])
    }
    assert ((ids[mentor], ids[mentee]) in pairs) is confirm
    assert seen["open"] is not confirm  # declined: the form stays open to choose again


# --- lifecycle ---------------------------------------------------------------------------


def status_buttons(view: TandemsView) -> set[str]:
    d = view.detail
    buttons = {
        "agree": d.agree_button, "start": d.start_button, "complete": d.complete_button,
        "dissolve": d.dissolve_button, "delete": d.delete_button,
    }  # fmt: skip
    return {name for name, button in buttons.items() if button.isVisible()}


def test_lifecycle_buttons_lead_through_to_completed(
    qtbot, rules_file, contexts, monkeypatch, answers
) -> None:
    path, ids = rules_file
    window = make_window(qtbot, path, contexts)
    view = tandems_view(window)
    assert view.select_tandem(ids["open_tandem"])
    assert view.detail.title.text() == "Anna & <b>Lee</b> – Łukasz Dvořák-Şahin"
    assert status_buttons(view) == {"agree", "dissolve", "delete"}

    def sign(dialog: AgreementDialog) -> None:
        dialog.date.setDate(QDate(2026, 3, 2))
        dialog.accept()

    script_dialog(monkeypatch, AgreementDialog, sign)
    qtbot.mouseClick(view.detail.agree_button, Qt.MouseButton.LeftButton)
    tandem = tandems.get_tandem(window.context.db, ids["open_tandem"])
    assert tandem.status == TandemStatus.AGREED and tandem.agreed_on == date(2026, 3, 2)
    assert view.selected().id == tandem.id  # still selected after the reload
    assert status_buttons(view) == {"start", "dissolve"}
    assert view.detail.status_label.text().startswith("Agreed since")

    qtbot.mouseClick(view.detail.start_button, Qt.MouseButton.LeftButton)
    assert tandems.get_tandem(window.context.db, tandem.id).status == TandemStatus.ACTIVE
    assert status_buttons(view) == {"complete", "dissolve"}
    assert view.detail.reason_label.text() == "Agreement signed on 2 Mar 2026"

    answers["reply"] = [QMessageBox.StandardButton.No]
    qtbot.mouseClick(view.detail.complete_button, Qt.MouseButton.LeftButton)
    assert tandems.get_tandem(window.context.db, tandem.id).status == TandemStatus.ACTIVE
    answers["reply"] = [QMessageBox.StandardButton.Yes]
    qtbot.mouseClick(view.detail.complete_button, Qt.MouseButton.LeftButton)
    assert "as completed?" in answers["texts"][-1]
    assert tandems.get_tandem(window.context.db, tandem.id).status == TandemStatus.COMPLETED
    assert status_buttons(view) == set()
    row = [view.proxy.index(r, 3).data() for r in range(view.proxy.rowCount())]
    assert "Completed" in row


def test_dissolve_with_a_reason_then_pair_the_same_people_again(
    qtbot, rules_file, contexts, monkeypatch, answers
) -> None:
    path, ids = rules_file
    window = make_window(qtbot, path, contexts)
    view = tandems_view(window)
    assert view.select_tandem(ids["open_tandem"])
    seen: dict[str, Any] = {}

    def dissolve(dialog: DissolveDialog) -> None:
        seen["intro"] = " ".join(
            label.text() for label in dialog.findChildren(type(view.detail.title))
        )
        seen["empty_ok"] = dialog.ok_button.isEnabled()
        dialog.reason.setPlainText("Too little time next to the product launch")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    script_dialog(monkeypatch, DissolveDialog, dissolve)
    qtbot.mouseClick(view.detail.dissolve_button, Qt.MouseButton.LeftButton)
    assert "no-fault exit" in seen["intro"] and not seen["empty_ok"]
    tandem = tandems.get_tandem(window.context.db, ids["open_tandem"])
    assert tandem.status == TandemStatus.DISSOLVED
    assert tandem.dissolution_reason == "Too little time next to the product launch"
    assert "no-fault exit" in view.detail.reason_label.text()
    assert status_buttons(view) == set()

    def rematch(form: TandemForm) -> None:
        choose(form, ids["anna"], ids["lukasz"])
        seen["errors"] = form.error_text()
        seen["warning"] = form.warning_text()
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    script_dialog(monkeypatch, TandemForm, rematch)
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    assert seen["errors"] == ""
    assert "already had a tandem: Running (Dissolved)" in seen["warning"]
    both = [t for t in tandems.list_tandems(window.context.db, ids["running"])
            if (t.mentor_id, t.mentee_id) == (ids["anna"], ids["lukasz"])]  # fmt: skip
    assert sorted(t.status for t in both) == [TandemStatus.DISSOLVED, TandemStatus.PROPOSED]


def test_status_filter_and_delete_a_proposed_tandem(qtbot, rules_file, contexts, answers) -> None:
    path, ids = rules_file
    window = make_window(qtbot, path, contexts)
    view = tandems_view(window)
    assert view.proxy.rowCount() == 2
    view.status_combo.setCurrentIndex(view.status_combo.findData("completed"))
    view.status_combo.activated.emit(view.status_combo.currentIndex())
    assert view.proxy.rowCount() == 0 and "No tandems with this status." in view.hint.text()
    view.round_combo.setCurrentIndex(view.round_combo.findData(ids["pilot"]))
    view.round_combo.activated.emit(view.round_combo.currentIndex())
    assert view.proxy.rowCount() == 1 and view.selected().id == ids["past_tandem"]
    assert "delete" not in status_buttons(view)

    view.status_combo.setCurrentIndex(0)
    view.round_combo.setCurrentIndex(view.round_combo.findData(ids["running"]))
    view.round_combo.activated.emit(view.round_combo.currentIndex())
    assert view.select_tandem(ids["cap_tandem"])
    view.table.setFocus()
    answers["reply"] = [QMessageBox.StandardButton.Yes]
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert "Delete the proposed tandem of Carl Cap and Erik Exec?" in answers["texts"][-1]
    assert {t.id for t in tandems.list_tandems(window.context.db)} == {
        ids["past_tandem"],
        ids["open_tandem"],
    }
    assert view.proxy.rowCount() == 1


def test_show_item_opens_the_round_and_selects_the_tandem(qtbot, rules_file, contexts) -> None:
    path, ids = rules_file
    window = make_window(qtbot, path, contexts)
    window.show_view("overview")
    window.context.navigate("tandems", ids["past_tandem"])
    view = window.stack.currentWidget()
    assert isinstance(view, TandemsView) and window.current_view_key() == "tandems"
    assert view.round_combo.currentText() == "Pilot"
    assert view.selected().id == ids["past_tandem"]
    assert view.detail.title.text() == "Pia Past – Paul Past"
    assert view.detail.status_label.text().startswith("Completed since")
    window.context.navigate("tandems", ids["open_tandem"])
    assert view.round_combo.currentText() == "Running" and view.selected().id == ids["open_tandem"]
    assert view.model.headerData(ATTENTION_COLUMN, Qt.Orientation.Horizontal) == "Attention"


def test_show_meetings_opens_the_sessions_of_the_tandem(qtbot, rules_file, contexts) -> None:
    path, ids = rules_file
    window = make_window(qtbot, path, contexts)
    view = tandems_view(window)
    assert view.select_tandem(ids["open_tandem"])
    qtbot.mouseClick(view.detail.sessions_button, Qt.MouseButton.LeftButton)
    assert window.current_view_key() == "sessions"
    sessions = window.stack.currentWidget()
    assert sessions.chosen_round_id() == ids["running"]
    assert sessions.chosen_tandem_id() == ids["open_tandem"]


def tab_chain(qtbot, start, steps: int) -> list[Any]:
    """The widgets the focus visits from `start` on pressing Tab `steps` times."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    seen = [start]
    for _ in range(steps):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    return seen


def test_keyboard_order_of_the_view_and_the_form(qtbot, rules_file, contexts, monkeypatch) -> None:
    path, ids = rules_file
    window = make_window(qtbot, path, contexts)
    view = tandems_view(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert view.select_tandem(ids["open_tandem"])
    d = view.detail
    chain = tab_chain(qtbot, view.round_combo, 5)
    assert chain == [view.round_combo, view.status_combo, view.search, view.table,
                     d.agree_button, d.dissolve_button]  # fmt: skip
    # every control is named for screen readers
    assert view.round_combo.accessibleName() == "Round"
    assert view.status_combo.accessibleName() == "Show tandems with status"
    assert d.checkin_table.accessibleName() == "Check-ins"
    # Alt+R jumps to the round chooser (its label's mnemonic)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert view.round_combo.hasFocus()
    seen: dict[str, Any] = {}

    def script(form: TandemForm) -> None:
        form.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
        seen["chain"] = tab_chain(qtbot, form.mentor, 5)
        seen["expected"] = [form.mentor, form.mentee, form.show_everyone,
                            form.focus_topics.edit, form.goals, form.save_button]  # fmt: skip
        seen["names"] = (form.mentor.accessibleName(), form.mentee.accessibleName())
        form.reject()

    script_dialog(monkeypatch, TandemForm, script)
    view.table.setFocus()
    qtbot.keyClick(
        view.table,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert seen["chain"][:5] == seen["expected"][:5]
    assert seen["names"] == ("Mentor", "Mentee")


def test_an_empty_file_says_what_to_do_first(qtbot, tmp_path, contexts) -> None:
    path = tmp_path / "empty.tandem"
    create_database(path).close()
    window = make_window(qtbot, path, contexts)
    view = tandems_view(window)
    assert view.hint.isVisible()
    assert view.hint.text().startswith("No rounds yet.")
    assert not view.new_button.isEnabled() and not view.propose_button.isEnabled()
    assert not view.splitter.isVisible()
