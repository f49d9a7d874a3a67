"""The participants table: named columns, sort keys that put names and dates right, and a
search text over name, e-mail, department, position, personnel number and topics."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon

from app.i18n import N_, format_date, tr
from app.labels import label, topic_label
from app.model import Participant
from ui.models.generic import Column, PreparedRows, RowTableModel
from ui.models.sortkeys import date_key, name_key, text_key

# Column numbers, in the order shown.
(
    NAME,
    PERSONNEL_NUMBER,
    DEPARTMENT,
    POSITION,
    ROLE,
    MANAGER,
    CONSENT,
    STATUS,
    TEACHES,
    WANTS_TO_LEARN,
    EMAIL,
) = range(11)

_DECORATION, _TOOLTIP = 1, 3  # Qt.ItemDataRole's numbers (data() is asked very often)
_ROLE_ORDER = {"mentor": 0, "both": 1, "mentee": 2}
_STATUS_ORDER = {"active": 0, "alumni": 1, "left": 2}


def _topics(names: tuple[str, ...]) -> str:
    return ", ".join(topic_label(name) for name in names)


def _consent(person: Participant) -> str:
    return format_date(person.consent_date) if person.consent_date else tr("missing")


def _number_key(value: str | None) -> str:
    """Personnel numbers sort numerically when they are numbers (P-9 before P-10)."""
    if not value:
        return ""
    text = text_key(value)
    digits = "".join(ch for ch in text if ch.isdigit())
    prefix = "".join(ch for ch in text if not ch.isdigit())
    return f"{prefix}{digits.zfill(12)}" if digits else text


PARTICIPANT_COLUMNS: list[Column[Participant]] = [
    Column(N_("Name"), lambda p: p.name, lambda p: name_key(p.last_name, p.first_name), min_chars=24),
    Column(N_("Personnel no."), lambda p: p.personnel_number or "", lambda p: _number_key(p.personnel_number)),
    Column(N_("Department"), lambda p: p.department or ""),
    Column(N_("Position"), lambda p: p.position or ""),
    Column(N_("Role"), lambda p: label(p.role), lambda p: _ROLE_ORDER.get(str(p.role), 9)),
    Column(N_("Manager"), lambda p: p.manager_name or ""),
    Column(N_("Consent"), _consent, lambda p: date_key(p.consent_date)),
    Column(N_("Status"), lambda p: label(p.status), lambda p: _STATUS_ORDER.get(str(p.status), 9)),
    Column(N_("Teaches"), lambda p: _topics(p.can_teach)),
    Column(N_("Wants to learn"), lambda p: _topics(p.wants_to_learn), stretch=True),
    # Hidden until HR shows it (right-click on the header); shown after the number.
    Column(N_("E-mail"), lambda p: p.email or "", min_chars=20),
]  # fmt: skip


def missing_consent_icon() -> QIcon:
    """The warning sign that marks missing consent (in the table and on its filter)."""
    from ui.import_preview import action_icon

    return action_icon("warning")


class ParticipantTableModel(RowTableModel[Participant]):
    """Participants, one per row, in the columns above; missing consent is marked with a
    warning sign beside the word, and a tooltip says what follows from it."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(PARTICIPANT_COLUMNS, parent)
        self._topic_words: dict[str, str] = {}

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            (role == _DECORATION or role == _TOOLTIP)
            and index.isValid()
            and index.column() == CONSENT
            and self.row_at(index.row()).consent_date is None
        ):
            if role == _DECORATION:
                return missing_consent_icon()
            return tr("No consent recorded: this person is not proposed for pairs.")
        return super().data(index, role)

    def start_preparing(self) -> PreparedRows[Participant]:
        """A batch for new rows; topic names are translated once per distinct topic."""
        self._topic_words = {}
        return super().start_preparing()

    def _topic_text(self, names: tuple[str, ...]) -> str:
        words = self._topic_words
        for name in names:
            if name not in words:
                words[name] = topic_label(name)
        return ", ".join(words[name] for name in names)

    def haystack(self, row: Participant) -> str:
        """Name, e-mail, department, position, personnel number and topics, lowercased."""
        parts = [
            row.first_name,
            row.last_name,
            row.email or "",
            row.department or "",
            row.position or "",
            row.personnel_number or "",
            self._topic_text(row.can_teach),
            self._topic_text(row.wants_to_learn),
        ]
        text = "\n".join(parts).casefold()
        # Typing "lukasz" or "muller" also finds "Łukasz" and "Müller".
        return f"{text}\n{text_key(row.name)}"
