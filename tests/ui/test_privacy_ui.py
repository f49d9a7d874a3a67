"""Erase…, Anonymise… and Retention period… in the window, driven through the real widgets on
real program files: the confirmation says what goes and what stays and works only once
ticked, nothing changes on Cancel, and afterwards the person is gone from every list, the
undo history is empty and the user is told how long backups keep the data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app import i18n
from app.db import open_database
from app.model import ParticipantInput, ParticipantStatus, Role
from app.services import participants, retention, tandems
from tests.ui.conftest import make_window
from ui.main_window import MainWindow
from ui.models import participants as cols
from ui.privacy.dialogs import ConfirmErasureDialog, RetentionDialog
from ui.undo import DoneCommand, undo_stack
from ui.views.participants import ParticipantsView

LUKASZ = "Łukasz Dvořák-Şahin"


@pytest.fixture
def window(qtbot, program_file: Path, contexts) -> MainWindow:
    return make_window(qtbot, program_file, contexts)


def view_of(window: MainWindow) -> ParticipantsView:
    view = window.show_view("participants")
    assert isinstance(view, ParticipantsView)
    return view


def names(view: ParticipantsView) -> list[str]:
    proxy = view.table.model()
    return [proxy.index(r, cols.NAME).data() for r in range(proxy.rowCount())]


def select(view: ParticipantsView, name: str, qtbot=None) -> int:  # noqa: ANN001
    """Select a person's row and put the focus on the table of the active window (keys on
    the table work only there)."""
    window = view.window()
    window.activateWindow()
    if qtbot is not None:
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    person = next(p for p in view.model.rows() if p.name == name)
    assert view.select_participant(person.id)
    view.table.setFocus()
    return person.id


def test_erase_asks_with_what_goes_and_stays_then_removes_the_person(
    window: MainWindow, qtbot, drive, answers
) -> None:
    view = view_of(window)
    db = window.context.db
    assert db is not None
    person_id = select(view, LUKASZ, qtbot)
    tandem = next(t for t in tandems.list_tandems(db) if t.mentor_id == person_id)
    stack = undo_stack(window.context)
    stack.push(DoneCommand(window.context, "edit", "participants", lambda: None, lambda: None))
    assert [a.text() for a in view.document_actions][-2:] == ["Erase…", "Anonymise…"]
    seen: dict[str, object] = {}

    def confirm(dialog: ConfirmErasureDialog) -> None:
        seen["title"] = dialog.title.text()
        seen["removed"] = dialog.removed.text()
        seen["kept"] = dialog.kept.text()
        seen["warning"] = dialog.warning.text()
        seen["enabled_before"] = dialog.ok_button.isEnabled()
        qtbot.mouseClick(dialog.understood, Qt.MouseButton.LeftButton)
        seen["enabled_after"] = dialog.ok_button.isEnabled()
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    opened = drive(ConfirmErasureDialog, confirm)
    # Shift+Del as a hand types it: Shift down, Del, Shift up (the last leaves no modifier
    # pressed for the tests that follow).
    qtbot.keyPress(view.table, Qt.Key.Key_Shift, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyRelease(view.table, Qt.Key.Key_Shift)
    assert len(opened) == 1
    assert seen["title"] == f"Erase {LUKASZ}?"
    assert "Name, e-mail address, personnel number" in str(seen["removed"])
    assert "2 meetings with their date, length and status" in str(seen["kept"])
    assert "Round 2026 – Dagmar Özdemir" in str(seen["warning"])
    assert (seen["enabled_before"], seen["enabled_after"]) == (False, True)

    placeholder = f"Anonymised participant {person_id}"
    assert answers["texts"][
        -1
    ] == f"The person was erased. Their tandems now show “{placeholder}”. " + (
        "The file was compacted: no trace of the removed data is left in it."
    )
    assert "up to 12 months" in answers["details"][-1]
    assert LUKASZ not in names(view)
    assert stack.count() == 0 and not window.action_undo.isEnabled()
    after = tandems.get_tandem(db, tandem.id)
    assert (after.mentor_name, after.status, after.mentee_id) == (
        placeholder, tandem.status, tandem.mentee_id,
    )  # fmt: skip
    tandem_view = window.show_view("tandems")
    assert placeholder in [
        tandem_view.table.model().index(r, c).data()
        for r in range(tandem_view.table.model().rowCount())
        for c in range(tandem_view.table.model().columnCount())
    ]


def test_delete_on_a_person_in_a_tandem_points_to_erase_and_anonymise(
    window: MainWindow, qtbot, answers
) -> None:
    view = view_of(window)
    select(view, LUKASZ, qtbot)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert "Anonymise the person instead." in answers["texts"][-1]
    assert answers["details"][-1] == (
        "To remove their personal data, right-click the person and choose “Erase…” or “Anonymise…”."
    )
    assert LUKASZ in names(view)


def test_cancel_and_an_unticked_box_change_nothing(
    window: MainWindow, qtbot, drive, answers
) -> None:
    view = view_of(window)
    db = window.context.db
    assert db is not None
    person_id = select(view, "bernd Ähler")
    before = participants.get_participant(db, person_id)

    def cancel(dialog: ConfirmErasureDialog) -> None:
        assert not dialog.ok_button.isEnabled()
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)

    drive(ConfirmErasureDialog, cancel)
    view.privacy.action_anonymise.trigger()
    assert participants.get_participant(db, person_id) == before
    assert "bernd Ähler" in names(view)
    assert answers["texts"] == []


def test_anonymise_from_the_context_menu_in_german(
    window: MainWindow, qtbot, drive, answers
) -> None:
    window.switch_language("de")
    view = view_of(window)
    person_id = select(view, "Anna & <b>Lee</b>")
    seen: dict[str, str] = {}

    def confirm(dialog: ConfirmErasureDialog) -> None:
        seen["title"] = dialog.title.text()
        seen["button"] = dialog.ok_button.text()
        seen["format"] = str(dialog.title.textFormat())
        qtbot.mouseClick(dialog.understood, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    drive(ConfirmErasureDialog, confirm)
    assert view.privacy.context_anonymise in view.document_actions
    view.privacy.context_anonymise.trigger()
    assert seen["title"] == "Anna & <b>Lee</b> anonymisieren?"
    assert seen["button"] == "Anonymisieren"
    assert seen["format"] == str(Qt.TextFormat.PlainText)
    assert answers["texts"][-1].startswith("Die Person wurde anonymisiert.")
    assert f"Anonymisierte Person {person_id}" in answers["texts"][-1]
    assert "bis zu 12 Monate" in answers["details"][-1]
    assert "Anna & <b>Lee</b>" not in names(view)


def test_retention_lists_who_is_due_and_erases_them_all(
    qtbot, program_file: Path, contexts, drive, answers
) -> None:
    db = open_database(program_file)
    leaver = participants.create_participant(
        db,
        ParticipantInput(
            "Olga", "Gone", role=Role.MENTOR, status=ParticipantStatus.LEFT,
            status_date=date(2020, 3, 31),
        ),
    )  # fmt: skip
    db.close()
    window = make_window(qtbot, program_file, contexts)
    seen: dict[str, object] = {}

    def work(dialog: RetentionDialog) -> None:
        seen["rows"] = [p.name for p in dialog.model.rows()]
        seen["count"] = dialog.count.text()
        dialog.months.setValue(120)  # as if typed: stored, and the list follows
        seen["long"] = (dialog.count.text(), dialog.erase_button.isEnabled())
        dialog.months.setValue(24)
        answers["reply"][0] = QMessageBox.StandardButton.No
        qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
        seen["after_no"] = [p.name for p in dialog.model.rows()]
        answers["reply"][0] = QMessageBox.StandardButton.Yes
        qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
        seen["after_yes"] = (dialog.count.text(), dialog.erase_button.isEnabled())
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)

    drive(RetentionDialog, work)
    (tools,) = [a for a in window.registered_actions if a.text() == "&Retention period…"]
    tools.trigger()
    assert seen["rows"] == ["Olga Gone"] and seen["count"] == "1 person is due."
    assert seen["long"] == ("Nobody is due.", False)
    assert seen["after_no"] == ["Olga Gone"]
    assert answers["texts"][-3].startswith("Erase this person?")
    assert answers["texts"][-2].startswith("Erase this person?")  # asked twice: No, then Yes
    assert answers["texts"][-1].startswith("1 person was erased.")
    assert seen["after_yes"] == ("Nobody is due.", False)
    db = window.context.db
    assert db is not None
    assert retention.keep_months(db) == 24
    assert "Olga Gone" not in names(view_of(window))
    assert participants.get_participant(db, leaver.id).name == f"Anonymised participant {leaver.id}"


def test_the_retention_box_says_month_in_the_singular(qtbot) -> None:
    for lang, one, many in (("en", "1 month", "24 months"), ("de", "1 Monat", "24 Monate")):
        i18n.set_language(lang)
        dialog = RetentionDialog(24)
        qtbot.addWidget(dialog)
        assert dialog.months.text() == many
        dialog.months.setValue(1)
        assert dialog.months.text() == one
    i18n.set_language("en")
