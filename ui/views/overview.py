"""A simple overview: the running round, its tandems by status and its meetings.

A later issue replaces this with a richer dashboard (register it in ui/views/__init__.py).
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtWidgets import QFormLayout, QGroupBox, QVBoxLayout, QWidget

from app.i18n import N_, format_date, tr, trn
from app.labels import label
from app.model import Round, SessionStatus, TandemStatus
from app.services.common import today
from app.services.rounds import list_rounds
from app.services.sessions import list_sessions
from app.services.stats import get_stats
from app.services.tandems import list_tandems
from ui.context import AppContext
from ui.views.base import View, heading_label, plain_label


def current_round(rounds: list[Round]) -> Round | None:
    """The round running today; else the one that started last."""
    now = today()
    running = [r for r in rounds if r.start_date <= now <= r.end_date]
    pool = running or [r for r in rounds if r.start_date <= now] or rounds
    return max(pool, key=lambda r: (r.start_date, r.id)) if pool else None


class OverviewView(View):
    """The running round at a glance, and what the file holds."""

    title = N_("Overview")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.heading = heading_label(tr("Overview"), self)
        self.round_box = QGroupBox(self)
        self.round_form = QFormLayout(self.round_box)
        self.file_box = QGroupBox(tr("In this file"), self)
        self.file_form = QFormLayout(self.file_box)
        self.hint = plain_label("", self)
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.round_box)
        layout.addWidget(self.file_box)
        layout.addStretch(1)

    def _fill(self, form: QFormLayout, rows: list[tuple[str, str]]) -> None:
        while form.rowCount():
            form.removeRow(0)
        for caption, value in rows:
            field = plain_label(value)
            field.setAccessibleName(caption)
            form.addRow(plain_label(caption), field)

    def reload(self) -> None:
        db = self.context.db
        assert db is not None
        rounds = list_rounds(db)
        stats = get_stats(db)
        current = current_round(rounds)
        if current is None:
            self.round_box.setVisible(False)
            self.hint.setText(
                tr("There is no round yet. Create a round to start pairing mentors and mentees.")
            )
            self.hint.setVisible(True)
        else:
            now = today()
            running = current.start_date <= now <= current.end_date
            self.round_box.setTitle(
                tr("Running round: {name}", name=current.name)
                if running
                else tr("Latest round: {name}", name=current.name)
            )
            tandems = list_tandems(db, round_id=current.id)
            by_status = Counter(t.status for t in tandems)
            sessions = list_sessions(db, round_id=current.id, with_agenda=False)
            held = sum(1 for s in sessions if s.status == SessionStatus.HELD)
            open_tandems = sum(1 for t in tandems if t.status != TandemStatus.DISSOLVED)
            planned_total = max(
                open_tandems * current.meetings_planned,
                sum(1 for s in sessions if s.status != SessionStatus.CANCELLED),
            )
            rows = [
                (
                    tr("Period"),
                    tr(
                        "{start} to {end}",
                        start=format_date(current.start_date),
                        end=format_date(current.end_date),
                    ),
                ),
                (tr("Tandems"), trn("{n} tandem", "{n} tandems", len(tandems))),
            ]
            for status in TandemStatus:
                if by_status.get(status):
                    rows.append(("    " + label(status), str(by_status[status])))
            rows.append(
                (tr("Meetings held"), tr("{held} of {planned}", held=held, planned=planned_total))
            )
            self._fill(self.round_form, rows)
            self.round_box.setVisible(True)
            self.hint.setVisible(False)
        self._fill(
            self.file_form,
            [
                (tr("Participants"), str(stats.participants)),
                (tr("Mentors"), str(stats.mentors)),
                (tr("Mentees"), str(stats.mentees)),
                (tr("Rounds"), str(stats.rounds)),
                (tr("Tandems"), str(stats.tandems)),
                (tr("Meetings held"), str(stats.sessions_held)),
                (tr("Meetings planned"), str(stats.sessions_planned)),
            ],
        )

    def clear(self) -> None:
        self._fill(self.round_form, [])
        self._fill(self.file_form, [])
