"""File → Import participants…: a short wizard for the employee list HR already has.

1. Choose the file (.csv or .xlsx, or drop it on the page); the wizard says in plain words how
   it read it, and the header line can be corrected.
2. Columns: which Tandem field each column of the file holds (recognised ones preset).
3. Preview: every row with what will happen to it and its errors and warnings. Nothing is
   written yet.
4. Import: all accepted rows in one transaction on a worker thread with its own connection,
   with a progress bar and a cancel button; a cancel leaves the program file as it was.

The wizard holds no rules: `app.imports.engine.ImportSession` reads, maps, checks and writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app import user_prefs
from app.errors import TandemError
from app.i18n import format_date, format_number, tr, trn
from app.imports.columns import FIELDS, field_label
from app.imports.engine import (
    ImportPreview,
    ImportResult,
    ImportSession,
    consent_note,
    quoted,
)
from app.imports.reader import CSV_SUFFIXES, XLSX_SUFFIXES
from ui import dialogs
from ui.consent import CONSENT_MISSING
from ui.context import PARTICIPANTS, TOPICS, AppContext
from ui.import_preview import PROBLEMS, RESULT, PreviewModel, ProblemsFilter
from ui.views.base import plain_label
from ui.workers import Worker

FILE_PAGE, COLUMNS_PAGE, PREVIEW_PAGE, RUN_PAGE = range(4)
IMPORT_SUFFIXES = tuple(sorted(CSV_SUFFIXES | XLSX_SUFFIXES))
ERROR_STYLE = "color: #b3261e;"
EXAMPLES_PER_COLUMN = 3
EXAMPLE_CHARS = 28


def describe_source(session: ImportSession) -> str:
    """How the file was read, in plain words for the user."""
    source = session.source
    if source.kind == "xlsx":
        text = tr(
            "Excel workbook, sheet “{sheet}”, column headers in line {line}.",
            sheet=source.sheet or "",
            line=source.header_line,
        )
    else:
        encodings = {
            "UTF-8": tr("UTF-8 encoding"),
            "UTF-16": tr("UTF-16 encoding"),
            "Windows-1252": tr("Windows encoding (Windows-1252)"),
        }
        separators = {";": tr("semicolons"), ",": tr("commas"), "\t": tr("tabs")}
        text = tr(
            "CSV file, {encoding}, separated by {separator}, column headers in line {line}.",
            encoding=encodings.get(source.encoding or "", source.encoding or ""),
            separator=separators.get(source.delimiter or "", quoted(source.delimiter or "")),
            line=source.header_line,
        )
    rows = trn("{n} row of data.", "{n} rows of data.", len(source.rows))
    columns = tr("Columns: {columns}", columns=session.columns_found())
    return "\n".join([f"{text} {rows}", columns, *source.notes])


def example_text(session: ImportSession, column: int) -> str:
    """A few values of a column, shortened, to help the user recognise it."""
    seen: list[str] = []
    for row in session.source.rows[:200]:
        value = row.cell(column)
        if value is None or value == "":
            continue
        text = format_date(value) if hasattr(value, "isoformat") else str(value)
        text = " ".join(text.split())
        if len(text) > EXAMPLE_CHARS:
            text = text[: EXAMPLE_CHARS - 1] + "…"
        if text not in seen:
            seen.append(text)
        if len(seen) == EXAMPLES_PER_COLUMN:
            break
    return " · ".join(seen)


def _error_label(parent: QWidget) -> QLabel:
    label = plain_label("", parent)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setVisible(False)
    return label


# --- 1. the file -------------------------------------------------------------------------------


class FilePage(QWizardPage):
    """Choose the list (button or drag and drop), see how it was read, fix the header line."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(tr("Choose your list"))
        self.setSubTitle(
            tr(
                "An Excel workbook (.xlsx) or a CSV file with one employee per row. "
                "You can also drag the file onto this page."
            )
        )
        self.setAcceptDrops(True)
        self.path_edit = QLineEdit(self)
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(tr("No file chosen yet"))
        self.path_edit.setAccessibleName(tr("File to import"))
        self.choose_button = QPushButton(tr("Choose file…"), self)
        self.choose_button.setAccessibleName(tr("Choose the file to import"))
        self.choose_button.clicked.connect(self.choose)
        self.choose_button.setAutoDefault(False)

        self.found_heading = plain_label(tr("What Tandem found in the file"), self)
        bold = QFont(self.found_heading.font())
        bold.setBold(True)
        self.found_heading.setFont(bold)
        self.found_label = plain_label("", self)
        self.found_label.setWordWrap(True)
        self.found_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.found_label.setAccessibleName(tr("What Tandem found in the file"))
        self.error_label = _error_label(self)

        self.header_hint = plain_label(
            tr(
                "If the column headers are in another line (for example below a title), "
                "enter that line here:"
            ),
            self,
        )
        self.header_hint.setWordWrap(True)
        self.header_spin = QSpinBox(self)
        self.header_spin.setRange(1, 1)
        self.header_spin.setKeyboardTracking(False)
        self.header_spin.setAccessibleName(tr("Line with the column headers"))
        self.header_spin.valueChanged.connect(self._header_changed)
        header_caption = plain_label(tr("Column headers in line:"), self)
        header_caption.setBuddy(self.header_spin)

        choose_row = QHBoxLayout()
        choose_row.addWidget(self.path_edit, 1)
        choose_row.addWidget(self.choose_button)
        header_row = QHBoxLayout()
        header_row.addWidget(header_caption)
        header_row.addWidget(self.header_spin)
        header_row.addStretch(1)
        self.details = QWidget(self)
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.addWidget(self.found_heading)
        details.addWidget(self.found_label)
        details.addSpacing(8)
        details.addWidget(self.header_hint)
        details.addLayout(header_row)
        self.details.setVisible(False)
        self.drop_zone = plain_label(tr("Drop your list here"), self)
        self.drop_zone.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_zone.setMinimumHeight(self.fontMetrics().height() * 8)
        self.drop_zone.setStyleSheet(
            "QLabel { border: 2px dashed palette(mid); border-radius: 8px;"
            " color: palette(placeholder-text); }"
        )
        layout = QVBoxLayout(self)
        layout.addLayout(choose_row)
        layout.addWidget(self.error_label)
        layout.addSpacing(8)
        layout.addWidget(self.details)
        layout.addWidget(self.drop_zone)
        layout.addStretch(1)
        self.setTabOrder(self.path_edit, self.choose_button)
        self.setTabOrder(self.choose_button, self.header_spin)

    def choose(self) -> None:
        """Ask for the file with the system's file dialog."""
        folder = user_prefs.get("import_folder") or str(Path.home())
        patterns = " ".join(f"*{s}" for s in IMPORT_SUFFIXES)
        name, _ = QFileDialog.getOpenFileName(
            self,
            tr("Choose the list to import"),
            str(folder),
            ";;".join(
                [
                    tr("Employee lists ({patterns})", patterns=patterns),
                    tr("Excel workbooks (*.xlsx)"),
                    tr("CSV files (*.csv)"),
                    tr("All files (*)"),
                ]
            ),
        )
        if name:
            self.load(Path(name))

    def load(self, path: Path, header_line: int | None = None) -> bool:
        """Read the file (with the header in `header_line`, or found by itself)."""
        path = Path(path)
        self.path_edit.setText(str(path))
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            session = ImportSession.open(path, header_line)
        except TandemError as exc:
            self._wizard.set_session(None, path)
            self.error_label.setText(exc.message)
            self.error_label.setVisible(True)
            self.details.setVisible(header_line is not None)
            self.completeChanged.emit()
            return False
        finally:
            QApplication.restoreOverrideCursor()
        user_prefs.put("import_folder", str(path.parent))
        self._wizard.set_session(session, path)
        self.error_label.setVisible(False)
        self.found_label.setText(describe_source(session))
        last_line = max([r.line for r in session.source.rows] + [session.source.header_line])
        self.header_spin.blockSignals(True)
        self.header_spin.setRange(1, max(last_line, 1))
        self.header_spin.setValue(session.source.header_line)
        self.header_spin.blockSignals(False)
        self.details.setVisible(True)
        self.drop_zone.setVisible(False)
        self.completeChanged.emit()
        return True

    def _header_changed(self, line: int) -> None:
        path = self._wizard.path
        if path is not None:
            self.load(path, header_line=line)

    def isComplete(self) -> bool:  # noqa: N802
        return self._wizard.session is not None

    # --- drag and drop -------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if _dropped_file(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        path = _dropped_file(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.load(path)


