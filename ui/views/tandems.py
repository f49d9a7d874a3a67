"""The tandems view: the tandems of a round (the running one by default), filtered by status,
with a marker on those needing attention; the selected tandem's details and lifecycle on the
right; "New tandem…" and "Propose pairs…" for the round."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QWidget,
)
from sqlite_utils import Database

from app.errors import NotFoundError, TandemError
from app.i18n import N_, format_number, tr, trn
from app.labels import label, topic_label
from app.model import Tandem, TandemStatus
from app.services.attention import Flag, tandems_needing_attention
from app.services.overview import running_round_id
from app.services.rounds import list_rounds
from app.services.tandems import (
    check_deletable,
    delete_tandem,
    get_tandem,
    list_tandems,
    tandem_pages,
)
from ui import dialogs
from ui.context import CHECKINS, PARTICIPANTS, ROUNDS, SESSIONS, TANDEMS, TOPICS, AppContext
from ui.documents.view_hooks import attach_document_action, document_menu_action
from ui.models.generic import Column, RowTableModel
from ui.models.loading import first_do
from ui.models.sortkeys import name_key
from ui.notes import attach_notes_button
from ui.tandem_detail import TandemDetail
from ui.views.base import (
    TableView,
    delete_keys,
    enter_keys,
    fit_to_entries,
    plain_label,
    table_action,
    window_action,
)
from ui.views.rounds import planned_meetings

_STATUS_ORDER = {s: n for n, s in enumerate(TandemStatus)}
NEW_TANDEM_SHORTCUT = QKeySequence("Ctrl+Shift+N")  # "new" in every view
PROPOSE_SHORTCUT = QKeySequence("Ctrl+Shift+M")
ATTENTION_FILTER = "attention"
# The attention marker sits beside the status, before the focus topics, which take the rest
# of the width (and are elided first): on a small screen the marker is never cut.
ROUND_COLUMN, ATTENTION_COLUMN, FOCUS_COLUMN = 0, 4, 6


class TandemTableModel(RowTableModel[Tandem]):
    """The tandems with their attention marker; the marker's tooltip gives the reasons."""

    def __init__(self, columns: Sequence[Column[Tandem]], parent: Any = None) -> None:
        super().__init__(columns, parent)
        self.attention: dict[int, list[Flag]] = {}

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and index.isValid()
            and index.column() == ATTENTION_COLUMN
        ):
            flags = self.attention.get(self.row_at(index.row()).id)
            return "\n".join(f.reason for f in flags) if flags else None
        return super().data(index, role)


