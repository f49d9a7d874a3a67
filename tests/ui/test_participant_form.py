"""The participant form and delete with undo, driven through the real widgets of the main
window on real program files: typing, Tab, Enter, Delete, Ctrl+Shift+N and Ctrl+Z."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from app.model import ParticipantInput, Role
from app.services import participants as service
from tests.helpers.widgets import type_text
from tests.ui.conftest import make_window
from ui.main_window import MainWindow
from ui.models import participants as cols
from ui.participant_form import ParticipantForm
from ui.views.participants import ParticipantsView

# A completer's popup on the offscreen test platform: the platform talking, not the program
# (a mark on the test itself, since only the closest qt_log_ignore mark counts).
offscreen_popups = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints\(\)|raise\(\)|grabbing the keyboard)"
)

Script = Callable[[ParticipantForm], None]


@pytest.fixture
def window(qtbot, program_file: Path, contexts) -> MainWindow:
    """A shown main window with the small program open (see tests/ui/conftest.py)."""
    return make_window(qtbot, program_file, contexts)


@pytest.fixture
def form_script(drive) -> Callable[[Script], list[ParticipantForm]]:
    """Run the form non-modally: when the view opens it, `script(form)` drives its widgets
    (as the user would) and the form's own result (Save or Cancel) is returned."""
    return lambda script: drive(ParticipantForm, script)


def view_of(window: MainWindow) -> ParticipantsView:
    view = window.show_view("participants")
    assert isinstance(view, ParticipantsView)
    return view


def names(view: ParticipantsView) -> list[str]:
    proxy = view.table.model()
    return [proxy.index(r, cols.NAME).data() for r in range(proxy.rowCount())]


def cell(view: ParticipantsView, name: str, column: int) -> str:
    proxy = view.table.model()
    for row in range(proxy.rowCount()):
        if proxy.index(row, cols.NAME).data() == name:
            return proxy.index(row, column).data()
    raise AssertionError(f"{name} not shown")


def select(view: ParticipantsView, name: str) -> None:
    person = next(p for p in view.model.rows() if p.name == name)
    assert view.select_participant(person.id)
    view.table.setFocus()


def type_into(qtbot, widget: QWidget, text: str) -> None:
    """Click into a field (as the user does before typing) and type."""
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    type_text(qtbot, widget, text)


def click_save(qtbot, form: ParticipantForm) -> None:
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)


