"""The PDF preview: a document shown inside Tandem before it goes anywhere, with page
navigation, zoom (fitting the width at first), and Save as… (Ctrl+S), Print… (Ctrl+P) and
Open in PDF viewer. The preview holds only the document's bytes, never the program file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import tr, translator, trn
from ui.documents import files, printing
from ui.views.base import plain_label, window_action

FIT_WIDTH, FIT_PAGE = "fit-width", "fit-page"
ZOOM_STEPS = (0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)
SAVE_SHORTCUT, PRINT_SHORTCUT = "Ctrl+S", "Ctrl+P"
PREVIOUS_SHORTCUT, NEXT_SHORTCUT = "Ctrl+PgUp", "Ctrl+PgDown"


def _around(text: str, marker: str) -> tuple[str, str]:
    """The words before and after `marker` in a translated text ('Page {page} of {count}')."""
    before, _, after = text.partition(marker)
    return before, after


class PdfPreview(QDialog):
    """Shows one PDF (given as bytes) with its pages, zoom and what can be done with it.
    `file_name` is the name suggested when saving (and shown by an outside PDF viewer)."""

    def __init__(
        self, data: bytes, *, title: str, file_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.data = data
        self.title = title
        self.file_name = file_name
        self.saved_to: Path | None = None
        """Where Save as… last wrote the document."""
        self.setWindowTitle(title)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)

        self.document = QPdfDocument(self)
        self._buffer = QBuffer(self)  # the document reads from it for as long as it lives
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)

        self.view = QPdfView(self)
        self.view.setAccessibleName(tr("Document preview"))
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setDocument(self.document)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.problem = plain_label(tr("This document cannot be shown."), self)
        self.problem.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self._build_navigation()
        self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(self._navigation)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.problem, 1)
        layout.addLayout(self._bottom)
        self._build_actions()
        self._show_state()
        self._initial_size()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- building ------------------------------------------------------------------------
    def _tool(self, text: str, tip: str, slot: object) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.clicked.connect(slot)  # type: ignore[arg-type]
        return button

    def _shortcut_text(self, keys: str) -> str:
        return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)

    def _build_navigation(self) -> None:
        self.previous_button = self._tool(
            "◀",
            tr("Previous page ({shortcut})", shortcut=self._shortcut_text(PREVIOUS_SHORTCUT)),
            self.previous_page,
        )
        self.next_button = self._tool(
            "▶",
            tr("Next page ({shortcut})", shortcut=self._shortcut_text(NEXT_SHORTCUT)),
            self.next_page,
        )
        self.page_spin = QSpinBox(self)
        self.page_spin.setAccessibleName(tr("Page"))
        self.page_spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.page_spin.setKeyboardTracking(False)
        self.page_spin.valueChanged.connect(lambda value: self.go_to_page(value - 1))
        self.zoom_out_button = self._tool(
            "−", tr("Zoom out ({shortcut})", shortcut=self._shortcut_text("Ctrl+-")), self.zoom_out
        )
        self.zoom_in_button = self._tool(
            "+", tr("Zoom in ({shortcut})", shortcut=self._shortcut_text("Ctrl++")), self.zoom_in
        )
        self.zoom_combo = QComboBox(self)
        self.zoom_combo.setAccessibleName(tr("Zoom"))
        self.zoom_combo.addItem(tr("Fit width"), FIT_WIDTH)
        self.zoom_combo.addItem(tr("Whole page"), FIT_PAGE)
        for factor in ZOOM_STEPS:
            self.zoom_combo.addItem(translator().format_percent(factor), factor)
        self.zoom_combo.activated.connect(
            lambda index: self.set_zoom(self.zoom_combo.itemData(index))
        )
        row = QHBoxLayout()
        row.addWidget(self.previous_button)
        row.addWidget(self.page_spin)
        row.addWidget(self.next_button)
        row.addSpacing(self.fontMetrics().averageCharWidth() * 3)
        row.addWidget(self.zoom_out_button)
        row.addWidget(self.zoom_combo)
        row.addWidget(self.zoom_in_button)
        row.addStretch(1)
        self._navigation = row

    def _build_buttons(self) -> None:
        self.viewer_button = QPushButton(tr("Open in PDF &viewer"), self)
        self.viewer_button.setToolTip(tr("Open the document in the program that shows PDF files"))
        self.print_button = QPushButton(tr("&Print…"), self)
        self.print_button.setToolTip(
            tr("Print the document ({shortcut})", shortcut=self._shortcut_text(PRINT_SHORTCUT))
        )
        self.save_button = QPushButton(tr("&Save as…"), self)
        self.save_button.setToolTip(
            tr("Save the document as a PDF file ({shortcut})",
               shortcut=self._shortcut_text(SAVE_SHORTCUT))
        )  # fmt: skip
        self.close_button = QPushButton(tr("Close"), self)
        self.viewer_button.clicked.connect(lambda _checked=False: self.open_in_viewer())
        self.print_button.clicked.connect(lambda _checked=False: self.print_document())
        self.save_button.clicked.connect(lambda _checked=False: self.save_as())
        self.close_button.clicked.connect(self.reject)
        self.status = plain_label("", self)
        self.status.setAccessibleName(tr("Last action"))
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(self.viewer_button)
        row.addWidget(self.status, 1)
        for button in (self.print_button, self.save_button, self.close_button):
            row.addWidget(button)
        for button in (self.viewer_button, self.print_button, self.save_button, self.close_button):
            button.setAutoDefault(False)
        self._bottom = row

    def _build_actions(self) -> None:
        within = Qt.ShortcutContext.WindowShortcut
        self.action_save = window_action(
            self, tr("Save as…"), QKeySequence(SAVE_SHORTCUT), self.save_as, within
        )
        self.action_print = window_action(
            self, tr("Print…"), QKeySequence(PRINT_SHORTCUT), self.print_document, within
        )
        self.action_previous = window_action(
            self, tr("Previous page"), QKeySequence(PREVIOUS_SHORTCUT), self.previous_page
        )
        self.action_next = window_action(
            self, tr("Next page"), QKeySequence(NEXT_SHORTCUT), self.next_page
        )
        self.action_zoom_in = window_action(
            self, tr("Zoom in"), QKeySequence(QKeySequence.StandardKey.ZoomIn), self.zoom_in
        )
        self.action_zoom_in.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")]
        )
        self.action_zoom_out = window_action(
            self, tr("Zoom out"), QKeySequence(QKeySequence.StandardKey.ZoomOut), self.zoom_out
        )
        self.action_fit = window_action(
            self, tr("Fit width"), QKeySequence("Ctrl+0"), lambda: self.set_zoom(FIT_WIDTH)
        )
        navigator = self.view.pageNavigator()
        navigator.currentPageChanged.connect(self._on_page_changed)

    def _initial_size(self) -> None:
        metrics = self.fontMetrics()
        width, height = metrics.averageCharWidth() * 110, metrics.height() * 48
        screen = self.screen()
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, int(available.width() * 0.9))
            height = min(max(height, int(available.height() * 0.85)), available.height())
        self.resize(width, height)

    # --- state ---------------------------------------------------------------------------
    def page_count(self) -> int:
        """The number of pages of the document (0 when it cannot be read)."""
        return max(self.document.pageCount(), 0)

    def current_page(self) -> int:
        """The page shown (0-based)."""
        return self.view.pageNavigator().currentPage()

    def _show_state(self) -> None:
        count = self.page_count()
        readable = self.document.status() == QPdfDocument.Status.Ready and count > 0
        self.view.setVisible(readable)
        self.problem.setVisible(not readable)
        for widget in (
            self.previous_button, self.next_button, self.page_spin, self.zoom_in_button,
            self.zoom_out_button, self.zoom_combo, self.print_button, self.viewer_button,
        ):  # fmt: skip
            widget.setEnabled(readable)
        prefix, suffix = _around(tr("Page {page} of {count}"), "{page}")
        self.page_spin.setPrefix(prefix)
        self.page_spin.setSuffix(suffix.format(count=count))
        self.page_spin.blockSignals(True)
        self.page_spin.setRange(1, max(count, 1))
        self.page_spin.setValue(self.current_page() + 1)
        self.page_spin.blockSignals(False)
        self._update_page_buttons()

    def _update_page_buttons(self) -> None:
        page, count = self.current_page(), self.page_count()
        self.previous_button.setEnabled(page > 0)
        self.next_button.setEnabled(page < count - 1)

    def _on_page_changed(self, page: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)
        self._update_page_buttons()

    # --- navigation and zoom -------------------------------------------------------------
    def go_to_page(self, page: int) -> None:
        """Show page `page` (0-based) from its top."""
        count = self.page_count()
        if count <= 0:
            return
        page = min(max(page, 0), count - 1)
        navigator = self.view.pageNavigator()
        navigator.jump(page, QPointF(0, 0), navigator.currentZoom())
        self._on_page_changed(page)

    def previous_page(self) -> None:
        """Show the page before."""
        self.go_to_page(self.current_page() - 1)

    def next_page(self) -> None:
        """Show the page after."""
        self.go_to_page(self.current_page() + 1)

    def effective_zoom(self) -> float:
        """The zoom shown (also while the view fits the width or the whole page)."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom or self.page_count() <= 0:
            return self.view.zoomFactor()
        points = self.document.pagePointSize(self.current_page())
        pixels_per_point = self.view.logicalDpiX() / 72
        margins = self.view.documentMargins()
        width = self.view.viewport().width() - margins.left() - margins.right()
        height = self.view.viewport().height() - margins.top() - margins.bottom()
        zoom = width / (points.width() * pixels_per_point)
        if self.view.zoomMode() == QPdfView.ZoomMode.FitInView:
            zoom = min(zoom, height / (points.height() * pixels_per_point))
        return max(zoom, ZOOM_STEPS[0])

    def set_zoom(self, zoom: str | float) -> None:
        """Fit the width (FIT_WIDTH), the whole page (FIT_PAGE) or a factor (1.0 = 100 %)."""
        if zoom == FIT_WIDTH:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif zoom == FIT_PAGE:
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        else:
            factor = min(max(float(zoom), ZOOM_STEPS[0]), ZOOM_STEPS[-1])
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(factor)
            zoom = factor
        index = self.zoom_combo.findData(zoom)
        if index >= 0:
            self.zoom_combo.setCurrentIndex(index)

    def zoom_in(self) -> None:
        """The next larger zoom step."""
        now = self.effective_zoom()
        self.set_zoom(next((s for s in ZOOM_STEPS if s > now + 0.01), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        """The next smaller zoom step."""
        now = self.effective_zoom()
        self.set_zoom(next((s for s in reversed(ZOOM_STEPS) if s < now - 0.01), ZOOM_STEPS[0]))

    # --- what can be done with it --------------------------------------------------------
    def save_as(self) -> Path | None:
        """Save as…: ask where, write the PDF whole; returns the path written."""
        path = files.save_pdf_as(self, self.data, self.file_name)
        if path is not None:
            self.saved_to = path
            self.status.setText(tr("Saved as {path}", path=str(path)))
        return path

    def print_document(self) -> int:
        """Print…: the print dialog, then the pages chosen; returns the pages printed."""
        if self.page_count() <= 0:
            return 0
        printed = printing.print_document(
            self, self.document, current_page=self.current_page(), title=self.title
        )
        if printed:
            self.status.setText(
                trn(
                    "{n} page was sent to the printer.",
                    "{n} pages were sent to the printer.",
                    printed,
                )
            )
        return printed

    def open_in_viewer(self) -> Path | None:
        """Open in PDF viewer: a temporary copy opened with the system's PDF program."""
        return files.open_in_viewer(self, self.data, self.file_name)


def open_preview(
    data: bytes, *, title: str, file_name: str, parent: QWidget | None = None
) -> PdfPreview:
    """Show `data` in a preview window of its own (it closes without asking and frees
    itself); the window keeps working meanwhile."""
    preview = PdfPreview(data, title=title, file_name=file_name, parent=parent)
    preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    preview.show()
    preview.activateWindow()
    return preview
