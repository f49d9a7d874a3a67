"""The overview: the running round at a glance, as one dataclass, from aggregate queries.

The running round is the one whose dates contain today (the latest-starting one when
several do), else the one that started last. Every figure is an aggregate: this stays well
under 300 ms for a file with 2,000 tandems and 20,000 meetings (see bench/tandems_bench.py).
Check-in ratings appear only as counts and averages: nothing here ranks people.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlite_utils import Database

from app.model import Round, Session, TandemStatus
from app.services import common
from app.services.attention import (
    SESSION_ROW_SQL,
    AttentionItem,
    count_overdue,
    overdue_sessions,
    session_from_tuple,
    tandems_needing_attention,
)
from app.services.tandems import meetings_meant

OVERDUE_SHOWN = 100
WEEK_SHOWN = 100


@dataclass(frozen=True)
class MonthPoint:
    """Meetings of one calendar month (`month` is `YYYY-MM`), for the chart."""

    month: str
    held: int = 0
    planned: int = 0
    cancelled: int = 0


@dataclass(frozen=True)
class CheckinSummary:
    """Check-ins of the round in aggregate only: how many, and average ratings (1-5)."""

    count: int = 0
    average_relationship: float | None = None
    average_progress: float | None = None


@dataclass(frozen=True)
class Overview:
    """Everything the first screen shows about one round.

    `meetings_target` is what the round plans: per tandem the round's number of meetings, or
    what a dissolved tandem held (tandems.meetings_meant); `meetings_scheduled` counts the meetings that exist and are not
    cancelled. `overdue` holds the oldest OVERDUE_SHOWN of `overdue_count` meetings, and
    `this_week` the first WEEK_SHOWN of the `this_week_count` meetings of the week."""

    today: date
    round: Round | None = None
    tandems_by_status: dict[TandemStatus, int] = field(
        default_factory=lambda: dict.fromkeys(TandemStatus, 0)
    )
    tandem_count: int = 0
    meetings_held: int = 0
    meetings_planned: int = 0
    meetings_cancelled: int = 0
    meetings_scheduled: int = 0
    meetings_target: int = 0
    week_start: date | None = None
    this_week: list[Session] = field(default_factory=list)
    this_week_count: int = 0
    overdue: list[Session] = field(default_factory=list)
    overdue_count: int = 0
    attention: list[AttentionItem] = field(default_factory=list)
    meetings_by_month: list[MonthPoint] = field(default_factory=list)
    checkins: CheckinSummary = field(default_factory=CheckinSummary)


def running_round_id(db: Database, today: date | None = None) -> int | None:
    """The round running today, else the one that started last; None without rounds."""
    day = (today or common.today()).isoformat()
    row = db.execute(
        "SELECT id FROM rounds ORDER BY (start_date <= ? AND end_date >= ?) DESC, "
        "start_date DESC, id DESC LIMIT 1",
        [day, day],
    ).fetchone()
    return int(row[0]) if row else None


def _months(start: date, end: date) -> list[str]:
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def get_overview(db: Database, today: date | None = None, round_id: int | None = None) -> Overview:
    """The overview of `round_id`, or of the running round when none is given."""
    from app.services.rounds import get_round

    today = today or common.today()
    round_id = round_id if round_id is not None else running_round_id(db, today)
    week_start = today - timedelta(days=today.weekday())
    if round_id is None:
        return Overview(today=today, week_start=week_start)
    rnd = get_round(db, round_id)

    by_status = dict.fromkeys(TandemStatus, 0)
    for status, count in db.execute(
        "SELECT status, count(*) FROM tandems WHERE round_id = ? GROUP BY status", [round_id]
    ).fetchall():
        by_status[TandemStatus(status)] = count
    tandem_count = sum(by_status.values())
    target = sum(
        meetings_meant(TandemStatus(status), held, rnd.meetings_planned)
        for status, held in db.execute(
            "SELECT t.status, (SELECT count(*) FROM sessions s WHERE s.tandem_id = t.id "
            "AND s.status = 'held') FROM tandems t WHERE t.round_id = ?",
            [round_id],
        )
    )

    session_counts = {"held": 0, "planned": 0, "cancelled": 0}
    month_counts: dict[str, dict[str, int]] = {}
    for month, status, count in db.execute(
        "SELECT substr(s.starts_at, 1, 7), s.status, count(*) FROM sessions s "
        "JOIN tandems t ON t.id = s.tandem_id WHERE t.round_id = ? GROUP BY 1, 2",
        [round_id],
    ).fetchall():
        session_counts[status] += count
        month_counts.setdefault(month, {})[status] = count
    months = _months(rnd.start_date, rnd.end_date)
    months += sorted(m for m in month_counts if m not in months)
    months.sort()
    by_month = [
        MonthPoint(
            m,
            month_counts.get(m, {}).get("held", 0),
            month_counts.get(m, {}).get("planned", 0),
            month_counts.get(m, {}).get("cancelled", 0),
        )
        for m in months
    ]

    week_rows = db.execute(
        f"{SESSION_ROW_SQL} WHERE t.round_id = ? AND s.starts_at >= ? AND s.starts_at < ? "
        "ORDER BY s.starts_at, s.id",
        [round_id, week_start.isoformat(), (week_start + timedelta(days=7)).isoformat()],
    ).fetchall()

    count, relationship, progress = db.execute(
        "SELECT count(*), avg(c.relationship_rating), avg(c.progress_rating) FROM checkins c "
        "JOIN tandems t ON t.id = c.tandem_id WHERE t.round_id = ?",
        [round_id],
    ).fetchone()

    return Overview(
        today=today,
        round=rnd,
        tandems_by_status=by_status,
        tandem_count=tandem_count,
        meetings_held=session_counts["held"],
        meetings_planned=session_counts["planned"],
        meetings_cancelled=session_counts["cancelled"],
        meetings_scheduled=session_counts["held"] + session_counts["planned"],
        meetings_target=target,
        week_start=week_start,
        this_week=[session_from_tuple(r) for r in week_rows[:WEEK_SHOWN]],
        this_week_count=len(week_rows),
        overdue=overdue_sessions(db, round_id=round_id, today=today, limit=OVERDUE_SHOWN),
        overdue_count=count_overdue(db, round_id=round_id, today=today),
        attention=tandems_needing_attention(db, round_id=round_id, today=today),
        meetings_by_month=by_month,
        checkins=CheckinSummary(
            int(count),
            round(relationship, 2) if relationship is not None else None,
            round(progress, 2) if progress is not None else None,
        ),
    )