@offscreen_popups
def test_create_with_an_invalid_email_shown_inline_then_fixed(
    window: MainWindow, qtbot, form_script
) -> None:
    view = view_of(window)
    seen: dict[str, object] = {}

    def script(form: ParticipantForm) -> None:
        assert form.windowTitle() == "New participant"
        type_into(qtbot, form.first_name, "Zoë")
        type_into(qtbot, form.last_name, "Quast & <i>Co</i>")
        type_into(qtbot, form.email, "zoe@@example")
        qtbot.keyClick(form.email, Qt.Key.Key_Tab)  # leaving the field checks it
        seen["error"] = form.errors.text("email")
        form.first_name.setFocus()
        click_save(qtbot, form)
        seen["still_open"] = form.isVisible()
        seen["focus"] = QApplication.focusWidget() is form.email
        # Fixing it clears the message while typing.
        form.email.selectAll()
        type_into(qtbot, form.email, "zoe@example.com")
        seen["fixed"] = form.errors.text("email")
        seen["consent_hint"] = form.consent_hint.isVisible()
        form.department.setFocus()
        form.department.lineEdit().selectAll()
        qtbot.keyClicks(form.department.lineEdit(), "Sales")
        type_into(qtbot, form.can_teach.edit, "AI tools")
        qtbot.keyClick(form.can_teach.edit, Qt.Key.Key_Return)
        type_into(qtbot, form.can_teach.edit, "Prompt craft,")  # a new topic, added by comma
        type_into(qtbot, form.wants_to_learn.edit, "Leadership")  # still typed: saved too
        click_save(qtbot, form)

    opened = form_script(script)
    qtbot.keyClick(
        view.table,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert len(opened) == 1
    assert seen["error"] == "“zoe@@example” is not a valid e-mail address."
    assert seen["still_open"] is True and seen["focus"] is True
    assert seen["fixed"] == "" and seen["consent_hint"] is True
    assert not opened[0].isVisible()  # saved and closed
    assert "Zoë Quast & <i>Co</i>" in names(view)
    assert view.count_label.text() == "5 participants"
    assert view.selected() is not None and view.selected().name == "Zoë Quast & <i>Co</i>"
    saved = service.get_participant(window.context.db, view.selected().id)
    assert saved.email == "zoe@example.com" and saved.department == "Sales"
    assert saved.can_teach == ("AI tools", "Prompt craft") and saved.wants_to_learn == (
        "Leadership",
    )
    assert saved.consent_date is None  # a person without consent can be recorded
    # Every label of the form is plain text, so the name shows exactly as typed.
    assert all(
        label.textFormat() == Qt.TextFormat.PlainText for label in opened[0].findChildren(QLabel)
    )


@offscreen_popups
def test_required_names_are_checked_while_typing(window: MainWindow, qtbot, form_script) -> None:
    view = view_of(window)
    seen: dict[str, str] = {}

    def script(form: ParticipantForm) -> None:
        click_save(qtbot, form)
        seen["first"] = form.errors.text("first_name")
        seen["last"] = form.errors.text("last_name")
        type_into(qtbot, form.first_name, "Ida")
        seen["first_after"] = form.errors.text("first_name")
        qtbot.keyClick(form.first_name, Qt.Key.Key_Backspace)
        qtbot.keyClick(form.first_name, Qt.Key.Key_Backspace)
        qtbot.keyClick(form.first_name, Qt.Key.Key_Backspace)
        seen["first_cleared"] = form.errors.text("first_name")
        qtbot.keyClick(form, Qt.Key.Key_Escape)

    opened = form_script(script)
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    assert seen == {
        "first": "Please enter a first name.",
        "last": "Please enter a last name.",
        "first_after": "",
        "first_cleared": "Please enter a first name.",
    }
    assert opened[0].result() == 0 and view.count_label.text() == "4 participants"


@offscreen_popups
def test_edit_department_updates_the_table_and_undo_puts_it_back(
    window: MainWindow, qtbot, form_script
) -> None:
    view = view_of(window)
    assert cell(view, "Anna & <b>Lee</b>", cols.DEPARTMENT) == "Sales"

    def script(form: ParticipantForm) -> None:
        assert form.windowTitle() == "Edit participant"
        assert form.first_name.text() == "Anna &" and form.last_name.text() == "<b>Lee</b>"
        assert [chip.label.text() for chip in form.can_teach.chips()] == ["Social media"]
        form.department.lineEdit().selectAll()
        qtbot.keyClicks(form.department.lineEdit(), "Marketing")
        click_save(qtbot, form)

    form_script(script)
    select(view, "Anna & <b>Lee</b>")
    qtbot.keyClick(view.table, Qt.Key.Key_Return)  # Enter on a row edits it
    assert cell(view, "Anna & <b>Lee</b>", cols.DEPARTMENT) == "Marketing"
    assert cell(view, "Anna & <b>Lee</b>", cols.MANAGER) == "Dagmar Özdemir"  # kept
    # The name's "&" is doubled, so the menu shows it instead of underlining a letter.
    assert window.action_undo.text() == "&Undo edit “Anna && <b>Lee</b>”"
    window.action_undo.trigger()
    assert cell(view, "Anna & <b>Lee</b>", cols.DEPARTMENT) == "Sales"
    window.action_redo.trigger()
    assert cell(view, "Anna & <b>Lee</b>", cols.DEPARTMENT) == "Marketing"


@offscreen_popups
def test_double_click_opens_the_form(window: MainWindow, qtbot, form_script) -> None:
    view = view_of(window)
    opened = form_script(lambda form: form.reject())
    select(view, "bernd Ähler")
    index = view.table.currentIndex()
    rect = view.table.visualRect(index)
    # A double click is a click followed by the double-click event (as a mouse sends it).
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(opened) == 1 and opened[0].before.name == "bernd Ähler"


@offscreen_popups
def test_duplicate_personnel_number_is_shown_under_the_field(
    window: MainWindow, qtbot, form_script
) -> None:
    view = view_of(window)
    seen: dict[str, object] = {}

    def script(form: ParticipantForm) -> None:
        type_into(qtbot, form.first_name, "Otto")
        type_into(qtbot, form.last_name, "Berg")
        type_into(qtbot, form.personnel_number, "P-1")
        type_into(qtbot, form.email, "DAGMAR@example.com")
        click_save(qtbot, form)
        seen["number"] = form.errors.text("personnel_number")
        seen["email"] = form.errors.text("email")
        seen["focus"] = QApplication.focusWidget() is form.personnel_number
        seen["open"] = form.isVisible()
        form.reject()

    form_script(script)
    view.new_participant()
    assert seen["number"] == "The personnel number P-1 already belongs to Dagmar Özdemir."
    assert (
        seen["email"] == "The e-mail address DAGMAR@example.com already belongs to Dagmar Özdemir."
    )
    assert seen["focus"] is True and seen["open"] is True
    assert view.count_label.text() == "4 participants"


@offscreen_popups
def test_manager_choices_leave_out_the_person_and_everyone_below(
    window: MainWindow, qtbot, form_script
) -> None:
    db = window.context.db
    people = {p.name: p for p in service.list_participants(db)}
    anna = people["Anna & <b>Lee</b>"]
    below_anna = service.create_participant(
        db, ParticipantInput("Chris", "Unten", department="Sales", manager_id=anna.id)
    )
    window.context.notify_changed("participants")
    view = view_of(window)
    seen: dict[str, object] = {}

    def script(form: ParticipantForm) -> None:
        seen["choices"] = set(form.manager_choices())
        seen["texts"] = [form.manager.itemText(i) for i in range(form.manager.count())]
        # A manager typed that is not in the list is refused inline.
        form.manager.lineEdit().selectAll()
        qtbot.keyClicks(form.manager.lineEdit(), "Nobody Known")
        click_save(qtbot, form)
        seen["error"] = form.errors.text("manager_id")
        # Choosing from the list (searching by department) works.
        form.manager.lineEdit().selectAll()
        type_text(qtbot, form.manager.lineEdit(), "bernd Ähler – Finance")
        click_save(qtbot, form)

    form_script(script)
    select(view, "Dagmar Özdemir")
    qtbot.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)
    boss = people["Dagmar Özdemir"]
    assert boss.id not in seen["choices"]
    assert anna.id not in seen["choices"] and below_anna.id not in seen["choices"]
    assert people["bernd Ähler"].id in seen["choices"] and None in seen["choices"]
    assert "Łukasz Dvořák-Şahin – IT" in seen["texts"]
    assert seen["error"] == "Please choose a manager from the list, or leave the field empty."
    assert service.get_participant(db, boss.id).manager_id == people["bernd Ähler"].id
    assert cell(view, "Dagmar Özdemir", cols.MANAGER) == "bernd Ähler"


