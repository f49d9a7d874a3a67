"""The import wizard driven like a user: the three sample lists with the rows, errors and
warnings the preview shows and what lands in the file; importing again; a cancel midway;
a column mapped by hand; the header line corrected; drag and drop; the keyboard."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QWizard

from app import i18n
from app.db import open_database
from app.model import ParticipantInput
from app.services.participants import create_participant
from tests.helpers.import_samples import check_english_csv, check_german_csv_people, check_workbook
from tests.helpers.widgets import people_in_file, shown_rows
from tests.ui.conftest import MakeWizard, make_window
from ui.import_preview import HAS_PROBLEMS_ROLE, RESULT
from ui.import_wizard import COLUMNS_PAGE, FILE_PAGE, PREVIEW_PAGE, RUN_PAGE, ImportWizard


def to_preview(wizard: ImportWizard, path: Path) -> None:
    assert wizard.file_page.load(path)
    wizard.next()
    assert wizard.currentId() == COLUMNS_PAGE
    wizard.next()
    assert wizard.currentId() == PREVIEW_PAGE


def run_import(qtbot, wizard: ImportWizard) -> None:
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.isVisible() and commit.isEnabled() and commit.text() == "Import"
    qtbot.mouseClick(commit, Qt.MouseButton.LeftButton)
    assert wizard.currentId() == RUN_PAGE
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=30_000)


def check_german_preview(wizard: ImportWizard) -> None:
    page = wizard.preview_page
    assert page.counts_label.text() == (
        "13 people will be added, 0 will be updated, 3 rows are rejected. 1 warning."
    )
    rows = shown_rows(wizard)
    assert sorted(rows) == list(range(2, 18))
    rejected = sorted(line for line, row in rows.items() if row[0] == "Rejected")
    assert rejected == [14, 15, 16]
    assert {row[0] for line, row in rows.items() if line not in rejected} == {"New"}
    assert rows[12][1] == "Anna & Lee Wagner <Jr.>"  # exactly as written
    assert rows[14][2].startswith("Error: Column “Personalnummer”: The personnel number 1005")
    assert "line 6" in rows[14][2]
    assert rows[15][2].splitlines() == [
        "Error: Column “Eintrittsdatum”: There is no date 31.02.2025.",
        "Warning: Column “Vorgesetzte(r)”: The manager “9999” matches no one in the list or "
        "in the program: the person is imported without a manager.",
    ]
    lines16 = rows[16][2].splitlines()
    assert len(lines16) == 2
    assert lines16[0].startswith("Error: Column “E-Mail”:") and "not a valid e-mail" in lines16[0]
    assert lines16[1].startswith("Error: Column “Rolle”:") and "Lehrling" in lines16[1]
    assert rows[13][2] == ""  # 1012 without e-mail imports without a complaint
    # Not colour alone: every result has its icon, and the word.
    proxy = page.table.model()
    for r in range(proxy.rowCount()):
        assert proxy.index(r, RESULT).data(Qt.ItemDataRole.DecorationRole) is not None
    # Only the rows with problems.
    page.only_problems.setChecked(True)
    assert sorted(shown_rows(wizard)) == [14, 15, 16]
    page.only_problems.setChecked(False)
    assert len(shown_rows(wizard)) == 16


def test_german_csv_through_the_wizard(qtbot, make_wizard: MakeWizard, context, db_path) -> None:
    changed: list[str] = []
    context.data_changed.connect(changed.append)
    wizard = make_wizard()
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()  # no file yet
    assert wizard.file_page.load(wizard_data("mitarbeiter_excel_de.csv", db_path))
    found = wizard.file_page.found_label.text()
    assert found.startswith(
        "CSV file, Windows encoding (Windows-1252), separated by semicolons, column headers "
        "in line 1. 16 rows of data."
    )
    assert "“Vorgesetzte(r)”" in found
    assert next_button.isEnabled()
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    columns = wizard.columns_page
    chosen = [c.currentData() for c in columns.combos]
    assert chosen == [
        "personnel_number", "first_name", "last_name", "email", "department", "position",
        "manager", "start_date", "role", "can_teach", "wants_to_learn",
    ]  # fmt: skip
    assert columns.combos[6].currentText() == "Manager"
    assert not columns.problems_label.isVisible()
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    check_german_preview(wizard)
    assert people_in_file(db_path) == []  # the preview wrote nothing
    run_import(qtbot, wizard)
    page = wizard.run_page
    assert page.outcome == "finished"
    assert page.status_label.text() == "The import is complete."
    assert page.summary_label.text() == (
        "13 people were added, 0 people were updated. 3 rows were skipped because of their errors."
    )
    report = page.report.toPlainText().splitlines()
    assert report[0] == "Not imported:"
    assert "Line 15: Column “Eintrittsdatum”: There is no date 31.02.2025." in report
    assert [line[:8] for line in report[1:]] == ["Line 14:"] + ["Line 15:"] * 2 + ["Line 16:"] * 2
    assert not page.progress.isVisible() and not page.cancel_button.isVisible()
    close = wizard.button(QWizard.WizardButton.FinishButton)
    assert close.isEnabled() and close.text() == "Close"
    assert "participants" in changed
    db = open_database(db_path)
    try:
        check_german_csv_people(db)  # 13 people, 1005 reports to 1006, 1008 to 1004, ...
    finally:
        db.close()
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not wizard.isVisible()


def wizard_data(name: str, db_path: Path) -> Path:
    """A sample list copied beside the program file."""
    from tests.conftest import DATA

    target = db_path.parent / name
    target.write_bytes((DATA / name).read_bytes())
    return target


def test_english_csv_through_the_wizard(qtbot, make_wizard: MakeWizard, db_path) -> None:
    wizard = make_wizard()
    to_preview(wizard, wizard_data("employees_utf8_bom.csv", db_path))
    found = wizard.file_page.found_label.text()
    assert found.startswith("CSV file, UTF-8 encoding, separated by commas")
    rows = shown_rows(wizard)
    assert len(rows) == 7 and {r[0] for r in rows.values()} == {"New"}
    assert {r[2] for r in rows.values()} == {""}
    names = {r[1] for r in rows.values()}
    assert {"Łukasz Dvořák", "Şükrü Öztürk", "Zoë Nguyễn", "Dmitri Соколов"} <= names
    assert '=HYPERLINK("http://x","click") Test' in names  # shown as text, never run
    assert wizard.preview_page.counts_label.text() == (
        "7 people will be added, 0 will be updated, 0 rows are rejected."
    )
    assert not wizard.preview_page.only_problems.isEnabled()
    run_import(qtbot, wizard)
    db = open_database(db_path)
    try:
        check_english_csv(db)
    finally:
        db.close()


def test_workbook_through_the_wizard_in_german(qtbot, make_wizard: MakeWizard, db_path) -> None:
    i18n.set_language("de")
    wizard = make_wizard()
    assert wizard.windowTitle() == "Teilnehmende importieren"
    to_preview(wizard, wizard_data("mitarbeiterliste.xlsx", db_path))
    found = wizard.file_page.found_label.text()
    assert found.startswith(
        "Excel-Arbeitsmappe, Tabellenblatt „Mitarbeiter“, Spaltenüberschriften in Zeile 3. "
        "6 Datenzeilen."
    )
    assert wizard.file_page.header_spin.value() == 3
    rows = shown_rows(wizard)
    assert sorted(rows) == [4, 5, 6, 7, 9, 10]
    assert {r[0] for r in rows.values()} == {"Neu"}
    assert rows[7][1] == "Sophie Lorenz"
    assert rows[7][2].startswith("Warnung: Spalte „Einwilligung am“:")
    assert [line for line, r in rows.items() if r[2]] == [7]
    assert wizard.preview_page.counts_label.text() == (
        "6 Personen werden hinzugefügt, 0 werden aktualisiert, 0 Zeilen werden abgelehnt. "
        "1 Warnung."
    )
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.text() == "Importieren"
    qtbot.mouseClick(commit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=30_000)
    assert wizard.run_page.status_label.text() == "Der Import ist abgeschlossen."
    assert wizard.run_page.summary_label.text() == (
        "6 Personen wurden hinzugefügt, 0 Personen wurden aktualisiert."
    )
    report = wizard.run_page.report.toPlainText().splitlines()
    assert report[0] == "Importiert, mit Warnungen:"
    assert report[1].startswith("Zeile 7: Spalte „Einwilligung am“:") and len(report) == 2
    db = open_database(db_path)
    try:
        check_workbook(db)  # 2002, 2005, 2006 report to 2001; 2003 to 2002
    finally:
        db.close()


def test_importing_again_updates_and_doubles_nothing(
    qtbot, make_wizard: MakeWizard, db_path
) -> None:
    path = wizard_data("mitarbeiter_excel_de.csv", db_path)
    first = make_wizard()
    to_preview(first, path)
    run_import(qtbot, first)
    first.accept()
    before = {p.personnel_number: p.id for p in people_in_file(db_path)}
    assert len(before) == 13

    again = make_wizard()
    to_preview(again, path)
    assert again.preview_page.counts_label.text() == (
        "0 people will be added, 13 will be updated, 3 rows are rejected. 1 warning."
    )
    rows = shown_rows(again)
    assert {r[0] for line, r in rows.items() if line not in (14, 15, 16)} == {"Update"}
    run_import(qtbot, again)
    assert again.run_page.summary_label.text().startswith(
        "0 people were added, 13 people were updated."
    )
    after = {p.personnel_number: p.id for p in people_in_file(db_path)}
    assert after == before  # the same people, nothing doubled


def big_list(folder: Path, rows: int = 5000) -> Path:
    lines = "".join(
        f"{i};Vor{i};Nach{i};p{i}@x.de;{i // 10 if i > 9 else ''};Thema {i % 7}\r\n"
        for i in range(rows)
    )
    path = folder / "big.csv"
    path.write_text(
        "Personalnummer;Vorname;Nachname;E-Mail;Vorgesetzte(r);Kann vermitteln\r\n" + lines,
        encoding="utf-8",
    )
    return path


def test_cancel_midway_leaves_the_file_unchanged(qtbot, make_wizard: MakeWizard, db_path) -> None:
    db = open_database(db_path)
    create_participant(db, ParticipantInput("Anna &", "<b>Lee</b>", personnel_number="7"))
    db.close()
    before = people_in_file(db_path)
    before_bytes = db_path.read_bytes()
    wizard = make_wizard()
    to_preview(wizard, big_list(db_path.parent))
    assert wizard.preview_page.counts_label.text().startswith(
        "4,999 people will be added, 1 will be updated"
    )
    # Hold the worker at its report of 1,000 rows until the user has pressed Cancel, so the
    # test does not depend on how fast this machine writes.
    pressed = threading.Event()
    held: list[int] = []

    def hold(done: int, total: int) -> None:  # runs on the worker's thread
        if done >= 1000 and not held:
            held.append(done)
            pressed.wait(20)

    wizard.worker_created.connect(
        lambda worker: worker.progress.connect(hold, Qt.ConnectionType.DirectConnection)
    )
    run_page = wizard.run_page
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    qtbot.mouseClick(commit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: run_page.progress.value() >= 1000, timeout=30_000)
    assert run_page.progress.maximum() == 5000
    assert run_page.status_label.text().startswith("Writing… 1,000 of 5,000 rows")
    assert run_page.cancel_button.isVisible()
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    qtbot.mouseClick(run_page.cancel_button, Qt.MouseButton.LeftButton)
    assert run_page.status_label.text() == "Cancelling…"
    pressed.set()
    qtbot.waitUntil(lambda: run_page.done, timeout=30_000)
    assert run_page.outcome == "cancelled"
    assert run_page.status_label.text() == "The import was cancelled. Nothing was written."
    assert run_page.summary_label.text() == "Your program file is unchanged."
    assert not run_page.cancel_button.isVisible() and not run_page.progress.isVisible()
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert people_in_file(db_path) == before
    assert db_path.read_bytes() == before_bytes


def test_closing_the_wizard_while_it_imports_cancels(
    qtbot, make_wizard: MakeWizard, db_path
) -> None:
    wizard = make_wizard()
    to_preview(wizard, big_list(db_path.parent, 3000))
    pressed = threading.Event()

    def hold(done: int, total: int) -> None:
        if done >= 500:
            pressed.wait(20)

    wizard.worker_created.connect(
        lambda worker: worker.progress.connect(hold, Qt.ConnectionType.DirectConnection)
    )
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.progress.value() >= 500, timeout=30_000)
    wizard.reject()  # Escape, the window's close button
    assert wizard.isVisible()  # it stays open to say what happened
    pressed.set()
    qtbot.waitUntil(lambda: wizard.run_page.done, timeout=30_000)
    assert wizard.run_page.outcome == "cancelled"
    assert people_in_file(db_path) == []
    wizard.reject()
    assert not wizard.isVisible()


def test_an_unrecognised_column_is_mapped_by_hand(qtbot, make_wizard: MakeWizard, db_path) -> None:
    path = db_path.parent / "hr-export.csv"
    path.write_text(
        "Given;Family;Mail;Shoe size\r\nAda;Lee;ada@x.de;38\r\nŁukasz;Dvořák-Şahin;;44\r\n",
        encoding="utf-8",
    )
    wizard = make_wizard()
    assert wizard.file_page.load(path)
    wizard.next()
    page = wizard.columns_page
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert [c.currentData() for c in page.combos] == [None, None, "email", None]
    assert page.combos[0].currentText() == "— ignore —"
    assert page.problems_label.isVisible()
    assert "First name, Last name" in page.problems_label.text()
    assert not next_button.isEnabled()
    page.combos[0].setCurrentIndex(page.combos[0].findData("first_name"))
    assert "Last name" in page.problems_label.text() and not next_button.isEnabled()
    page.set_field("Family", "last_name")
    assert not page.problems_label.isVisible() and next_button.isEnabled()
    # A field chosen for a second column moves there (the first one is ignored then).
    page.set_field("Shoe size", "email")
    assert [c.currentData() for c in page.combos] == ["first_name", "last_name", None, "email"]
    page.set_field("Mail", "email")
    assert [c.currentData() for c in page.combos] == ["first_name", "last_name", "email", None]
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    rows = shown_rows(wizard)
    assert rows == {2: ("New", "Ada Lee", ""), 3: ("New", "Łukasz Dvořák-Şahin", "")}
    run_import(qtbot, wizard)
    assert sorted((p.name, p.email) for p in people_in_file(db_path)) == [
        ("Ada Lee", "ada@x.de"),
        ("Łukasz Dvořák-Şahin", None),
    ]


def test_the_header_line_can_be_corrected(qtbot, make_wizard: MakeWizard, db_path) -> None:
    wizard = make_wizard()
    page = wizard.file_page
    assert page.load(wizard_data("mitarbeiterliste.xlsx", db_path))
    assert wizard.session.source.header_line == 3
    page.header_spin.setValue(1)  # as if the title row held the headers
    assert wizard.session.source.header_line == 1
    assert "column headers in line 1." in page.found_label.text()
    wizard.next()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert wizard.columns_page.problems_label.isVisible()
    wizard.back()
    page.header_spin.setValue(3)
    wizard.next()
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    assert len(shown_rows(wizard)) == 6


def test_a_file_that_cannot_be_read_says_why(qtbot, make_wizard: MakeWizard, db_path) -> None:
    path = db_path.parent / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    wizard = make_wizard()
    assert not wizard.file_page.load(path)
    assert wizard.file_page.error_label.isVisible()
    assert "old Excel file (.xls)" in wizard.file_page.error_label.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_a_list_dropped_on_the_page_is_read(qtbot, make_wizard: MakeWizard, db_path) -> None:
    wizard = make_wizard()
    path = wizard_data("employees_utf8_bom.csv", db_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    wizard.file_page.dropEvent(event)
    assert event.isAccepted()
    assert wizard.session is not None and wizard.file_page.path_edit.text() == str(path)
    other = QMimeData()
    other.setUrls([QUrl.fromLocalFile(str(db_path))])  # not a list
    refused = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        other,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    wizard.file_page.dropEvent(refused)
    assert wizard.file_page.path_edit.text() == str(path)


def next_focus(widget):
    """The widget Tab goes to from `widget`."""
    candidate = widget.nextInFocusChain()
    while not (
        candidate.focusPolicy() & Qt.FocusPolicy.TabFocus and candidate.isVisibleTo(widget.window())
    ):
        candidate = candidate.nextInFocusChain()
    return candidate


def test_keyboard_enter_is_next_and_every_field_has_a_name(
    qtbot, make_wizard: MakeWizard, db_path
) -> None:
    wizard = make_wizard()
    page = wizard.file_page
    assert page.load(wizard_data("mitarbeiter_excel_de.csv", db_path))
    for widget in (page.path_edit, page.choose_button, page.header_spin):
        assert widget.accessibleName()
    assert next_focus(page.path_edit) is page.choose_button
    assert next_focus(page.choose_button) is page.header_spin
    page.path_edit.setFocus()
    qtbot.keyClick(page.path_edit, Qt.Key.Key_Return)
    assert wizard.currentId() == COLUMNS_PAGE
    combos = wizard.columns_page.combos
    assert all(c.accessibleName().startswith("Tandem field for the column") for c in combos)
    assert [next_focus(c) for c in combos[:-1]] == combos[1:]
    qtbot.keyClick(combos[0], Qt.Key.Key_Return)
    assert wizard.currentId() == PREVIEW_PAGE
    assert wizard.preview_page.table.accessibleName() == "Rows of the list"
    assert wizard.preview_page.table.model().index(0, 0).data(HAS_PROBLEMS_ROLE) is False
    qtbot.keyClick(wizard.preview_page.only_problems, Qt.Key.Key_Escape)
    assert not wizard.isVisible()  # Escape before the import simply closes
    assert people_in_file(db_path) == []
    assert FILE_PAGE == wizard.startId()


def test_the_file_menu_opens_the_wizard(qtbot, contexts, db_path: Path) -> None:
    window = make_window(qtbot, None, contexts)
    actions = {a.text(): a for a in window.registered_actions}
    action = actions["&Import participants…"]
    assert "&Export participants…" in actions
    assert not action.isEnabled()
    qtbot.waitUntil(lambda: action.shortcut().toString() == "Ctrl+I")
    assert window.open_path(db_path)
    assert action.isEnabled() and actions["&Export participants…"].isEnabled()
    action.trigger()
    wizard = window.findChild(ImportWizard)
    assert wizard is not None and wizard.isVisible() and wizard.isModal()
    wizard.reject()
