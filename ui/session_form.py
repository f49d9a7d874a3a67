"""The session form: edit one meeting (date, time, duration, place or link, status, the short
shared summary) and its agenda; and `AgendaEditor`, the ordered list of agenda items with
their preparation, which the agenda template editor (ui/arc_editor.py) uses as well.

Saving writes the meeting and its agenda in one transaction through the sessions service:
either both are saved or nothing is.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from app.errors import TandemError, ValidationError
from app.i18n import format_datetime, tr
from app.labels import label
from app.model import Session, SessionInput, SessionStatus
from app.services import sessions as service
from ui import dialogs
from ui.form_fields import FieldErrors, chain_tab_order, date_edit, from_qdate, save_cancel_buttons


class AgendaEditor(QWidget):
    """An ordered list of agenda items (title and preparation), edited in place: add,
    remove, move up and down. `items()` gives (title, preparation) pairs in order."""

    changed = Signal()

    TITLE, PREPARATION = 0, 1

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        name: str = "",
        title_header: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([title_header or tr("Agenda item"), tr("Preparation")])
        self.table.setAccessibleName(name or tr("Agenda"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.table.itemChanged.connect(lambda _item: self._changed())

        self.add_button = QPushButton(tr("Add item"), self)
        self.remove_button = QPushButton(tr("Remove"), self)
        self.up_button = QPushButton(tr("Move up"), self)
        self.down_button = QPushButton(tr("Move down"), self)
        self.add_button.setToolTip(tr("Add an agenda item below the selected one"))
        self.remove_button.setToolTip(tr("Remove the selected agenda item"))
        self.up_button.setToolTip(tr("Move the selected item up (Ctrl+Up)"))
        self.down_button.setToolTip(tr("Move the selected item down (Ctrl+Down)"))
        self.up_button.setShortcut("Ctrl+Up")
        self.down_button.setShortcut("Ctrl+Down")
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_item())
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.table.itemSelectionChanged.connect(self._sync_buttons)

        buttons = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._sync_buttons()

    # --- content -------------------------------------------------------------------------
    def set_items(self, items: list[tuple[str, str]]) -> None:
        """Show these (title, preparation) pairs, in order."""
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for title, preparation in items:
            self._insert(self.table.rowCount(), title, preparation)
        self.table.blockSignals(False)
        self.table.resizeRowsToContents()
        self._sync_buttons()

    def items(self) -> list[tuple[str, str]]:
        """The (title, preparation) pairs in their order (texts as typed)."""
        result = []
        for row in range(self.table.rowCount()):
            title = self.table.item(row, self.TITLE)
            prep = self.table.item(row, self.PREPARATION)
            result.append((title.text() if title else "", prep.text() if prep else ""))
        return result

    def first_untitled(self) -> int | None:
        """The row of the first item without a title (None when all have one)."""
        return service.untitled_item(self.items())

    # --- editing -------------------------------------------------------------------------
    def add_item(self, title: str = "", preparation: str = "", *, edit: bool = True) -> int:
        """Add an item below the selected one (or at the end); start typing its title."""
        current = self.table.currentRow()
        row = current + 1 if current >= 0 else self.table.rowCount()
        self.table.blockSignals(True)
        self._insert(row, title, preparation)
        self.table.blockSignals(False)
        self.table.setCurrentCell(row, self.TITLE)
        if edit:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            self.table.editItem(self.table.item(row, self.TITLE))
        self._changed()
        return row

    def remove_selected(self) -> None:
        """Remove the selected item."""
        row = self.table.currentRow()
        if row < 0:
            return
        self.table.removeRow(row)
        if self.table.rowCount():
            self.table.setCurrentCell(min(row, self.table.rowCount() - 1), self.TITLE)
        self._changed()

    def move_selected(self, step: int) -> None:
        """Move the selected item up (-1) or down (+1)."""
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        items = self.items()
        items[row], items[target] = items[target], items[row]
        column = max(self.table.currentColumn(), 0)
        self.set_items(items)
        self.table.setCurrentCell(target, column)
        self._changed()

    def select_row(self, row: int) -> None:
        """Select an item and put the focus on it."""
        self.table.setCurrentCell(row, self.TITLE)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _insert(self, row: int, title: str, preparation: str) -> None:
        self.table.insertRow(row)
        self.table.setItem(row, self.TITLE, QTableWidgetItem(title))
        self.table.setItem(row, self.PREPARATION, QTableWidgetItem(preparation))

    def _changed(self) -> None:
        self.table.resizeRowsToContents()
        self._sync_buttons()
        self.changed.emit()

    def _sync_buttons(self) -> None:
        row = self.table.currentRow()
        has = row >= 0 and self.table.rowCount() > 0
        self.remove_button.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < self.table.rowCount() - 1)


class SessionForm(QDialog):
    """Edit a meeting and its agenda, or add one (`new=True`, with a `sessions.draft_session()`);
    after Accepted, `saved` holds the meeting."""

    def __init__(
        self, db: Database, session: Session, parent: QWidget | None = None, *, new: bool = False
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.before = session
        self.is_new = new
        self.saved: Session | None = None
        self.errors = FieldErrors()
        self.setWindowTitle(tr("New meeting") if new else tr("Edit meeting"))

        self.who = QLabel(self)
        self.who.setTextFormat(Qt.TextFormat.PlainText)
        self.who.setText(
            tr(
                "Tandem: {mentor} → {mentee}",
                mentor=session.mentor_name,
                mentee=session.mentee_name,
            )
        )
        font = self.who.font()
        font.setBold(True)
        self.who.setFont(font)

        self.date = date_edit(session.starts_at.date(), self)
        self.time = QTimeEdit(QTime(session.starts_at.hour, session.starts_at.minute), self)
        self.time.setDisplayFormat("HH:mm")
        self.duration = QSpinBox(self)
        self.duration.setRange(5, 720)
        self.duration.setSingleStep(15)
        self.duration.setValue(session.duration_minutes)
        self.duration.setSuffix(" " + tr("min"))
        self.duration.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.location = QLineEdit(session.location, self)
        self.location.setPlaceholderText(tr("Room, address or video link"))
        self.status = QComboBox(self)
        for status in SessionStatus:
            self.status.addItem(label(status), str(status))
        self.status.setCurrentIndex(max(self.status.findData(str(session.status)), 0))
        self.summary = QPlainTextEdit(self)
        self.summary.setPlainText(session.summary)
        self.summary.setTabChangesFocus(True)
        self.summary.setPlaceholderText(tr("e.g. Prompting basics; using Teams channels"))
        self.summary.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.summary_hint = QLabel(self)
        self.summary_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_hint.setWordWrap(True)
        self.summary_hint.setText(
            tr(
                "Only which topics were covered, in a few words: both of them may read this. "
                "Anything confidential belongs in a private note, not here."
            )
        )
        self.agenda = AgendaEditor(self)
        self.agenda.set_items([(i.title, i.preparation) for i in session.agenda])

        when = QHBoxLayout()
        when.setContentsMargins(0, 0, 0, 0)
        when.addWidget(self.date)
        time_caption = QLabel(tr("Time:"), self)
        time_caption.setBuddy(self.time)
        when.addWidget(time_caption)
        when.addWidget(self.time)
        duration_caption = QLabel(tr("Duration:"), self)
        duration_caption.setBuddy(self.duration)
        when.addWidget(duration_caption)
        when.addWidget(self.duration)
        when.addStretch(1)
        when_box = QWidget(self)
        when_box.setLayout(when)
        summary_box = QWidget(self)
        summary_layout = QVBoxLayout(summary_box)
        summary_layout.setContentsMargins(0, 0, 0, 0)
        summary_layout.setSpacing(2)
        summary_layout.addWidget(self.summary)
        summary_layout.addWidget(self.summary_hint)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows = [
            (tr("&Date:"), "starts_at", self.date, when_box),
            (tr("&Place or link:"), "location", self.location, None),
            (tr("&Status:"), "status", self.status, None),
            (tr("Topics &covered:"), "summary", self.summary, summary_box),
        ]
        for text, key, field, box in rows:
            caption = QLabel(text, self)
            caption.setBuddy(field)
            field.setAccessibleName(text.replace("&", "").rstrip(":"))
            form.addRow(caption, self.errors.wrap(key, box or field, self, focus=field))
        self.time.setAccessibleName(tr("Time"))
        self.duration.setAccessibleName(tr("Duration in minutes"))
        agenda_caption = QLabel(tr("&Agenda:"), self)
        agenda_caption.setBuddy(self.agenda.table)
        agenda_box = self.errors.wrap("agenda", self.agenda, self, self.agenda.table)

        self.buttons, self.save_button = save_cancel_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.who)
        layout.addLayout(form)
        layout.addWidget(agenda_caption)
        layout.addWidget(agenda_box, 1)
        layout.addWidget(self.buttons)

        order = [
            self.date, self.time, self.duration, self.location, self.status, self.summary,
            self.agenda.table, self.agenda.add_button, self.agenda.remove_button,
            self.agenda.up_button, self.agenda.down_button, self.save_button,
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel),
        ]  # fmt: skip
        chain_tab_order(order)
        self.agenda.changed.connect(lambda: self.errors.show("agenda", None))
        self.location.setMinimumWidth(self.fontMetrics().averageCharWidth() * 48)
        dialogs.fit_to_screen(
            self, self.fontMetrics().averageCharWidth() * 130, self.fontMetrics().lineSpacing() * 34
        )

    def value(self) -> SessionInput:
        """What the form holds (for the meeting itself)."""
        time = self.time.time()
        day = from_qdate(self.date.date())
        return SessionInput(
            starts_at=datetime(day.year, day.month, day.day, time.hour(), time.minute()),
            duration_minutes=self.duration.value(),
            location=self.location.text(),
            status=SessionStatus(self.status.currentData()),
            summary=self.summary.toPlainText(),
        )

    def save(self) -> None:
        """Save the meeting and its agenda together (one service call: both or neither),
        or show what is wrong."""
        items = self.agenda.items()
        try:
            if self.is_new:
                self.saved = service.create_session(
                    self.db, self.before.tandem_id, self.value(), items
                )
            else:
                self.saved = service.update_session(self.db, self.before.id, self.value(), items)
        except ValidationError as exc:
            errors = exc.errors or {exc.field or "starts_at": exc.message}
            errors = {("starts_at" if k == "duration_minutes" else k): v for k, v in errors.items()}
            self.errors.show_all({k: v for k, v in errors.items() if k in self.errors.labels})
            if self.errors.focus_first(errors) == "agenda":
                self.agenda.select_row(service.untitled_item(items) or 0)
            self.saved = None
            return
        except TandemError as exc:
            self.saved = None
            dialogs.show_warning(self, exc.message)
            return
        self.accept()


def describe(session: Session) -> str:
    """'2026-03-10 10:00 · Finn Bauer → Sabine Roth' (for titles and questions)."""
    return f"{format_datetime(session.starts_at)} · {session.mentor_name} → {session.mentee_name}"
