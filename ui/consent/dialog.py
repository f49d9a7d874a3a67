"""The dialog behind "Record consent…": the day of the consent (today unless changed) for
the people selected in the participants view, written in one step by the participants
service; people who have a consent date already keep theirs, and the dialog says so."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget
from sqlite_utils import Database

from app.errors import TandemError
from app.i18n import tr, trn
from app.model import Participant
from app.services import common
from app.services.participants import ConsentRecorded, record_consent
from ui import dialogs
from ui.form_fields import buddy_label, date_edit, from_qdate, save_cancel_buttons

SHOWN_NAMES = 5
"""How many names the dialog lists before "and N more"."""


def names_text(people: Sequence[Participant]) -> str:
    """'Anna Wagner, Finn Krüger and 3 more' (the first few names, as typed)."""
    names = [p.name for p in people[:SHOWN_NAMES]]
    text = ", ".join(names)
    if len(people) > SHOWN_NAMES:
        text = tr("{people} and {n} more", people=text, n=len(people) - SHOWN_NAMES)
    return text


class ConsentDialog(QDialog):
    """Ask for the day of the consent of `people`, then record it; `recorded` holds the
    service's answer after Save."""

    def __init__(
        self, db: Database, people: Sequence[Participant], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.people = list(people)
        self.recorded: ConsentRecorded | None = None
        missing = [p for p in self.people if not p.has_consent]
        self.setWindowTitle(tr("Record consent"))

        self.who = QLabel(self)
        self.who.setTextFormat(Qt.TextFormat.PlainText)
        self.who.setWordWrap(True)
        self.who.setText(
            trn(
                "Consent of {n} person: {names}",
                "Consent of {n} people: {names}",
                len(missing),
                names=names_text(missing),
            )
            if missing
            else tr("Everyone selected has a consent date already.")
        )
        self.date = date_edit(common.today(), self)
        self.kept = QLabel(self)
        self.kept.setTextFormat(Qt.TextFormat.PlainText)
        self.kept.setWordWrap(True)
        already = len(self.people) - len(missing)
        self.kept.setText(
            trn(
                "{n} selected person has a consent date already and keeps it (change it in "
                "their form).",
                "{n} selected people have a consent date already and keep it (change it in "
                "their form).",
                already,
            )
            if already
            else ""
        )
        self.kept.setVisible(bool(already))
        self.rule = QLabel(self)
        self.rule.setTextFormat(Qt.TextFormat.PlainText)
        self.rule.setWordWrap(True)
        self.rule.setText(
            tr(
                "Only people with a consent date are proposed for pairs. You can undo this "
                "right after with Ctrl+Z."
            )
        )

        form = QFormLayout()
        form.addRow(buddy_label(self, tr("Consent given on:"), self.date), self.date)
        self.date.setAccessibleName(tr("Consent given on"))
        self.buttons, self.save_button = save_cancel_buttons(self, self.save, tr("Record consent"))
        self.save_button.setEnabled(bool(missing))
        layout = QVBoxLayout(self)
        layout.addWidget(self.who)
        layout.addLayout(form)
        layout.addWidget(self.kept)
        layout.addWidget(self.rule)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)

    def save(self) -> None:
        """Record the consent through the service; stay open with a message if refused."""
        try:
            self.recorded = record_consent(
                self.db, [p.id for p in self.people], from_qdate(self.date.date())
            )
        except TandemError as exc:
            dialogs.show_warning(self, exc.message)
            return
        self.accept()
