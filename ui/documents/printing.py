"""Printing a PDF from the window. Qt cannot send a PDF file to a printer, so each page is
rendered as an image at PRINT_DPI and painted onto the printer, page by page, honouring the
page range, the current page and the number of copies chosen in the print dialog."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QProgressDialog, QWidget

from app.errors import StorageError, TandemError
from app.i18n import format_number, tr
from ui import dialogs

PRINT_DPI = 300
"""Pages are rendered at this resolution: sharp text on paper, ~35 MB of memory per page."""

PageStep = Callable[[int, int], bool]
"""`step(printed, total)` after each page; False stops the printing."""


def pages_to_print(printer: QPrinter, page_count: int, current_page: int = 0) -> list[int]:
    """The pages (0-based) the print dialog asked for: all, the current one, or a range such
    as "1-2, 4"; a range beyond the document is cut to it. With copies that the printer
    cannot make itself, the pages repeat, one whole copy after the other."""
    mode = printer.printRange()
    if mode == QPrinter.PrintRange.CurrentPage:
        pages = [min(max(current_page, 0), page_count - 1)] if page_count else []
    elif mode == QPrinter.PrintRange.PageRange and not printer.pageRanges().isEmpty():
        ranges = printer.pageRanges()
        pages = [page for page in range(page_count) if ranges.contains(page + 1)]
    else:
        pages = list(range(page_count))
    copies = printer.copyCount()
    if copies > 1 and not printer.supportsMultipleCopies():
        pages = pages * copies
    return pages


def _orientation(size: QSizeF) -> QPageLayout.Orientation:
    if size.width() > size.height():
        return QPageLayout.Orientation.Landscape
    return QPageLayout.Orientation.Portrait


def _fitted(image: QSizeF, paper: QSizeF) -> QRectF:
    """The largest rectangle of the image's proportions centred on the paper."""
    scale = min(paper.width() / image.width(), paper.height() / image.height())
    width, height = image.width() * scale, image.height() * scale
    return QRectF((paper.width() - width) / 2, (paper.height() - height) / 2, width, height)


def print_pages(
    document: QPdfDocument,
    printer: QPrinter,
    pages: Sequence[int],
    step: PageStep | None = None,
) -> int:
    """Paint `pages` (0-based) of `document` onto `printer`, each on a sheet of its own
    orientation (a landscape certificate prints landscape). The PDF's own margins are kept:
    the page image fills the paper. Returns how many pages were printed; a `step` that
    returns False aborts the print job."""
    if not pages:
        return 0
    printer.setFullPage(True)
    painter = QPainter()
    printed = 0
    try:
        for number, page in enumerate(pages):
            points = document.pagePointSize(page)
            printer.setPageOrientation(_orientation(points))
            if number == 0:
                if not painter.begin(printer):
                    raise StorageError(tr("The printer could not be started."))
            elif not printer.newPage():
                raise StorageError(tr("The printer stopped before the last page."))
            pixels = QSize(
                round(points.width() * PRINT_DPI / 72), round(points.height() * PRINT_DPI / 72)
            )
            image = document.render(page, pixels)
            paper = printer.pageLayout().fullRectPixels(printer.resolution()).size()
            painter.drawImage(_fitted(QSizeF(image.size()), QSizeF(paper)), image)
            printed += 1
            if step is not None and not step(printed, len(pages)):
                printer.abort()
                break
    finally:
        if painter.isActive():
            painter.end()
    return printed


def print_dialog(printer: QPrinter, page_count: int, parent: QWidget | None) -> QPrintDialog:
    """The system's print dialog for a document of `page_count` pages, offering all pages,
    the current page or a range."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("Print"))
    dialog.setMinMax(1, max(page_count, 1))
    for option in (
        QAbstractPrintDialog.PrintDialogOption.PrintPageRange,
        QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage,
        QAbstractPrintDialog.PrintDialogOption.PrintToFile,
    ):
        dialog.setOption(option, True)
    return dialog


def print_document(
    parent: QWidget | None, document: QPdfDocument, *, current_page: int = 0, title: str = ""
) -> int:
    """Print…: ask the print dialog, then print the pages chosen with a progress dialog
    (Cancel stops after the page being printed). Returns the number of pages printed
    (0 when the user cancelled or printing failed; the user was told why)."""
    page_count = document.pageCount()
    if page_count <= 0:
        return 0
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title or tr("Document"))
    dialog = print_dialog(printer, page_count, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return 0
    finally:
        dialog.deleteLater()
    pages = pages_to_print(printer, page_count, current_page)
    progress = QProgressDialog(tr("Printing…"), tr("Cancel"), 0, len(pages), parent)
    progress.setWindowTitle(tr("Print"))
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(500)

    def step(printed: int, total: int) -> bool:
        upcoming = min(printed + 1, total)
        progress.setLabelText(
            tr(
                "Printing page {n} of {total}…",
                n=format_number(upcoming),
                total=format_number(total),
            )
        )
        progress.setValue(printed)
        return not progress.wasCanceled()

    try:
        return print_pages(document, printer, pages, step)
    except TandemError as exc:
        dialogs.show_warning(parent, tr("The document was not printed."), exc.message)
        return 0
    finally:
        progress.reset()
        progress.deleteLater()