def _dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
    mime = event.mimeData()
    if not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.suffix.lower() in IMPORT_SUFFIXES:
                return path
    return None


# --- 2. the columns ----------------------------------------------------------------------------


class ColumnsPage(QWizardPage):
    """One line per column of the file with a choice of the Tandem field it holds."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(tr("Columns"))
        self.setSubTitle(
            tr(
                "Say which information each column of your list holds. Recognised columns are "
                "already set; columns set to “— ignore —” are not imported."
            )
        )
        self.combos: list[QComboBox] = []
        self.problems_label = _error_label(self)
        self.problems_label.setAccessibleName(tr("What is still missing"))
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.problems_label)

    def initializePage(self) -> None:  # noqa: N802
        self._build()

    def _build(self) -> None:
        session = self._wizard.session
        assert session is not None
        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        heads = [tr("Column in your list"), tr("Tandem field"), tr("Examples from the list")]
        for col, text in enumerate(heads):
            head = plain_label(text, grid_widget)
            font = QFont(head.font())
            font.setBold(True)
            head.setFont(font)
            grid.addWidget(head, 0, col)
        self.combos = []
        previous: QWidget | None = None
        for index, title in enumerate(session.column_titles()):
            name = plain_label(title, grid_widget)
            examples = plain_label(example_text(session, index), grid_widget)
            examples.setStyleSheet("color: palette(placeholder-text);")
            examples.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            combo = QComboBox(grid_widget)
            combo.addItem(tr("— ignore —"), None)
            for field in FIELDS:
                combo.addItem(field_label(field), field)
            combo.setAccessibleName(tr("Tandem field for the column “{column}”", column=title))
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(lambda _i, c=index: self._combo_changed(c))
            name.setBuddy(combo)
            grid.addWidget(name, index + 1, 0)
            grid.addWidget(combo, index + 1, 1)
            grid.addWidget(examples, index + 1, 2)
            self.combos.append(combo)
            if previous is not None:
                QWidget.setTabOrder(previous, combo)
            previous = combo
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(len(self.combos) + 1, 1)
        self.scroll.setWidget(grid_widget)
        self._show_mapping()
        if self.combos:
            self.combos[0].setFocus()

    def _combo_changed(self, column: int) -> None:
        session = self._wizard.session
        assert session is not None
        session.set_column(column, self.combos[column].currentData())
        self._show_mapping()

    def _show_mapping(self) -> None:
        session = self._wizard.session
        assert session is not None
        for index, combo in enumerate(self.combos):
            wanted = session.field_of(index)
            position = combo.findData(wanted) if wanted else 0
            if combo.currentIndex() != position:
                combo.blockSignals(True)
                combo.setCurrentIndex(position)
                combo.blockSignals(False)
        problems = session.mapping_problems()
        self.problems_label.setText("\n".join(problems))
        self.problems_label.setVisible(bool(problems))
        self.completeChanged.emit()

    def set_field(self, column_title: str, field: str | None) -> None:
        """Choose the field of the column with this title, as the user does with its combo."""
        session = self._wizard.session
        assert session is not None
        index = session.column_titles().index(column_title)
        combo = self.combos[index]
        combo.setCurrentIndex(combo.findData(field) if field else 0)

    def isComplete(self) -> bool:  # noqa: N802
        session = self._wizard.session
        return session is not None and not session.mapping_problems()


# --- 3. the preview ----------------------------------------------------------------------------


class PreviewPage(QWizardPage):
    """Every row with its result and problems; counts above; nothing written yet."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(tr("Check before importing"))
        self.setSubTitle(
            tr(
                "Nothing has been written yet. Rows with errors are skipped: correct them in "
                "your list and import it again later."
            )
        )
        self.setCommitPage(True)
        self.counts_label = plain_label("", self)
        font = QFont(self.counts_label.font())
        font.setBold(True)
        self.counts_label.setFont(font)
        self.counts_label.setWordWrap(True)
        self.counts_label.setAccessibleName(tr("Summary of the check"))
        self.nothing_label = _error_label(self)
        self.only_problems = QCheckBox(tr("Show only rows with errors or warnings"), self)
        self.only_problems.toggled.connect(self._filter_changed)
        self.model = PreviewModel(self)
        self.proxy = ProblemsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(tr("Rows of the list"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        top = QHBoxLayout()
        top.addWidget(self.counts_label, 1)
        top.addWidget(self.only_problems)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.nothing_label)
        layout.addWidget(self.table, 1)
        self.setTabOrder(self.only_problems, self.table)

    def initializePage(self) -> None:  # noqa: N802
        self._wizard.run_preview()
        preview = self._wizard.preview
        assert preview is not None
        self.model.set_rows(preview.rows, list(preview.mapping.values()))
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.counts_label.setText(counts_text(preview))
        nothing = preview.new_count + preview.update_count == 0
        self.nothing_label.setText(
            tr("No row can be imported. Go back to check the columns, or correct your list.")
            if nothing
            else ""
        )
        self.nothing_label.setVisible(nothing)
        self.only_problems.setEnabled(bool(preview.errors or preview.warnings))
        self._fit_columns()
        self._fit_rows()

    def cleanupPage(self) -> None:  # noqa: N802
        self.only_problems.setChecked(False)

    def isComplete(self) -> bool:  # noqa: N802
        preview = self._wizard.preview
        return preview is not None and preview.new_count + preview.update_count > 0

    def _filter_changed(self, only: bool) -> None:
        self.proxy.set_only_problems(only)
        self._fit_rows()

    def _fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        char = metrics.averageCharWidth()
        icon = metrics.height()
        self.table.setIconSize(QSize(icon, icon))
        sample = min(self.model.rowCount(), 200)
        for column in range(self.model.columnCount()):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            width = metrics.horizontalAdvance(title) + char * 4
            if column == PROBLEMS:
                width = max(width, char * 56)
            else:
                for row in range(sample):
                    text = str(self.model.index(row, column).data() or "")
                    width = max(width, metrics.horizontalAdvance(text) + char * 3)
                width = min(width, char * 36)
            if column in (RESULT, PROBLEMS):
                width += icon + char * 2
            header.resizeSection(column, width)
        header.setStretchLastSection(False)

    def _fit_rows(self) -> None:
        """Rows with problems grow to show every line; the others keep one line."""
        rows = self.table.verticalHeader()
        metrics = self.table.fontMetrics()
        line = metrics.height()
        rows.setDefaultSectionSize(line + line // 2)
        char = metrics.averageCharWidth()
        text_width = self.table.columnWidth(PROBLEMS) - line - char * 4
        for row in range(self.proxy.rowCount()):
            text = self.proxy.index(row, PROBLEMS).data()
            if text:
                box = metrics.boundingRect(
                    QRect(0, 0, max(text_width, char * 10), line * 100),
                    int(Qt.TextFlag.TextWordWrap),
                    text,
                )
                self.table.setRowHeight(row, max(box.height() + line // 2, line + line // 2))


def counts_text(preview: ImportPreview) -> str:
    """ "13 people will be added, 0 will be updated, 3 rows are rejected." and warnings."""
    parts = [
        trn("{n} person will be added", "{n} people will be added", preview.new_count),
        trn("{n} will be updated", "{n} will be updated", preview.update_count),
        trn("{n} row is rejected", "{n} rows are rejected", len(preview.rejected_rows)),
    ]
    text = tr("{parts}.", parts=", ".join(parts))
    if preview.warnings:
        text += " " + trn("{n} warning.", "{n} warnings.", len(preview.warnings))
    return text


# --- 4. the import -----------------------------------------------------------------------------


class RunPage(QWizardPage):
    """Writes on a worker thread with a progress bar and a cancel button, then reports."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(tr("Import"))
        self.setSubTitle(tr("The people are written to your program file in one step."))
        self.status_label = plain_label("", self)
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(tr("Import status"))
        self.summary_label = plain_label("", self)
        self.summary_label.setWordWrap(True)
        self.summary_label.setAccessibleName(tr("Import result"))
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(tr("Import progress"))
        self.cancel_button = QPushButton(tr("Cancel import"), self)
        self.cancel_button.setAccessibleName(tr("Cancel the import"))
        self.cancel_button.clicked.connect(self.cancel)
        self.report = QPlainTextEdit(self)
        self.report.setReadOnly(True)
        self.report.setAccessibleName(tr("Import report"))
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.consent_label = plain_label("", self)
        self.consent_label.setWordWrap(True)
        self.consent_label.setAccessibleName(tr("People without consent"))
        self.consent_button = QPushButton(tr("Show them in Participants"), self)
        self.consent_button.setToolTip(
            tr("Close the import and list everyone without a consent date")
        )
        self.consent_button.setAutoDefault(False)
        self.consent_button.clicked.connect(lambda _checked=False: self.show_no_consent())
        consent_row = QHBoxLayout()
        consent_row.addWidget(self.consent_label, 1)
        consent_row.addWidget(self.consent_button, 0, Qt.AlignmentFlag.AlignTop)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(self.summary_label)
        layout.addLayout(consent_row)
        layout.addLayout(row)
        layout.addSpacing(6)
        layout.addWidget(self.report, 1)
        layout.addStretch(0)
        self.worker: Worker | None = None
        self.done = False
        self.outcome: str | None = None
        """"finished", "cancelled" or "failed" once the import has ended."""

    def initializePage(self) -> None:  # noqa: N802
        self.done = False
        self.outcome = None
        self._set_headline(tr("Checking the rows once more…"), bold=False)
        self.summary_label.setVisible(False)
        self._show_consent(0)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setVisible(True)
        self.report.setVisible(False)
        self.worker = self._wizard.start_import()
        self.worker.progress.connect(self._on_progress)
        self.worker.finished.connect(self._on_finished)
        self.worker.cancelled.connect(self._on_cancelled)
        self.worker.failed.connect(self._on_failed)
        self._wizard.worker_created.emit(self.worker)
        self.worker.start()
        self.cancel_button.setFocus()

    def isComplete(self) -> bool:  # noqa: N802
        return self.done

    def is_running(self) -> bool:
        """True while the import is being written."""
        return self.worker is not None and not self.done

    def cancel(self) -> None:
        """Ask the import to stop; nothing is written when it stops."""
        if self.worker is None or self.done:
            return
        self.worker.cancel()
        self.cancel_button.setEnabled(False)
        self._set_headline(tr("Cancelling…"), bold=False)

    def _set_headline(self, text: str, *, bold: bool, error: bool = False) -> None:
        font = QFont(self.status_label.font())
        font.setBold(bold)
        self.status_label.setFont(font)
        self.status_label.setStyleSheet(ERROR_STYLE if error else "")
        self.status_label.setText(text)

    def _on_progress(self, done: int, total: int) -> None:
        if self.done:
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if not self.worker or not self.worker.is_cancel_requested():
            self._set_headline(
                tr(
                    "Writing… {done} of {total} rows",
                    done=format_number(done),
                    total=format_number(total),
                ),
                bold=False,
            )

    def _end(
        self, outcome: str, headline: str, summary: str, report: list[str], error: bool = False
    ) -> None:
        self.done = True
        self.outcome = outcome
        self._set_headline(headline, bold=True, error=error)
        self.summary_label.setText(summary)
        self.summary_label.setVisible(bool(summary))
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.report.setPlainText("\n".join(report))
        self.report.setVisible(bool(report))
        self.completeChanged.emit()
        self._wizard.button(QWizard.WizardButton.FinishButton).setFocus()

    def _on_finished(self, result: ImportResult) -> None:
        self._wizard.result = result
        self._wizard.context.notify_changed(PARTICIPANTS)
        self._wizard.context.notify_changed(TOPICS)
        parts = [
            trn("{n} person was added,", "{n} people were added,", result.imported),
            trn("{n} person was updated.", "{n} people were updated.", result.updated),
        ]
        rejected = result.rejected_rows
        if rejected:
            parts.append(
                trn(
                    "{n} row was skipped because of its errors.",
                    "{n} rows were skipped because of their errors.",
                    len(rejected),
                )
            )
        self._end("finished", tr("The import is complete."), " ".join(parts), report_lines(result))
        self._show_consent(result.without_consent)

    def _show_consent(self, without_consent: int) -> None:
        """Say how many people have no consent date and what follows (hidden when none)."""
        note = consent_note(without_consent)
        if note:
            note += " " + tr(
                "Select them in Participants and record their consent in one step with "
                "“Record consent…”."
            )
        self.consent_label.setText(note)
        self.consent_label.setVisible(bool(note))
        self.consent_button.setVisible(bool(note))

    def show_no_consent(self) -> None:
        """Close the wizard and list the people without a consent date."""
        context = self._wizard.context
        self._wizard.accept()
        context.show_filtered(PARTICIPANTS, CONSENT_MISSING)

    def _on_cancelled(self, message: str) -> None:
        self._end("cancelled", message, tr("Your program file is unchanged."), [])

    def _on_failed(self, message: str) -> None:
        summary = f"{message} {tr('Nothing was written; your program file is unchanged.')}"
        self._end("failed", tr("The import did not succeed."), summary, [], error=True)


def report_lines(result: ImportResult) -> list[str]:
    """The rows that were not imported with their reasons, then the warnings of the rows
    that were, each with its line and column."""
    lines: list[str] = []
    rejected = [row for row in result.rows if row.errors]
    if rejected:
        lines.append(tr("Not imported:"))
        for row in rejected:
            lines += [p.full_text for p in row.errors] + [p.full_text for p in row.warnings]
    warned = [row for row in result.rows if row.warnings and not row.errors]
    if warned:
        if lines:
            lines.append("")
        lines.append(tr("Imported, with warnings:"))
        for row in warned:
            lines += [p.full_text for p in row.warnings]
    return lines


# --- the wizard --------------------------------------------------------------------------------


class ImportWizard(QWizard):
    """The import wizard over the open program file of `context`."""

    worker_created = Signal(object)
    """The import's `Worker`, just before it starts (for progress displays and tests)."""

    def __init__(
        self, context: AppContext, parent: QWidget | None = None, path: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.session: ImportSession | None = None
        self.path: Path | None = None
        self.preview: ImportPreview | None = None
        self.result: ImportResult | None = None
        self.setWindowTitle(tr("Import participants"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.CommitButton, tr("Import"))
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("Close"))
        self.setButtonText(QWizard.WizardButton.NextButton, tr("Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, tr("< Back"))
        self.setButtonText(QWizard.WizardButton.CancelButton, tr("Cancel"))
        self.file_page = FilePage(self)
        self.columns_page = ColumnsPage(self)
        self.preview_page = PreviewPage(self)
        self.run_page = RunPage(self)
        self.setPage(FILE_PAGE, self.file_page)
        self.setPage(COLUMNS_PAGE, self.columns_page)
        self.setPage(PREVIEW_PAGE, self.preview_page)
        self.setPage(RUN_PAGE, self.run_page)
        metrics = self.fontMetrics()
        dialogs.fit_to_screen(self, metrics.averageCharWidth() * 175, metrics.height() * 46)
        if path is not None:
            self.file_page.load(path)

    def set_session(self, session: ImportSession | None, path: Path | None) -> None:
        """The file read on the first page (None when it could not be read)."""
        self.session = session
        self.path = path
        self.preview = None

    def run_preview(self) -> None:
        """Check every row against the open program file (writes nothing)."""
        assert self.session is not None and self.context.db is not None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.preview = self.session.preview(self.context.db)
        finally:
            QApplication.restoreOverrideCursor()

    def start_import(self) -> Worker:
        """A worker (not started) that writes the import with its own connection."""
        session, db_path = self.session, self.context.path
        assert session is not None and db_path is not None

        def job(progress: Any, is_cancelled: Any) -> ImportResult:
            from app.db import open_database

            db = open_database(db_path)  # a storage error becomes the worker's message
            try:
                return session.apply(db, progress=progress, is_cancelled=is_cancelled)
            finally:
                db.close()

        return Worker(job, name="import")

    def reject(self) -> None:
        """Cancel, Escape or closing the window: while the import runs, this cancels it."""
        if self.run_page.is_running():
            self.run_page.cancel()
            return
        super().reject()

    def done(self, result: int) -> None:  # noqa: D102 - Qt's
        worker = self.run_page.worker
        if worker is not None and self.run_page.is_running():
            worker.stop()
        super().done(result)


def open_import_wizard(context: AppContext, parent: QWidget | None = None) -> ImportWizard:
    """Show the import wizard (window-modal) and return it; it deletes itself when closed."""
    wizard = ImportWizard(context, parent)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.open()
    return wizard


def run(window: Any) -> ImportWizard | None:
    """File → Import participants… (registered in ui/actions.py): the wizard over the
    window's open file."""
    context: AppContext = window.context
    if not context.is_open:
        return None
    return open_import_wizard(context, window)
