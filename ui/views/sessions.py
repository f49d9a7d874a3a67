"""The meetings view ("sessions" in the code): the meetings of a round (the running one by default) or of one tandem,
filtered by status or to those overdue for a status; mark meetings held or cancelled, edit a
meeting and its agenda, delete one; plan a round's meetings, edit the agenda template, and
send the meetings to Outlook as an .ics file."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QWidget,
)
from sqlite_utils import Database

from app.errors import NotFoundError, TandemError
from app.i18n import MONTHS_EN_SHORT, N_, format_number, language, tr, trn
from app.labels import label
from app.model import Session, SessionStatus
from app.services import common
from app.services import sessions as service
from app.services.attention import is_overdue
from app.services.overview import running_round_id
from app.services.rounds import list_rounds
from app.services.tandems import tandem_pairs
from ui import dialogs
from ui.context import PARTICIPANTS, ROUNDS, SESSIONS, TANDEMS, AppContext
from ui.documents.view_hooks import attach_document_action
from ui.form_fields import alert_colour
from ui.models.generic import Column, PreparedRows, RowFilterProxy, RowTableModel
from ui.models.loading import Slices
from ui.models.sortkeys import name_key
from ui.notes import attach_notes_button
from ui.undo import DoneCommand, undo_stack
from ui.views.base import (
    TableView,
    delete_keys,
    enter_keys,
    fit_to_entries,
    table_action,
    window_action,
)

_STATUS_ORDER = {"planned": 0, "held": 1, "cancelled": 2}
_ALL = None
_OVERDUE_ORDER = -1  # "status missing" sorts before planned

MARK_HELD_SHORTCUT = "Ctrl+Shift+H"
MARK_CANCELLED_SHORTCUT = "Ctrl+Shift+X"
NEW_MEETING_SHORTCUT = "Ctrl+Shift+N"
DATE, TANDEM, DURATION, PLACE, STATUS, AGENDA = range(6)
MANY_TANDEMS = 200
"""A round with more tandems gets its tandem filter filled between events."""


def when_text(value: datetime) -> str:
    """`format_datetime(value)`, built without strftime (ten times faster on 20,000 rows)."""
    if language() == "de":
        return (
            f"{value.day:02d}.{value.month:02d}.{value.year:04d} "
            f"{value.hour:02d}:{value.minute:02d}"
        )
    month = MONTHS_EN_SHORT[value.month - 1]
    return f"{value.day} {month} {value.year:04d} {value.hour:02d}:{value.minute:02d}"


class SessionTableModel(RowTableModel[Session]):
    """Meetings, with 'Status missing' in bold red (dark on a light palette, light on a
    dark one) and an explaining tooltip for a planned meeting whose day has passed (as
    app.services.attention counts them: not for a dissolved tandem, whose meetings no
    longer count)."""

    def __init__(self, parent: Any = None) -> None:
        self.today = common.today()
        self._alert: tuple[int, QColor] | None = None
        columns: list[Column[Session]] = [
            Column(N_("Date and time"), lambda s: when_text(s.starts_at), lambda s: s.starts_at.isoformat()),
            Column(N_("Tandem (mentor → mentee)"), lambda s: f"{s.mentor_name} → {s.mentee_name}",
                   lambda s: name_key(s.mentor_name, s.mentee_name), min_chars=20),
            Column(N_("Duration"), lambda s: tr("{n} min", n=s.duration_minutes), lambda s: s.duration_minutes, align_right=True, searchable=False),
            Column(N_("Place or link"), lambda s: s.location, stretch=True),
            Column(N_("Status"), self.status_text,
                   lambda s: _OVERDUE_ORDER if self.missing(s) else _STATUS_ORDER.get(str(s.status), 9)),
            Column(N_("Agenda items"), lambda s: str(len(s.agenda)), lambda s: len(s.agenda), align_right=True, searchable=False),
        ]  # fmt: skip
        super().__init__(columns, parent)

    def start_preparing(self) -> PreparedRows[Session]:
        """A batch of meetings to show, judged against today's date."""
        self.today = common.today()
        return super().start_preparing()

    def alert(self) -> QColor:
        """The red of "Status missing": readable on the table's rows, light or dark."""
        palette = QGuiApplication.palette()
        if self._alert is None or self._alert[0] != palette.cacheKey():
            self._alert = (palette.cacheKey(), alert_colour(palette))
        return self._alert[1]

    def missing(self, session: Session) -> bool:
        """True for a meeting that still needs its status (held or cancelled)."""
        return is_overdue(session, self.today)

    def status_text(self, session: Session) -> str:
        """The status word, or 'Status missing'."""
        return tr("Status missing") if self.missing(session) else label(session.status)

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == STATUS:
            session = self.row_at(index.row())
            if self.missing(session):
                if role == Qt.ItemDataRole.ForegroundRole:
                    return QBrush(self.alert())
                if role == Qt.ItemDataRole.FontRole:
                    font = QFont()
                    font.setBold(True)
                    return font
                if role == Qt.ItemDataRole.ToolTipRole:
                    return tr(
                        "Planned for a day that has passed: please mark it held or cancelled."
                    )
        return super().data(index, role)


