"""The participant form: a dialog to add or edit one person, with inline validation.

The rules are the service's (`app.services.participants.validate`): the form asks it while
the user types and shows each field's message right under the field; Save is refused while
any field has an error, and the first field with an error gets the focus.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from PySide6.QtCore import QSignalBlocker, QStringListModel, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from app.errors import TandemError, ValidationError
from app.i18n import tr
from app.labels import label, topic_label
from app.model import Participant, ParticipantInput, ParticipantStatus, Role
from app.services import common
from app.services import participants as service
from app.services.topics import list_topics
from ui import dialogs
from ui.form_fields import (
    FieldErrors,
    chain_tab_order,
    date_edit,
    from_qdate,
    save_cancel_buttons,
    to_qdate,
)
from ui.topic_tags import TopicTagEditor

# The fields checked while typing (the others are checked when they lose the focus).
_LIVE = ("first_name", "last_name", "email")


def people_below(people: list[Participant], person_id: int) -> set[int]:
    """The ids of everyone who reports to `person_id`, directly or further down."""
    return _below(_reports(people), person_id)


def _reports(people: list[Participant]) -> dict[int, list[int]]:
    reports: dict[int, list[int]] = defaultdict(list)
    for p in people:
        if p.manager_id is not None:
            reports[p.manager_id].append(p.id)
    return reports


def _below(reports: dict[int, list[int]], person_id: int) -> set[int]:
    found: set[int] = set()
    todo = [person_id]
    while todo:
        for child in reports.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


class ManagerChoices:
    """Everyone as a manager to choose ("Name – Department", told apart by personnel number
    when two read the same) and who reports to whom: worked out once for a list of people
    and reused by each form opened on it (20,000 names take a while). With `now=False` the
    work is done by running the steps of `build()` (between events, say)."""

    def __init__(self, people: list[Participant], *, now: bool = True) -> None:
        self.texts: list[str] = []
        self.ids: list[int] = []
        self.reports: dict[int, list[int]] = {}
        self._position: dict[int, int] = {}  # id -> place in the choices ("No manager" first)
        self.ready = False
        self._people = people
        if now:
            for _step in self.build():
                pass

    def build(self, chunk: int = 2000) -> Iterator[None]:
        """Work the choices out, `chunk` people per step."""
        people = self._people
        texts: list[str] = []
        for start in range(0, len(people), chunk):
            texts += [
                f"{p.first_name} {p.last_name} – {p.department}"
                if p.department
                else f"{p.first_name} {p.last_name}"
                for p in people[start : start + chunk]
            ]
            yield
        ids = [p.id for p in people]
        seen = Counter(texts)
        yield
        if len(seen) < len(texts):
            alike = {text for text, count in seen.items() if count > 1}
            for position, text in enumerate(texts):
                if text in alike:
                    person = people[position]
                    texts[position] = f"{text} ({person.personnel_number or person.id})"
            yield
        reports: dict[int, list[int]] = defaultdict(list)
        for start in range(0, len(people), chunk):
            for p in people[start : start + chunk]:
                if p.manager_id is not None:
                    reports[p.manager_id].append(p.id)
            yield
        # Where each person stands among the choices, for `without()` (45 ms on 20,000
        # people: worked out here, not when a form opens).
        position = {pid: n + 1 for n, pid in enumerate(ids)}
        yield
        self.texts, self.ids, self.reports, self.ready = texts, ids, reports, True
        self._position = position
        self._people = []

    def without(self, person_id: int | None) -> tuple[list[str], list[int | None]]:
        """The texts and ids, "No manager" first, without the person and everyone below
        them (so no circle is possible)."""
        texts: list[str] = [tr("No manager"), *self.texts]
        ids: list[int | None] = [None, *self.ids]
        if person_id is None:
            return texts, ids
        if len(self._position) != len(self.ids):
            self._position = {pid: n + 1 for n, pid in enumerate(self.ids)}
        excluded = _below(self.reports, person_id) | {person_id}
        if len(excluded) > 100:  # the head of a big department
            kept = [n for n, pid in enumerate(ids) if pid not in excluded]
            return [texts[n] for n in kept], [ids[n] for n in kept]
        for n in sorted((self._position[i] for i in excluded if i in self._position), reverse=True):
            del texts[n], ids[n]  # a few people: quicker than copying everyone else
        return texts, ids


class ParticipantForm(QDialog):
    """Add a participant (`person=None`) or edit one. After `exec()` returned Accepted,
    `saved` holds the participant as written and `before` the state before the edit."""

    def __init__(
        self,
        db: Database,
        person: Participant | None = None,
        parent: QWidget | None = None,
        people: list[Participant] | None = None,
        choices: ManagerChoices | None = None,
    ) -> None:
        """`people` is everyone in the file when the caller has them already (the view
        does), so a big file is not read again for the manager list; `choices` are the
        managers worked out for them already (the view keeps them while nobody changes)."""
        super().__init__(parent)
        self.db = db
        self._people = people
        self._choices = choices
        self.before = person
        self.saved: Participant | None = None
        self._touched: set[str] = set()
        self.errors = FieldErrors()
        self.setWindowTitle(tr("Edit participant") if person else tr("New participant"))
        self._build()
        self._fill(person)
        self._connect()

    # --- building ------------------------------------------------------------------------
    def _build(self) -> None:
        e = self.errors
        self.first_name = QLineEdit(self)
        self.last_name = QLineEdit(self)
        self.personnel_number = QLineEdit(self)
        self.email = QLineEdit(self)
        self.email.setPlaceholderText(tr("name@company.com"))
        self.department = QComboBox(self)
        self.department.setEditable(True)
        self.department.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.department.addItems(service.departments(self.db))
        self.position = QLineEdit(self)
        self.manager = QComboBox(self)
        self.manager.setEditable(True)
        self.manager.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # Not as wide as its longest entry: measuring 20,000 names froze the form's opening.
        self.manager.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.manager.setMinimumContentsLength(30)
        self.manager.lineEdit().setPlaceholderText(tr("Type to search by name or department"))
        self.start_known = QCheckBox(tr("In the company since"), self)
        self.start_date = date_edit(common.today(), self)

        person = QGroupBox(tr("Person"), self)
        form = QFormLayout(person)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._row(form, tr("First name:"), "first_name", self.first_name)
        self._row(form, tr("Last name:"), "last_name", self.last_name)
        self._row(form, tr("Personnel no.:"), "personnel_number", self.personnel_number)
        self._row(form, tr("E-mail:"), "email", self.email)
        self._row(form, tr("Department:"), "department", self.department)
        self._row(form, tr("Position:"), "position", self.position)
        self._row(form, tr("Manager:"), "manager_id", self.manager)
        form.addRow(self.start_known, e.wrap("start_date", self.start_date, self))
        self.start_date.setAccessibleName(tr("In the company since"))

        self.role = QComboBox(self)
        for role in (Role.MENTOR, Role.MENTEE, Role.BOTH):
            self.role.addItem(label(role), str(role))
        self.can_teach = TopicTagEditor(self)
        self.wants_to_learn = TopicTagEditor(self)
        catalogue = [(t.name, topic_label(t)) for t in list_topics(self.db)]
        for editor in (self.can_teach, self.wants_to_learn):
            editor.set_catalogue(catalogue)
        self.consent_given = QCheckBox(tr("Consent given on"), self)
        self.consent_date = date_edit(common.today(), self)
        self.consent_date.setAccessibleName(tr("Consent given on"))
        self.consent_hint = QLabel(self)
        self.consent_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.consent_hint.setWordWrap(True)
        self.consent_hint.setText(
            tr("Without recorded consent, this person cannot be put into a tandem.")
        )
        self.status = QComboBox(self)
        for status in ParticipantStatus:
            self.status.addItem(label(status), str(status))
        self.status_since = QLabel(self)
        self.status_since.setTextFormat(Qt.TextFormat.PlainText)
        self.status_since.setText(tr("since"))
        self.status_date = date_edit(common.today(), self)
        self.status_date.setAccessibleName(tr("Status since"))
        status_row = QWidget(self)
        status_layout = QHBoxLayout(status_row)
        status_layout.setContentsMargins(0, 0, 0, 0)
        status_layout.addWidget(self.status, 1)
        status_layout.addWidget(self.status_since)
        status_layout.addWidget(self.status_date)

        program = QGroupBox(tr("In the program"), self)
        pform = QFormLayout(program)
        pform.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._row(pform, tr("Role:"), "role", self.role)
        self._row(pform, tr("Can teach:"), "can_teach", self.can_teach, self.can_teach.edit)
        self._row(
            pform, tr("Wants to learn:"), "wants_to_learn", self.wants_to_learn,
            self.wants_to_learn.edit,
        )  # fmt: skip
        self.can_teach.set_accessible_name(tr("Can teach"))
        self.wants_to_learn.set_accessible_name(tr("Wants to learn"))
        consent_box = QWidget(self)
        consent_layout = QVBoxLayout(consent_box)
        consent_layout.setContentsMargins(0, 0, 0, 0)
        consent_layout.addWidget(self.consent_date)
        consent_layout.addWidget(self.consent_hint)
        pform.addRow(
            self.consent_given,
            self.errors.wrap("consent_date", consent_box, self, self.consent_date),
        )
        self._row(pform, tr("Status:"), "status", status_row, self.status)

        self.buttons, self.save_button = save_cancel_buttons(self, self.save)

        columns = QHBoxLayout()
        columns.addWidget(person, 1)
        columns.addWidget(program, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.buttons)

        order = [
            self.first_name, self.last_name, self.personnel_number, self.email,
            self.department, self.position, self.manager, self.start_known, self.start_date,
            self.role, self.can_teach.edit, self.wants_to_learn.edit, self.consent_given,
            self.consent_date, self.status, self.status_date, self.save_button,
        ]  # fmt: skip
        chain_tab_order(order)
        char = self.fontMetrics().averageCharWidth()
        for field in (self.first_name, self.last_name, self.email, self.manager):
            field.setMinimumWidth(char * 34)
        self.can_teach.setMinimumWidth(char * 44)

    def _row(
        self, form: QFormLayout, text: str, key: str, field: QWidget, focus: QWidget | None = None
    ) -> None:
        caption = QLabel(text, self)
        caption.setTextFormat(Qt.TextFormat.PlainText)
        caption.setBuddy(focus or field)
        (focus or field).setAccessibleName(text.rstrip(":"))
        form.addRow(caption, self.errors.wrap(key, field, self, focus))

    def _fill_managers(self, person: Participant | None) -> None:
        """Everyone in the file except the person and those below them (no cycle possible)."""
        choices = self._choices
        if choices is None:
            people = self._people
            choices = ManagerChoices(
                people if people is not None else service.list_participants(self.db)
            )
        texts, ids = choices.without(person.id if person is not None else None)
        self._manager_ids = ids
        self._manager_texts = texts
        model = QStringListModel(texts, self.manager)
        self.manager.setModel(model)
        completer = QCompleter(model, self.manager)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.manager.setCompleter(completer)

    def manager_choices(self) -> list[int | None]:
        """The ids offered as manager (None for 'no manager')."""
        return list(self._manager_ids)

    # --- values --------------------------------------------------------------------------
    def _fill(self, person: Participant | None) -> None:
        self._fill_managers(person)
        if person is None:
            self.role.setCurrentIndex(self.role.findData(str(Role.MENTEE)))
            self.department.setCurrentText("")
            self.manager.setCurrentIndex(0)
            self.consent_given.setChecked(False)
            self.start_known.setChecked(False)
        else:
            self.first_name.setText(person.first_name)
            self.last_name.setText(person.last_name)
            self.personnel_number.setText(person.personnel_number or "")
            self.email.setText(person.email or "")
            self.department.setCurrentText(person.department or "")
            self.position.setText(person.position or "")
            self.set_manager(person.manager_id)
            self.start_known.setChecked(person.start_date is not None)
            if person.start_date:
                self.start_date.setDate(to_qdate(person.start_date))
            self.role.setCurrentIndex(self.role.findData(str(person.role)))
            self.can_teach.set_tags(person.can_teach)
            self.wants_to_learn.set_tags(person.wants_to_learn)
            self.consent_given.setChecked(person.consent_date is not None)
            if person.consent_date:
                self.consent_date.setDate(to_qdate(person.consent_date))
            self.status.setCurrentIndex(self.status.findData(str(person.status)))
            if person.status_date:
                self.status_date.setDate(to_qdate(person.status_date))
        self._sync_enabled()

    def set_manager(self, manager_id: int | None) -> None:
        """Choose a manager by id (None for none)."""
        if manager_id in self._manager_ids:
            self.manager.setCurrentIndex(self._manager_ids.index(manager_id))
        else:
            self.manager.setCurrentIndex(0)
        self.manager.lineEdit().setCursorPosition(0)

    def _manager_value(self) -> tuple[int | None, str | None]:
        """The chosen manager's id, or an error when the text matches nobody in the list."""
        text = self.manager.currentText().strip()
        if not text or text == self._manager_texts[0]:
            return None, None
        chosen = self.manager.currentIndex()  # chosen from the list: no search needed
        if 0 < chosen < len(self._manager_texts) and self._manager_texts[chosen] == text:
            return self._manager_ids[chosen], None
        folded = text.casefold()
        for position, candidate in enumerate(self._manager_texts):
            if candidate.casefold() == folded:
                return self._manager_ids[position], None
        return None, tr("Please choose a manager from the list, or leave the field empty.")

    def value(self) -> tuple[ParticipantInput, dict[str, str]]:
        """What the form holds, and the form's own errors (a manager not in the list)."""
        manager_id, manager_error = self._manager_value()
        status = ParticipantStatus(self.status.currentData())
        data = ParticipantInput(
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            personnel_number=self.personnel_number.text(),
            email=self.email.text(),
            department=self.department.currentText(),
            position=self.position.text(),
            manager_id=manager_id,
            start_date=from_qdate(self.start_date.date()) if self.start_known.isChecked() else None,
            role=Role(self.role.currentData()),
            consent_date=from_qdate(self.consent_date.date())
            if self.consent_given.isChecked()
            else None,
            status=status,
            status_date=from_qdate(self.status_date.date()) if status.has_date else None,
            can_teach=self.can_teach.tags(),
            wants_to_learn=self.wants_to_learn.tags(),
        )
        return data, ({"manager_id": manager_error} if manager_error else {})

    # --- checking ------------------------------------------------------------------------
    def check(self, keys: set[str] | None = None) -> dict[str, str]:
        """Ask the service about the form's values; show the messages of `keys` (every field
        when None) and return all errors found."""
        data, errors = self.value()
        try:
            service.validate(self.db, data, self.before.id if self.before else None)
        except ValidationError as exc:
            errors = {**exc.errors, **errors}
        self.errors.show_all(errors, keys)
        return errors

    def _connect(self) -> None:
        edits = {
            "first_name": self.first_name,
            "last_name": self.last_name,
            "personnel_number": self.personnel_number,
            "email": self.email,
        }
        for key, edit in edits.items():
            edit.textEdited.connect(lambda _t, k=key: self._on_typed(k))
            edit.editingFinished.connect(lambda k=key: self._on_left(k))
        self.manager.lineEdit().editingFinished.connect(lambda: self._on_left("manager_id"))
        self.manager.currentIndexChanged.connect(lambda _i: self._recheck("manager_id"))
        self.consent_given.toggled.connect(self._sync_enabled)
        self.start_known.toggled.connect(self._sync_enabled)
        self.status.currentIndexChanged.connect(self._sync_enabled)

    def _on_typed(self, key: str) -> None:
        if key in ("first_name", "last_name"):
            self._touched.add(key)
        self._recheck(key)

    def _on_left(self, key: str) -> None:
        if not self.isVisible():  # the focus left because the form closed
            return
        self._touched.add(key)
        self._recheck(key)

    def _recheck(self, key: str) -> None:
        """Re-check one field: live for names and e-mail once touched, and for any field
        that shows a message now (so it disappears as soon as the value is right)."""
        if key in self._touched or self.errors.text(key):
            self.check({key})

    def _sync_enabled(self) -> None:
        self.start_date.setEnabled(self.start_known.isChecked())
        self.consent_date.setEnabled(self.consent_given.isChecked())
        self.consent_hint.setVisible(not self.consent_given.isChecked())
        dated = ParticipantStatus(self.status.currentData()).has_date
        self.status_date.setEnabled(dated)
        self.status_since.setEnabled(dated)

    # --- saving --------------------------------------------------------------------------
    def save(self) -> None:
        """Save if every field is right; otherwise show the messages and focus the first."""
        for editor in (self.can_teach, self.wants_to_learn):
            if editor.edit.text().strip():
                with QSignalBlocker(editor):
                    editor.commit_text()
        errors = self.check()
        if errors:
            self.errors.focus_first(errors)
            return
        data, _ = self.value()
        try:
            if self.before is None:
                self.saved = service.create_participant(self.db, data)
            else:
                self.saved = service.update_participant(self.db, self.before.id, data)
        except ValidationError as exc:
            self.errors.show_all(exc.errors)
            self.errors.focus_first(exc.errors)
            return
        except TandemError as exc:
            dialogs.show_warning(self, exc.message)
            return
        self.accept()
