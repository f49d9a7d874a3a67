"""Matching proposals for a round: as many pairs as the round's target leaves room for, best
first, each with its fit as one to five dots and the reasons in words (the scale explained
beside the table); the people left unmatched with why; the weights, adjustable on request.
HR checks the pairs to keep, may swap two proposals' mentees by hand, and creates the checked
pairs as tandems in one step. The round's target can be changed from here.

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
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import TandemError
from app.i18n import language, tr, trn
from app.labels import label
from app.model import Role, Tandem
from app.services.matching import (
    FIT_DOTS,
    MatchResult,
    MatchWeights,
    Proposal,
    apply_matches,
    dots_text,
    explain_pairs,
    fit_scale_text,
    no_consent_note,
    propose_matches,
)
from app.services.rounds import get_round
from app.services.tandem_rules import PairRefusedError, check_pair
from ui import dialogs
from ui.consent import CONSENT_MISSING
from ui.context import PARTICIPANTS, ROUNDS, TANDEMS, AppContext
from ui.form_fields import buddy_label
from ui.models.participants import missing_consent_icon
from ui.tandem_form import bullets, warning_label
from ui.workers import Worker

MENTOR, MENTEE, FIT, REASONS = range(4)
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


def reasons_text(proposal: Proposal) -> str:
    """Why a pair is proposed, one reason per line, then its notes and what HR should check."""
    lines = list(proposal.reasons) or [tr("no shared topic")]
    lines += [tr("Note: {text}", text=note) for note in proposal.notes]
    lines += [tr("Please check: {text}", text=warning) for warning in proposal.warnings]
    return "\n".join(lines)


def fit_tooltip(proposal: Proposal, weights: MatchWeights) -> str:
    """The dots in words, with the points behind them."""
    return tr(
        "Fit {dots} of {most}: {points} of the {full} points of a very good pair",
        dots=proposal.dots,
        most=FIT_DOTS,
        points=score_text(proposal.score),
        full=score_text(weights.full_fit),
    )


def _item(text: str, tooltip: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    item.setToolTip(tooltip if tooltip is not None else text)
    item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return item


def _table(parent: QWidget, headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(True)
    table.setTextElideMode(Qt.TextElideMode.ElideNone)
    table.setTabKeyNavigation(False)
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return table


def _wrapping_label(parent: QWidget, name: str) -> QLabel:
    widget = QLabel(parent)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setWordWrap(True)
    widget.setAccessibleName(name)
    return widget


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
        self._again = False  # recalculate once the running calculation ends
        self.setWindowTitle(tr("Propose pairs – {round}", round=self.round.name))
        self._build()
        self.recalculate()

    # --- building ------------------------------------------------------------------------
    def _build(self) -> None:
        weights = self._build_weights()
        self.target_label = _wrapping_label(self, tr("Target of the round"))
        self.target_button = QPushButton(tr("Change &target…"), self)
        self.target_button.setAutoDefault(False)
        self.target_button.setToolTip(tr("Change how many tandems this round is meant to have"))
        self.target_button.clicked.connect(lambda _checked=False: self.change_target())
        self.weights_toggle = QToolButton(self)
        self.weights_toggle.setText(tr("&Weights"))
        self.weights_toggle.setCheckable(True)
        self.weights_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.weights_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.weights_toggle.setToolTip(tr("Show how much each kind of fit counts, and change it"))
        self.weights_toggle.toggled.connect(self.show_weights)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target_label, 1)
        target_row.addWidget(self.busy)
        target_row.addWidget(self.busy_label)
        target_row.addWidget(self.target_button)
        target_row.addWidget(self.weights_toggle)

        self.summary = _wrapping_label(self, tr("Summary"))
        self.both_hint = _wrapping_label(self, tr("People in both roles"))
        self.both_hint.setVisible(False)
        self.optimal_hint = warning_label(self)
        self.optimal_hint.setObjectName("not_optimal")
        self.consent_row = self._consent_row()

        proposals = QWidget(self)
        self.table = _table(
            proposals, [tr("Mentor"), tr("Mentee"), tr("Fit"), tr("Why this pair")],
            tr("Proposed pairs"),
        )  # fmt: skip
        scale = fit_scale_text(MatchWeights())
        self.table.horizontalHeaderItem(FIT).setToolTip(scale)
        self.table.itemChanged.connect(lambda _item: self._update_totals())
        self.table.itemSelectionChanged.connect(self._update_swap)
        self.table.horizontalHeader().sectionResized.connect(lambda *_: self._refit_rows_later())
        self.legend = _wrapping_label(proposals, tr("What the dots mean"))
        self.legend.setText(scale)
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
        box.addWidget(self.legend)
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
        self.splitter = splitter

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
        layout.addLayout(target_row)
        layout.addWidget(weights)
        layout.addWidget(self.summary)
        layout.addWidget(self.consent_row)
        layout.addWidget(self.both_hint)
        layout.addWidget(self.optimal_hint)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        order = [
            self.target_button, self.weights_toggle, *self.spins.values(), self.shared_topic,
            self.recalculate_button, self.show_no_consent_button, self.table,
            self.check_all_button, self.uncheck_all_button, self.swap_button,
            self.unmatched_table, self.create_button, self.close_button,
        ]  # fmt: skip
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self._show_target()
        metrics = self.fontMetrics()
        dialogs.fit_to_screen(self, metrics.averageCharWidth() * 150, metrics.height() * 44)

    def _build_weights(self) -> QGroupBox:
        """The weights (hidden until asked for: the defaults suit most programs)."""
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
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName(tr("Calculating"))
        self.busy.setMaximumWidth(self.fontMetrics().averageCharWidth() * 20)
        self.busy_label = QLabel(self)
        self.busy_label.setTextFormat(Qt.TextFormat.PlainText)
        self.busy_label.setText(tr("Calculating the best pairs…"))
        run_row = QHBoxLayout()
        run_row.addWidget(self.shared_topic)
        run_row.addSpacing(self.fontMetrics().averageCharWidth() * 4)
        run_row.addWidget(self.recalculate_button)
        run_row.addStretch(1)
        form.addRow(run_row)
        weights.setVisible(False)
        self.weights_box = weights
        return weights

    def show_weights(self, shown: bool) -> None:
        """Show or hide the weights."""
        self.weights_box.setVisible(shown)
        self.weights_toggle.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )
        if self.weights_toggle.isChecked() != shown:
            self.weights_toggle.setChecked(shown)

    def _show_target(self) -> None:
        """Say how many pairs the round's target leaves room for."""
        target = self.round.target_tandems
        have = self.match.open_tandems if self.match is not None else None
        if target is None:
            text = tr(
                "This round has no target number of tandems, so every pair that fits is proposed."
            )
        elif have is None:
            text = tr("This round's target: {target} tandems.", target=target)
        elif have >= target:
            text = tr(
                "This round's target: {target} tandems; it has {have} already, so no pair is "
                "proposed.",
                target=target,
                have=have,
            )
        else:
            text = trn(
                "This round's target: {target} tandems; it has {have}, so up to {n} more pair "
                "is proposed, the best first.",
                "This round's target: {target} tandems; it has {have}, so up to {n} more pairs "
                "are proposed, the best first.",
                target - have,
                target=target,
                have=have,
            )
        self.target_label.setText(text)
        self.target_button.setText(
            tr("Set a &target…") if target is None else tr("Change &target…")
        )

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
            self._again = True
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
        self.target_button.setEnabled(not busy)
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
        if self._again and self.isVisible():
            self._again = False
            self.recalculate()

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
        self._show_target()
        self._fill_proposals()
        self.unmatched_table.setRowCount(len(result.unmatched))
        for row, person in enumerate(result.unmatched):
            role = label(Role(person.role)) if person.role in set(Role) else person.role
            self.unmatched_table.setItem(row, 0, _item(person.name))
            self.unmatched_table.setItem(row, 1, _item(role))
            self.unmatched_table.setItem(row, 2, _item(person.reason))
        self._fit(self.unmatched_table, [30, 18])
        self._fit_rows(self.unmatched_table)
        scale = fit_scale_text(result.weights)
        self.legend.setText(scale)
        self.table.horizontalHeaderItem(FIT).setToolTip(scale)
        self.both_hint.setText(self._both_text(result))
        self.both_hint.setVisible(bool(self.both_hint.text()))
        self.optimal_hint.setText(
            ""
            if result.optimal
            else tr(
                "Not proven optimal: the calculation stopped at its time limit. These are the "
                "best pairs found; a better combination may exist."
            )
        )
        self.optimal_hint.setVisible(not result.optimal)

    def _both_text(self, result: MatchResult) -> str:
        """What "mentor and mentee" means for this proposal (empty when nobody has it)."""
        if not result.both_roles:
            return ""
        if self.round.person_limit == 1:
            return tr(
                "People with the role “Mentor and mentee” are proposed in one of the two roles: "
                "this round allows one tandem per person."
            )
        return tr(
            "People with the role “Mentor and mentee” may be proposed in both roles: this "
            "round allows two tandems per person."
        )

    def _fill_proposals(self, checked: list[bool] | None = None) -> None:
        table = self.table
        weights = self.match.weights if self.match is not None else MatchWeights()
        table.blockSignals(True)
        table.setRowCount(len(self.proposals))
        for row, proposal in enumerate(self.proposals):
            first = _item(proposal.mentor_name)
            first.setFlags(first.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            on = checked[row] if checked is not None else True
            first.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            table.setItem(row, MENTOR, first)
            table.setItem(row, MENTEE, _item(proposal.mentee_name))
            fit = _item(dots_text(proposal.dots), fit_tooltip(proposal, weights))
            fit.setData(Qt.ItemDataRole.AccessibleTextRole, fit_tooltip(proposal, weights))
            table.setItem(row, FIT, fit)
            table.setItem(row, REASONS, _item(reasons_text(proposal)))
        table.blockSignals(False)
        self._fit(table, [28, 28, 8])
        self._fit_rows(table)
        self._update_totals()

    def _fit(self, table: QTableWidget, caps: list[int]) -> None:
        """Columns as wide as their texts, capped so every column stays in view, never
        narrower than their header; the last column takes the rest and wraps."""
        char = table.fontMetrics().averageCharWidth()
        header = table.horizontalHeader()
        for column, cap in enumerate(caps):
            table.resizeColumnToContents(column)
            width = min(max(table.columnWidth(column) + char, char * 6), char * cap)
            table.setColumnWidth(column, max(width, header.sectionSizeHint(column)))

    def _fit_rows(self, table: QTableWidget | None = None) -> None:
        """Rows as high as their wrapped texts, with a little air above and below."""
        for each in (table,) if table is not None else (self.table, self.unmatched_table):
            each.resizeRowsToContents()
            air = each.fontMetrics().height() // 3
            for row in range(each.rowCount()):
                each.setRowHeight(row, each.rowHeight(row) + air)

    def _refit_rows_later(self) -> None:
        QTimer.singleShot(0, self, self._fit_rows)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._refit_rows_later()

    # --- the round's target --------------------------------------------------------------
    def change_target(self) -> bool:
        """Open the round's form at its target; after saving, propose again."""
        from ui.round_form import RoundForm

        if self.is_busy():
            return False
        form = RoundForm(self.db, self.round, self)
        form.target.setFocus(Qt.FocusReason.OtherFocusReason)
        try:
            accepted = form.exec() == QDialog.DialogCode.Accepted
            saved = form.saved
        finally:
            form.deleteLater()
        if not accepted or saved is None:
            return False
        self.round = saved
        self.setWindowTitle(tr("Propose pairs – {round}", round=saved.name))
        self.context.notify_changed(ROUNDS)
        self._show_target()
        self.recalculate()
        return True

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
        if not self.proposals:
            text = tr("No pairs can be proposed in this round with these weights.")
            if self.match.limit == 0:
                text = tr("No pairs are proposed: the round has reached its target.")
        else:
            text = trn("{n} pair proposed.", "{n} pairs proposed.", len(self.proposals))
            if count != len(self.proposals):
                text += " " + trn("{n} of them checked.", "{n} of them checked.", count)
        unmatched = len(self.match.unmatched)
        if unmatched:
            text += " " + trn(
                "{n} person is left without a pair (see below).",
                "{n} people are left without a pair (see below).",
                unmatched,
            )
        if self.match.limited:
            text += " " + trn(
                "{n} of them would fit as well: raise the round's target to pair them too.",
                "{n} of them would fit as well: raise the round's target to pair them too.",
                self.match.limited,
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
        self._again = False
        if self.worker is not None:
            self.worker.stop()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._again = False
        if self.worker is not None:
            self.worker.stop()
        super().closeEvent(event)
