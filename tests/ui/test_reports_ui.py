"""The programme's reports from the window: the annual summary from the Documents menu and
the Overview (a year or a round, the document's language, HR's commentary, names only when
ticked and then with a warning, the minimum group size never below 5 and kept in the file);
the personal data export from a participant and the Documents menu (the notes' content only
when ticked with unlocked notes, the JSON copy beside the PDF); the works-council
description and the programme factsheet. Each PDF is read back from the preview or from the
file saved."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from app.db import open_database
from app.documents.person_export import person_export_json
from app.services.participants import list_participants
from app.services.report_settings import summary_threshold
from tests.helpers_reports import CANARY, PASSPHRASE, make_vault
from tests.pdf_helpers import pdf_metadata, pdf_text
from tests.ui.conftest import make_window
from ui.documents.options import DocumentOptionsDialog
from ui.documents.preview import PdfPreview
from ui.documents.runner import DocumentJob
from ui.main_window import MainWindow
from ui.notes.dialogs import UnlockDialog
from ui.notes.window_hooks import controller_for
from ui.reports.factsheet_dialog import FactsheetDialog
from ui.reports.person_dialog import PersonExportDialog
from ui.reports.summary_dialog import SummaryDialog

NAMES = ("Łukasz Dvořák-Şahin", "Dagmar Özdemir", "Anna & <b>Lee</b>", "bernd Ähler")
RUNNING_YEAR = (date.today() - timedelta(days=60)).year  # the year "Round 2026" started


def menu_action(window: MainWindow, text: str):
    """The registered menu command with that (translated) text."""
    (found,) = [a for a in window.registered_actions if a.text() == text]
    return found


def made_preview(qtbot, owner: QWidget) -> PdfPreview:
    """Wait for the document job started from `owner` and return its preview."""
    (job,) = owner.findChildren(DocumentJob)
    if job.preview is None:
        with qtbot.waitSignal(job.done, timeout=30_000) as blocker:
            pass
        assert blocker.args == [True], job.message
    assert job.preview is not None
    return job.preview


def choose(*, year: int | None = None, round_name: str | None = None, lang: str = "en",
           names: bool = False, commentary: str = "", seen: list | None = None):  # fmt: skip
    """A script for the summary dialog: pick what it covers and how, then Make PDF."""

    def script(dialog: SummaryDialog) -> None:
        if seen is not None:
            seen.append(dialog)
        if year is not None:
            dialog.by_year.setChecked(True)
            dialog.year.setCurrentIndex(dialog.year.findData(year))
        if round_name is not None:
            dialog.by_round.setChecked(True)
            dialog.round.setCurrentIndex(dialog.round.findText(round_name))
        dialog.language.setCurrentIndex(dialog.language.findData(lang))
        dialog.names.setChecked(names)
        dialog.commentary.setPlainText(commentary)
        dialog.ok_button.click()

    return script


def test_documents_menu_makes_the_summary_of_the_chosen_year(
    qtbot, program_file: Path, contexts, drive, save_dialog, tmp_path: Path
) -> None:
    window = make_window(qtbot, program_file, contexts)
    seen: list[SummaryDialog] = []
    drive(SummaryDialog, choose(year=2025, commentary="Ein gutes Jahr – danke!", seen=seen))
    menu_action(window, "&Annual summary…").trigger()
    (dialog,) = seen
    offered = [dialog.year.itemData(i) for i in range(dialog.year.count())]
    assert offered == sorted({RUNNING_YEAR, 2025}, reverse=True)  # years with rounds, newest first
    assert [dialog.round.itemText(i) for i in range(dialog.round.count())] == [
        "Round 2026", "Pilot 2025",
    ]  # fmt: skip
    assert dialog.threshold.value() == 5 and dialog.threshold.minimum() == 5

    preview = made_preview(qtbot, window)
    assert preview.file_name == "Annual summary 2025.pdf"
    assert pdf_metadata(preview.data)["title"] == "Annual summary 2025"
    text = pdf_text(preview.data)
    assert "Ein gutes Jahr – danke!" in text  # HR's commentary page
    assert not any(name in text for name in NAMES)
    assert "CONFIDENTIAL – CONTAINS NAMES" not in text

    target = tmp_path / preview.file_name
    save_dialog.answer = (str(target), "")
    preview.action_save.trigger()
    assert pdf_metadata(target.read_bytes())["title"] == "Annual summary 2025"
    preview.close()


def test_names_only_when_ticked_and_then_a_warning_and_every_page_marked(
    qtbot, program_file: Path, contexts, drive
) -> None:
    window = make_window(qtbot, program_file, contexts)
    drive(SummaryDialog, choose(year=RUNNING_YEAR, lang="de"))
    menu_action(window, "&Annual summary…").trigger()
    anonymous = made_preview(qtbot, window)
    assert anonymous.file_name == f"Jahresbericht {RUNNING_YEAR}.pdf"
    text = pdf_text(anonymous.data)
    assert "Jahresbericht" in text and not any(name in text for name in NAMES)
    anonymous.close()
    for job in window.findChildren(DocumentJob):
        job.deleteLater()
    qtbot.waitUntil(lambda: not window.findChildren(DocumentJob))

    warnings: list[tuple[bool, str]] = []

    def tick(dialog: SummaryDialog) -> None:
        assert not dialog.names_warning.isVisible()
        dialog.names.setChecked(True)
        warnings.append((dialog.names_warning.isVisible(), dialog.names_warning.text.text()))
        assert dialog.ok_button.text() == "Make PDF with names"
        dialog.ok_button.click()

    drive(SummaryDialog, tick)
    menu_action(window, "&Annual summary…").trigger()
    named = made_preview(qtbot, window)
    assert (
        warnings == [(True, warnings[0][1])] and "Confidential – contains names" in warnings[0][1]
    )
    assert named.file_name == f"Annual summary {RUNNING_YEAR} (with names).pdf"
    from tests.pdf_helpers import page_texts

    pages = page_texts(named.data)
    assert all("CONFIDENTIAL – CONTAINS NAMES" in page for page in pages)
    text = pdf_text(named.data)
    assert all(name in text for name in NAMES)  # exactly as typed
    named.close()


def test_a_minimum_group_size_below_five_is_refused_and_a_raised_one_is_kept(
    qtbot, program_file: Path, contexts, drive, answers
) -> None:
    window = make_window(qtbot, program_file, contexts)
    refusals: list[str] = []

    def script(dialog: SummaryDialog) -> None:
        dialog.by_round.setChecked(True)
        dialog.round.setCurrentIndex(dialog.round.findText("Round 2026"))
        dialog.threshold.setFocus()
        dialog.threshold.lineEdit().setText("3")
        dialog.ok_button.click()
        assert dialog.isVisible() and dialog.result() == 0  # refused: still open
        assert dialog.threshold_error.isVisible()
        refusals.append(dialog.threshold_error.text())
        assert QApplication.focusWidget() in (dialog.threshold, dialog.threshold.lineEdit())
        dialog.threshold.lineEdit().setText("6")
        assert dialog.threshold_note.text().startswith("Groups smaller than this are printed "
                                                        "as “fewer than 6”")  # fmt: skip
        dialog.ok_button.click()

    drive(SummaryDialog, script)
    menu_action(window, "&Annual summary…").trigger()
    assert len(refusals) == 1 and "from 5 to 100" in refusals[0]
    assert answers["texts"] == [
        "Raise the minimum group size of this file from 5 to 6? Every anonymous report of the "
        "file will use it, and it cannot be lowered again here."
    ]
    preview = made_preview(qtbot, window)
    assert preview.file_name == "Annual summary Round 2026.pdf"
    assert "< 6" in pdf_text(preview.data)  # the small groups of the round, at the new size
    assert summary_threshold(window.context.db) == 6
    preview.close()

    # The next time the file's size is the smallest offered; lowering it is refused too.
    lowered: list[str] = []

    def lower(dialog: SummaryDialog) -> None:
        assert dialog.threshold.value() == 6 and dialog.threshold.minimum() == 6
        dialog.threshold.lineEdit().setText("5")
        dialog.ok_button.click()
        lowered.append(dialog.threshold_error.text())
        dialog.reject()

    drive(SummaryDialog, lower)
    menu_action(window, "&Annual summary…").trigger()
    assert lowered == [
        "The minimum group size of this file is 6; a report cannot use a smaller one."
    ]
    assert summary_threshold(window.context.db) == 6


def test_raising_the_size_can_be_declined_and_then_nothing_is_made_or_kept(
    qtbot, program_file: Path, contexts, drive, answers
) -> None:
    window = make_window(qtbot, program_file, contexts)
    answers["reply"][0] = QMessageBox.StandardButton.No

    def script(dialog: SummaryDialog) -> None:
        dialog.threshold.setValue(9)
        dialog.ok_button.click()

    drive(SummaryDialog, script)
    menu_action(window, "&Annual summary…").trigger()
    assert len(answers["texts"]) == 1
    assert not window.findChildren(DocumentJob)
    assert summary_threshold(window.context.db) == 5


def test_the_dialog_is_reachable_by_keyboard(qtbot, program_file: Path, contexts, drive) -> None:
    window = make_window(qtbot, program_file, contexts)
    order: list[QWidget] = []
    checks: list[bool] = []
    expected: list[SummaryDialog] = []

    def script(dialog: SummaryDialog) -> None:
        expected.append(dialog)
        assert QApplication.focusWidget() is dialog.by_year
        for _ in range(9):
            order.append(QApplication.focusWidget())
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        # Every field has a name for a screen reader, and a caption whose mnemonic reaches it.
        for field in (dialog.year, dialog.round, dialog.language, dialog.threshold,
                      dialog.commentary):  # fmt: skip
            assert field.accessibleName()
        buddies = {label.buddy(): label.text() for label in dialog.findChildren(QLabel)
                   if label.buddy() is not None}  # fmt: skip
        assert "&" in buddies[dialog.language] and "&" in buddies[dialog.threshold]
        assert "&" in buddies[dialog.commentary]
        assert all("&" in b.text() for b in (dialog.by_year, dialog.by_round, dialog.names))
        # Alt+N ticks the names box (a button's mnemonic clicks it, animated), and the
        # warning appears; Alt+R picks one round; Alt+L goes to the language.
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(dialog.names.isChecked)
        checks.append(dialog.names_warning.isVisible())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(dialog.by_round.isChecked)
        checks.append(dialog.round.isEnabled() and not dialog.year.isEnabled())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
        checks.append(QApplication.focusWidget() is dialog.language)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)

    drive(SummaryDialog, script)
    menu_action(window, "&Annual summary…").trigger()
    (dialog,) = expected
    assert order == [
        dialog.by_year, dialog.year, dialog.language, dialog.threshold, dialog.commentary,
        dialog.names, dialog.ok_button, dialog.cancel_button, dialog.by_year,
    ]  # the round's list is skipped while a year is chosen  # fmt: skip
    assert checks == [True, True, True]
    assert not window.findChildren(DocumentJob)  # Esc: nothing made


def test_the_overview_offers_the_summary_with_its_round_first(
    qtbot, program_file: Path, contexts, drive
) -> None:
    window = make_window(qtbot, program_file, contexts)
    view = window.show_view("overview")
    view.ensure_loaded()
    assert view.summary_button.isEnabled()
    seen: list[tuple[str, bool]] = []

    def script(dialog: SummaryDialog) -> None:
        seen.append((dialog.round.currentText(), dialog.by_year.isChecked()))
        dialog.by_round.setChecked(True)
        dialog.ok_button.click()

    drive(SummaryDialog, script)
    qtbot.mouseClick(view.summary_button, Qt.MouseButton.LeftButton)
    preview = made_preview(qtbot, view)
    assert seen == [(view.overview.round.name, True)]  # the year first, its round ready
    assert preview.file_name == f"Annual summary {view.overview.round.name}.pdf"
    preview.close()


def test_the_documents_menu_speaks_german(qtbot, program_file: Path, contexts) -> None:
    window = make_window(qtbot, program_file, contexts)
    window.switch_language("de")
    titles = [a.text() for a in window.menuBar().actions()]
    assert "D&okumente" in titles
    assert titles.index("D&okumente") < titles.index("E&xtras")
    assert menu_action(window, "&Jahresbericht…").isEnabled()
    window.switch_language("en")


# --- the personal data export ---------------------------------------------------------------


LUKASZ = "Łukasz Dvořák-Şahin"


def person_id(path: Path, name: str) -> int:
    db = open_database(path)
    try:
        (found,) = [p.id for p in list_participants(db) if p.name == name]
        return found
    finally:
        db.close()


@pytest.fixture
def notes_file(program_file: Path) -> Path:
    """The small program with private notes set up (PASSPHRASE) and the canary in a note
    on Łukasz; the notes are locked when the window opens the file."""
    db = open_database(program_file)
    try:
        vault = make_vault(db)
        vault.setup(PASSPHRASE)
        (lukasz,) = [p.id for p in list_participants(db) if p.name == LUKASZ]
        vault.add_note("participant", lukasz, "Gespräch", f"{CANARY} – nur für HR")
        vault.close()
    finally:
        db.close()
    return program_file


def open_preview_of(qtbot, window: MainWindow) -> PdfPreview:
    """The preview the last document opened (made on the worker or in the window)."""
    jobs = window.findChildren(DocumentJob)
    if jobs:
        return made_preview(qtbot, window)
    (preview,) = window.findChildren(PdfPreview)
    return preview


def test_data_export_from_the_participants_view_with_a_json_copy_and_no_notes(
    qtbot, notes_file: Path, contexts, drive, save_dialog, tmp_path: Path
) -> None:
    window = make_window(qtbot, notes_file, contexts)
    view = window.show_view("participants")
    view.ensure_loaded()
    lukasz = person_id(notes_file, LUKASZ)
    assert view.select_participant(lukasz)
    assert "Data export (GDPR)…" in [a.text() for a in view.document_actions]
    states: list[tuple[bool, bool, str]] = []
    order: list[QWidget] = []
    expected: list[QWidget] = []

    def script(dialog: PersonExportDialog) -> None:
        states.append((dialog.with_notes.isEnabled(), dialog.unlock_button.isVisible(),
                       dialog.person.currentText()))  # fmt: skip
        # By keyboard: Tab skips the notes box while it cannot be ticked; Alt+M ticks the
        # JSON copy; the fields have names for a screen reader.
        order.append(QApplication.focusWidget())
        for _ in range(5):
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            order.append(QApplication.focusWidget())
        expected.extend([dialog.person, dialog.language, dialog.unlock_button,
                         dialog.with_json, dialog.ok_button, dialog.cancel_button])  # fmt: skip
        assert dialog.person.accessibleName() == "Person"
        assert dialog.language.accessibleName() == "Language of the document"
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(dialog.with_json.isChecked)
        dialog.ok_button.click()

    drive(PersonExportDialog, script)
    json_target = tmp_path / "Auskunft Łukasz"  # typed without .json: it is added
    save_dialog.answer = (str(json_target), "")
    view.action_export.trigger()
    assert states == [(False, True, LUKASZ)]  # locked: no content, but Unlock is offered
    assert order == expected
    ((caption, suggested, filters),) = save_dialog.asked
    assert Path(suggested).name == f"Personal data export {LUKASZ}.json"
    assert filters == "JSON files (*.json)"

    preview = made_preview(qtbot, view)
    assert preview.file_name == f"Personal data export {LUKASZ}.pdf"
    written = tmp_path / "Auskunft Łukasz.json"
    assert written.read_text(encoding="utf-8") == person_export_json(window.context.db, lukasz)
    assert preview.status.text() == f"Machine-readable copy saved as {written}"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    text = pdf_text(preview.data)
    assert LUKASZ in text
    for data in (preview.data, written.read_bytes()):
        assert CANARY.encode("utf-8") not in data and CANARY not in text
    preview.close()


def test_the_notes_content_only_when_unlocked_and_ticked(
    qtbot, notes_file: Path, contexts, drive, save_dialog, tmp_path: Path
) -> None:
    window = make_window(qtbot, notes_file, contexts)
    lukasz = person_id(notes_file, LUKASZ)
    view = window.show_view("participants")
    view.ensure_loaded()
    assert view.select_participant(lukasz)
    seen: list[object] = []

    def unlock(dialog: UnlockDialog) -> None:
        dialog.passphrase.setText(PASSPHRASE)
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)

    def script(dialog: PersonExportDialog) -> None:
        assert not dialog.with_notes.isEnabled()
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
        assert dialog.with_notes.isEnabled() and not dialog.unlock_button.isVisible()
        assert not dialog.notes_warning.isVisible()
        dialog.with_notes.setChecked(True)
        seen.append(dialog.notes_warning.isVisible())
        dialog.with_json.setChecked(True)
        dialog.language.setCurrentIndex(dialog.language.findData("de"))
        dialog.ok_button.click()

    drive(UnlockDialog, unlock)
    drive(PersonExportDialog, script)
    save_dialog.answer = (str(tmp_path / "auskunft.json"), "")
    menu_action(window, "&Personal data export (GDPR)…").trigger()  # the selected person
    assert seen == [True]
    preview = open_preview_of(qtbot, window)
    assert preview.file_name == f"Datenauskunft {LUKASZ}.pdf"
    assert CANARY in pdf_text(preview.data)  # asked for, with the notes unlocked
    vault = controller_for(window.context).vault
    expected = person_export_json(window.context.db, lukasz, with_notes=True, vault=vault)
    written = (tmp_path / "auskunft.json").read_text(encoding="utf-8")
    assert written == expected and CANARY in written
    preview.close()

    # Unlocked but not ticked: the content stays out.
    drive(PersonExportDialog, lambda dialog: dialog.ok_button.click())
    menu_action(window, "&Personal data export (GDPR)…").trigger()
    plain = made_preview(qtbot, window)
    assert CANARY not in pdf_text(plain.data) and CANARY.encode("utf-8") not in plain.data
    plain.close()


def test_the_notes_box_follows_the_lock_and_a_file_without_notes(
    qtbot, notes_file: Path, program_file: Path, contexts, drive
) -> None:
    window = make_window(qtbot, notes_file, contexts)
    notes = controller_for(window.context)
    notes.vault.unlock(PASSPHRASE)
    notes.announce_unlocked()
    states: list[tuple[bool, bool, bool]] = []

    def script(dialog: PersonExportDialog) -> None:
        dialog.with_notes.setChecked(True)
        states.append((dialog.with_notes.isChecked(), dialog.notes_warning.isVisible(),
                       dialog.unlock_button.isVisible()))  # fmt: skip
        notes.lock_now()  # e.g. the ten minutes without use ran out
        states.append((dialog.with_notes.isChecked(), dialog.with_notes.isEnabled(),
                       dialog.unlock_button.isVisible()))  # fmt: skip
        dialog.reject()

    drive(PersonExportDialog, script)
    menu_action(window, "&Personal data export (GDPR)…").trigger()
    assert states == [(True, True, False), (False, False, True)]
    assert not window.findChildren(DocumentJob)


def test_a_file_without_notes_offers_no_content(qtbot, program_file: Path, contexts, drive) -> None:
    window = make_window(qtbot, program_file, contexts)
    texts: list[tuple[bool, bool, str]] = []
    chosen: list[tuple[str, bool]] = []

    def script(dialog: PersonExportDialog) -> None:
        texts.append((dialog.with_notes.isEnabled(), dialog.unlock_button.isVisible(),
                      dialog.notes_state.text()))  # fmt: skip
        # Nobody is selected in the participants view: nobody is chosen for the user.
        chosen.append((dialog.person.currentText(), dialog.ok_button.isEnabled()))
        dialog.person.lineEdit().setText("Dagmar Özd")  # (typing would open the completer)
        chosen.append((dialog.person.currentText(), dialog.ok_button.isEnabled()))
        dialog.person.lineEdit().setText("Dagmar Özdemir")
        chosen.append((dialog.person.currentText(), dialog.ok_button.isEnabled()))
        dialog.ok_button.click()

    drive(PersonExportDialog, script)
    menu_action(window, "&Personal data export (GDPR)…").trigger()  # no view built yet
    assert texts == [(False, False, "This file has no private notes.")]
    assert chosen == [("", False), ("Dagmar Özd", False), ("Dagmar Özdemir", True)]
    preview = made_preview(qtbot, window)
    assert preview.file_name == "Personal data export Dagmar Özdemir.pdf"
    preview.close()


def test_works_council_description_from_the_documents_menu(
    qtbot, program_file: Path, contexts, drive
) -> None:
    window = make_window(qtbot, program_file, contexts)

    def script(dialog: DocumentOptionsDialog) -> None:
        dialog.language.setCurrentIndex(dialog.language.findData("de"))
        dialog.ok_button.click()

    drive(DocumentOptionsDialog, script)
    menu_action(window, "&Works-council description…").trigger()
    preview = made_preview(qtbot, window)
    assert preview.file_name.startswith("Verfahrensbeschreibung")
    text = pdf_text(preview.data)
    assert "Verfahrensbeschreibung" in text and "Art. 30" in text
    assert not any(name in text for name in NAMES)
    preview.close()


def test_programme_factsheet_with_hr_text_for_the_year_chosen(
    qtbot, program_file: Path, contexts, drive
) -> None:
    window = make_window(qtbot, program_file, contexts)
    offered: list[tuple[list[int], int, list[QWidget]]] = []

    def script(dialog: FactsheetDialog) -> None:
        years = [dialog.year.itemData(i) for i in range(dialog.year.count())]
        order = [QApplication.focusWidget()]
        for _ in range(3):
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            order.append(QApplication.focusWidget())
        assert order == [dialog.year, dialog.language, dialog.text, dialog.ok_button]
        offered.append((years, dialog.year.currentData(), order))
        dialog.year.setCurrentIndex(dialog.year.findData(2025))
        dialog.language.setCurrentIndex(dialog.language.findData("de"))
        dialog.text.setPlainText("Mitmachen lohnt sich – fragen Sie Anna & <b>Team</b>!")
        dialog.ok_button.click()

    drive(FactsheetDialog, script)
    menu_action(window, "Programme &factsheet…").trigger()
    this_year = date.today().year
    ((years, first, _order),) = offered
    assert years == sorted({this_year, RUNNING_YEAR, 2025}, reverse=True)
    assert first == max(y for y in (RUNNING_YEAR, 2025) if y <= this_year)
    preview = made_preview(qtbot, window)
    assert preview.file_name.startswith("Programm-Factsheet") and "2025" in preview.file_name
    assert preview.page_count() == 1
    text = pdf_text(preview.data)
    assert "Mitmachen lohnt sich – fragen Sie Anna & <b>Team</b>!" in text  # as typed
    assert not any(name in text for name in NAMES)
    preview.close()

    # The text is still there the next time (closing the preview to fix a typo loses nothing).
    again: list[str] = []

    def look(dialog: FactsheetDialog) -> None:
        again.append(dialog.text.toPlainText())
        dialog.reject()

    drive(FactsheetDialog, look)
    menu_action(window, "Programme &factsheet…").trigger()
    assert again == ["Mitmachen lohnt sich – fragen Sie Anna & <b>Team</b>!"]


def test_a_json_copy_that_cannot_be_written_is_said_and_nothing_opens(
    qtbot, program_file: Path, contexts, drive, save_dialog, answers, tmp_path: Path
) -> None:
    window = make_window(qtbot, program_file, contexts)
    view = window.show_view("participants")
    view.ensure_loaded()
    assert view.select_participant(person_id(program_file, LUKASZ))

    def script(dialog: PersonExportDialog) -> None:
        dialog.with_json.setChecked(True)
        dialog.ok_button.click()

    drive(PersonExportDialog, script)
    save_dialog.answer = (str(tmp_path / "gone" / "auskunft.json"), "")
    view.action_export.trigger()
    (job,) = view.findChildren(DocumentJob)
    with qtbot.waitSignal(job.done, timeout=30_000) as blocker:
        pass
    assert blocker.args == [False] and job.preview is None
    assert answers["texts"] == ["The document could not be made."]
    assert not (tmp_path / "gone").exists()
