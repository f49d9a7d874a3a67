"""The window's document pieces with a small PDF made here by ReportLab: the preview shows
its pages, Save as… writes the same bytes, Print… paints the pages chosen onto a printer,
Open in PDF viewer hands a copy to the system, a document made on the worker opens in the
preview, and a batch stops on Cancel without leaving a half-written file."""

from __future__ import annotations

import io
import tempfile
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from app.errors import ValidationError
from app.services.participants import list_participants
from ui.context import AppContext
from ui.documents import files, printing
from ui.documents.batch import BatchDialog
from ui.documents.preview import PdfPreview
from ui.documents.runner import DocumentJob, show_document

NAME = "Tandem-Vereinbarung Łukasz Dvořák-Şahin – Anna & <b>Lee</b>"


def tiny_pdf(pages: int = 3, landscape_pages: tuple[int, ...] = ()) -> bytes:
    """A PDF of `pages` A4 pages saying "Page n"; pages in `landscape_pages` (0-based) lie."""
    out = io.BytesIO()
    drawing = canvas.Canvas(out, pagesize=A4)
    for page in range(pages):
        drawing.setPageSize(landscape(A4) if page in landscape_pages else A4)
        drawing.setFont("Helvetica", 28)
        drawing.drawString(72, 420, f"Page {page + 1}")
        drawing.showPage()
    drawing.save()
    return out.getvalue()


def shown_preview(qtbot, data: bytes, name: str = NAME) -> PdfPreview:
    preview = PdfPreview(data, title="Agreement", file_name=name)
    qtbot.addWidget(preview)
    with qtbot.waitExposed(preview):
        preview.show()
    return preview


def printer_to(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


# --- the preview --------------------------------------------------------------------------


def test_the_preview_shows_every_page_and_moves_between_them(qtbot) -> None:
    preview = shown_preview(qtbot, tiny_pdf(3))
    assert preview.page_count() == 3
    assert preview.view.isVisible() and not preview.problem.isVisible()
    assert preview.page_spin.suffix() == " of 3" and preview.page_spin.maximum() == 3
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert not preview.previous_button.isEnabled() and preview.next_button.isEnabled()

    preview.next_button.click()
    assert preview.current_page() == 1 and preview.page_spin.value() == 2
    preview.page_spin.setValue(3)
    assert preview.current_page() == 2
    assert not preview.next_button.isEnabled()
    preview.action_previous.trigger()
    assert preview.current_page() == 1

    preview.action_zoom_in.trigger()
    assert preview.view.zoomMode() == QPdfView.ZoomMode.Custom
    bigger = preview.view.zoomFactor()
    preview.action_zoom_out.trigger()
    assert preview.view.zoomFactor() < bigger
    preview.action_fit.trigger()
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert preview.zoom_combo.currentText() == "Fit width"


def test_a_damaged_document_says_so_and_cannot_be_printed(qtbot) -> None:
    preview = shown_preview(qtbot, b"%PDF-1.4 not really")
    assert preview.page_count() == 0
    assert preview.problem.isVisible() and not preview.view.isVisible()
    assert not preview.print_button.isEnabled()
    assert preview.save_button.isEnabled()  # the bytes can still be kept


def test_keyboard_shortcuts_and_accessible_names(qtbot) -> None:
    preview = shown_preview(qtbot, tiny_pdf(2))
    assert preview.action_save.shortcut() == QKeySequence("Ctrl+S")
    assert preview.action_print.shortcut() == QKeySequence("Ctrl+P")
    assert QKeySequence("Ctrl+0") in preview.action_fit.shortcuts()
    assert preview.view.accessibleName() == "Document preview"
    assert preview.page_spin.accessibleName() == "Page"
    assert preview.zoom_combo.accessibleName() == "Zoom"
    for button in (preview.previous_button, preview.next_button, preview.zoom_in_button,
                   preview.zoom_out_button):  # fmt: skip
        assert button.accessibleName() and button.toolTip()
    texts = [b.text() for b in (preview.viewer_button, preview.print_button, preview.save_button)]
    assert texts == ["Open in PDF &viewer", "&Print…", "&Save as…"]
    assert "Ctrl+S" in preview.save_button.toolTip()


def test_german_words(qtbot) -> None:
    from app import i18n

    i18n.set_language("de")
    preview = shown_preview(qtbot, tiny_pdf(2))
    assert preview.page_spin.prefix() == "Seite " and preview.page_spin.suffix() == " von 2"
    assert preview.save_button.text() == "&Speichern unter…"
    assert preview.print_button.text() == "&Drucken…"
    assert preview.viewer_button.text() == "In PDF-&Programm öffnen"


# --- Save as… -----------------------------------------------------------------------------


def test_save_as_writes_the_same_bytes_and_remembers_the_folder(
    qtbot, tmp_path: Path, save_dialog
) -> None:
    data = tiny_pdf(3)
    preview = shown_preview(qtbot, data)
    target = tmp_path / "Ablage" / "Vereinbarung.pdf"
    target.parent.mkdir()
    save_dialog.answer = (str(target), files.pdf_filter())
    preview.activateWindow()
    qtbot.waitUntil(lambda: preview.isActiveWindow())
    qtbot.keyClick(preview.view, "s", modifier=Qt.KeyboardModifier.ControlModifier)
    assert target.read_bytes() == data
    assert preview.saved_to == target
    assert str(target) in preview.status.text()
    caption, directory, filters = save_dialog.asked[0]
    assert caption == "Save PDF" and filters == "PDF documents (*.pdf)"
    # the suggested name is Windows-legal, and says what the file is
    assert Path(directory).name == "Tandem-Vereinbarung Łukasz Dvořák-Şahin – Anna & -b-Lee--b-.pdf"

    preview.save_as()  # the second time it starts in the folder used before
    assert Path(save_dialog.asked[1][1]).parent == target.parent
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".tandem-")]


