"""The overview, the first screen after opening a file: the running round at a glance (its
dates and week, tandems by status, meetings held against planned, check-ins in aggregate),
a chart of meetings per month, this week's meetings, meetings whose status is missing, and
the tandems that need attention with the reason. Every item opens what it refers to
(double-click or Enter): a meeting in the sessions view, a tandem in the tandems view.

Everything comes from one `get_overview()` call (aggregate queries; ~30 ms for 2,000
tandems), so the screen opens fast on big files. For a round of more than
`BACKGROUND_TANDEMS` tandems that call runs on a worker with its own connection (the queries
take 100 ms and more there), and the screen shows the result when it comes.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, format_date, format_datetime, format_number, tr, trn
from app.labels import label
from app.model import Session, TandemStatus
from app.services import common
from app.services.overview import Overview, get_overview, running_round_id
from app.services.rounds import list_rounds
from ui.context import ALL, AppContext
from ui.views.base import View, fit_to_entries, heading_label, plain_label

TARGET_ROLE = 0x0100 + 10  # Qt.ItemDataRole.UserRole + 10: (view key, record id)
BACKGROUND_TANDEMS = 200
"""The overview of a round with more tandems is computed off the GUI thread."""
SHOWN_IN_LISTS = 50
"""At most this many meetings this week and tandems needing attention are listed (a round
of 2,000 tandems has as many meetings in a week); a last line says how many more there are."""


def week_text(start: date, end: date, today: date) -> str:
    """'Week 7 of 26', or when the round has not started / has ended."""
    weeks = (end - start).days // 7 + 1
    if today < start:
        days = (start - today).days
        if days < 14:
            return trn("Starts in {n} day", "Starts in {n} days", days)
        return trn("Starts in {n} week", "Starts in {n} weeks", days // 7)
    if today > end:
        return tr("Ended on {date}", date=format_date(end))
    return tr("Week {n} of {weeks}", n=(today - start).days // 7 + 1, weeks=weeks)


_HOW_MANY = {
    TandemStatus.ACTIVE: N_("{n} active"),
    TandemStatus.AGREED: N_("{n} agreed"),
    TandemStatus.PROPOSED: N_("{n} proposed"),
    TandemStatus.COMPLETED: N_("{n} completed"),
    TandemStatus.DISSOLVED: N_("{n} dissolved"),
}


def status_breakdown(by_status: dict[TandemStatus, int]) -> str:
    """'8 active, 2 agreed and 1 proposed' (statuses with none are left out)."""
    parts = [tr(text, n=by_status[s]) for s, text in _HOW_MANY.items() if by_status.get(s, 0)]
    if len(parts) < 2:
        return "".join(parts)
    return tr("{first} and {last}", first=", ".join(parts[:-1]), last=parts[-1])


def tandems_text(count: int, by_status: dict[TandemStatus, int]) -> str:
    """'5 active, 1 agreed and 1 dissolved (7 in all)'; '7 active' when all are alike."""
    text = status_breakdown(by_status)
    if sum(1 for n in by_status.values() if n) > 1:
        text += " " + tr("({n} in all)", n=count)
    return text


def session_text(session: Session) -> str:
    """'2026-04-14 10:00 · Finn Bauer → Sabine Roth'."""
    return f"{format_datetime(session.starts_at)} · {session.mentor_name} → {session.mentee_name}"


class LinkList(QListWidget):
    """A list whose items open what they refer to (double-click or Enter)."""

    def __init__(self, context: AppContext, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setAccessibleName(name)
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setAlternatingRowColors(True)
        self.setSpacing(2)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.itemActivated.connect(self.open_item)

    def add(self, text: str, key: str, record_id: int, tip: str = "") -> QListWidgetItem:
        """An item that opens `record_id` in view `key`."""
        item = QListWidgetItem(text, self)
        item.setData(TARGET_ROLE, (key, record_id))
        item.setToolTip(tip or tr("Double-click or press Enter to open"))
        return item

    def add_note(self, text: str) -> QListWidgetItem:
        """A line that opens nothing (e.g. '… and 12 more')."""
        item = QListWidgetItem(text, self)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        return item

    def open_item(self, item: QListWidgetItem) -> None:
        """Open what the item refers to."""
        target = item.data(TARGET_ROLE)
        if target:
            self.context.navigate(target[0], int(target[1]))

    def targets(self) -> list[tuple[str, int]]:
        """(view key, id) of every item that opens something, in order."""
        found = []
        for row in range(self.count()):
            target = self.item(row).data(TARGET_ROLE)
            if target:
                found.append((target[0], int(target[1])))
        return found


class OverviewView(View):
    """The running round at a glance; every item opens what it refers to."""

    areas = (ALL,)
    title = N_("Overview")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.overview: Overview | None = None
        self._round_id: int | None = None
        self._round_generation: int | None = None
        self._worker: Any = None  # (worker, what it computes) while computing in the background
        self._wanted: tuple[int, int | None, date] | None = None  # what is to be shown

        self.heading = heading_label(tr("Overview"), self)
        self.round_filter = QComboBox(self)
        self.round_filter.setAccessibleName(tr("Round"))
        self.round_filter.setToolTip(tr("Which round the overview shows"))
        self.round_filter.setMinimumContentsLength(18)
        self.round_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.round_filter.currentIndexChanged.connect(self._round_chosen)
        self.summary_button = QPushButton(tr("Annual summary…"), self)
        self.summary_button.setToolTip(
            tr("The programme's summary of a year or a round for management and the works "
               "council, as PDF")
        )  # fmt: skip
        self.summary_button.setAutoDefault(False)
        self.summary_button.clicked.connect(lambda _checked=False: self.make_summary())
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.round_filter)
        top.addWidget(self.summary_button)

        # Empty state.
        self.empty = QWidget(self)
        self.empty_text = plain_label("", self.empty)
        self.empty_text.setWordWrap(True)
        self.empty_button = QPushButton(tr("Create a round…"), self.empty)
        self.empty_button.setAutoDefault(False)
        self.empty_button.clicked.connect(lambda _checked=False: self._empty_step())
        self._import_first = False  # no participants yet: the button imports them
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.setContentsMargins(0, 0, 0, 0)
        empty_layout.addWidget(self.empty_text)
        row = QHBoxLayout()
        row.addWidget(self.empty_button)
        row.addStretch(1)
        empty_layout.addLayout(row)
        empty_layout.addStretch(1)

        # The round at a glance.
        self.content = QWidget(self)
        self.round_box = QGroupBox(self.content)
        self.round_form = QFormLayout(self.round_box)
        self.round_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.period_label = self._value(tr("Period"))
        self.tandems_label = self._value(tr("Tandems"))
        self.progress = QProgressBar(self.round_box)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(tr("Meetings held of those planned"))
        self.progress.setMaximumHeight(self.fontMetrics().height())
        self.meetings_label = self._value(tr("Meetings"))
        self.meetings_detail = self._value(tr("Meetings in detail"))
        self.checkins_label = self._value(tr("Check-ins"))
        meetings = QWidget(self.round_box)
        meetings_layout = QVBoxLayout(meetings)
        meetings_layout.setContentsMargins(0, 0, 0, 0)
        meetings_layout.setSpacing(3)
        meetings_layout.addWidget(self.meetings_label)
        meetings_layout.addWidget(self.progress)
        meetings_layout.addWidget(self.meetings_detail)
        for caption, field in (
            (tr("Period:"), self.period_label),
            (tr("Tandems:"), self.tandems_label),
            (tr("Meetings:"), meetings),
            (tr("Check-ins:"), self.checkins_label),
        ):
            self.round_form.addRow(plain_label(caption, self.round_box), field)

        from ui.overview_chart import MonthChart

        self.chart_box = QGroupBox(tr("Meetings per month"), self.content)
        self.chart = MonthChart(self.chart_box)
        QVBoxLayout(self.chart_box).addWidget(self.chart)

        self.week_box, self.week_list, self.week_empty = self._list_box(tr("This week"))
        self.overdue_box, self.overdue_list, self.overdue_empty = self._list_box(
            tr("Status missing")
        )
        self.show_missing_button = QPushButton(tr("Show them all in Meetings"), self.overdue_box)
        self.show_missing_button.setFlat(True)
        self.show_missing_button.setCursor(Qt.CursorShape.PointingHandCursor)
        link_font = self.show_missing_button.font()
        link_font.setUnderline(True)
        self.show_missing_button.setFont(link_font)
        self.show_missing_button.setToolTip(
            tr("Open the Meetings view with only the meetings whose status is missing")
        )
        self.show_missing_button.setAutoDefault(False)
        self.show_missing_button.clicked.connect(self.show_missing)
        self.overdue_box.layout().addWidget(  # type: ignore[union-attr]
            self.show_missing_button, 0, Qt.AlignmentFlag.AlignLeft
        )
        self.attention_box, self.attention_list, self.attention_empty = self._list_box(
            tr("Tandems needing attention")
        )

        grid = QGridLayout(self.content)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.round_box, 0, 0)
        grid.addWidget(self.chart_box, 0, 1, 1, 2)
        grid.addWidget(self.week_box, 1, 0)
        grid.addWidget(self.overdue_box, 1, 1)
        grid.addWidget(self.attention_box, 1, 2)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        grid.setRowStretch(0, 0)
        grid.setRowStretch(1, 1)

        self.hint = plain_label(tr("Double-click an item or press Enter to open it."), self)
        self.hint.setEnabled(False)

        inner = QWidget(self)
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(0, 0, 0, 0)
        inner_layout.addWidget(self.empty)
        inner_layout.addWidget(self.content, 1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(inner)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.hint)

        order: list[QWidget] = [
            self.round_filter, self.summary_button, self.empty_button, self.chart, self.week_list,
            self.overdue_list, self.show_missing_button, self.attention_list,
        ]  # fmt: skip
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.empty.setVisible(False)

    # --- building helpers ----------------------------------------------------------------
    def _value(self, name: str) -> QLabel:
        field = plain_label("", self)
        field.setWordWrap(True)
        field.setAccessibleName(name)
        field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return field

    def _list_box(self, title: str) -> tuple[QGroupBox, LinkList, QLabel]:
        box = QGroupBox(title, self.content)
        items = LinkList(self.context, title, box)
        items.setMinimumHeight(self.fontMetrics().height() * 8)
        empty = plain_label("", box)
        empty.setWordWrap(True)
        empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(box)
        layout.addWidget(items, 1)
        layout.addWidget(empty, 1)
        empty.setVisible(False)
        return box, items, empty

    # --- data ----------------------------------------------------------------------------
    def reload(self) -> None:
        db = self.context.db
        assert db is not None
        today = common.today()
        if self._round_generation != self.context.generation:
            self._round_id = None
            self._round_generation = self.context.generation
        rounds = sorted(list_rounds(db), key=lambda r: (r.start_date, r.id), reverse=True)
        if self._round_id not in {r.id for r in rounds}:
            self._round_id = running_round_id(db, today)
        self.round_filter.blockSignals(True)
        self.round_filter.clear()
        for rnd in rounds:
            self.round_filter.addItem(rnd.name, rnd.id)
        self.round_filter.setCurrentIndex(max(self.round_filter.findData(self._round_id), 0))
        self.round_filter.blockSignals(False)
        fit_to_entries(self.round_filter)
        self.round_filter.setVisible(len(rounds) > 1)
        self.summary_button.setEnabled(bool(rounds))

        chosen = next((r for r in rounds if r.id == self._round_id), None)
        if chosen is not None and chosen.tandem_count > BACKGROUND_TANDEMS and self.context.path:
            self._compute_in_background(today)
            return
        self._wanted = None
        self._show_overview(get_overview(db, today=today, round_id=self._round_id), today)

    def loading(self) -> bool:
        return self._wanted is not None or self._worker is not None

    def _compute_in_background(self, today: date) -> None:
        """Compute the overview on a worker (its own connection); shown when it comes.
        One worker at a time: a wish made meanwhile is computed next."""
        self._wanted = (self.context.generation, self._round_id, today)
        if self._worker is None:
            self._start_worker()

    def _start_worker(self) -> None:
        from ui.workers import Worker, job_on_file

        path, wanted = self.context.path, self._wanted
        assert path is not None and wanted is not None
        _generation, round_id, today = wanted
        worker = Worker(
            job_on_file(path, lambda db, _progress: get_overview(db, today, round_id)),
            name="overview",
        )
        worker.finished.connect(self._computed)
        worker.failed.connect(self._not_computed)
        worker.stopped.connect(self._worker_stopped)
        self._worker = (worker, wanted)
        worker.start()

    def _computed(self, overview: Overview) -> None:
        if self._worker is not None and self._worker[1] == self._wanted:
            self._wanted = None
            if self.context.db is not None:
                self._show_overview(overview, overview.today)

    def _not_computed(self, _message: str) -> None:
        """Read it here instead, where a failure is told the usual way."""
        if self._worker is None or self._worker[1] != self._wanted or self.context.db is None:
            return
        _generation, round_id, today = self._worker[1]
        self._wanted = None
        self._show_overview(get_overview(self.context.db, today, round_id), today)

    def _worker_stopped(self) -> None:
        if self._worker is not None:
            self._worker[0].deleteLater()
        self._worker = None
        wanted = self._wanted
        if wanted is not None and wanted[0] == self.context.generation and self.context.path:
            self._start_worker()  # asked for another round or time meanwhile

    def _show_overview(self, overview: Overview, today: date) -> None:
        db = self.context.db
        assert db is not None
        self.overview = overview
        if overview.round is None:
            self._show_empty(db)
            return
        self.empty.setVisible(False)
        self.content.setVisible(True)
        self.hint.setVisible(True)
        self._show_round(overview)
        self._show_lists(overview)
        self.chart.set_points(overview.meetings_by_month, today.strftime("%Y-%m"))

    def clear(self) -> None:
        self.overview = None
        self._wanted = None
        self.round_filter.clear()
        for items in (self.week_list, self.overdue_list, self.attention_list):
            items.clear()
        self.chart.set_points([])

    def _round_chosen(self, _index: int) -> None:
        self._round_id = self.round_filter.currentData()
        if self.context.db is not None:
            self.reload()

    def make_summary(self) -> object:
        """Annual summary…: the summary of a year or a round (the round shown here offered
        first when the user picks one round). Returns the document job, or None."""
        from ui.reports.actions import make_annual_summary

        round_id = self.overview.round.id if self.overview and self.overview.round else None
        return make_annual_summary(self.context, self, round_id=round_id)

    def show_missing(self) -> None:
        """Open the sessions view with this round's meetings whose status is missing."""
        window = self.window()
        show_view = getattr(window, "show_view", None)
        if show_view is None or self.overview is None or self.overview.round is None:
            return
        view = show_view("sessions")
        show = getattr(view, "show_missing", None)
        if show is not None:
            show(self.overview.round.id)

    def show_round(self, round_id: int) -> None:
        """Show the overview of another round."""
        self.round_filter.setCurrentIndex(max(self.round_filter.findData(round_id), 0))

    def show_item(self, round_id: int) -> None:
        """Navigation target: show a round's overview."""
        self.ensure_loaded()
        if round_id:
            self.show_round(round_id)

    def _show_empty(self, db: object) -> None:
        from app.services.stats import get_stats

        stats = get_stats(db)  # type: ignore[arg-type]
        self.content.setVisible(False)
        self.hint.setVisible(False)
        self.empty.setVisible(True)
        text = tr("There is no round yet. Create a round to start pairing mentors and mentees.")
        self._import_first = not stats.participants
        if self._import_first:
            text = tr(
                "Welcome! Start by importing your list of participants (File → Import "
                "participants…), then create a round to pair mentors and mentees."
            )
        self.empty_text.setText(text)
        self.empty_button.setText(
            tr("Import participants…") if self._import_first else tr("Create a round…")
        )

    def _empty_step(self) -> None:
        """The empty state's button: the import wizard while the file has nobody in it (the
        text asks for that first), otherwise the rounds view to create a round."""
        if self._import_first:
            from ui.import_wizard import open_import_wizard

            open_import_wizard(self.context, self.window())
        else:
            self.context.navigate("rounds", 0)

    def _show_round(self, o: Overview) -> None:
        rnd = o.round
        assert rnd is not None
        running = rnd.start_date <= o.today <= rnd.end_date
        self.round_box.setTitle(
            tr("Running round: {name}", name=rnd.name) if running else tr("Round: {name}", name=rnd.name)
        )  # fmt: skip
        self.period_label.setText(
            tr("{start} to {end}", start=format_date(rnd.start_date), end=format_date(rnd.end_date))
            + " · "
            + week_text(rnd.start_date, rnd.end_date, o.today)
        )
        if o.tandem_count:
            self.tandems_label.setText(tandems_text(o.tandem_count, o.tandems_by_status))
        else:
            self.tandems_label.setText(
                tr("No tandems yet: pair mentors and mentees in the Tandems view.")
            )
        target = max(o.meetings_target, o.meetings_scheduled, 1)
        self.progress.setRange(0, target)
        self.progress.setValue(min(o.meetings_held, target))
        held_text = trn(
            "{held} of {n} meeting held",
            "{held} of {n} meetings held",
            max(o.meetings_target, o.meetings_scheduled),
            held=format_number(o.meetings_held),
        )
        self.meetings_label.setText(held_text)
        self.progress.setAccessibleDescription(held_text)
        details = [
            trn("{n} planned", "{n} planned", o.meetings_planned),
            trn("{n} cancelled", "{n} cancelled", o.meetings_cancelled),
        ]
        if o.overdue_count:
            details.append(trn("{n} status missing", "{n} status missing", o.overdue_count))
        unplanned = o.meetings_target - o.meetings_scheduled
        if unplanned > 0:
            details.append(trn("{n} not planned yet", "{n} not planned yet", unplanned))
        self.meetings_detail.setText(" · ".join(details))
        c = o.checkins
        if c.count:
            parts = [trn("{n} check-in", "{n} check-ins", c.count)]
            if c.average_relationship is not None:
                parts.append(tr("relationship {value} of 5 on average",
                                value=_decimal(c.average_relationship)))  # fmt: skip
            if c.average_progress is not None:
                parts.append(tr("progress on goals {value} of 5 on average",
                                value=_decimal(c.average_progress)))  # fmt: skip
            self.checkins_label.setText(", ".join(parts))
        else:
            self.checkins_label.setText(tr("No check-ins yet."))

    def _show_lists(self, o: Overview) -> None:
        assert o.week_start is not None
        week_end = o.week_start + timedelta(days=6)
        self.week_box.setTitle(
            tr("This week ({start} to {end})", start=_short_date(o.week_start),
               end=_short_date(week_end))
        )  # fmt: skip
        self.week_list.clear()
        for session in o.this_week[:SHOWN_IN_LISTS]:
            self.week_list.add(
                session_text(session) + f"\n{label(session.status)}"
                + (f" · {session.location}" if session.location else ""),
                "sessions",
                session.id,
            )  # fmt: skip
        more = max(o.this_week_count, len(o.this_week)) - SHOWN_IN_LISTS
        if more > 0:
            self.week_list.add_note(tr("… and {n} more this week (Meetings view)", n=more))
        self._empty_state(self.week_list, self.week_empty, tr("No meetings this week."))

        self.overdue_box.setTitle(tr("Status missing ({n})", n=o.overdue_count))
        self.overdue_list.clear()
        for session in o.overdue:
            self.overdue_list.add(
                session_text(session),
                "sessions",
                session.id,
                tr("Planned for a day that has passed: open it and mark it held or cancelled."),
            )
        if o.overdue_count > len(o.overdue):
            self.overdue_list.add_note(
                tr("… and {n} more (Meetings view, “Only status missing”)",
                   n=o.overdue_count - len(o.overdue))
            )  # fmt: skip
        self._empty_state(
            self.overdue_list, self.overdue_empty, tr("Every past meeting has its status.")
        )
        self.show_missing_button.setVisible(o.overdue_count > 0)

        self.attention_box.setTitle(tr("Tandems needing attention ({n})", n=len(o.attention)))
        self.attention_list.clear()
        for item in o.attention[:SHOWN_IN_LISTS]:
            reasons = "\n".join("– " + r for r in item.reasons)
            self.attention_list.add(
                f"{item.mentor_name} → {item.mentee_name}\n{reasons}", "tandems", item.tandem_id
            )
        if len(o.attention) > SHOWN_IN_LISTS:
            self.attention_list.add_note(
                tr("… and {n} more (Tandems view, “Needing attention”)",
                   n=len(o.attention) - SHOWN_IN_LISTS)
            )  # fmt: skip
        self._empty_state(
            self.attention_list, self.attention_empty, tr("No tandem needs attention right now.")
        )

    def _empty_state(self, items: LinkList, empty: QLabel, text: str) -> None:
        has = items.count() > 0
        items.setVisible(has)
        empty.setText("" if has else text)
        empty.setVisible(not has)


def _decimal(value: float) -> str:
    return format_number(value, 1)


def _short_date(day: date) -> str:
    return format_date(day)
