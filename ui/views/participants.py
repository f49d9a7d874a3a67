"""The participants view: everyone in the file, filtered as you type and by role, department,
status, topic and missing consent, sorted by any column; add, edit and delete people, and
record the consent of many selected people in one step (each can be undone)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from operator import attrgetter
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QPushButton, QWidget
from sqlite_utils import Database

from app.errors import TandemError
from app.i18n import N_, format_number, tr, trn
from app.labels import label, topic_label
from app.model import DeletedParticipant, Participant, ParticipantStatus, Role
from app.services import participants as service
from app.services.notes import count_notes
from ui import dialogs
from ui.consent import CONSENT_MISSING
from ui.context import PARTICIPANTS, TOPICS, AppContext
from ui.documents.view_hooks import attach_document_action
from ui.models.generic import Column, RowFilterProxy, RowTableModel
from ui.models.loading import Slices
from ui.models.participants import (
    EMAIL,
    NAME,
    PARTICIPANT_COLUMNS,
    PERSONNEL_NUMBER,
    ParticipantTableModel,
    missing_consent_icon,
)
from ui.models.sortkeys import text_key
from ui.notes import attach_notes_button
from ui.privacy import attach_privacy_actions
from ui.undo import DoneCommand, undo_stack
from ui.views.base import TableView

_ALL = None  # the data of every filter's "All ..." entry
_NO_DEPARTMENT = "\x00none"  # the data of the "(no department)" entry

_NO_FILTERS = (None, None, None, None, False)

NEW_PARTICIPANT_SHORTCUT = QKeySequence("Ctrl+Shift+N")


class ParticipantFilterProxy(RowFilterProxy):
    """Filters participants by the words typed AND by role, department, status, topic and
    missing consent. The decision for all rows is computed in one pass over precomputed texts
    and values, so a keystroke stays fast with 20,000 people."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._filters: tuple[Any, ...] = _NO_FILTERS
        self._combined: list[bool] | None = None
        self._combined_key: tuple[Any, ...] | None = None
        self._chosen: tuple[Any, list[bool]] | None = None
        self._typed: tuple[int, tuple[str, ...], list[bool]] | None = None

    def set_filters(
        self,
        role: str | None = None,
        department: str | None = None,
        status: str | None = None,
        topic: str | None = None,
        consent_missing: bool = False,
    ) -> None:
        """Show only rows with this role, department, status and topic (None: any), and
        only people without a consent date when `consent_missing`."""
        filters = (role, department, status, topic, bool(consent_missing))
        if filters == _NO_FILTERS:
            filters = _NO_FILTERS  # the same object: filterAcceptsRow checks it quickly
        if filters == self._filters:
            return

        def change() -> None:
            self._filters = filters

        self.change_filter(change)

    def filters(self) -> tuple[str | None, str | None, str | None, str | None]:
        """The role, department, status and topic filtered for (None: any)."""
        role, department, status, topic, _consent = self._filters
        return role, department, status, topic

    def consent_missing_only(self) -> bool:
        """True while only people without a consent date are shown."""
        return bool(self._filters[4])

    def filterAcceptsRow(self, source_row: int, source_parent: Any) -> bool:  # noqa: N802
        # Called from Qt once per row: keep it to a lookup; the decision for every row is
        # computed once per change of the words, the filters or the rows.
        model = self._rows_model
        if model is None or (not self._needles and self._filters is _NO_FILTERS):
            return True
        key = self._combined_key
        if (
            key is None
            or key[0] != model.version
            or key[1] is not self._needles
            or (key[2] is not self._filters)
        ):
            self._combined = (
                None if not self._needles and self._filters == _NO_FILTERS else self._compute(model)
            )
            self._combined_key = (model.version, self._needles, self._filters)
        combined = self._combined
        return True if combined is None else combined[source_row]

    def _compute(self, model: RowTableModel[Any]) -> list[bool]:
        chosen = self._filter_mask(model)
        typed = self._typed_mask(model)
        if chosen is None:
            return typed or []
        if typed is None:
            return chosen
        return [a and b for a, b in zip(chosen, typed, strict=True)]

    def _filter_mask(self, model: RowTableModel[Any]) -> list[bool] | None:
        """Rows with the chosen role, department, status and topic (kept while typing)."""
        if self._filters == _NO_FILTERS:
            return None
        key = (model.version, self._filters)
        if self._chosen is not None and self._chosen[0] == key:
            return self._chosen[1]
        role, department, status, topic, consent_missing = self._filters
        no_department = department == _NO_DEPARTMENT
        mask = [
            (role is None or person.role == role)
            and (status is None or person.status == status)
            and (not consent_missing or person.consent_date is None)
            and (
                department is None
                or (person.department is None if no_department else person.department == department)
            )
            and (topic is None or topic in person.can_teach or topic in person.wants_to_learn)
            for person in model.rows()
        ]
        self._chosen = (key, mask)
        return mask

    def _typed_mask(self, model: RowTableModel[Any]) -> list[bool] | None:
        """Rows containing every typed word. Typing on narrows the last result: a row that
        lacked a shorter word cannot contain a longer one, so only earlier matches are
        looked at again."""
        needles = self._needles
        if not needles:
            return None
        hays = model.haystacks()
        previous = self._typed
        if (
            previous is not None
            and previous[0] == model.version
            and all(any(old in new for new in needles) for old in previous[1])
        ):
            if len(needles) == 1:
                needle = needles[0]
                mask = [ok and needle in hay for ok, hay in zip(previous[2], hays, strict=True)]
            else:
                mask = [
                    ok and all(n in hay for n in needles)
                    for ok, hay in zip(previous[2], hays, strict=True)
                ]
        elif len(needles) == 1:
            needle = needles[0]
            mask = [needle in hay for hay in hays]
        else:
            mask = [all(n in hay for n in needles) for hay in hays]
        self._typed = (model.version, needles, mask)
        return mask