def test_a_name_without_pdf_gets_it_and_replaces_only_after_asking(
    qtbot, tmp_path: Path, save_dialog, answers
) -> None:
    data = tiny_pdf(1)
    preview = shown_preview(qtbot, data)
    existing = tmp_path / "Bestätigung.pdf"
    existing.write_bytes(b"older file")
    save_dialog.answer = (str(tmp_path / "Bestätigung"), files.pdf_filter())
    answers["reply"] = [QMessageBox.StandardButton.No]
    assert preview.save_as() is None
    assert existing.read_bytes() == b"older file"
    assert answers["texts"] == ["Bestätigung.pdf already exists. Replace it?"]

    answers["reply"] = [QMessageBox.StandardButton.Yes]
    assert preview.save_as() == existing
    assert existing.read_bytes() == data


def test_a_file_that_cannot_be_written_leaves_the_old_one(
    qtbot, tmp_path: Path, save_dialog, answers
) -> None:
    preview = shown_preview(qtbot, tiny_pdf(1))
    save_dialog.answer = (str(tmp_path / "missing folder" / "x.pdf"), files.pdf_filter())
    assert preview.save_as() is None
    assert answers["texts"] == ["The PDF was not saved."]
    assert "does not exist" in answers["details"][0]
    assert preview.saved_to is None


# --- Print… -------------------------------------------------------------------------------


def test_printing_paints_every_page_in_its_own_orientation(qtbot, tmp_path: Path) -> None:
    preview = shown_preview(qtbot, tiny_pdf(3, landscape_pages=(2,)))
    out = tmp_path / "printed.pdf"
    printer = printer_to(out)
    pages = printing.pages_to_print(printer, preview.page_count())
    assert printing.print_pages(preview.document, printer, pages) == 3
    printed = PdfReader(out)
    assert len(printed.pages) == 3
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in printed.pages]
    assert sizes[0][0] < sizes[0][1] and sizes[2][0] > sizes[2][1]  # the last page lies


