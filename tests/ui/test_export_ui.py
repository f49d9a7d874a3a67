"""File → Export participants… in the window: the save dialog's name and filters, the file
written on a worker, the message with the path, a failure that leaves the old file as it was,
and an export read back in through the import wizard without a loss."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWizard

from app import i18n
from app.db import create_database, open_database
from app.i18n import tr
from app.services import exports
from tests.helpers.exports import TRICKY, fill, snapshot
from tests.ui.conftest import make_window
from ui.context import AppContext
from ui.export_actions import (
    ParticipantExport,
    csv_filter,
    default_file_name,
    legal_file_name,
    with_suffix_for,
    xlsx_filter,
)
from ui.import_wizard import ImportWizard
from ui.main_window import MainWindow


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """(text, details) of every message box, instead of showing it."""
    shown: list[tuple[str, str]] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append((box.text(), box.informativeText()))
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


@pytest.fixture
def filled_file(db_path: Path, data_file) -> Path:
    """A program file with the three samples and people with tricky names and cells."""
    db = open_database(db_path)
    try:
        fill(db, data_file)
    finally:
        db.close()
    return db_path


@pytest.fixture
def window(qtbot, contexts) -> MainWindow:
    """A shown main window on the start page."""
    return make_window(qtbot, None, contexts)


def export_action(window: MainWindow):
    """File → Export participants… (in the window's language)."""
    (action,) = [a for a in window.registered_actions if a.text() == tr("&Export participants…")]
    return action


def run_export(qtbot, window: MainWindow) -> ParticipantExport:
    """Choose File → Export participants… and wait until the export has ended."""
    before = set(window.findChildren(ParticipantExport))
    export_action(window).trigger()
    (job,) = set(window.findChildren(ParticipantExport)) - before
    with qtbot.waitSignal(job.done, timeout=30_000):
        pass
    return job


def test_default_name_and_suffixes() -> None:
    day = date(2026, 11, 22)
    assert default_file_name(day) == "Participants-2026-11-22.xlsx"
    i18n.set_language("de")
    assert default_file_name(day) == "Teilnehmende-2026-11-22.xlsx"
    assert default_file_name(day, ".csv") == "Teilnehmende-2026-11-22.csv"
    assert legal_file_name('Liste: "HR"/2026? <neu>*|. ') == "Liste- -HR--2026- -neu---"
    assert legal_file_name("...") == "export"
    assert with_suffix_for("/x/liste", csv_filter()) == Path("/x/liste.csv")
    assert with_suffix_for("/x/liste", xlsx_filter()) == Path("/x/liste.xlsx")
    assert with_suffix_for("/x/liste.CSV", xlsx_filter()) == Path("/x/liste.CSV")
    assert with_suffix_for("/x/liste.txt", xlsx_filter()) == Path("/x/liste.txt.xlsx")


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_and_import_again_through_the_window(
    qtbot, window: MainWindow, filled_file: Path, tmp_path: Path, save_dialog, messages, suffix
) -> None:
    assert window.open_path(filled_file)
    db = open_database(filled_file)
    try:
        original = snapshot(db)
    finally:
        db.close()
    out = tmp_path / "Ausgabe" / f"Teilnehmende Liste{suffix}"
    out.parent.mkdir()
    save_dialog.answer = (str(out), xlsx_filter() if suffix == ".xlsx" else csv_filter())
    job = run_export(qtbot, window)
    caption, directory, filters = save_dialog.asked[0]
    assert caption == "Export participants"
    assert Path(directory).name == default_file_name()
    assert filters == "Excel workbook (*.xlsx);;CSV for Excel (*.csv)"
    assert job.count == len(original)
    assert messages == [(f"{len(original)} participants were exported to:", str(out))]
    if suffix == ".csv":
        raw = out.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") and b"'=HYPERLINK(" in raw  # never run by Excel
    else:
        sheet = openpyxl.load_workbook(out).active
        firsts = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
        assert set(TRICKY) <= set(firsts)
    assert not [p for p in out.parent.iterdir() if p.name != out.name]  # no temp file left

    # Read back into a fresh program file through the wizard.
    fresh = tmp_path / "fresh.tandem"
    create_database(fresh).close()
    context = AppContext()
    assert context.open(fresh, remember=False)
    try:
        wizard = ImportWizard(context)
        qtbot.addWidget(wizard)
        wizard.show()
        assert wizard.file_page.load(out)
        wizard.next()
        assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
        chosen = sorted(c.currentData() for c in wizard.columns_page.combos)
        assert chosen == sorted(exports.FIELDS)  # every column recognised
        wizard.next()
        preview = wizard.preview
        assert preview.new_count == len(original) and preview.rejected_rows == []
        qtbot.mouseClick(
            wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton
        )
        qtbot.waitUntil(lambda: wizard.run_page.done, timeout=30_000)
        assert wizard.run_page.outcome == "finished"
    finally:
        context.shutdown()
    db = open_database(fresh)
    try:
        assert snapshot(db) == original
    finally:
        db.close()


def test_a_failed_export_leaves_the_old_file_as_it_was(
    qtbot, window: MainWindow, filled_file: Path, tmp_path: Path, save_dialog, messages,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "liste.xlsx"
    out.write_bytes(b"last week's list")
    real_replace = os.replace

    def locked(source, target) -> None:
        # What Windows does while Excel holds the file open (a sharing violation).
        if Path(target) == out:
            raise PermissionError(13, "Permission denied", str(target))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", locked)
    assert window.open_path(filled_file)
    save_dialog.answer = (str(out), xlsx_filter())
    job = run_export(qtbot, window)
    assert job.count is None
    assert messages == [
        (
            "The export did not succeed.",
            "liste.xlsx cannot be written: permission denied. If the file is open in another "
            "program (for example Excel), close it there and try again; otherwise choose a "
            "folder you may change.",
        )
    ]
    assert out.read_bytes() == b"last week's list"
    assert [p.name for p in out.parent.iterdir()] == ["liste.xlsx"]  # no temporary file left


def test_the_export_in_german_and_a_cancelled_dialog(
    qtbot, window: MainWindow, filled_file: Path, tmp_path: Path, save_dialog, messages
) -> None:
    assert window.open_path(filled_file)
    window.language_actions["de"].trigger()
    action = export_action(window)
    assert action.text() == "Teilnehmende e&xportieren…"
    action.trigger()  # the user closes the save dialog without choosing
    caption, directory, filters = save_dialog.asked[0]
    assert caption == "Teilnehmende exportieren"
    assert Path(directory).name == f"Teilnehmende-{date.today().isoformat()}.xlsx"
    assert filters == "Excel-Arbeitsmappe (*.xlsx);;CSV für Excel (*.csv)"
    assert window.findChildren(ParticipantExport) == [] and messages == []
    out = tmp_path / "liste"
    save_dialog.answer = (str(out), "CSV für Excel (*.csv)")
    job = run_export(qtbot, window)
    assert job.path == tmp_path / "liste.csv" and job.path.exists()
    text, details = messages[0]
    assert text.endswith("Teilnehmende wurden exportiert nach:") and details == str(job.path)
    header = job.path.read_bytes()[3:].decode("utf-8").splitlines()[0]
    assert header.startswith("Personalnummer;Vorname;Nachname")