class ParticipantsView(TableView):
    """A table of all participants with a search field, filters, a count, and editing."""

    areas = (PARTICIPANTS, TOPICS)
    title = N_("Participants")
    search_placeholder = N_("Search name, e-mail, department, position, number or topic…")
    empty_hint = N_(
        "No participants yet. Import your list of employees (File → Import participants…, "
        "Ctrl+I) or add people one by one with “New participant…”."
    )
    default_sort = (NAME, Qt.SortOrder.AscendingOrder)
    column_prefs = "participants"
    hidden_columns = (EMAIL,)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._select_id: int | None = None
        self._choices: tuple[int, Any] | None = None  # (model version, ManagerChoices)
        self._choices_work = Slices(self)
        self._first_after_load = False  # select the first row once the rows are read
        # Filtering by role, department, status and topic as well as by typed words.
        self.use_proxy(ParticipantFilterProxy(self))
        # The form's manager choices follow the list's order: after a sort they are worked
        # out again between events, so the form does not do it when it opens.
        self.model.layoutChanged.connect(self._choices_after_sort)
        header = self.table.horizontalHeader()
        header.moveSection(header.visualIndex(EMAIL), header.visualIndex(PERSONNEL_NUMBER) + 1)
        if self.column_chooser is not None:
            self.column_chooser.apply_hidden()  # the new model's header starts with all
        self._build_filters()
        self._build_actions()
        attach_notes_button(self, "participant")  # private notes of the selected person

    # --- building ------------------------------------------------------------------------
    def _build_filters(self) -> None:
        self.role_filter = self._filter_combo(tr("Filter by role"))
        self.role_filter.addItem(tr("All roles"), _ALL)
        for role in (Role.MENTOR, Role.MENTEE, Role.BOTH):
            self.role_filter.addItem(label(role), str(role))
        self.department_filter = self._filter_combo(tr("Filter by department"))
        self.department_filter.addItem(tr("All departments"), _ALL)
        self.status_filter = self._filter_combo(tr("Filter by status"))
        self.status_filter.addItem(tr("All statuses"), _ALL)
        for status in ParticipantStatus:
            self.status_filter.addItem(label(status), str(status))
        self.topic_filter = self._filter_combo(tr("Filter by topic"))
        self.topic_filter.addItem(tr("All topics"), _ALL)
        self.filter_combos = [
            self.role_filter, self.department_filter, self.status_filter, self.topic_filter,
        ]  # fmt: skip
        for combo in self.filter_combos:
            combo.currentIndexChanged.connect(self._apply_filters)
        self.consent_missing = QCheckBox(tr("Only consent &missing"), self)
        self.consent_missing.setIcon(missing_consent_icon())
        self.consent_missing.setToolTip(
            tr("Only people without a consent date: they are not proposed for pairs")
        )
        self.consent_missing.toggled.connect(lambda _on: self._apply_filters())
        row = QHBoxLayout()
        layout = self.layout()
        position = layout.indexOf(self.search)
        layout.removeWidget(self.search)
        self.search.setMinimumWidth(self.search.fontMetrics().averageCharWidth() * 32)
        row.addWidget(self.search, 3)
        for combo in self.filter_combos:
            row.addWidget(combo, 1)
        row.addWidget(self.consent_missing)
        layout.insertLayout(position, row)  # type: ignore[attr-defined]
        previous: QWidget = self.search
        for widget in [*self.filter_combos, self.consent_missing]:
            QWidget.setTabOrder(previous, widget)
            previous = widget
        QWidget.setTabOrder(previous, self.table)

    def _filter_combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        # A modest fixed width beside the search field; the open list is as wide as needed.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(11)
        return combo

    def _build_actions(self) -> None:
        self.add_edit_actions(
            (tr("New participant…"),
             tr("Add a person ({shortcut})", shortcut=NEW_PARTICIPANT_SHORTCUT.toString(
                 QKeySequence.SequenceFormat.NativeText)),
             NEW_PARTICIPANT_SHORTCUT, self.new_participant),
            tr("Edit the selected person (Enter or double-click)"),
            tr("Delete the selected person (Del)"),
        )  # fmt: skip
        self.certificate_button, self.action_certificate = attach_document_action(
            self, tr("Certificate…"),
            tr("Print the certificate of participation of the selected person"),
            self.print_certificate, after=self.delete_button,
        )  # fmt: skip
        self.consent_button = QPushButton(tr("Record consent…"), self)
        self.consent_button.setToolTip(
            tr(
                "Record the consent of the selected people in one step (select several with "
                "Ctrl or Shift; Ctrl+A selects all shown)"
            )
        )
        self.consent_button.clicked.connect(lambda _checked=False: self.record_consent())
        top = self.layout().itemAt(0).layout()
        top.insertWidget(top.indexOf(self.delete_button) + 1, self.consent_button)  # type: ignore[attr-defined]
        # In the table's context menu and the Documents menu; a button more would make the
        # row of buttons wider than a laptop's window in German.
        _button, self.action_export = attach_document_action(
            self, tr("Data export (GDPR)…"), "", self.export_personal_data,
            with_button=False, main=False,
        )  # fmt: skip
        self.privacy = attach_privacy_actions(self)  # Erase… (Shift+Del), Anonymise…
        self._buttons_on_a_row_of_their_own()
        self.table.selectionModel().selectionChanged.connect(self._sync_buttons)
        self.table.setTabKeyNavigation(False)
        self._sync_buttons()

    def _buttons_on_a_row_of_their_own(self) -> None:
        """Five buttons beside the heading, the count and the notes button made the view wider
        than a laptop at 150% in German with a wide font: they get a row of their own, under
        the heading (the tab order stays as the buttons were made)."""
        top = self.layout().itemAt(0).layout()
        row = QHBoxLayout()
        for button in (
            self.new_button, self.edit_button, self.delete_button, self.consent_button,
            self.certificate_button,
        ):  # fmt: skip
            top.removeWidget(button)
            row.addWidget(button)
        row.addStretch(1)
        self.layout().insertLayout(1, row)  # type: ignore[attr-defined]

    # --- table ---------------------------------------------------------------------------
    def columns(self) -> Sequence[Column[Any]]:
        return PARTICIPANT_COLUMNS

    def make_model(self) -> RowTableModel[Any]:
        return ParticipantTableModel(self)

    def load(self, db: Database) -> Sequence[Participant]:
        return service.list_participants(db)

    def load_pages(self, db: Database) -> Iterable[Sequence[Participant]]:
        return service.participant_pages(db, self.page_size)

    def reload(self) -> None:
        self.fill_table(self._rows_shown)

    def _rows_shown(self) -> Iterator[None]:
        yield from self._filter_choice_steps()
        self._apply_filters()
        if self._select_id is not None:
            self.select_participant(self._select_id)
            self._select_id = None
        elif self._first_after_load:
            self.select_or_first(None, NAME)
        self._first_after_load = False
        self._sync_buttons()
        if self.model.rowCount() > self.page_size:
            self._prepare_choices()

    def clear(self) -> None:
        super().clear()
        self._sync_buttons()

    def count_text(self, shown: int, total: int) -> str:
        if shown == total:
            return trn("{n} participant", "{n} participants", total)
        return trn(
            "{shown} of {n} participant",
            "{shown} of {n} participants",
            total,
            shown=format_number(shown),
        )

    def _update_count(self) -> None:
        super()._update_count()
        empty = self.is_empty()
        for widget in [*getattr(self, "filter_combos", []), getattr(self, "edit_button", None),
                       getattr(self, "delete_button", None), getattr(self, "consent_missing", None),
                       getattr(self, "consent_button", None)]:  # fmt: skip
            if widget is not None:
                widget.setVisible(not empty)

    # --- filters -------------------------------------------------------------------------
    def _fill_filter_choices(self) -> None:
        for _step in self._filter_choice_steps():
            pass

    def _filter_choice_steps(self, chunk: int = 2000) -> Iterator[None]:
        """Offer the departments and topics of everyone shown (a step per `chunk` people)."""
        people = self.model.rows()
        found: set[str | None] = set()
        topics: set[str] = set()
        for start in range(0, len(people), chunk):
            part = people[start : start + chunk]
            found.update(map(attrgetter("department"), part))
            topics.update(chain.from_iterable(map(attrgetter("can_teach"), part)))
            topics.update(chain.from_iterable(map(attrgetter("wants_to_learn"), part)))
            yield
        departments = sorted(filter(None, found), key=text_key)
        has_none = None in found or "" in found
        shown_topics = sorted(((topic_label(t), t) for t in topics), key=lambda x: text_key(x[0]))
        choices = [(d, d) for d in departments]
        if has_none and departments:
            choices.append((tr("(no department)"), _NO_DEPARTMENT))
        self._refill(self.department_filter, tr("All departments"), choices)
        self._refill(self.topic_filter, tr("All topics"), shown_topics)

    def _add_filter_choices(self, people: Iterable[Participant]) -> None:
        """Offer the departments and topics of changed people that are new to the filters."""
        for person in people:
            topics = (*person.can_teach, *person.wants_to_learn)
            wanted = person.department or _NO_DEPARTMENT
            new_department = self.department_filter.findData(wanted) < 0 and (
                bool(person.department) or self.department_filter.count() > 1
            )
            if new_department or any(self.topic_filter.findData(t) < 0 for t in topics):
                self._fill_filter_choices()
                self._apply_filters()  # a chosen entry may have gone
                return

    def _refill(self, combo: QComboBox, all_text: str, choices: list[tuple[str, str]]) -> None:
        """Replace a combo's entries, keeping the chosen one when it still exists."""
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_text, _ALL)
        for text, data in choices:
            combo.addItem(text, data)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)
        metrics = combo.fontMetrics()
        widest = max(
            (metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count())), default=0
        )
        combo.view().setMinimumWidth(widest + metrics.averageCharWidth() * 4)

    def _apply_filters(self) -> None:
        self.proxy.set_filters(
            self.role_filter.currentData(),
            self.department_filter.currentData(),
            self.status_filter.currentData(),
            self.topic_filter.currentData(),
            self.consent_missing.isChecked(),
        )
        self._update_count()

    def set_filter(self, combo: QComboBox, data: str | None) -> None:
        """Choose a filter entry by its value (None for 'All')."""
        combo.setCurrentIndex(max(combo.findData(data) if data is not None else 0, 0))

    def show_filtered(self, name: str) -> None:
        """Show the people of a named filter, every other filter and the search cleared:
        `CONSENT_MISSING` shows everyone without a consent date (the proposal's link)."""
        if name != CONSENT_MISSING:
            return
        self.search.clear()
        for combo in self.filter_combos:
            self.set_filter(combo, None)
        self.consent_missing.setChecked(True)
        self._apply_filters()
        self._first_after_load = self.loading()  # the rows are still being read
        self.select_or_first(None, NAME)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- selection -----------------------------------------------------------------------
    def selected(self) -> Participant | None:
        """The participant in the current row, if any."""
        return self.selected_row()

    def select_participant(self, participant_id: int) -> bool:
        """Select the row of a participant (if shown) and scroll to it."""
        return self.select_row_of(participant_id, NAME)

    def selected_people(self) -> list[Participant]:
        """Every selected person, in the order shown."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [
            self.model.row_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row()) for r in rows
        ]

    def _sync_buttons(self) -> None:
        has = self.selected() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.consent_button.setEnabled(self.table.selectionModel().hasSelection())

    def print_certificate(self) -> None:
        """Certificate…: the selected person's certificate of participation."""
        from ui.documents.actions import print_certificate

        person = self.selected()
        if person is not None:
            print_certificate(self.context, person.id, self)

    def export_personal_data(self) -> None:
        """Data export (GDPR)…: everything the file holds about the selected person."""
        from ui.reports.actions import make_person_export

        person = self.selected()
        if person is not None:
            make_person_export(self.context, self, person.id)

    # --- editing -------------------------------------------------------------------------
    def open_form(self, person: Participant | None = None):  # noqa: ANN201 - lazy import
        """The form for a new person or for `person` (not yet shown)."""
        from ui.participant_form import ManagerChoices, ParticipantForm

        assert self.context.db is not None
        people = self.model.rows()
        if self._choices is None or self._choices[0] != self.model.version:
            self._choices_work.finish()  # worked out between events, if it was under way
        if self._choices is None or self._choices[0] != self.model.version:
            self._choices = (self.model.version, ManagerChoices(people))
        return ParticipantForm(self.context.db, person, self, people, self._choices[1])

    def _choices_after_sort(self) -> None:
        if self.model.rowCount() > self.page_size and not self.loading():
            self._prepare_choices()

    def _prepare_choices(self) -> None:
        """Work out the manager choices of the form between events, for the rows shown now,
        so that the form opens quickly (on 20,000 people)."""
        from ui.participant_form import ManagerChoices

        version = self.model.version
        choices = ManagerChoices(self.model.rows(), now=False)

        def steps() -> Iterator[None]:
            yield from choices.build()
            if self.model.version == version:
                self._choices = (version, choices)

        self._choices_work.run(steps())

    def new_participant(self) -> None:
        """Open the form for a new person; after saving, select them (undo removes them)."""
        if self.context.db is None:
            return
        form = self.open_form()
        accepted = form.exec()
        form.deleteLater()
        if accepted and form.saved is not None:
            saved = form.saved
            db = self.context.db
            self._push(
                tr("add “{name}”", name=saved.name),
                undo=lambda: self._deleted(service.delete_participant(db, saved.id)),
                redo=lambda: self._restored(service.restore_participant(db, saved)),
            )
            self._show([saved], select=saved.id, announce=True)

    def edit_selected(self) -> None:
        """Open the form for the selected person (undo puts the old values back)."""
        person = self.selected()
        if person is None or self.context.db is None:
            return
        form = self.open_form(person)
        accepted = form.exec()
        form.deleteLater()
        if accepted and form.saved is not None:
            saved, db = form.saved, self.context.db
            self._push(
                tr("edit “{name}”", name=saved.name),
                undo=lambda: self._updated(
                    service.update_participant(db, person.id, person.as_input())
                ),
                redo=lambda: self._updated(
                    service.update_participant(db, saved.id, saved.as_input())
                ),
            )
            self._updated(saved, announce=True)

    def delete_selected(self) -> None:
        """Delete the selected person after asking; refused for someone who is or was in
        a tandem (the service's message points to anonymising). Undo brings them back."""
        person = self.selected()
        db = self.context.db
        if person is None or db is None:
            return
        try:
            service.check_deletable(db, person.id)
        except TandemError as exc:
            from ui.privacy.actions import instead_of_delete_hint

            in_tandem = service.tandem_count(db, person.id) > 0
            dialogs.show_warning(self, exc.message, instead_of_delete_hint() if in_tandem else "")
            return
        question = tr("Delete {name}?", name=person.name)
        notes = count_notes(db, "participant", [person.id]).get(person.id, 0)
        if notes:
            question += "\n\n" + trn(
                "Their private note is deleted as well; Undo cannot bring it back.",
                "Their {n} private notes are deleted as well; Undo cannot bring them back.",
                notes,
            )
        else:
            question += "\n\n" + tr("You can undo this right after with Ctrl+Z.")
        if not dialogs.ask_yes_no(self, question):
            return
        try:
            deleted = service.delete_participant(db, person.id)
        except TandemError as exc:
            dialogs.show_warning(self, exc.message)
            return
        self._push(
            tr("delete “{name}”", name=person.name),
            undo=lambda: self._restored(
                service.restore_participant(db, deleted.person, deleted.report_ids)
            ),
            redo=lambda: self._deleted(service.delete_participant(db, person.id)),
        )
        self._deleted(deleted, announce=True)

    def record_consent(self) -> None:
        """Ask for the day of the consent of the selected people and record it for those who
        have none, in one step (undo takes it back)."""
        from ui.consent.dialog import ConsentDialog

        people, db = self.selected_people(), self.context.db
        if not people or db is None:
            return
        dialog = ConsentDialog(db, people, self)
        accepted = dialog.exec()
        done = dialog.recorded
        dialog.deleteLater()
        if not accepted or done is None or not done.recorded:
            return
        after = {p.id: done.on for p in done.recorded}
        self._push(
            trn("record consent of {n} person", "record consent of {n} people", len(after)),
            undo=lambda: self._show(service.set_consent_dates(db, done.before)),
            redo=lambda: self._show(service.set_consent_dates(db, after)),
        )
        self._show(done.recorded, announce=True)

    def _push(self, text: str, *, undo: Any, redo: Any) -> None:
        undo_stack(self.context).push(DoneCommand(self.context, text, PARTICIPANTS, undo, redo))

    # --- showing changes -----------------------------------------------------------------
    # A change (and its undo and redo) is shown in place, from the rows the service returned:
    # no reload of 20,000 people. The other views are told as before (an undo command tells
    # them by itself; this view then does not reload).
    def _show(
        self,
        changed: Sequence[Participant] = (),
        removed: Sequence[int] = (),
        *,
        select: int | None = None,
        announce: bool = False,
    ) -> None:
        """Show what a change gave; select `select`; tell the other views if `announce`."""
        if self.show_changes(PARTICIPANTS, changed, removed):
            self._add_filter_choices(changed)
            if self.model.rowCount() > self.page_size:
                self._prepare_choices()
            current = self.selected()
            if select is not None and (current is None or current.id != select):
                self.select_participant(select)  # a new row (an edited one stays selected)
            self._sync_buttons()
        else:
            self._select_id = select  # selected when the reload is done
        if announce:
            self.context.notify_changed(PARTICIPANTS)

    def _updated(self, person: Participant, *, announce: bool = False) -> None:
        """An edited person, and those reporting to them (their rows name the manager)."""
        assert self.context.db is not None
        reports = service.direct_reports(self.context.db, person.id)
        self._show([person, *reports], select=person.id, announce=announce)

    def _restored(self, person: Participant) -> None:
        """A person back after an undo of their deletion (or a redo of their adding)."""
        self._updated(person)

    def _deleted(self, deleted: DeletedParticipant, *, announce: bool = False) -> None:
        """A deleted person goes; those who reported to them have no manager now."""
        assert self.context.db is not None
        reports = service.participants_by_ids(self.context.db, deleted.report_ids)
        self._show(reports, [deleted.person.id], announce=announce)