def test_print_honours_the_range_chosen_in_the_print_dialog(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    preview = shown_preview(qtbot, tiny_pdf(4))
    out = tmp_path / "range.pdf"
    asked: list[tuple[int, int]] = []

    def fake_exec(dialog: QPrintDialog) -> int:
        asked.append((dialog.minPage(), dialog.maxPage()))
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(2, 3)
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(QPrintDialog, "exec", fake_exec)
    preview.activateWindow()
    qtbot.waitUntil(lambda: preview.isActiveWindow())
    preview.action_print.trigger()
    assert asked == [(1, 4)]
    assert len(PdfReader(out).pages) == 2
    assert preview.status.text() == "2 pages were sent to the printer."


def test_the_current_page_and_a_cancelled_dialog(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    preview = shown_preview(qtbot, tiny_pdf(3))
    preview.go_to_page(1)
    printer = printer_to(tmp_path / "unused.pdf")
    printer.setPrintRange(QPrinter.PrintRange.CurrentPage)
    assert printing.pages_to_print(printer, 3, preview.current_page()) == [1]
    printer.setPrintRange(QPrinter.PrintRange.AllPages)
    assert printing.pages_to_print(printer, 3) == [0, 1, 2]

    monkeypatch.setattr(QPrintDialog, "exec", lambda _d: int(QDialog.DialogCode.Rejected))
    assert preview.print_document() == 0
    assert preview.status.text() == ""


# --- Open in PDF viewer -------------------------------------------------------------------


def test_open_in_viewer_hands_a_named_copy_to_the_system(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    data = tiny_pdf(2)
    preview = shown_preview(qtbot, data, "Teilnahmebestätigung Anna & Lee")
    first = preview.open_in_viewer()
    second = preview.open_in_viewer()
    assert first is not None and second is not None and first != second
    assert first.name == "Teilnahmebestätigung Anna & Lee.pdf"
    assert first.read_bytes() == data
    assert first.is_relative_to(tmp_path / "Tandem")
    assert [Path(u.toLocalFile()) for u in opened] == [first, second]


def test_without_a_pdf_program_the_user_learns_where_the_copy_is(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answers
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    preview = shown_preview(qtbot, tiny_pdf(1))
    assert preview.open_in_viewer() is None
    assert answers["texts"] == ["No program to show PDF files was found."]
    assert str(tmp_path / "Tandem") in answers["details"][0]


# --- made on the worker -------------------------------------------------------------------


def test_a_document_made_on_the_worker_opens_in_the_preview(qtbot, program_file: Path) -> None:
    context = AppContext()
    assert context.open(program_file)
    threads: list[int] = []

    def make(db) -> bytes:
        threads.append(threading.get_ident())
        return tiny_pdf(len(list_participants(db)))  # one page per participant

    try:
        job = show_document(context, make, title="Agreement", file_name="Agreement.pdf")
        assert isinstance(job, DocumentJob)
        with qtbot.waitSignal(job.done, timeout=20_000) as blocker:
            pass
        assert blocker.args == [True]
        assert threads and threads[0] != threading.get_ident()
        preview = job.preview
        assert preview is not None and preview.isVisible()
        assert preview.page_count() == len(list_participants(context.db))
        assert preview.windowTitle() == "Agreement"
        preview.close()
    finally:
        context.shutdown()


def test_a_document_that_fails_becomes_a_message(qtbot, program_file: Path, answers) -> None:
    context = AppContext()
    assert context.open(program_file)

    def make(db) -> bytes:
        raise ValidationError("This tandem has no mentee any more.")

    try:
        job = show_document(context, make, title="Agreement", file_name="Agreement.pdf")
        assert job is not None
        with qtbot.waitSignal(job.done, timeout=20_000) as blocker:
            pass
        assert blocker.args == [False]
        assert job.preview is None
        assert answers["texts"] == ["The document could not be made."]
        assert answers["details"] == ["This tandem has no mentee any more."]
    finally:
        context.shutdown()


# --- the batch dialog ---------------------------------------------------------------------


def test_cancel_stops_a_batch_and_leaves_no_half_written_file(
    qtbot, program_file: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "Bestätigungen"
    folder.mkdir()
    total = 40
    may_go_on = threading.Event()

    def work(db, progress) -> int:
        written = 0
        for n in range(total):
            files.write_pdf(folder / f"Person {n + 1}.pdf", tiny_pdf(1))
            written += 1
            if not progress(written, total):
                break
            if written == 2:
                may_go_on.wait(10)  # until the test has pressed Cancel
        return written

    dialog = BatchDialog(program_file, work, title="Certificates", text="Making certificates…")
    qtbot.addWidget(dialog)
    dialog.worker.progress.connect(
        lambda done, _t: (dialog.cancel_button.click(), may_go_on.set()) if done == 2 else None
    )
    with qtbot.waitSignal(dialog.finished, timeout=20_000):
        dialog.show()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.cancelled and dialog.result_value is None and dialog.message is None
    made = sorted(folder.iterdir())
    assert 2 <= len(made) < total
    for path in made:  # every file there is whole
        assert path.suffix == ".pdf" and len(PdfReader(path).pages) == 1


def test_a_batch_that_runs_through_reports_its_progress(qtbot, program_file: Path) -> None:
    def work(db, progress) -> list[bytes]:
        people = list_participants(db)
        made = []
        for n, _person in enumerate(people, start=1):
            made.append(tiny_pdf(1))
            progress(n, len(people))
        return made

    dialog = BatchDialog(
        program_file, work, title="Certificates", text="Making certificates…",
        count_text=lambda done, total: f"{done} of {total} certificates",
    )  # fmt: skip
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.finished, timeout=20_000):
        dialog.show()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert len(dialog.result_value) == 4 and not dialog.cancelled
    assert dialog.bar.value() == dialog.bar.maximum() == 4
    assert dialog.count.text() == "4 of 4 certificates"