@offscreen_popups
def test_delete_is_refused_for_a_person_in_a_tandem(
    window: MainWindow, qtbot, answers: dict[str, list]
) -> None:
    view = view_of(window)
    select(view, "Łukasz Dvořák-Şahin")
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert len(answers["texts"]) == 1
    message = answers["texts"][0]
    assert message.startswith("Łukasz Dvořák-Şahin is or was in a tandem and cannot be deleted")
    assert "Anonymise the person instead." in message
    assert "Łukasz Dvořák-Şahin" in names(view) and view.count_label.text() == "4 participants"
    assert not window.action_undo.isEnabled()


@offscreen_popups
def test_delete_asks_and_ctrl_z_restores_the_person_with_topics(
    window: MainWindow, qtbot, answers: dict[str, list]
) -> None:
    db = window.context.db
    chris = service.create_participant(
        db,
        ParticipantInput(
            "Chris &", "<b>Neu</b>", personnel_number="P-77", email="chris@example.com",
            department="IT", role=Role.BOTH, consent_date=date(2026, 2, 1),
            can_teach=("AI tools", "Prompt craft"), wants_to_learn=("Leadership",),
        ),
    )  # fmt: skip
    dora = service.create_participant(db, ParticipantInput("Dora", "Klein", manager_id=chris.id))
    window.context.notify_changed("participants")
    view = view_of(window)
    assert view.count_label.text() == "6 participants"

    # Answering No keeps the person.
    answers["reply"][0] = QMessageBox.StandardButton.No
    select(view, "Chris & <b>Neu</b>")
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert answers["texts"][-1].startswith("Delete Chris & <b>Neu</b>?")
    assert answers["formats"][-1] == Qt.TextFormat.PlainText
    assert "Chris & <b>Neu</b>" in names(view)

    answers["reply"][0] = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert "Chris & <b>Neu</b>" not in names(view)
    assert view.count_label.text() == "5 participants"
    assert service.get_participant(db, dora.id).manager_id is None
    assert window.action_undo.text() == "&Undo delete “Chris && <b>Neu</b>”"

    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    back = service.get_participant(db, chris.id)  # the same id
    assert back == chris
    assert back.can_teach == ("AI tools", "Prompt craft") and back.wants_to_learn == ("Leadership",)
    assert service.get_participant(db, dora.id).manager_id == chris.id
    assert "Chris & <b>Neu</b>" in names(view) and view.count_label.text() == "6 participants"
    assert cell(view, "Dora Klein", cols.MANAGER) == "Chris & <b>Neu</b>"
    # Redo deletes again; the history is forgotten when another file is opened.
    window.action_redo.trigger()
    assert "Chris & <b>Neu</b>" not in names(view)
    window.context.close()
    assert not window.action_undo.isEnabled() and not window.action_redo.isEnabled()


