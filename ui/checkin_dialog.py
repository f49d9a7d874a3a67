"""The check-in dialog: what the mentor or the mentee of a tandem reported at mid-round or at
the end (relationship and progress 1–5, goals reached, would take part again).

Every answer is a row of radio buttons: reachable with Tab, chosen with the arrow keys, each
button named for screen readers. Recording the same person and phase again replaces it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from app.errors import TandemError
from app.i18n import tr
from app.labels import label
from app.model import CheckIn, CheckinPhase, GoalsReached, Tandem
from app.services.checkins import list_checkins, record_checkin
from ui import dialogs
from ui.form_fields import buddy_label, save_cancel_buttons


class ChoiceRow(QWidget):
    """A row of radio buttons for one answer; `value()` is the chosen data or None."""

    def __init__(self, name: str, choices: list[tuple[str, object]], parent: QWidget) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: list[QRadioButton] = []
        self._values: list[object] = []
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for position, (text, value) in enumerate(choices):
            button = QRadioButton(text, self)
            button.setAccessibleName(f"{name}: {text}")
            self.group.addButton(button, position)
            self.buttons.append(button)
            self._values.append(value)
            row.addWidget(button)
        row.addStretch(1)
        self.setAccessibleName(name)

    def value(self) -> object | None:
        """The chosen value, or None when nothing is chosen."""
        position = self.group.checkedId()
        return self._values[position] if position >= 0 else None

    def set_value(self, value: object | None) -> None:
        """Choose a value (None clears the row)."""
        self.group.setExclusive(False)
        for button, own in zip(self.buttons, self._values, strict=True):
            button.setChecked(value is not None and own == value)
        self.group.setExclusive(True)


class CheckinDialog(QDialog):
    """Record one person's check-in for a tandem; `saved` holds it after Accepted."""

    def __init__(self, db: Database, tandem: Tandem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.tandem = tandem
        self.saved: CheckIn | None = None
        self._existing = {(c.participant_id, c.phase): c for c in list_checkins(db, tandem.id)}
        self.setWindowTitle(tr("Record check-in"))
        self._build()
        self._load_existing()

    def _build(self) -> None:
        intro = QLabel(self)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        intro.setText(
            tr(
                "Feedback on the tandem of {mentor} and {mentee}, as the person reported it.",
                mentor=self.tandem.mentor_name,
                mentee=self.tandem.mentee_name,
            )
        )
        self.person = QComboBox(self)
        self.person.addItem(
            tr("Mentor: {name}", name=self.tandem.mentor_name), self.tandem.mentor_id
        )
        self.person.addItem(
            tr("Mentee: {name}", name=self.tandem.mentee_name), self.tandem.mentee_id
        )
        self.phase = QComboBox(self)
        for phase in (CheckinPhase.MID, CheckinPhase.FINAL):
            self.phase.addItem(label(phase), str(phase))
        scale = [(str(n), n) for n in range(1, 6)]
        self.relationship = ChoiceRow(tr("Relationship"), scale, self)
        self.progress = ChoiceRow(tr("Progress on goals"), scale, self)
        self.goals_reached = ChoiceRow(
            tr("Goals reached"),
            [(label(g), g) for g in (GoalsReached.YES, GoalsReached.PARTLY, GoalsReached.NO)],
            self,
        )
        self.again = ChoiceRow(
            tr("Would take part again"), [(tr("Yes"), True), (tr("No"), False)], self
        )
        self.replaces = QLabel(self)
        self.replaces.setTextFormat(Qt.TextFormat.PlainText)
        self.replaces.setWordWrap(True)

        form = QFormLayout()
        form.addRow(buddy_label(self, tr("&Person:"), self.person), self.person)
        form.addRow(buddy_label(self, tr("P&hase:"), self.phase), self.phase)
        form.addRow(buddy_label(self, tr("&Relationship (1 poor – 5 very good):"),
                                self.relationship.buttons[0]), self.relationship)  # fmt: skip
        form.addRow(buddy_label(self, tr("Pro&gress on goals (1 – 5):"), self.progress.buttons[0]),
                    self.progress)  # fmt: skip
        form.addRow(buddy_label(self, tr("Goals re&ached:"), self.goals_reached.buttons[0]),
                    self.goals_reached)  # fmt: skip
        form.addRow(
            buddy_label(self, tr("&Would take part again:"), self.again.buttons[0]), self.again
        )
        form.addRow("", self.replaces)
        self.buttons, self.save_button = save_cancel_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.person.currentIndexChanged.connect(lambda _i: self._load_existing())
        self.phase.currentIndexChanged.connect(lambda _i: self._load_existing())

    def _load_existing(self) -> None:
        """Show what was recorded before for this person and phase (it will be replaced)."""
        found = self._existing.get(
            (self.person.currentData(), CheckinPhase(self.phase.currentData()))
        )
        self.relationship.set_value(found.relationship_rating if found else None)
        self.progress.set_value(found.progress_rating if found else None)
        self.goals_reached.set_value(found.goals_reached if found else None)
        self.again.set_value(found.would_take_part_again if found else None)
        self.replaces.setText(
            tr("A check-in of this person and phase exists; saving replaces it.") if found else ""
        )
        self.replaces.setVisible(found is not None)

    def save(self) -> None:
        """Record the check-in through the service."""
        try:
            self.saved = record_checkin(
                self.db,
                self.tandem.id,
                int(self.person.currentData()),
                CheckinPhase(self.phase.currentData()),
                relationship_rating=self.relationship.value(),  # type: ignore[arg-type]
                progress_rating=self.progress.value(),  # type: ignore[arg-type]
                goals_reached=self.goals_reached.value(),  # type: ignore[arg-type]
                would_take_part_again=self.again.value(),  # type: ignore[arg-type]
            )
        except TandemError as exc:
            dialogs.show_warning(self, exc.message)
            return
        self.accept()