class TandemsView(TableView):
    """The tandems of one round (or all), their details and lifecycle."""

    areas = (TANDEMS, ROUNDS, PARTICIPANTS, SESSIONS, TOPICS, CHECKINS)
    title = N_("Tandems")
    search_placeholder = N_("Search tandems by name or topic…")
    empty_hint = N_("No tandems yet. A tandem pairs a mentor with a mentee in a round.")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        self._planned: dict[int, int] = {}
        self._round_id: int | None = None
        self._round_generation: int | None = None
        self._rounds_count = 0
        super().__init__(context, parent)
        self._build_filters()
        self._build_details()
        self._build_actions()
        attach_notes_button(self, "tandem")  # private notes of the selected tandem

    # --- building ------------------------------------------------------------------------
    def _build_filters(self) -> None:
        self.round_combo = QComboBox(self)
        self.round_combo.setAccessibleName(tr("Round"))
        self.round_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.status_combo = QComboBox(self)
        self.status_combo.setAccessibleName(tr("Show tandems with status"))
        self.status_combo.addItem(tr("All statuses"), None)
        for status in TandemStatus:
            self.status_combo.addItem(label(status), str(status))
        self.status_combo.addItem(tr("Needing attention"), ATTENTION_FILTER)
        round_label = plain_label(tr("&Round:"), self)
        round_label.setBuddy(self.round_combo)
        status_label = plain_label(tr("S&tatus:"), self)
        status_label.setBuddy(self.status_combo)
        row = QHBoxLayout()
        row.addWidget(round_label)
        row.addWidget(self.round_combo)
        row.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        row.addWidget(status_label)
        row.addWidget(self.status_combo)
        row.addWidget(self.search, 1)
        layout = self.layout()
        layout.removeWidget(self.search)
        layout.insertLayout(1, row)  # type: ignore[attr-defined]
        self.round_combo.activated.connect(self._on_round_chosen)
        self.status_combo.activated.connect(lambda _i: self.refresh())

    def _build_details(self) -> None:
        self.detail = TandemDetail(self)
        self.detail.changed.connect(self._on_detail_changed)
        self.detail.open_sessions.connect(self.open_sessions)
        self.detail.delete_requested.connect(lambda _tid: self.delete_selected())
        self.detail.agreement_requested.connect(self.print_agreement)
        self.detail.agendas_requested.connect(self.print_agendas)
        self.detail_scroll = QScrollArea(self)
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setWidget(self.detail)
        self.detail_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        layout = self.layout()
        position = layout.indexOf(self.table)
        layout.removeWidget(self.table)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail_scroll)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        char = self.fontMetrics().averageCharWidth()
        self.detail_scroll.setMinimumWidth(char * 66)
        self.splitter.setSizes([char * 104, char * 76])
        layout.insertWidget(position, self.splitter, 1)  # type: ignore[attr-defined]
        self.table.setTabKeyNavigation(False)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        self.proxy.modelReset.connect(self._show_detail)
        self.proxy.layoutChanged.connect(self._show_detail)

    def _build_actions(self) -> None:
        native = QKeySequence.SequenceFormat.NativeText
        self.new_button = QPushButton(tr("New tandem…"), self)
        self.new_button.setToolTip(
            tr("Pair a mentor and a mentee by hand ({shortcut})",
               shortcut=NEW_TANDEM_SHORTCUT.toString(native))
        )  # fmt: skip
        self.propose_button = QPushButton(tr("Propose pairs…"), self)
        self.propose_button.setToolTip(
            tr("Let Tandem propose the best-fitting pairs of the round ({shortcut})",
               shortcut=PROPOSE_SHORTCUT.toString(native))
        )  # fmt: skip
        self.new_button.clicked.connect(self.new_tandem)
        self.propose_button.clicked.connect(self.propose_pairs)
        top = self.layout().itemAt(0).layout()
        top.insertSpacing(1, self.fontMetrics().averageCharWidth() * 3)  # type: ignore[attr-defined]
        top.insertWidget(2, self.new_button)  # type: ignore[attr-defined]
        top.insertWidget(3, self.propose_button)  # type: ignore[attr-defined]

        self.action_new = window_action(
            self, tr("New tandem…"), NEW_TANDEM_SHORTCUT, self.new_tandem
        )
        self.action_propose = window_action(
            self, tr("Propose pairs…"), PROPOSE_SHORTCUT, self.propose_pairs
        )
        self.action_delete = table_action(
            self.table, tr("Delete tandem…"), delete_keys(), self.delete_selected
        )
        # Enter (or a double-click) opens the tandem: the keyboard goes to its details;
        # Escape there comes back to the list.
        self.action_open = table_action(
            self.table, tr("Open tandem"), enter_keys(), self.open_selected
        )
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.action_back = window_action(
            self.detail_scroll, tr("Back to the list"), QKeySequence(Qt.Key.Key_Escape),
            lambda: self.table.setFocus(Qt.FocusReason.ShortcutFocusReason),
            Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )  # fmt: skip
        _button, self.action_agreement = attach_document_action(
            self, tr("Print agreement…"), "", self.print_selected_agreement, with_button=False
        )
        self.action_agendas = document_menu_action(
            self, tr("Agenda sheets of upcoming meetings…"), self.print_selected_agendas
        )
        QWidget.setTabOrder(self.round_combo, self.status_combo)
        QWidget.setTabOrder(self.status_combo, self.search)
        QWidget.setTabOrder(self.search, self.table)
        QWidget.setTabOrder(self.table, self.detail.agree_button)
        self._update_buttons()

    # --- table ---------------------------------------------------------------------------
    def make_model(self) -> RowTableModel[Any]:
        return TandemTableModel(self.columns(), self)

    def columns(self) -> Sequence[Column[Any]]:
        return [
            Column(N_("Round"), lambda t: t.round_name),
            Column(N_("Mentor"), lambda t: t.mentor_name, lambda t: name_key(t.mentor_name), min_chars=22),
            Column(N_("Mentee"), lambda t: t.mentee_name, lambda t: name_key(t.mentee_name), min_chars=22),
            Column(N_("Status"), lambda t: label(t.status), lambda t: _STATUS_ORDER.get(t.status, 9), min_chars=16),
            Column(N_("Attention"), self._attention, lambda t: 0 if self._flags(t) else 1, min_chars=18),
            Column(N_("Meetings"), self._meetings, lambda t: t.sessions_held, align_right=True),
            Column(N_("Focus"), lambda t: ", ".join(topic_label(n) for n in t.focus_topics), stretch=True, min_chars=16),
        ]  # fmt: skip

    def _flags(self, tandem: Tandem) -> list[Flag]:
        model = getattr(self, "model", None)
        return model.attention.get(tandem.id, []) if model is not None else []

    def _attention(self, tandem: Tandem) -> str:
        flags = self._flags(tandem)
        if not flags:
            return ""
        return "⚠ " + trn("{n} reason", "{n} reasons", len(flags))

    def _meetings(self, tandem: Tandem) -> str:
        planned = planned_meetings(tandem, self._planned.get(tandem.round_id, 0))
        return tr("{held} of {planned}", held=tandem.sessions_held, planned=planned)

    def load(self, db: Database) -> Sequence[Tandem]:
        self._before_loading(db)
        self._read_attention(db)
        keep = self.keep_row()
        tandems = list_tandems(db, self._round_id)
        return tandems if keep is None else [t for t in tandems if keep(t)]

    def load_pages(self, db: Database) -> Iterable[Sequence[Tandem]]:
        self._before_loading(db)
        # The attention flags (a few aggregate queries) are read as the first step of the
        # loading: between events for a round of 2,000 tandems.
        return first_do(
            lambda: self._read_attention(db), tandem_pages(db, self._round_id, self.page_size)
        )

    def keep_row(self) -> Callable[[Tandem], bool] | None:
        wanted = self.status_combo.currentData()
        if wanted == ATTENTION_FILTER:
            return lambda t: t.id in self.model.attention  # type: ignore[attr-defined]
        if wanted is not None:
            return lambda t: t.status == wanted
        return None

    def _before_loading(self, db: Database) -> None:
        """The rounds to choose from."""
        rounds = list_rounds(db)
        self._planned = {r.id: r.meetings_planned for r in rounds}
        self._fill_rounds(db, rounds)
        self.table.setColumnHidden(ROUND_COLUMN, self._round_id is not None)

    def _read_attention(self, db: Database) -> None:
        """The attention flags of the round shown."""
        items = tandems_needing_attention(db, round_id=self._round_id)
        self.model.attention = {item.tandem_id: list(item.flags) for item in items}  # type: ignore[attr-defined]

    def _fill_rounds(self, db: Database, rounds: list[Any]) -> None:
        if self._round_generation != self.context.generation:
            self._round_generation = self.context.generation
            self._round_id = running_round_id(db)
        ids = {r.id for r in rounds}
        if self._round_id is not None and self._round_id not in ids:
            self._round_id = running_round_id(db)
        self._rounds_count = len(rounds)
        self.round_combo.blockSignals(True)
        self.round_combo.clear()
        for round_ in rounds:
            self.round_combo.addItem(round_.name, round_.id)
        self.round_combo.addItem(tr("All rounds"), None)
        self.round_combo.setCurrentIndex(self.round_combo.findData(self._round_id))
        self.round_combo.blockSignals(False)
        fit_to_entries(self.round_combo)

    def _fit_columns(self) -> None:
        """As the base class, but the focus topics keep their fitted width when space is
        short (the last column takes what is left; the table scrolls sideways if need be)."""
        super()._fit_columns()
        header = self.table.horizontalHeader()
        widths = [header.sectionSize(c) for c in range(self.model.columnCount())]
        for column, width in enumerate(widths):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        focus = FOCUS_COLUMN
        floor = header.fontMetrics().averageCharWidth() * 16
        header.resizeSection(focus, max(header.sectionSize(focus), floor))
        header.setStretchLastSection(True)

    def count_text(self, shown: int, total: int) -> str:
        if shown == total:
            return trn("{n} tandem", "{n} tandems", total)
        return trn(
            "{shown} of {n} tandem", "{shown} of {n} tandems", total, shown=format_number(shown)
        )

    def reload(self) -> None:
        self.reload_and_reselect(1)
        if not self.loading():
            self._show_detail()

    def clear(self) -> None:
        super().clear()
        if hasattr(self, "detail"):
            self.detail.show_tandem(None, None)
        self._update_buttons()

    def _update_count(self) -> None:
        super()._update_count()
        if not hasattr(self, "splitter"):
            return
        empty = self.is_empty()
        self.splitter.setVisible(not empty)
        if empty and self.context.db is not None:
            if not self._rounds_count:
                text = tr("No rounds yet. Add a round in the Rounds view, then pair its people.")
            elif self.status_combo.currentData() is not None:
                text = tr("No tandems with this status.")
            else:
                text = tr("No tandems in this round yet. Use “New tandem…” or “Propose pairs…”.")
            self.hint.setText(text)
            self.hint.setVisible(True)
        self._update_buttons()

    def _update_buttons(self) -> None:
        if not hasattr(self, "new_button"):
            return
        has_round = self.context.db is not None and self._round_id is not None
        for widget in (self.new_button, self.propose_button, self.action_new, self.action_propose):
            widget.setEnabled(has_round)
        tip = "" if has_round else tr("Choose a round first.")
        self.new_button.setStatusTip(tip)

    # --- selection -----------------------------------------------------------------------
    def selected(self) -> Tandem | None:
        """The tandem in the current row, if any."""
        return self.current_row()

    def select_tandem(self, tandem_id: int) -> bool:
        """Select a tandem's row (if shown)."""
        return self.select_row_of(tandem_id, 1)

    def show_item(self, tandem_id: int) -> None:
        """Show one tandem: its round, every status, its row selected (the overview uses it)."""
        db = self.context.db
        if db is None:
            return
        try:
            tandem = get_tandem(db, tandem_id)
        except NotFoundError:  # deleted meanwhile
            return
        self._round_generation = self.context.generation
        self._round_id = tandem.round_id
        self.status_combo.setCurrentIndex(0)
        self.search.clear()
        self.select_after_reload = tandem_id
        self._load_now()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_selected(self) -> QWidget | None:
        """Open the selected tandem: the keyboard goes to its first control that can act
        (the next step, else its focus topics), scrolled into view; returns it."""
        if self.selected() is None:
            return None
        self._show_detail()
        self.detail_scroll.verticalScrollBar().setValue(0)
        widget = self.detail.focus_first()
        if widget is not None:
            self.detail_scroll.ensureWidgetVisible(widget)
        return widget

    def _show_detail(self) -> None:
        if not hasattr(self, "detail"):
            return
        tandem = self.selected() if self.context.db is not None else None
        self.detail.show_tandem(self.context.db, tandem.id if tandem else None)
        self.action_delete.setEnabled(tandem is not None and tandem.status.can_be_deleted)

    def _on_round_chosen(self, _index: int) -> None:
        self._round_id = self.round_combo.currentData()
        self.refresh()

    # --- actions -------------------------------------------------------------------------
    def _on_detail_changed(self, area: str, tandem_id: int) -> None:
        self.select_after_reload = tandem_id
        self.context.notify_changed(area)

    def new_tandem(self) -> None:
        """Open the "New tandem" form for the chosen round; select the tandem made."""
        from ui.tandem_form import TandemForm

        if self.context.db is None or self._round_id is None:
            return
        form = TandemForm(self.context.db, self._round_id, self)
        try:
            accepted = form.exec() == QDialog.DialogCode.Accepted
            saved = form.saved
        finally:
            form.deleteLater()
        if accepted and saved is not None:
            self._show_new(saved.id)

    def propose_pairs(self) -> None:
        """Open the matching proposals for the chosen round."""
        from ui.matching_dialog import MatchingDialog

        if self.context.db is None or self._round_id is None:
            return
        dialog = MatchingDialog(self.context, self._round_id, self)
        try:
            dialog.exec()
            created = list(dialog.created)
        finally:
            dialog.deleteLater()
        if created:
            self._show_new(created[0].id)

    def _show_new(self, tandem_id: int) -> None:
        if self.status_combo.currentData() is not None:
            self.status_combo.setCurrentIndex(0)
        self.search.clear()
        self.select_after_reload = tandem_id
        self.context.notify_changed(TANDEMS)

    def delete_selected(self) -> None:
        """Delete the selected tandem after asking (only a proposed one can be deleted)."""
        tandem = self.selected()
        db = self.context.db
        if tandem is None or db is None:
            return
        try:
            check_deletable(db, tandem.id)
        except TandemError as exc:
            dialogs.show_warning(self, exc.message)
            return
        question = tr(
            "Delete the proposed tandem of {mentor} and {mentee}?",
            mentor=tandem.mentor_name,
            mentee=tandem.mentee_name,
        )
        if not dialogs.ask_yes_no(self, question):
            return
        try:
            delete_tandem(db, tandem.id)
        except TandemError as exc:
            dialogs.show_warning(self, exc.message)
            return
        self.context.notify_changed(TANDEMS)

    def print_agreement(self, tandem_id: int) -> None:
        """Print agreement…: make the tandem's agreement and show it in the preview."""
        from ui.documents.actions import print_agreement

        print_agreement(self.context, tandem_id, self)

    def print_agendas(self, tandem_id: int) -> None:
        """Agenda sheets of upcoming meetings…: one sheet per upcoming meeting."""
        from ui.documents.actions import print_upcoming_agendas

        print_upcoming_agendas(self.context, tandem_id, self)

    def print_selected_agreement(self) -> None:
        """Ctrl+P and the context menu: the selected tandem's agreement."""
        tandem = self.selected()
        if tandem is not None:
            self.print_agreement(tandem.id)

    def print_selected_agendas(self) -> None:
        """The context menu: the selected tandem's upcoming agenda sheets."""
        tandem = self.selected()
        if tandem is not None:
            self.print_agendas(tandem.id)

    def open_sessions(self, tandem_id: int) -> None:
        """Switch to the meetings view, filtered to this tandem's meetings."""
        window = self.window()
        show_view = getattr(window, "show_view", None)
        if show_view is None or self.context.db is None:
            return
        tandem = get_tandem(self.context.db, tandem_id)
        view = show_view("sessions")
        set_round = getattr(view, "set_round", None)
        set_tandem = getattr(view, "set_tandem", None)
        if set_round is not None and set_tandem is not None:
            set_round(tandem.round_id)
            set_tandem(tandem_id)