@offscreen_popups
def test_consent_checkbox_enables_the_date_and_hides_the_hint(
    window: MainWindow, qtbot, form_script
) -> None:
    view = view_of(window)
    seen: dict[str, object] = {}

    def script(form: ParticipantForm) -> None:
        seen["before"] = (form.consent_date.isEnabled(), form.consent_hint.isVisible())
        type_into(qtbot, form.first_name, "Eva")
        type_into(qtbot, form.last_name, "Jung")
        form.consent_given.setFocus()
        qtbot.keyClick(form.consent_given, Qt.Key.Key_Space)
        seen["after"] = (form.consent_date.isEnabled(), form.consent_hint.isVisible())
        form.consent_date.setDate(QDate(2026, 3, 14))
        # The status date is only editable when the person is no longer active.
        seen["status_date"] = [form.status_date.isEnabled()]
        form.status.setCurrentIndex(form.status.findData("alumni"))
        seen["status_date"].append(form.status_date.isEnabled())
        form.status.setCurrentIndex(form.status.findData("active"))
        click_save(qtbot, form)

    form_script(script)
    view.new_participant()
    assert seen["before"] == (False, True) and seen["after"] == (True, False)
    assert seen["status_date"] == [False, True]
    saved = service.get_participant(window.context.db, view.selected().id)
    assert saved.name == "Eva Jung" and saved.consent_date == date(2026, 3, 14)
    assert saved.status_date is None
    # Adding can be undone, and redone with the same id.
    assert window.action_undo.text() == "&Undo add “Eva Jung”"
    window.action_undo.trigger()
    assert "Eva Jung" not in names(view)
    window.action_redo.trigger()
    assert service.get_participant(window.context.db, saved.id) == saved


@offscreen_popups
def test_topic_tags_by_keyboard_and_remove_button(window: MainWindow, qtbot, form_script) -> None:
    view = view_of(window)
    seen: dict[str, object] = {}

    def script(form: ParticipantForm) -> None:
        editor = form.wants_to_learn
        type_into(qtbot, editor.edit, "social media,")  # known topic, any case
        type_into(qtbot, editor.edit, "Cyber security,")
        type_into(qtbot, editor.edit, "Podcasting,")
        type_into(qtbot, editor.edit, "SOCIAL MEDIA,")  # not twice
        seen["three"] = editor.tags()
        qtbot.keyClick(editor.edit, Qt.Key.Key_Backspace)  # empty field: removes the last
        seen["two"] = editor.tags()
        qtbot.mouseClick(editor.chips()[0].button, Qt.MouseButton.LeftButton)
        seen["one"] = editor.tags()
        seen["chip_name"] = editor.chips()[0].button.accessibleName()
        form.reject()

    form_script(script)
    select(view, "bernd Ähler")
    view.edit_selected()
    # bernd already wanted to learn "Social media"; it is kept once.
    assert seen["three"] == ("Social media", "Cyber security", "Podcasting")
    assert seen["two"] == ("Social media", "Cyber security")
    assert seen["one"] == ("Cyber security",)
    assert seen["chip_name"] == "Remove “Cyber security”"
    # Cancel writes nothing.
    bernd = next(p for p in service.list_participants(window.context.db) if p.last_name == "Ähler")
    assert bernd.wants_to_learn == ("Social media",)


@offscreen_popups
def test_form_in_german(window: MainWindow, qtbot, form_script) -> None:
    window.language_actions["de"].trigger()
    view = view_of(window)
    seen: dict[str, object] = {}

    def script(form: ParticipantForm) -> None:
        seen["title"] = form.windowTitle()
        seen["labels"] = {label.text() for label in form.findChildren(QLabel)}
        seen["roles"] = [form.role.itemText(i) for i in range(form.role.count())]
        type_into(qtbot, form.email, "x@")
        click_save(qtbot, form)
        seen["error"] = form.errors.text("first_name")
        form.reject()

    form_script(script)
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    assert view.new_button.text() == "Neue(r) Teilnehmende(r)…"
    assert seen["title"] == "Neue(r) Teilnehmende(r)"
    assert {"Vorname:", "Nachname:", "Führungskraft:", "Möchte lernen:"} <= seen["labels"]
    assert seen["roles"] == ["Mentor(in)", "Mentee", "Mentor(in) und Mentee"]
    assert seen["error"] == "Bitte geben Sie einen Vornamen ein."
