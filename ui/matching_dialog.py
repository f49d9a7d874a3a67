"""Matching proposals for a round: the weights (adjustable), the proposed pairs with their
score and reasons, the people left unmatched with why; HR checks the pairs to keep, may swap
two proposals' mentees by hand, and creates the checked pairs as tandems in one step.

The calculation runs on a worker thread with its own connection to the file (it can take a
few seconds in rare rounds), so the window stays responsive and shows that it is busy.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import TandemError
from app.i18n import language, tr, trn
from app.labels import label
from app.model import Role, Tandem
from app.services.matching import (
    MatchResult,
    MatchWeights,
    Proposal,
    apply_matches,
    explain_pairs,
    no_consent_note,
    propose_matches,
)
from app.services.rounds import get_round
from app.services.tandem_rules import PairRefusedError, check_pair
from ui import dialogs
from ui.consent import CONSENT_MISSING
from ui.context import PARTICIPANTS, TANDEMS, AppContext
from ui.form_fields import buddy_label
from ui.models.participants import missing_consent_icon
from ui.tandem_form import bullets, warning_label
from ui.workers import Worker

MENTOR, MENTEE, SCORE, WARNINGS, REASONS = range(5)
_WEIGHT_NAMES = ("mentee_learns", "mentor_learns", "different_departments")


def score_text(value: float) -> str:
    """A score as people write it: '5', '2.5' (German '2,5')."""
    text = f"{round(value, 2):g}"
    return text.replace(".", ",") if language() == "de" else text


def propose_in_file(path: Path, round_id: int, weights: MatchWeights) -> MatchResult:
    """Open the file on this (worker) thread, propose, close."""
    from app.db import open_database

    db = open_database(path)
    try:
        return propose_matches(db, round_id, weights)
    finally:
        db.close()


def _item(text: str, tooltip: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    item.setToolTip(tooltip if tooltip is not None else text)
    return item


def _table(parent: QWidget, headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(True)
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return table


class MatchingDialog(QDialog):
    """Propose pairs for a round; after closing, `created` lists the tandems made."""

    calculated = Signal()
    """A calculation ended (with proposals shown or a message)."""

    def __init__(self, context: AppContext, round_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert context.db is not None and context.path is not None
        self.context = context
        self.db = context.db
        self.round_id = round_id
        self.round = get_round(self.db, round_id)
        self.match: MatchResult | None = None
        self.proposals: list[Proposal] = []
        self.created: list[Tandem] = []
        self.worker: Worker | None = None
        self.setWindowTitle(tr("Propose pairs – {round}", round=self.round.name))
        self._build()
        self.recalculate()

    # --- building ------------------------------------------------------------------------
    def _build(self) -> None:
        labels = MatchWeights.labels()
        defaults = MatchWeights()
        weights = QGroupBox(tr("Weights"), self)
        form = QFormLayout(weights)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.spins: dict[str, QDoubleSpinBox] = {}
        for name in _WEIGHT_NAMES:
            spin = QDoubleSpinBox(weights)
            spin.setRange(0, 100)
            spin.setDecimals(1)
            spin.setSingleStep(0.5)
            spin.setValue(getattr(defaults, name))
            spin.setAccessibleName(labels[name])
            caption = buddy_label(weights, labels[name] + ":", spin)
            form.addRow(caption, spin)
            self.spins[name] = spin
        self.shared_topic = QCheckBox(labels["require_shared_topic"], weights)
        self.shared_topic.setChecked(defaults.require_shared_topic)
        self.recalculate_button = QPushButton(tr("&Recalculate"), weights)
        self.recalculate_button.setAutoDefault(False)
        self.recalculate_button.clicked.connect(self.recalculate)
        self.busy = QProgressBar(weights)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName(tr("Calculating"))
        self.busy.setMaximumWidth(self.fontMetrics().averageCharWidth() * 20)
        self.busy_label = QLabel(weights)
        self.busy_label.setTextFormat(Qt.TextFormat.PlainText)
        self.busy_label.setText(tr("Calculating the best pairs…"))
        run_row = QHBoxLayout()
        run_row.addWidget(self.shared_topic)
        run_row.addSpacing(self.fontMetrics().averageCharWidth() * 4)
        run_row.addWidget(self.recalculate_button)
        run_row.addWidget(self.busy)
        run_row.addWidget(self.busy_label)
        run_row.addStretch(1)
        form.addRow(run_row)

        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(tr("Summary"))
        self.optimal_hint = warning_label(self)
        self.optimal_hint.setObjectName("not_optimal")
        self.consent_row = self._consent_row()

        proposals = QWidget(self)
        self.table = _table(
            proposals,
            [tr("Mentor"), tr("Mentee"), tr("Score"), tr("To confirm"), tr("Reasons")],
            tr("Proposed pairs"),
        )
        self.table.itemChanged.connect(lambda _item: self._update_totals())
        self.table.itemSelectionChanged.connect(self._update_swap)
        self.check_all_button = QPushButton(tr("Check all"), proposals)
        self.uncheck_all_button = QPushButton(tr("Uncheck all"), proposals)
        self.swap_button = QPushButton(tr("&Swap mentees"), proposals)
        self.swap_button.setToolTip(tr("Select two proposals to exchange their mentees"))
        for button in (self.check_all_button, self.uncheck_all_button, self.swap_button):
            button.setAutoDefault(False)
        self.check_all_button.clicked.connect(lambda: self._check_all(True))
        self.uncheck_all_button.clicked.connect(lambda: self._check_all(False))
        self.swap_button.clicked.connect(self.swap_selected)
        tools = QHBoxLayout()
        tools.addWidget(self.check_all_button)
        tools.addWidget(self.uncheck_all_button)
        tools.addWidget(self.swap_button)
        tools.addStretch(1)
        heading = buddy_label(
            proposals, tr("Proposed pairs (check the ones to create):"), self.table
        )
        box = QVBoxLayout(proposals)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(heading)
        box.addWidget(self.table, 1)
        box.addLayout(tools)

        unmatched = QWidget(self)
        self.unmatched_table = _table(
            unmatched, [tr("Name"), tr("Role"), tr("Why no pair")], tr("Left without a pair")
        )
        unmatched_heading = buddy_label(unmatched, tr("Left without a pair:"), self.unmatched_table)
        ubox = QVBoxLayout(unmatched)
        ubox.setContentsMargins(0, 0, 0, 0)
        ubox.addWidget(unmatched_heading)
        ubox.addWidget(self.unmatched_table, 1)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(proposals)
        splitter.addWidget(unmatched)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        self.buttons = QDialogButtonBox(self)
        self.create_button = self.buttons.addButton(
            tr("Create tandems"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button = self.buttons.addButton(
            tr("Close"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.create_button.clicked.connect(self.create_checked)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(weights)
        layout.addWidget(self.summary)
        layout.addWidget(self.consent_row)
        layout.addWidget(self.optimal_hint)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        order = [
            *self.spins.values(), self.shared_topic, self.recalculate_button,
            self.show_no_consent_button, self.table,
            self.check_all_button, self.uncheck_all_button, self.swap_button,
            self.unmatched_table, self.create_button, self.close_button,
        ]  # fmt: skip
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        char = self.fontMetrics().averageCharWidth()
        self.resize(char * 150, self.fontMetrics().height() * 44)

    def _consent_row(self) -> QWidget:
        """'13 people were left out because their consent is not recorded yet.' with a
        button that shows them in the participants view (hidden while no one is)."""
        row = QWidget(self)
        self.consent_hint = QLabel(row)
        self.consent_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.consent_hint.setWordWrap(True)
        self.consent_hint.setAccessibleName(tr("Left out for missing consent"))
        icon = QLabel(row)
        size = self.fontMetrics().height()
        icon.setPixmap(missing_consent_icon().pixmap(size, size))
        self.show_no_consent_button = QPushButton(tr("Show them in Participants"), row)
        self.show_no_consent_button.setAutoDefault(False)
        self.show_no_consent_button.setToolTip(
            tr("Close the proposal and list everyone without a consent date")
        )
        self.show_no_consent_button.clicked.connect(lambda _checked=False: self.show_no_consent())
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(icon)
        box.addWidget(self.consent_hint, 1)
        box.addWidget(self.show_no_consent_button)
        row.setVisible(False)
        return row

    def show_no_consent(self) -> None:
        """Close the proposal and show the people without consent in the participants view
        (where they can be selected and their consent recorded in one step)."""
        self.reject()
        self.context.show_filtered(PARTICIPANTS, CONSENT_MISSING)

    # --- calculating ---------------------------------------------------------------------
    def weights(self) -> MatchWeights:
        """The weights as set in the dialog."""
        values = {name: spin.value() for name, spin in self.spins.items()}
        return MatchWeights(**values, require_shared_topic=self.shared_topic.isChecked())

    def is_busy(self) -> bool:
        """True while a calculation runs."""
        return self.worker is not None

    def recalculate(self) -> None:
        """Propose again with the weights shown (on the worker)."""
        if self.worker is not None:
            return
        path, round_id, weights = self.context.path, self.round_id, self.weights()
        assert path is not None
        worker = Worker(lambda _progress, _cancelled: propose_in_file(path, round_id, weights),
                        name="matching")  # fmt: skip
        worker.finished.connect(self._show_result)
        worker.failed.connect(self._show_failure)
        worker.stopped.connect(self._stopped)
        self.worker = worker
        self._set_busy(True)
        worker.start()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.busy_label.setVisible(busy)
        self.recalculate_button.setEnabled(not busy)
        for spin in self.spins.values():
            spin.setEnabled(not busy)
        self.shared_topic.setEnabled(not busy)
        self._update_totals()

    def _stopped(self) -> None:
        if self.worker is not None:
            self.worker.deleteLater()
        self.worker = None
        self._set_busy(False)
        self._update_swap()
        self.calculated.emit()

    def _show_failure(self, message: str) -> None:
        self.summary.setText(message)

    def _show_result(self, result: MatchResult) -> None:
        self.match = result
        self.proposals = list(result.pairs)
        note = no_consent_note(result)
        if note:
            note += " " + tr("They are proposed once their consent is recorded.")
        self.consent_hint.setText(note)
        self.consent_row.setVisible(bool(note))
        self._fill_proposals()
        self.unmatched_table.setRowCount(len(result.unmatched))
        for row, person in enumerate(result.unmatched):
            role = label(Role(person.role)) if person.role in set(Role) else person.role
            self.unmatched_table.setItem(row, 0, _item(person.name))
            self.unmatched_table.setItem(row, 1, _item(role))
            self.unmatched_table.setItem(row, 2, _item(person.reason))
        self._fit(self.unmatched_table, [30, 18])
        self.optimal_hint.setText(
            ""
            if result.optimal
            else tr(
                "Not proven optimal: the calculation stopped at its time limit. These are the "
                "best pairs found; a better combination may exist."
            )
        )
        self.optimal_hint.setVisible(not result.optimal)

    def _fill_proposals(self, checked: list[bool] | None = None) -> None:
        table = self.table
        table.blockSignals(True)
        table.setRowCount(len(self.proposals))
        for row, proposal in enumerate(self.proposals):
            first = _item(proposal.mentor_name)
            first.setFlags(first.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            on = checked[row] if checked is not None else True
            first.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            table.setItem(row, MENTOR, first)
            table.setItem(row, MENTEE, _item(proposal.mentee_name))
            score = _item(score_text(proposal.score))
            score.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, SCORE, score)
            reasons = "\n".join(proposal.reasons) or tr("no shared topic")
            table.setItem(row, REASONS, _item(reasons))
            table.setItem(row, WARNINGS, _item("\n".join(proposal.warnings)))
        table.blockSignals(False)
        self._fit(table, [28, 28, 8, 30])
        self._fit_rows()
        self._update_totals()

    def _fit(self, table: QTableWidget, caps: list[int]) -> None:
        """Columns as wide as their texts, capped so every column stays in view, never
        narrower than their header."""
        char = table.fontMetrics().averageCharWidth()
        header = table.horizontalHeader()
        table.resizeColumnsToContents()
        for column, cap in enumerate(caps):
            width = min(max(table.columnWidth(column), char * 8), char * cap)
            table.setColumnWidth(column, max(width, header.sectionSizeHint(column)))

    def _fit_rows(self) -> None:
        """Rows as high as their wrapped reasons, with a little air above and below."""
        table = self.table
        table.resizeRowsToContents()
        air = table.fontMetrics().height() // 3
        for row in range(table.rowCount()):
            table.setRowHeight(row, table.rowHeight(row) + air)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self._fit_rows)

    # --- choosing ------------------------------------------------------------------------
    def checked_rows(self) -> list[int]:
        """The rows whose pair will be created."""
        return [
            row
            for row in range(self.table.rowCount())
            if self.table.item(row, MENTOR).checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, row: int, on: bool) -> None:
        """Check or uncheck a proposal."""
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        self.table.item(row, MENTOR).setCheckState(state)

    def _check_all(self, on: bool) -> None:
        for row in range(self.table.rowCount()):
            self.set_checked(row, on)

    def _update_totals(self) -> None:
        rows = self.checked_rows() if hasattr(self, "table") else []
        count = len(rows)
        busy = self.is_busy()
        if hasattr(self, "create_button"):
            self.create_button.setText(
                trn("Create {n} tandem", "Create {n} tandems", count) if count else tr(
                    "Create tandems")
            )  # fmt: skip
            self.create_button.setEnabled(count > 0 and not busy)
        if self.match is None or busy:
            if busy:
                self.summary.setText(tr("Calculating the best pairs…"))
            return
        total = sum(self.proposals[row].score for row in rows)
        all_total = sum(p.score for p in self.proposals)
        if not self.proposals:
            text = tr("No pairs can be proposed in this round with these weights.")
        else:
            text = trn(
                "{n} pair proposed, total fit {total}.",
                "{n} pairs proposed, total fit {total}.",
                len(self.proposals),
                total=score_text(all_total),
            )
            if count != len(self.proposals):
                text += " " + trn(
                    "{n} checked, total fit {total}.",
                    "{n} checked, total fit {total}.",
                    count,
                    total=score_text(total),
                )
        unmatched = len(self.match.unmatched)
        if unmatched:
            text += " " + trn(
                "{n} person is left without a pair (see below).",
                "{n} people are left without a pair (see below).",
                unmatched,
            )
        self.summary.setText(text)

    def _selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.table.selectionModel().selectedRows()})

    def _update_swap(self) -> None:
        self.swap_button.setEnabled(len(self._selected_rows()) == 2 and not self.is_busy())

    def swap_selected(self) -> bool:
        """Exchange the mentees of the two selected proposals, if no rule breaks; else say
        which rule refuses it. Returns whether the swap was made."""
        rows = self._selected_rows()
        if len(rows) != 2 or self.match is None:
            return False
        a, b = (self.proposals[r] for r in rows)
        pairs = [(a.mentor_id, b.mentee_id), (b.mentor_id, a.mentee_id)]
        problems: list[str] = []
        for mentor_id, mentee_id in pairs:
            problems += check_pair(self.db, self.round_id, mentor_id, mentee_id).errors
        if problems:
            dialogs.show_warning(
                self, tr("These mentees cannot be swapped:") + "\n" + bullets(problems)
            )
            return False
        try:
            swapped = explain_pairs(self.db, self.round_id, pairs, self.match.weights)
        except TandemError as exc:
            dialogs.show_warning(self, exc.message)
            return False
        checked = [row in self.checked_rows() for row in range(len(self.proposals))]
        for row, proposal in zip(rows, swapped, strict=True):
            self.proposals[row] = proposal
            checked[row] = True
        self._fill_proposals(checked)
        self.table.clearSelection()
        return True

    # --- creating ------------------------------------------------------------------------
    def create_checked(self) -> None:
        """Create the checked pairs as proposed tandems, all or none."""
        rows = self.checked_rows()
        if not rows or self.is_busy():
            return
        chosen = [self.proposals[row] for row in rows]
        try:
            self.created = apply_matches(self.db, self.round_id, chosen)
        except PairRefusedError as exc:
            dialogs.show_warning(self, tr("No tandem was created:") + "\n" + bullets(exc.reasons))
            return
        except TandemError as exc:
            dialogs.show_warning(self, exc.message)
            return
        self.context.notify_changed(TANDEMS)
        self.accept()

    # --- closing -------------------------------------------------------------------------
    def done(self, result: int) -> None:
        """Stop a running calculation before closing."""
        if self.worker is not None:
            self.worker.stop()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.worker is not None:
            self.worker.stop()
        super().closeEvent(event)
