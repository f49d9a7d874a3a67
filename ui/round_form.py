"""The round form: a dialog to add or edit a program round, with inline validation.

The rules are the service's (`app.services.rounds.validate`); the form shows each field's
message under the field as soon as it is wrong ("A round cannot end before it starts" while
the dates are changed) and refuses to save until every field is right.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from app.errors import TandemError, ValidationError
from app.i18n import tr, trn
from app.model import Round, RoundInput
from app.services import common
from app.services import rounds as service
from ui import dialogs
from ui.form_fields import FieldErrors, buddy_label, date_edit, from_qdate, save_cancel_buttons


def _spin(low: int, high: int, value: int, parent: QWidget) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setAlignment(Qt.AlignmentFlag.AlignRight)
    return spin


class RoundForm(QDialog):
    """Add a round (`round_=None`) or edit one; after Accepted, `saved` holds the round."""

    def __init__(self, db: Database, round_: Round | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.before = round_
        self.saved: Round | None = None
        self._touched: set[str] = set()
        self.errors = FieldErrors()
        self.setWindowTitle(tr("Edit round") if round_ else tr("New round"))

        shown = round_ or service.draft_round(db, common.today())
        self.name = QLineEdit(shown.name, self)
        self.name.setPlaceholderText(tr("e.g. Reverse mentoring 2026"))
        self.start_date = date_edit(shown.start_date, self)
        self.end_date = date_edit(shown.end_date, self)
        self.meetings = _spin(1, 52, shown.meetings_planned, self)
        self.cadence = _spin(1, 26, shown.cadence_weeks, self)
        self.target = _spin(0, service.TARGET_MAX, shown.target_tandems or 0, self)
        self.target.setSpecialValueText(tr("No target"))
        self.target.setToolTip(
            tr(
                "How many tandems this round is meant to have. “Propose pairs…” proposes up "
                "to this number, the best-fitting first."
            )
        )
        self.two_tandems = QCheckBox(tr("One person may be in &two tandems"), self)
        self.two_tandems.setChecked(shown.allow_two_tandems)
        self._cadence_words()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows = [
            (tr("Name:"), "name", self.name),
            (tr("Starts on:"), "start_date", self.start_date),
            (tr("Ends on:"), "end_date", self.end_date),
            (tr("Meetings per tandem:"), "meetings_planned", self.meetings),
            (tr("Meetings take place:"), "cadence_weeks", self.cadence),
            (tr("Ta&rget number of tandems:"), "target_tandems", self.target),
        ]
        for text, key, field in rows:
            caption = buddy_label(self, text, field)
            field.setAccessibleName(text.replace("&", "").rstrip(":"))
            form.addRow(caption, self.errors.wrap(key, field, self))
        form.addRow("", self.errors.wrap("allow_two_tandems", self.two_tandems, self))
        self.capacity_hint = QLabel(self)
        self.capacity_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.capacity_hint.setWordWrap(True)
        self.capacity_hint.setText(
            tr(
                "Otherwise each person is in one tandem of this round. Two tandems: for "
                "example a mentee with two mentors, or someone with the role “Mentor and "
                "mentee” who is a mentor in one tandem and a mentee in another."
            )
        )
        form.addRow("", self.capacity_hint)

        self.buttons, self.save_button = save_cancel_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self.name.textEdited.connect(lambda _t: self._typed("name"))
        self.name.editingFinished.connect(lambda: self._typed("name"))
        self.start_date.dateChanged.connect(lambda _d: self.check({"start_date", "end_date"}))
        self.end_date.dateChanged.connect(lambda _d: self.check({"start_date", "end_date"}))
        self.cadence.valueChanged.connect(lambda _v: self._cadence_words())
        self.name.setMinimumWidth(self.fontMetrics().averageCharWidth() * 40)

    def _cadence_words(self) -> None:
        """'every 4 weeks' around the number, singular for one week."""
        n = self.cadence.value()
        words = trn("every {n} week", "every {n} weeks", n)
        before, _, after = words.partition(str(n))
        self.cadence.setPrefix(before)
        self.cadence.setSuffix(after)

    def value(self) -> RoundInput:
        """What the form holds. Two tandems per person mean two per role as well (more, if
        the round had more); one tandem per person means one per role."""
        two = self.two_tandems.isChecked()
        before = self.before
        return RoundInput(
            name=self.name.text(),
            start_date=from_qdate(self.start_date.date()),
            end_date=from_qdate(self.end_date.date()),
            meetings_planned=self.meetings.value(),
            cadence_weeks=self.cadence.value(),
            capacity_mentor=max(2, before.capacity_mentor if before else 2) if two else 1,
            capacity_mentee=max(2, before.capacity_mentee if before else 2) if two else 1,
            target_tandems=self.target.value() or None,
            allow_two_tandems=two,
        )

    def check(self, keys: set[str] | None = None) -> dict[str, str]:
        """Ask the service; show the messages of `keys` (all when None); return all errors."""
        errors: dict[str, str] = {}
        try:
            service.validate(self.value())
        except ValidationError as exc:
            errors = exc.errors
        self.errors.show_all(errors, keys)
        return errors

    def _typed(self, key: str) -> None:
        self._touched.add(key)
        self.check({key})

    def save(self) -> None:
        """Save if every field is right; otherwise show the messages and focus the first."""
        errors = self.check()
        if errors:
            self.errors.focus_first(errors)
            return
        try:
            if self.before is None:
                self.saved = service.create_round(self.db, self.value())
            else:
                self.saved = service.update_round(self.db, self.before.id, self.value())
        except ValidationError as exc:
            self.errors.show_all(exc.errors)
            self.errors.focus_first(exc.errors)
            return
        except TandemError as exc:
            dialogs.show_warning(self, exc.message)
            return
        self.accept()
