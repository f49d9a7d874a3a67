"""The "New tandem" form: pick a mentor and a mentee of a round, see at once whether the pair
is allowed (the rules of `app.services.tandem_rules`: errors in red refuse it, warnings in
amber need a confirmation), and give the tandem its focus topics and goals.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, QStringListModel, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from app.errors import TandemError
from app.i18n import tr
from app.labels import label, topic_label
from app.model import Participant, Tandem
from app.services.matching import explain_pairs
from app.services.participants import list_participants
from app.services.rounds import get_round
from app.services.tandem_rules import (
    PairCheck,
    PairNeedsConfirmationError,
    PairRefusedError,
    check_pair,
)
from app.services.tandems import create_tandem
from app.services.topics import list_topics
from ui import dialogs
from ui.form_fields import buddy_label, chain_tab_order, error_label, save_cancel_buttons
from ui.topic_tags import TopicTagEditor

AMBER = QColor(138, 84, 0)
"""Warnings: a dark amber that keeps a readable contrast on a light background."""


def warning_label(parent: QWidget | None = None) -> QLabel:
    """A warning message: amber plain text that wraps, hidden while empty."""
    widget = QLabel(parent)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setWordWrap(True)
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, AMBER)
    widget.setPalette(palette)
    widget.setVisible(False)
    return widget


def bullets(lines: list[str]) -> str:
    """Messages one per line, each with a bullet when there are several."""
    return lines[0] if len(lines) == 1 else "\n".join(f"• {line}" for line in lines)


def confirm_warnings(parent: QWidget | None, warnings: list[str]) -> bool:
    """Ask HR to confirm a pair despite its warnings ('Same department. Create anyway?')."""
    return dialogs.ask_yes_no(parent, bullets(warnings) + "\n\n" + tr("Create the tandem anyway?"))


def person_text(person: Participant) -> str:
    """'Name – Department (Role)' as shown in the pickers."""
    text = f"{person.name} – {person.department}" if person.department else person.name
    return f"{text} · {label(person.role)}"


class PersonPicker(QComboBox):
    """A searchable list of people: type any part of a name or department."""

    person_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.lineEdit().setPlaceholderText(tr("Type to search by name or department"))
        self._ids: list[int | None] = []
        self.currentIndexChanged.connect(lambda _i: self.person_changed.emit())

    def set_people(self, people: list[Participant], keep: int | None = None) -> None:
        """Offer these people (plus an empty first entry); keep `keep` selected if offered."""
        with QSignalBlocker(self):
            texts = [""] + [person_text(p) for p in people]
            self._ids = [None] + [p.id for p in people]
            model = QStringListModel(texts, self)
            self.setModel(model)
            completer = QCompleter(model, self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            self.setCompleter(completer)
            self.setCurrentIndex(self._ids.index(keep) if keep in self._ids else 0)
        self.person_changed.emit()

    def person_id(self) -> int | None:
        """The id of the chosen person, or None."""
        index = self.currentIndex()
        return self._ids[index] if 0 <= index < len(self._ids) else None

    def select_person(self, person_id: int | None) -> bool:
        """Choose a person by id; False when that person is not offered."""
        if person_id not in self._ids:
            return False
        self.setCurrentIndex(self._ids.index(person_id))
        return True

    def offered(self) -> list[int]:
        """The ids offered, in order."""
        return [i for i in self._ids if i is not None]


class TandemForm(QDialog):
    """Create a tandem in a round. After `exec()` returned Accepted, `saved` holds it."""

    def __init__(self, db: Database, round_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.round_id = round_id
        self.round = get_round(db, round_id)
        self.saved: Tandem | None = None
        self.check: PairCheck | None = None
        self._people = list_participants(db)
        self.setWindowTitle(tr("New tandem"))
        self._build()
        self._fill_people()

    # --- building ------------------------------------------------------------------------
    def _build(self) -> None:
        self.round_label = QLabel(self)
        self.round_label.setTextFormat(Qt.TextFormat.PlainText)
        self.round_label.setText(self.round.name)
        self.mentor = PersonPicker(self)
        self.mentor.setAccessibleName(tr("Mentor"))
        self.mentee = PersonPicker(self)
        self.mentee.setAccessibleName(tr("Mentee"))
        self.show_everyone = QCheckBox(tr("Offer everyone, whatever their role"), self)
        self.show_everyone.setToolTip(
            tr("Normally only people taking part in the fitting role are offered.")
        )
        self.errors_label = error_label(self)
        self.errors_label.setObjectName("pair_errors")
        self.errors_label.setAccessibleName(tr("Why this pair is not possible"))
        self.warnings_label = warning_label(self)
        self.warnings_label.setObjectName("pair_warnings")
        self.warnings_label.setAccessibleName(tr("Points to confirm"))
        self.ok_label = QLabel(self)
        self.ok_label.setTextFormat(Qt.TextFormat.PlainText)
        self.ok_label.setWordWrap(True)
        self.fit_label = QLabel(self)
        self.fit_label.setTextFormat(Qt.TextFormat.PlainText)
        self.fit_label.setWordWrap(True)
        self.fit_label.setObjectName("pair_fit")
        self.fit_label.setAccessibleName(tr("What the two can learn from each other"))
        self._suggested: tuple[str, ...] = ()
        self.focus_topics = TopicTagEditor(self)
        self.focus_topics.set_catalogue([(t.name, topic_label(t)) for t in list_topics(self.db)])
        self.focus_topics.set_accessible_name(tr("Focus topics"))
        self.goals = QPlainTextEdit(self)
        self.goals.setAccessibleName(tr("Goals"))
        self.goals.setPlaceholderText(tr("What the two want to achieve together"))
        self.goals.setTabChangesFocus(True)
        self.goals.setFixedHeight(self.fontMetrics().height() * 5)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(buddy_label(self, tr("Round:"), self.round_label), self.round_label)
        form.addRow(buddy_label(self, tr("&Mentor:"), self.mentor), self.mentor)
        form.addRow(buddy_label(self, tr("M&entee:"), self.mentee), self.mentee)
        form.addRow("", self.show_everyone)
        feedback = QWidget(self)
        box = QVBoxLayout(feedback)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.errors_label)
        box.addWidget(self.warnings_label)
        box.addWidget(self.ok_label)
        box.addWidget(self.fit_label)
        form.addRow("", feedback)
        form.addRow(
            buddy_label(self, tr("&Focus topics:"), self.focus_topics.edit), self.focus_topics
        )
        form.addRow(buddy_label(self, tr("&Goals:"), self.goals), self.goals)

        self.buttons, self.save_button = save_cancel_buttons(self, self.save, tr("Create tandem"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        order = [
            self.mentor, self.mentee, self.show_everyone, self.focus_topics.edit, self.goals,
            self.save_button,
        ]  # fmt: skip
        chain_tab_order(order)
        char = self.fontMetrics().averageCharWidth()
        self.mentor.setMinimumWidth(char * 50)
        self.setMinimumWidth(char * 96)

        self.mentor.person_changed.connect(self.update_check)
        self.mentee.person_changed.connect(self.update_check)
        self.show_everyone.toggled.connect(lambda _on: self._fill_people())

    def _fill_people(self) -> None:
        everyone = self.show_everyone.isChecked()
        people = sorted(
            (p for p in self._people if everyone or p.status.can_be_paired),
            key=lambda p: (p.last_name.casefold(), p.first_name.casefold(), p.id),
        )
        mentors = [p for p in people if everyone or p.role.can_mentor]
        mentees = [p for p in people if everyone or p.role.can_be_mentee]
        self.mentor.set_people(mentors, self.mentor.person_id())
        self.mentee.set_people(mentees, self.mentee.person_id())
        self.update_check()

    # --- checking ------------------------------------------------------------------------
    def update_check(self) -> None:
        """Check the chosen pair against the rules and show the outcome."""
        mentor_id, mentee_id = self.mentor.person_id(), self.mentee.person_id()
        self.check = None
        if mentor_id is not None and mentee_id is not None:
            try:
                self.check = check_pair(self.db, self.round_id, mentor_id, mentee_id)
            except TandemError as exc:
                self.check = PairCheck([exc.message], [], [None])
        check = self.check
        self._show(self.errors_label, check.errors if check else [])
        self._show(self.warnings_label, check.warnings if check else [])
        if check is None:
            self.ok_label.setText(tr("Choose a mentor and a mentee."))
        elif check.allowed and not check.warnings:
            self.ok_label.setText(tr("Nothing speaks against this pair."))
        else:
            self.ok_label.setText("")
        self.ok_label.setVisible(bool(self.ok_label.text()))
        self._show_fit(mentor_id, mentee_id)
        self.save_button.setEnabled(check is not None and check.allowed)
        self.mentor.setAccessibleDescription(self.errors_label.text())
        self.mentee.setAccessibleDescription(self.errors_label.text())

    def _show_fit(self, mentor_id: int | None, mentee_id: int | None) -> None:
        """For an allowed pair: what they can learn from each other, as a proposal says it,
        and their shared topics as focus topics (unless HR already chose others)."""
        proposal = None
        if self.check is not None and self.check.allowed:
            assert mentor_id is not None and mentee_id is not None
            try:
                (proposal,) = explain_pairs(self.db, self.round_id, [(mentor_id, mentee_id)])
            except (TandemError, AssertionError, KeyError):
                proposal = None
        if proposal is None:
            self.fit_label.setText("")
        elif proposal.reasons:
            self.fit_label.setText(bullets(proposal.reasons))
        else:
            self.fit_label.setText(tr("The two have no topic in common yet."))
        self.fit_label.setVisible(bool(self.fit_label.text()))
        self._grow()
        topics = proposal.topics if proposal is not None else ()
        if self.focus_topics.tags() in ((), self._suggested):
            self.focus_topics.set_tags(topics)
            self._suggested = topics

    def _show(self, widget: QLabel, lines: list[str]) -> None:
        widget.setText(bullets(lines) if lines else "")
        widget.setVisible(bool(lines))
        self._grow()

    def _grow(self) -> None:
        """Make the window tall enough for the messages shown (never shrinking it, never
        beyond the screen)."""
        dialogs.grow_to_fit(self)

    def error_text(self) -> str:
        """The red messages shown ('' when none)."""
        return self.errors_label.text() if not self.errors_label.isHidden() else ""

    def warning_text(self) -> str:
        """The amber messages shown ('' when none)."""
        return self.warnings_label.text() if not self.warnings_label.isHidden() else ""

    # --- saving --------------------------------------------------------------------------
    def save(self) -> None:
        """Create the tandem; warnings are confirmed first, a broken rule is shown in red."""
        self.update_check()
        check = self.check
        if check is None or not check.allowed:
            return
        mentor_id, mentee_id = self.mentor.person_id(), self.mentee.person_id()
        assert mentor_id is not None and mentee_id is not None
        self.focus_topics.commit_text()
        confirmed = False
        if check.warnings:
            if not confirm_warnings(self, check.warnings):
                return
            confirmed = True
        try:
            self.saved = create_tandem(
                self.db,
                self.round_id,
                mentor_id,
                mentee_id,
                goals=self.goals.toPlainText(),
                focus_topics=self.focus_topics.tags(),
                confirm_warnings=confirmed,
            )
        except PairRefusedError as exc:
            self._show(self.errors_label, exc.reasons)
            self.save_button.setEnabled(False)
            return
        except PairNeedsConfirmationError as exc:  # something changed meanwhile
            self._show(self.warnings_label, exc.warnings)
            return
        except TandemError as exc:
            dialogs.show_warning(self, exc.message)
            return
        self.accept()
