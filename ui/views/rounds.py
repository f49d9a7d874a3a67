"""The rounds view: every program round with its dates, meetings, cadence and tandems; add,
edit and delete rounds; the selected round's tandems and progress below the table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from app.errors import TandemError
from app.i18n import N_, format_date, format_number, tr, trn
from app.labels import label, topic_label
from app.model import Round, Tandem, TandemStatus
from app.services.rounds import delete_round, list_rounds
from app.services.tandems import meetings_meant, tandem_pages
from ui import dialogs
from ui.context import ROUNDS, SESSIONS, TANDEMS, AppContext
from ui.documents.view_hooks import attach_document_action
from ui.models.generic import Column, RowTableModel
from ui.models.loading import RowLoader
from ui.models.sortkeys import date_key, name_key
from ui.views.base import TableView, plain_label
from ui.views.sizing import fit_columns_to_sample

if TYPE_CHECKING:
    from ui.round_form import RoundForm

ROUND_COLUMNS: list[Column[Round]] = [
    Column(N_("Name"), lambda r: r.name, stretch=True),
    Column(N_("Start"), lambda r: format_date(r.start_date), lambda r: date_key(r.start_date)),
    Column(N_("End"), lambda r: format_date(r.end_date), lambda r: date_key(r.end_date)),
    Column(N_("Meetings per tandem"), lambda r: str(r.meetings_planned), lambda r: r.meetings_planned, align_right=True),
    Column(N_("Cadence"), lambda r: trn("every week", "every {n} weeks", r.cadence_weeks), lambda r: r.cadence_weeks),
    Column(N_("Tandems"), lambda r: str(r.tandem_count), lambda r: r.tandem_count, align_right=True),
    # How many tandems the round is meant to have ("Propose pairs…" fills up to it).
    Column(N_("Target"), lambda r: str(r.target_tandems or "–"), lambda r: r.target_tandems or 0, align_right=True),
]  # fmt: skip

NEW_ROUND_SHORTCUT = QKeySequence("Ctrl+Shift+N")
_STATUS_ORDER = {s: n for n, s in enumerate(TandemStatus)}


def planned_meetings(tandem: Tandem, per_tandem: int) -> int:
    """The meetings a tandem is meant to hold (the rule is the service's meetings_meant)."""
    return meetings_meant(tandem.status, tandem.sessions_held, per_tandem)


def progress_text(round_: Round, tandems: Sequence[Tandem]) -> str:
    """'5 of 8 tandems active, 23 of 48 meetings held'."""
    if not tandems:
        return tr("No tandems in this round yet.")
    active = sum(1 for t in tandems if t.status == TandemStatus.ACTIVE)
    held = sum(t.sessions_held for t in tandems)
    planned = sum(planned_meetings(t, round_.meetings_planned) for t in tandems)
    return ", ".join(
        [
            trn("{active} of {n} tandem active", "{active} of {n} tandems active", len(tandems),
                active=active),
            trn("{held} of {n} meeting held", "{held} of {n} meetings held", planned, held=held),
        ]
    )  # fmt: skip


class RoundTandemModel(RowTableModel[Tandem]):
    """The tandems of one round, with meetings held of those planned."""

    def __init__(self, parent: Any = None) -> None:
        self.per_tandem = 6
        columns: list[Column[Tandem]] = [
            Column(N_("Mentor"), lambda t: t.mentor_name, lambda t: name_key(t.mentor_name)),
            Column(N_("Mentee"), lambda t: t.mentee_name, lambda t: name_key(t.mentee_name)),
            Column(N_("Status"), lambda t: label(t.status), lambda t: _STATUS_ORDER[t.status]),
            Column(
                N_("Meetings held"),
                lambda t: tr(
                    "{held} of {planned}",
                    held=t.sessions_held,
                    planned=planned_meetings(t, self.per_tandem),
                ),
                lambda t: t.sessions_held,
                align_right=True,
            ),
            Column(
                N_("Focus topics"),
                lambda t: ", ".join(topic_label(x) for x in t.focus_topics),
                stretch=True,
            ),
        ]
        super().__init__(columns, parent)


class RoundsView(TableView):
    """The rounds, newest first; the selected round's tandems and progress below."""

    areas = (ROUNDS, TANDEMS, SESSIONS)
    title = N_("Rounds")
    search_placeholder = N_("Search rounds…")
    empty_hint = N_("No rounds yet. A round groups the tandems of one program period.")
    default_sort = (1, Qt.SortOrder.DescendingOrder)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._details_of: int | None = None  # the round whose tandems are shown
        self._build_details()
        self._build_actions()

    # --- building ------------------------------------------------------------------------
    def _build_details(self) -> None:
        self.details = QWidget(self)
        self.detail_heading = plain_label("", self.details)
        font = self.detail_heading.font()
        font.setBold(True)
        self.detail_heading.setFont(font)
        self.progress_label = plain_label("", self.details)
        self.progress_label.setAccessibleName(tr("Progress of the round"))
        self.tandem_model = RoundTandemModel(self)
        self.tandem_loader = RowLoader(self.tandem_model, self)
        self.tandem_table = QTableView(self.details)
        self.tandem_table.setModel(self.tandem_model)
        self.tandem_table.setAccessibleName(tr("Tandems of the round"))
        self.tandem_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tandem_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tandem_table.setAlternatingRowColors(True)
        rows = self.tandem_table.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        height = self.tandem_table.fontMetrics().height()
        rows.setDefaultSectionSize(height + height // 2)
        self.tandem_table.setSortingEnabled(True)
        self.tandem_table.setTabKeyNavigation(False)
        header = self.tandem_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        box = QVBoxLayout(self.details)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.detail_heading)
        box.addWidget(self.progress_label)
        box.addWidget(self.tandem_table, 1)
        box.addStretch(0)  # a round without tandems: heading and progress stay together on top

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        layout = self.layout()
        position = layout.indexOf(self.table)
        layout.removeWidget(self.table)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.details)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 2)
        layout.insertWidget(position, self.splitter, 1)  # type: ignore[attr-defined]
        self.table.setTabKeyNavigation(False)
        QWidget.setTabOrder(self.table, self.tandem_table)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_details())

    def _build_actions(self) -> None:
        self.add_edit_actions(
            (tr("New round…"),
             tr("Add a round ({shortcut})", shortcut=NEW_ROUND_SHORTCUT.toString(
                 QKeySequence.SequenceFormat.NativeText)),
             NEW_ROUND_SHORTCUT, self.new_round),
            tr("Edit the selected round (Enter or double-click)"),
            tr("Delete the selected round (Del)"),
        )  # fmt: skip
        self.certificates_button, self.action_certificates = attach_document_action(
            self, tr("Certificates…"),
            tr("Print the certificates of participation of the selected round"),
            self.print_certificates, after=self.delete_button,
        )  # fmt: skip
        self._show_details()

    def print_certificates(self) -> None:
        """Certificates…: the certificates of the selected round (batch dialog)."""
        from ui.documents.actions import print_round_certificates

        round_ = self.selected()
        if round_ is not None:
            print_round_certificates(self.context, round_.id, self)

    # --- table ---------------------------------------------------------------------------
    def columns(self) -> Sequence[Column[Any]]:
        return ROUND_COLUMNS

    def load(self, db: Database) -> Sequence[Round]:
        return list_rounds(db)

    def count_text(self, shown: int, total: int) -> str:
        if shown == total:
            return trn("{n} round", "{n} rounds", total)
        return trn(
            "{shown} of {n} round", "{shown} of {n} rounds", total, shown=format_number(shown)
        )

    def reload(self) -> None:
        self.reload_and_reselect()
        self._show_details()

    def clear(self) -> None:
        super().clear()
        self._show_details()

    def _update_count(self) -> None:
        super()._update_count()
        empty = self.model.rowCount() == 0
        if hasattr(self, "splitter"):
            self.splitter.setVisible(not empty)
        for name in ("edit_button", "delete_button", "certificates_button"):
            if hasattr(self, name):
                getattr(self, name).setVisible(not empty)

    # --- selection and details ----------------------------------------------------------
    def selected(self) -> Round | None:
        """The round in the current row, if any."""
        return self.current_row()

    def select_round(self, round_id: int) -> bool:
        """Select a round's row (if shown)."""
        return self.select_row_of(round_id)

    def _show_details(self) -> None:
        round_ = self.selected() if self.context.db is not None else None
        has = round_ is not None
        if hasattr(self, "edit_button"):
            self.edit_button.setEnabled(has)
            self.delete_button.setEnabled(has)
        if round_ is None or self.context.db is None:
            self._details_of = None
            self.tandem_loader.clear()
            self.detail_heading.setText("")
            self.progress_label.setText("")
            return
        self.detail_heading.setText(tr("Tandems of “{name}”", name=round_.name))

        def shown() -> None:
            tandems = self.tandem_model.rows()
            self.progress_label.setText(progress_text(round_, tandems))
            self.tandem_table.setVisible(bool(tandems))
            fit_columns_to_sample(self.tandem_table)

        if self._details_of != round_.id:  # no rows of another round meanwhile
            self.tandem_loader.clear()
        self._details_of = round_.id
        self.tandem_model.per_tandem = round_.meetings_planned
        pages = tandem_pages(self.context.db, round_.id, self.page_size)
        self.tandem_loader.load(pages, shown, self.page_size)
        if self.tandem_loader.loading():
            self.progress_label.setText(tr("Loading…"))

    def loading(self) -> bool:
        return super().loading() or self.tandem_loader.loading()

    def tandem_rows(self) -> list[Tandem]:
        """The tandems shown below the table, in their order."""
        return self.tandem_model.rows()

    # --- editing -------------------------------------------------------------------------
    def open_form(self, round_: Round | None = None):  # noqa: ANN201 - lazy import
        """The form for a new round or for `round_` (not yet shown)."""
        from ui.round_form import RoundForm

        assert self.context.db is not None
        return RoundForm(self.context.db, round_, self)

    def new_round(self) -> None:
        """Open the form for a new round; select it after saving."""
        if self.context.db is None:
            return
        self._run_form(self.open_form())

    def edit_selected(self) -> None:
        """Open the form for the selected round."""
        round_ = self.selected()
        if round_ is None or self.context.db is None:
            return
        self._run_form(self.open_form(round_))

    def _run_form(self, form: RoundForm) -> None:
        """Show the form; after saving, show the change with the saved round selected."""
        accepted = form.exec()
        form.deleteLater()
        if accepted and form.saved is not None:
            self._changed(form.saved.id)

    def delete_selected(self) -> None:
        """Delete the selected round after asking; a round with tandems is refused."""
        round_ = self.selected()
        db = self.context.db
        if round_ is None or db is None:
            return
        if round_.tandem_count:
            dialogs.show_warning(
                self,
                tr("The round “{name}” has tandems and cannot be deleted.", name=round_.name),
            )
            return
        if not dialogs.ask_yes_no(self, tr("Delete the round “{name}”?", name=round_.name)):
            return
        try:
            delete_round(db, round_.id)
        except TandemError as exc:
            dialogs.show_warning(self, exc.message)
            return
        self._changed(None)

    def _changed(self, select_id: int | None) -> None:
        self.select_after_reload = select_id
        self.context.notify_changed(ROUNDS)