class SessionFilterProxy(RowFilterProxy):
    """Filters by typed words AND by status (or 'overdue only')."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._keep: Callable[[Session], bool] | None = None
        self._name: object = None
        self._keep_mask: tuple[int, Any, list[bool]] | None = None

    def set_keep(self, keep: Callable[[Session], bool] | None, name: object = None) -> None:
        """Show only rows for which `keep(session)` is true (None: all). `name` tells tests
        apart: the same test set again filters nothing anew."""
        if (keep is None and self._keep is None) or (name is not None and name == self._name):
            return

        def change() -> None:
            self._keep = keep
            self._name = name
            self._keep_mask = None

        self.change_filter(change)

    def filterAcceptsRow(self, source_row: int, source_parent: Any) -> bool:  # noqa: N802
        if self._keep is None and not self._needles:  # asked for every row: keep it quick
            return True
        model = self._rows_model
        if self._keep is not None and model is not None:
            cached = self._keep_mask
            if cached is None or cached[0] != model.version or cached[1] is not self._keep:
                cached = (model.version, self._keep, [self._keep(s) for s in model.rows()])
                self._keep_mask = cached
            if not cached[2][source_row]:
                return False
        return super().filterAcceptsRow(source_row, source_parent)


class SessionsView(TableView):
    """The meetings of a round or a tandem, with quick status changes and editing."""

    areas = (SESSIONS, TANDEMS, PARTICIPANTS, ROUNDS)
    title = N_("Meetings")
    search_placeholder = N_("Search by name or place…")
    empty_hint = N_("No meetings yet. Meetings are planned for each tandem of a round.")
    default_sort = (DATE, Qt.SortOrder.AscendingOrder)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._round_chosen = False
        self._filled_generation: int | None = None
        self._tandem_items: list[tuple[str, int]] = []  # the tandem filter's choices
        self._pending: Callable[[], object] | None = None  # to do once the rows are shown
        self._tandem_work = Slices(self)  # filling the tandem filter between events
        self._select_ids: list[int] = []
        self.use_proxy(SessionFilterProxy(self))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setTabKeyNavigation(False)
        self._build_filters()
        self._build_actions()
        attach_notes_button(self, "session")  # private notes of the selected meeting

    # --- building ------------------------------------------------------------------------
    def _combo(self, name: str, chars: int) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(chars)
        return combo

    def _build_filters(self) -> None:
        self.round_filter = self._combo(tr("Round"), 16)
        self.tandem_filter = self._combo(tr("Tandem"), 22)
        self.status_filter = self._combo(tr("Filter by status"), 10)
        self.status_filter.addItem(tr("All statuses"), _ALL)
        for status in SessionStatus:
            self.status_filter.addItem(label(status), str(status))
        fit_to_entries(self.status_filter)
        self.overdue_only = QCheckBox(tr("Only &status missing"), self)
        self.overdue_only.setToolTip(
            tr("Only planned meetings whose day has passed (mark them held or cancelled)")
        )
        self.round_filter.currentIndexChanged.connect(self._round_changed)
        self.tandem_filter.currentIndexChanged.connect(lambda _i: self._load_rows())
        self.status_filter.currentIndexChanged.connect(lambda _i: self._apply_filters())
        self.overdue_only.toggled.connect(lambda _on: self._apply_filters())

        row = QHBoxLayout()
        layout = self.layout()
        position = layout.indexOf(self.search)
        layout.removeWidget(self.search)
        self.search.setMinimumWidth(self.search.fontMetrics().averageCharWidth() * 12)
        row.addWidget(self.round_filter, 2)
        row.addWidget(self.tandem_filter, 3)
        row.addWidget(self.status_filter, 1)
        row.addWidget(self.overdue_only)
        row.addWidget(self.search, 3)
        self.filter_row = row
        layout.insertLayout(position, row)  # type: ignore[attr-defined]

    def _button(self, text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _=False: slot())
        return button

    def _build_actions(self) -> None:
        native = QKeySequence.SequenceFormat.NativeText
        held_keys = QKeySequence(MARK_HELD_SHORTCUT).toString(native)
        cancelled_keys = QKeySequence(MARK_CANCELLED_SHORTCUT).toString(native)
        self.plan_button = self._button(
            tr("Plan meetings…"),
            tr("Plan the meetings of the chosen round (or tandem) in one step"),
            self.plan_meetings,
        )
        self.template_button = self._button(
            tr("Agenda template…"),
            tr("Edit the agenda items that newly planned meetings get"),
            self.edit_template,
        )
        self.ics_button = self._button(
            tr("Send to Outlook (.ics)…"),
            tr("Save the meetings of the chosen round (or tandem) as a calendar file for Outlook"),
            self.send_to_outlook,
        )
        # The round's buttons get a row of their own under the heading: beside it, the count
        # and the notes button, they made the view wider than a laptop at 150% (wide fonts).
        round_row = QHBoxLayout()
        for button in (self.plan_button, self.template_button, self.ics_button):
            round_row.addWidget(button)
        round_row.addStretch(1)
        self.layout().insertLayout(1, round_row)  # type: ignore[attr-defined]

        self.new_tip = tr(
            "Add a meeting to the tandem chosen above or of the selected meeting ({keys})",
            keys=QKeySequence(NEW_MEETING_SHORTCUT).toString(native),
        )
        self.new_button = self._button(tr("New meeting…"), self.new_tip, self.new_meeting)
        self.edit_button = self._button(
            tr("Edit…"), tr("Edit the selected meeting and its agenda (Enter or double-click)"),
            self.edit_selected,
        )  # fmt: skip
        self.held_button = self._button(
            tr("Mark held"),
            tr("Mark the selected meetings as held ({keys})", keys=held_keys),
            lambda: self.mark_selected(SessionStatus.HELD),
        )
        self.cancelled_button = self._button(
            tr("Mark cancelled"),
            tr("Mark the selected meetings as cancelled ({keys})", keys=cancelled_keys),
            lambda: self.mark_selected(SessionStatus.CANCELLED),
        )
        self.delete_button = self._button(
            tr("Delete…"), tr("Delete the selected meeting (Del)"), self.delete_selected
        )
        bottom = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.held_button,
                       self.cancelled_button):  # fmt: skip
            bottom.addWidget(button)
        bottom.addStretch(1)
        bottom.addWidget(self.delete_button)
        self.layout().addLayout(bottom)  # type: ignore[attr-defined]

        children = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.action_edit = table_action(self.table, tr("Edit…"), enter_keys(), self.edit_selected)
        self.action_delete = table_action(
            self.table, tr("Delete…"), delete_keys(), self.delete_selected
        )
        self.action_new = window_action(
            self, tr("New meeting…"), QKeySequence(NEW_MEETING_SHORTCUT), self.new_meeting, children
        )
        self.action_held = window_action(
            self,
            tr("Mark held"),
            QKeySequence(MARK_HELD_SHORTCUT),
            lambda: self.mark_selected(SessionStatus.HELD),
            children,
        )
        self.action_cancelled = window_action(
            self,
            tr("Mark cancelled"),
            QKeySequence(MARK_CANCELLED_SHORTCUT),
            lambda: self.mark_selected(SessionStatus.CANCELLED),
            children,
        )
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._sync_buttons())
        self.agenda_button, self.action_agenda = attach_document_action(
            self, tr("Agenda sheet…"),
            tr("Print the agenda sheet of the selected meeting"),
            self.print_agenda, after=self.cancelled_button,
        )  # fmt: skip

        order: list[QWidget] = [
            self.plan_button, self.template_button, self.ics_button, self.round_filter,
            self.tandem_filter, self.status_filter, self.overdue_only, self.search, self.table,
            self.new_button, self.edit_button, self.held_button, self.cancelled_button, self.delete_button,
        ]  # fmt: skip
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self._sync_buttons()

    # --- table ---------------------------------------------------------------------------
    def columns(self) -> Sequence[Column[Any]]:
        return self.model.columns if hasattr(self, "model") else []

    def make_model(self) -> RowTableModel[Any]:
        return SessionTableModel(self)

    def load(self, db: Database) -> Sequence[Session]:
        round_id = self.round_filter.currentData()
        tandem_id = self.tandem_filter.currentData()
        if round_id is None and tandem_id is None:
            return service.list_sessions(db)
        return service.list_sessions(db, round_id=round_id, tandem_id=tandem_id)

    def load_pages(self, db: Database) -> Iterable[Sequence[Session]]:
        return service.session_pages(
            db,
            round_id=self.round_filter.currentData(),
            tandem_id=self.tandem_filter.currentData(),
            size=self.page_size,
        )

    def reload(self) -> None:
        db = self.context.db
        assert db is not None
        if self._filled_generation != self.context.generation:
            self._round_chosen = False  # another file: start with its running round
            self._filled_generation = self.context.generation
        self._fill_rounds(db)
        self._fill_tandems(db)
        keep = self._select_ids or self.selected_ids()
        self._select_ids = []

        def shown() -> None:
            self._apply_filters()
            if keep:
                self.select_sessions(keep)
            self._sync_buttons()
            self._run_when_loaded()

        self.fill_table(shown)

    def clear(self) -> None:
        super().clear()
        self._tandem_work.cancel()
        self._pending = None
        self._round_chosen = False
        self._sync_buttons()

    def count_text(self, shown: int, total: int) -> str:
        if shown == total:
            return trn("{n} meeting", "{n} meetings", total)
        return trn(
            "{shown} of {n} meeting", "{shown} of {n} meetings", total, shown=format_number(shown)
        )

    def _update_count(self) -> None:
        super()._update_count()
        empty = self.is_empty()
        if hasattr(self, "round_filter"):
            self.hint.setText(self._empty_text() if empty else "")
            self.hint.setVisible(empty)
            for widget in (self.status_filter, self.overdue_only, self.edit_button,
                           self.held_button, self.cancelled_button, self.delete_button):  # fmt: skip
                widget.setVisible(not empty)
            self.round_filter.setVisible(self.round_filter.count() > 1)
            self.tandem_filter.setVisible(self.tandem_filter.count() > 1)

    def _fit_columns(self) -> None:
        super()._fit_columns()
        # "Status missing" is shown in bold: keep room for it whole.
        font = QFont(self.table.font())
        font.setBold(True)
        metrics = QFontMetrics(font)
        needed = metrics.horizontalAdvance(tr("Status missing")) + metrics.averageCharWidth() * 3
        header = self.table.horizontalHeader()
        if header.sectionSize(STATUS) < needed:
            header.resizeSection(STATUS, needed)

    def _empty_text(self) -> str:
        if self.context.db is None:
            return ""
        if self.round_filter.count() <= 1:
            return tr(
                "No rounds yet. Create a round and its tandems; then plan their meetings here."
            )
        if self.tandem_filter.count() <= 1 and self.round_filter.currentData() is not None:
            return tr(
                "This round has no tandems yet. Pair mentors and mentees in the Tandems view."
            )
        return tr(
            "No meetings yet. Plan the meetings of the round in one step with “Plan meetings…”."
        )

    # --- filters -------------------------------------------------------------------------
    def _fill_rounds(self, db: Database) -> None:
        rounds = sorted(list_rounds(db), key=lambda r: (r.start_date, r.id), reverse=True)
        current = self.round_filter.currentData() if self._round_chosen else running_round_id(
            db, common.today()
        )  # fmt: skip
        combo = self.round_filter
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(tr("All rounds"), _ALL)
        for rnd in rounds:
            combo.addItem(rnd.name, rnd.id)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)
        fit_to_entries(combo)
        self._round_chosen = True
        self.plan_button.setEnabled(bool(rounds))

    def _fill_tandems(self, db: Database) -> None:
        """Offer the tandems of the chosen round. Many are sorted and put in between events
        when none is chosen (the meetings read meanwhile are those of all tandems anyway)."""
        round_id = self.round_filter.currentData()
        current = self.tandem_filter.currentData()
        tandems = tandem_pairs(db, round_id) if round_id is not None else []
        steps = self._tandem_choice_steps(tandems, current)
        if current is None and len(tandems) > MANY_TANDEMS:
            if {i for _t, i in self._tandem_items} != {t.id for t in tandems}:
                self._set_tandem_choices([], None)  # none of another round meanwhile
            self._tandem_work.run(steps)
        else:
            self._tandem_work.cancel()
            for _step in steps:
                pass

    def _tandem_choice_steps(self, tandems: list[Any], current: int | None) -> Iterator[None]:
        keys: list[str] = []
        for start in range(0, len(tandems), 500):
            keys += [name_key(t.mentor_name, t.mentee_name) for t in tandems[start : start + 500]]
            yield
        items: list[tuple[str, int]] = []
        for n in sorted(range(len(tandems)), key=keys.__getitem__):
            tandem = tandems[n]
            text = f"{tandem.mentor_name} → {tandem.mentee_name}"
            if not tandem.status.is_open:  # completed or dissolved: say so
                text += f" ({label(tandem.status)})"
            items.append((text, tandem.id))
        yield
        combo = self.tandem_filter
        if items == self._tandem_items and combo.count() == len(items) + 1:
            return  # the same choices (a round of 2,000 tandems takes a while to fill)
        self._set_tandem_choices(items, current)
        self._update_count()

    def _set_tandem_choices(self, items: list[tuple[str, int]], current: int | None) -> None:
        self._tandem_items = items
        combo = self.tandem_filter
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(tr("All tandems"), _ALL)
        for text, tandem_id in items:
            combo.addItem(text, tandem_id)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def _round_changed(self, _index: int) -> None:
        if self.context.db is None:
            return
        self.tandem_filter.blockSignals(True)
        self.tandem_filter.setCurrentIndex(0)
        self.tandem_filter.blockSignals(False)
        self._fill_tandems(self.context.db)
        self._load_rows()

    def _load_rows(self) -> None:
        if self.context.db is None:
            return

        def shown() -> None:
            self._apply_filters()
            self._sync_buttons()
            self._run_when_loaded()

        self.fill_table(shown)
        self._sync_buttons()

    def _when_loaded(self, step: Callable[[], object]) -> None:
        """Do `step` now, or once the meetings being read are shown."""
        if self.loading():
            self._pending = step
        else:
            self._pending = None
            step()

    def _run_when_loaded(self) -> None:
        step, self._pending = self._pending, None
        if step is not None:
            step()

    def _apply_filters(self) -> None:
        status = self.status_filter.currentData()
        overdue = self.overdue_only.isChecked()
        keep: Callable[[Session], bool] | None = None
        if overdue:
            keep = self.model.missing
        elif status is not None:

            def keep(s: Session) -> bool:
                return str(s.status) == status

        self.status_filter.setEnabled(not overdue)
        self.proxy.set_keep(keep, None if keep is None else (overdue, status))
        self._update_count()
        self._sync_buttons()

    def set_round(self, round_id: int | None) -> None:
        """Show the meetings of a round (None: all rounds)."""
        index = self.round_filter.findData(round_id) if round_id is not None else 0
        self.round_filter.setCurrentIndex(max(index, 0))

    def set_tandem(self, tandem_id: int | None) -> None:
        """Show the meetings of one tandem of the chosen round (None: all)."""
        index = self.tandem_filter.findData(tandem_id) if tandem_id is not None else 0
        self.tandem_filter.setCurrentIndex(max(index, 0))

    def chosen_round_id(self) -> int | None:
        """The round chosen in the round filter (None for all rounds)."""
        return self.round_filter.currentData()

    def chosen_tandem_id(self) -> int | None:
        """The tandem chosen in the tandem filter (None for all)."""
        return self.tandem_filter.currentData()

    # --- selection -----------------------------------------------------------------------
    def selected_sessions(self) -> list[Session]:
        """The selected meetings, in table order."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [
            self.model.row_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row()) for r in rows
        ]

    def selected_ids(self) -> list[int]:
        """The ids of the selected meetings."""
        return [s.id for s in self.selected_sessions()]

    def selected(self) -> Session | None:
        """The meeting in the current row, if selected."""
        return self.selected_row()

    def print_agenda(self) -> None:
        """Agenda sheet…: the agenda sheet of the meeting in the current row."""
        from ui.documents.actions import print_agenda_sheet

        session = self.current_row()
        if session is not None:
            print_agenda_sheet(self.context, session.id, self)

    def select_sessions(self, session_ids: Sequence[int]) -> bool:
        """Select the rows of these meetings (those shown) and scroll to the first."""
        wanted = set(session_ids)
        selection = self.table.selectionModel()
        selection.clearSelection()
        first = None
        for row in range(self.proxy.rowCount()):
            session = self.model.row_at(self.proxy.mapToSource(self.proxy.index(row, 0)).row())
            if session.id in wanted:
                index = self.proxy.index(row, DATE)
                if first is None:
                    first = index
                    self.table.setCurrentIndex(index)
                selection.select(
                    index,
                    selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
                )
        if first is not None:
            self.table.scrollTo(first)
        self._sync_buttons()
        return first is not None

    def show_missing(self, round_id: int) -> None:
        """Show a round's meetings whose status is missing (from the overview)."""
        self.ensure_loaded()
        self.search.clear()
        self.status_filter.setCurrentIndex(0)
        self.set_round(round_id)
        self.set_tandem(None)
        self.overdue_only.setChecked(True)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

        def select_first() -> None:
            if self.proxy.rowCount():
                self.table.selectRow(0)

        self._when_loaded(select_first)

    def show_item(self, session_id: int) -> bool:
        """Show one meeting (from the overview): its round, every status, selected."""
        db = self.context.db
        if db is None:
            return False
        self.ensure_loaded()
        try:
            session = service.get_session(db, session_id)
        except NotFoundError:  # deleted meanwhile
            return False
        for combo in (self.status_filter,):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.overdue_only.blockSignals(True)
        self.overdue_only.setChecked(False)
        self.overdue_only.blockSignals(False)
        self.search.clear()
        if self.round_filter.currentData() != session.round_id:
            self.set_round(session.round_id)
        tandem = self.tandem_filter.currentData()
        if tandem is not None and tandem != session.tandem_id:
            self.set_tandem(None)
        self._apply_filters()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.loading():  # a long list still being read: selected once it is shown
            self._when_loaded(lambda: self.select_sessions([session_id]))
            return True
        return self.select_sessions([session_id])

    def _sync_buttons(self) -> None:
        if not hasattr(self, "delete_button"):
            return
        chosen = self.selected_sessions()
        one = len(chosen) == 1
        self.edit_button.setEnabled(one)
        can_add = self._tandem_for_new() is not None
        self.new_button.setEnabled(can_add)
        # A disabled button says what it waits for (its tooltip shows while disabled too).
        hint = (
            self.new_tip
            if can_add
            else tr(
                "Choose a tandem in the box above, or select one of its meetings, to add a "
                "meeting to it."
            )
        )
        self.new_button.setToolTip(hint)
        self.new_button.setStatusTip(hint)
        self.delete_button.setEnabled(bool(chosen))
        self.held_button.setEnabled(bool(chosen))
        self.cancelled_button.setEnabled(bool(chosen))
        has_file = self.context.db is not None
        self.ics_button.setEnabled(
            has_file and (self.chosen_round_id() is not None or self.chosen_tandem_id() is not None)
        )
        self.template_button.setEnabled(has_file)

    # --- changes -------------------------------------------------------------------------
    def _changed(self, select: Sequence[int]) -> None:
        self._select_ids = list(select)
        self.context.notify_changed(SESSIONS)
        if self.isVisible():  # a button pressed may be disabled now: keep the keyboard here
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show(
        self,
        changed: Sequence[Session] = (),
        removed: Sequence[int] = (),
        *,
        select: Sequence[int] | None = None,
        announce: bool = False,
    ) -> None:
        """Show the meetings a change gave in place (no reload of the whole round), select
        `select` (None: keep the selection), and tell the other views if `announce` (an
        undo command tells them by itself)."""
        round_id, tandem_id = self.chosen_round_id(), self.chosen_tandem_id()
        shown = [
            s
            for s in changed
            if (round_id is None or s.round_id == round_id)
            and (tandem_id is None or s.tandem_id == tandem_id)
        ]
        if self.show_changes(SESSIONS, shown, removed):
            if select is not None:
                self.select_sessions(select)
            self._sync_buttons()
            if announce:
                self.context.notify_changed(SESSIONS)
            if self.isVisible():  # a button pressed may be disabled now: keep the keyboard
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        elif announce:
            self._changed(select if select is not None else self.selected_ids())

    def mark_selected(self, status: SessionStatus) -> int:
        """Set the status of the selected meetings (undo puts the old ones back)."""
        db = self.context.db
        chosen = [s for s in self.selected_sessions() if s.status != status]
        if db is None or not chosen:
            return 0
        before = {s.id: s.status for s in chosen}
        after = dict.fromkeys(before, status)
        try:
            marked = service.set_statuses(db, after)  # all of them or none
        except TandemError as exc:
            dialogs.show_warning(self, exc.message)
            return 0
        what = (
            trn("mark {n} meeting held", "mark {n} meetings held", len(chosen))
            if status == SessionStatus.HELD
            else trn("mark {n} meeting cancelled", "mark {n} meetings cancelled", len(chosen))
        )

        undo_stack(self.context).push(
            DoneCommand(
                self.context,
                what,
                SESSIONS,
                lambda: self._show(service.set_statuses(db, before)),
                lambda: self._show(service.set_statuses(db, after)),
            )
        )
        self._show(marked, announce=True)
        return len(chosen)

    def open_form(self, session: Session):  # noqa: ANN201 - lazy import
        """The form for a meeting (not yet shown)."""
        from ui.session_form import SessionForm

        assert self.context.db is not None
        return SessionForm(self.context.db, session, self)

    def edit_selected(self) -> None:
        """Open the form of the selected meeting."""
        chosen = self.selected_sessions()
        db = self.context.db
        if len(chosen) != 1 or db is None:
            return
        try:
            session = service.get_session(db, chosen[0].id)
        except TandemError as exc:
            dialogs.show_warning(self, exc.message)
            return
        form = self.open_form(session)
        accepted = form.exec()
        form.deleteLater()
        if accepted and form.saved is not None:
            self._show([form.saved], select=[session.id], announce=True)

    def _tandem_for_new(self) -> int | None:
        """The tandem a new meeting is for: the one chosen above, else the selected
        meeting's."""
        chosen = self.chosen_tandem_id()
        if chosen is not None:
            return int(chosen)
        selected = self.selected_sessions()
        return selected[0].tandem_id if len(selected) == 1 else None

    def new_meeting(self) -> None:
        """Add one meeting (with its agenda) to a tandem through the session form."""
        from ui.session_form import SessionForm

        db = self.context.db
        tandem_id = self._tandem_for_new()
        if db is None or tandem_id is None:
            return
        try:
            draft = service.draft_session(db, tandem_id, common.today())
        except TandemError as exc:
            dialogs.show_warning(self, exc.message)
            return
        form = SessionForm(db, draft, self, new=True)
        accepted = form.exec()
        form.deleteLater()
        if accepted and form.saved is not None:
            self._show([form.saved], select=[form.saved.id], announce=True)

    def delete_selected(self) -> None:
        """Delete the selected meetings after asking."""
        from ui.session_form import describe

        chosen = self.selected_sessions()
        db = self.context.db
        if not chosen or db is None:
            return
        if len(chosen) == 1:
            question = tr("Delete the meeting {what} with its agenda?", what=describe(chosen[0]))
        else:
            question = trn(
                "Delete {n} meeting with its agenda?",
                "Delete {n} meetings with their agendas?",
                len(chosen),
            )
        question += "\n\n" + trn(
            "Private notes on the meeting are deleted as well. This cannot be undone.",
            "Private notes on these meetings are deleted as well. This cannot be undone.",
            len(chosen),
        )
        if not dialogs.ask_yes_no(self, question):
            return
        try:
            service.delete_sessions(db, [s.id for s in chosen])  # all of them or none
        except TandemError as exc:
            dialogs.show_warning(self, exc.message)
            return
        self._show(removed=[s.id for s in chosen], select=[], announce=True)

    def plan_meetings(self) -> None:
        """Plan the meetings of the chosen round, or of the chosen tandem."""
        from ui.plan_dialog import PlanDialog

        db = self.context.db
        if db is None:
            return
        round_id = self.chosen_round_id()
        if round_id is None:
            round_id = running_round_id(db, common.today())
        if round_id is None:
            dialogs.show_info(self, tr("Please create a round first."))
            return
        dialog = PlanDialog(db, round_id, self.chosen_tandem_id(), self)
        dialog.exec()
        dialog.deleteLater()
        if dialog.result_ is not None and dialog.result_.created:
            if self.chosen_round_id() is None:
                self.set_round(round_id)
            self._changed([])

    def edit_template(self) -> None:
        """Edit the agenda template (the arc) that newly planned meetings get."""
        from ui.arc_editor import ArcEditor

        if self.context.db is None:
            return
        editor = ArcEditor(self.context.db, self)
        editor.exec()
        editor.deleteLater()

    def send_to_outlook(self) -> Any:
        """Save the chosen round's (or tandem's) meetings as an .ics file for Outlook."""
        from ui.calendar_actions import export_calendar

        return export_calendar(
            self.context, self, round_id=self.chosen_round_id(), tandem_id=self.chosen_tandem_id()
        )
