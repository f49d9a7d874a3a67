"""The confirmation of an erasure or anonymisation, and the retention dialog.

Every text is plain text (names may hold '<' or '&'). The dialogs read and write through
app/services/erasure.py and app/services/retention.py only.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, format_date, tr, trn
from app.labels import label
from app.services.erasure import ErasureMode, ErasurePlan, describe, open_tandems_warning
from app.services.retention import DuePerson
from ui.models.generic import Column, RowTableModel


def _text(text: str, parent: QWidget, *, bold: bool = False) -> QLabel:
    """A plain-text label that wraps."""
    widget = QLabel(parent)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setWordWrap(True)
    widget.setText(text)
    if bold:
        font = QFont(widget.font())
        font.setBold(True)
        widget.setFont(font)
    return widget


def _warning(text: str, parent: QWidget) -> QLabel:
    widget = _text(text, parent)
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, Qt.GlobalColor.darkRed)
    widget.setPalette(palette)
    widget.setVisible(bool(text))
    return widget


def _bullets(lines: Sequence[str], parent: QWidget) -> QLabel:
    return _text("\n".join(f"•  {line}" for line in lines), parent)


def _action_text(mode: ErasureMode) -> str:
    return tr("Erase") if mode == ErasureMode.ERASE else tr("Anonymise")


class ConfirmErasureDialog(QDialog):
    """What erasing or anonymising one person removes and what stays; the action button
    works only once "This cannot be undone" is ticked. `compact` says whether to compact the
    file afterwards (ticked by default)."""

    def __init__(self, plan: ErasurePlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        erase = plan.mode == ErasureMode.ERASE
        self.setWindowTitle(tr("Erase a person") if erase else tr("Anonymise a person"))
        removed, kept = describe(plan)
        layout = QVBoxLayout(self)
        title = (
            tr("Erase {name}?", name=plan.name)
            if erase
            else tr("Anonymise {name}?", name=plan.name)
        )
        self.title = _text(title, self, bold=True)
        layout.addWidget(self.title)
        intro = (
            tr(
                "Everything Tandem holds about this person is removed. Their tandems stay, "
                "with an anonymised participant in their place, so that the programme’s "
                "figures stay right."
            )
            if erase
            else tr(
                "What names or describes this person is removed. What the programme’s figures "
                "count stays, without their name."
            )
        )
        layout.addWidget(_text(intro, self))
        layout.addSpacing(self.fontMetrics().height() // 2)
        layout.addWidget(_text(tr("Removed for good:"), self, bold=True))
        self.removed = _bullets(removed, self)
        layout.addWidget(self.removed)
        layout.addWidget(_text(tr("Stays, without the name:"), self, bold=True))
        self.kept = _bullets(kept, self)
        layout.addWidget(self.kept)
        self.warning = _warning(open_tandems_warning(plan), self)
        layout.addWidget(self.warning)
        layout.addSpacing(self.fontMetrics().height() // 2)
        self.compact = QCheckBox(
            tr("Compact the file afterwards, so that no trace is left in it"), self
        )
        self.compact.setChecked(True)
        layout.addWidget(self.compact)
        self.understood = QCheckBox(tr("I understand that this cannot be undone."), self)
        layout.addWidget(self.understood)
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(
            _action_text(plan.mode), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = buttons.addButton(tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.setEnabled(False)
        self.ok_button.setAutoDefault(False)
        self.cancel_button.setDefault(True)
        self.understood.toggled.connect(self.ok_button.setEnabled)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)


_DUE_COLUMNS: list[Column[DuePerson]] = [
    Column(N_("Name"), lambda p: p.name, min_chars=20),
    Column(N_("Status"), lambda p: label(p.status)),
    Column(
        N_("Left or alumni since"),
        lambda p: format_date(p.status_date),
        lambda p: p.status_date.isoformat() if p.status_date else "",
    ),
    Column(
        N_("Last round ended"),
        lambda p: format_date(p.last_round_end),
        lambda p: p.last_round_end.isoformat() if p.last_round_end else "",
    ),
    Column(N_("Due since"), lambda p: format_date(p.due_on), lambda p: p.due_on.isoformat()),
]


class RetentionDialog(QDialog):
    """The retention period (months), the people due, and Erase all… / Anonymise all….

    The dialog only shows and asks: `months_changed(months)`, `erase_all(mode, people)` are
    the callables (set by ui/privacy/actions.py) that call the services."""

    def __init__(self, months: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Retention period"))
        self.people: list[DuePerson] = []
        layout = QVBoxLayout(self)
        layout.addWidget(_text(tr("How long personal data is kept"), self, bold=True))
        row = QHBoxLayout()
        before = _text(tr("Keep a person’s data for"), self)
        before.setWordWrap(False)
        self.months = QSpinBox(self)
        self.months.setRange(1, 120)
        self.months.setValue(months)
        self._suffix(months)
        self.months.valueChanged.connect(self._suffix)  # "1 month", "2 months"
        self.months.setAccessibleName(tr("Months personal data is kept"))
        before.setBuddy(self.months)
        after = _text(tr("after their last round ended or they left."), self)
        row.addWidget(before)
        row.addWidget(self.months)
        row.addWidget(after, 1)
        layout.addLayout(row)
        layout.addWidget(
            _text(
                tr(
                    "Listed are people who have left the company or finished the programme "
                    "(alumni) once this time has passed since their last round ended or they "
                    "left, whichever is later. Active participants are never listed: erase or "
                    "anonymise them in the participant list when they ask for it."
                ),
                self,
            )
        )
        self.count = _text("", self, bold=True)
        layout.addWidget(self.count)
        self.model: RowTableModel[DuePerson] = RowTableModel(_DUE_COLUMNS, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("People due"))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.compact = QCheckBox(
            tr("Compact the file afterwards, so that no trace is left in it"), self
        )
        self.compact.setChecked(True)
        layout.addWidget(self.compact)
        buttons = QDialogButtonBox(self)
        self.anonymise_button: QPushButton = buttons.addButton(
            tr("Anonymise all…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.erase_button: QPushButton = buttons.addButton(
            tr("Erase all…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.close_button = buttons.addButton(tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        for button in (self.anonymise_button, self.erase_button, self.close_button):
            button.setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        char = self.fontMetrics().averageCharWidth()
        self.resize(char * 110, self.fontMetrics().height() * 28)

    def _suffix(self, months: int) -> None:
        self.months.setSuffix(trn(" month", " months", months))

    def show_people(self, people: Sequence[DuePerson]) -> None:
        """Show the people due (and enable the buttons when there are any)."""
        self.people = list(people)
        self.model.set_rows(self.people)
        self.count.setText(
            trn("{n} person is due.", "{n} people are due.", len(people))
            if people
            else tr("Nobody is due.")
        )
        for button in (self.anonymise_button, self.erase_button):
            button.setEnabled(bool(people))
