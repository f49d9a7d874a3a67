"""Which tandems need HR's attention, and which meetings are overdue for a status.

A tandem that is still open (proposed, agreed, active) is flagged when
- no meeting has been held within four weeks of its start (the day it became active, else
  the later of the round's start and the day it was proposed), and still none is held;
- its latest two (or more) meetings with an outcome were cancelled, with none held since;
- a check-in rated the relationship or the progress on goals 2 or lower.

A meeting is overdue when it is still "planned" but its day has passed: HR should mark it held
or cancelled. Every figure comes from a few aggregate queries, so this stays fast on big files.
Ratings are shown per tandem to HR only; nothing here ranks people.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from sqlite_utils import Database

from app.i18n import format_date, tr
from app.labels import label
from app.model import CheckinPhase, Session, SessionStatus, TandemStatus
from app.services import common
from app.services.common import marks, parse_datetime
from app.services.tandem_rules import OPEN_STATUSES_SQL

FIRST_MEETING_DAYS = 28
LOW_RATING = 2


class FlagKind(StrEnum):
    FIRST_MEETING_LATE = "first_meeting_late"
    CANCELLED_IN_A_ROW = "cancelled_in_a_row"
    LOW_RATING = "low_rating"


@dataclass(frozen=True)
class Flag:
    kind: FlagKind
    reason: str


@dataclass(frozen=True)
class AttentionItem:
    """A tandem that needs attention, with every reason."""

    tandem_id: int
    round_id: int
    mentor_name: str
    mentee_name: str
    status: TandemStatus
    flags: tuple[Flag, ...]

    @property
    def reasons(self) -> list[str]:
        return [f.reason for f in self.flags]


def _filters(
    round_id: int | None, tandem_id: int | None, alias: str = "t"
) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if round_id is not None:
        clauses.append(f"{alias}.round_id = ?")
        params.append(round_id)
    if tandem_id is not None:
        clauses.append(f"{alias}.id = ?")
        params.append(tandem_id)
    return "".join(f" AND {c}" for c in clauses), params


def tandems_needing_attention(
    db: Database,
    *,
    round_id: int | None = None,
    tandem_id: int | None = None,
    today: date | None = None,
) -> list[AttentionItem]:
    """Open tandems with at least one flag, ordered by mentee and mentor name."""
    today = today or common.today()
    where, params = _filters(round_id, tandem_id)
    flags: dict[int, list[Flag]] = {}

    cutoff = (today - timedelta(days=FIRST_MEETING_DAYS)).isoformat()
    for tid, start in db.execute(
        f"""
        SELECT t.id, coalesce(t.started_on, max(r.start_date, coalesce(t.proposed_on, r.start_date)))
               AS start
        FROM tandems t JOIN rounds r ON r.id = t.round_id
        WHERE t.status IN {OPEN_STATUSES_SQL} {where}
          AND coalesce(t.started_on, max(r.start_date, coalesce(t.proposed_on, r.start_date))) < ?
          AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.tandem_id = t.id AND s.status = 'held')
        """,
        [*params, cutoff],
    ).fetchall():
        started = date.fromisoformat(start[:10])
        flags.setdefault(tid, []).append(
            Flag(
                FlagKind.FIRST_MEETING_LATE,
                tr(
                    "No meeting held yet, {days} days after the start on {date}.",
                    days=(today - started).days,
                    date=format_date(started),
                ),
            )
        )

    for tid, count in db.execute(
        f"""
        WITH last_held AS (
            SELECT s.tandem_id, max(s.starts_at) AS at FROM sessions s
            JOIN tandems t ON t.id = s.tandem_id
            WHERE s.status = 'held' AND t.status IN {OPEN_STATUSES_SQL} {where} GROUP BY s.tandem_id
        )
        SELECT s.tandem_id, count(*) FROM sessions s
        JOIN tandems t ON t.id = s.tandem_id
        LEFT JOIN last_held h ON h.tandem_id = s.tandem_id
        WHERE s.status = 'cancelled' AND t.status IN {OPEN_STATUSES_SQL} {where}
          AND (h.at IS NULL OR s.starts_at > h.at)
        GROUP BY s.tandem_id HAVING count(*) >= 2
        """,
        [*params, *params],
    ).fetchall():
        flags.setdefault(tid, []).append(
            Flag(
                FlagKind.CANCELLED_IN_A_ROW,
                tr("The last {n} meetings were cancelled, none held since.", n=count),
            )
        )

    for tid, name, phase, relationship, progress in db.execute(
        f"""
        SELECT c.tandem_id, p.first_name || ' ' || p.last_name, c.phase,
               c.relationship_rating, c.progress_rating
        FROM checkins c JOIN tandems t ON t.id = c.tandem_id
        JOIN participants p ON p.id = c.participant_id
        WHERE t.status IN {OPEN_STATUSES_SQL} {where}
          AND (c.relationship_rating <= ? OR c.progress_rating <= ?)
        ORDER BY c.submitted_on, c.id
        """,
        [*params, LOW_RATING, LOW_RATING],
    ).fetchall():
        phase_word = label(CheckinPhase(phase))
        if relationship is not None and relationship <= LOW_RATING:
            flags.setdefault(tid, []).append(
                Flag(
                    FlagKind.LOW_RATING,
                    tr(
                        "{name} rated the relationship {rating} of 5 ({phase} check-in).",
                        name=name,
                        rating=relationship,
                        phase=phase_word,
                    ),
                )
            )
        if progress is not None and progress <= LOW_RATING:
            flags.setdefault(tid, []).append(
                Flag(
                    FlagKind.LOW_RATING,
                    tr(
                        "{name} rated the progress on goals {rating} of 5 ({phase} check-in).",
                        name=name,
                        rating=progress,
                        phase=phase_word,
                    ),
                )
            )

    if not flags:
        return []
    ids = list(flags)
    items = []
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start : chunk_start + 500]
        for tid, rid, mentor, mentee, status in db.execute(
            f"""
            SELECT t.id, t.round_id, mr.first_name || ' ' || mr.last_name,
                   me.first_name || ' ' || me.last_name, t.status
            FROM tandems t JOIN participants mr ON mr.id = t.mentor_id
            JOIN participants me ON me.id = t.mentee_id
            WHERE t.id IN ({marks(chunk)})
            """,
            chunk,
        ).fetchall():
            items.append(
                AttentionItem(tid, rid, mentor, mentee, TandemStatus(status), tuple(flags[tid]))
            )
    items.sort(key=lambda i: (i.mentee_name.casefold(), i.mentor_name.casefold(), i.tandem_id))
    return items


def tandem_flags(db: Database, tandem_id: int, today: date | None = None) -> list[Flag]:
    """The flags of one tandem (empty when all is well or the tandem is closed)."""
    items = tandems_needing_attention(db, tandem_id=tandem_id, today=today)
    return list(items[0].flags) if items else []


SESSION_ROW_SQL = """
SELECT s.id, s.tandem_id, s.starts_at, s.duration_minutes, s.location, s.status, s.summary,
       t.round_id, mr.first_name || ' ' || mr.last_name AS mentor_name,
       me.first_name || ' ' || me.last_name AS mentee_name, t.status AS tandem_status
FROM sessions s JOIN tandems t ON t.id = s.tandem_id
JOIN participants mr ON mr.id = t.mentor_id
JOIN participants me ON me.id = t.mentee_id
"""


def session_from_tuple(row: tuple[Any, ...]) -> Session:
    """A Session (without agenda) from a row of SESSION_ROW_SQL."""
    sid, tid, starts, duration, location, status, summary, rid, mentor, mentee, tandem = row
    return Session(
        id=sid,
        tandem_id=tid,
        starts_at=parse_datetime(starts),  # type: ignore[arg-type]
        duration_minutes=duration,
        location=location,
        status=SessionStatus(status),
        summary=summary,
        mentor_name=mentor,
        mentee_name=mentee,
        round_id=rid,
        tandem_status=TandemStatus(tandem),
    )


def _overdue_where(round_id: int | None, tandem_id: int | None) -> tuple[str, list[Any]]:
    where, params = _filters(round_id, tandem_id)
    return (
        f"WHERE s.status = 'planned' AND s.starts_at < ? AND t.status <> 'dissolved' {where}",
        params,
    )


def overdue_sessions(
    db: Database,
    *,
    round_id: int | None = None,
    tandem_id: int | None = None,
    today: date | None = None,
    limit: int | None = None,
) -> list[Session]:
    """Meetings still marked planned whose day has passed, oldest first."""
    today = today or common.today()
    where, params = _overdue_where(round_id, tandem_id)
    sql = f"{SESSION_ROW_SQL} {where} ORDER BY s.starts_at, s.id"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    rows = db.execute(sql, [today.isoformat(), *params]).fetchall()
    return [session_from_tuple(r) for r in rows]


def count_overdue(
    db: Database,
    *,
    round_id: int | None = None,
    tandem_id: int | None = None,
    today: date | None = None,
) -> int:
    """How many meetings are overdue for a status."""
    today = today or common.today()
    where, params = _overdue_where(round_id, tandem_id)
    row = db.execute(
        f"SELECT count(*) FROM sessions s JOIN tandems t ON t.id = s.tandem_id {where}",
        [today.isoformat(), *params],
    ).fetchone()
    return int(row[0])


def is_overdue(session: Session, today: date | None = None) -> bool:
    """True for a meeting still planned on a day that has passed, unless its tandem was
    dissolved (its meetings no longer count): the meetings `overdue_sessions` lists."""
    return (
        session.status == SessionStatus.PLANNED
        and session.starts_at.date() < (today or common.today())
        and session.tandem_status != TandemStatus.DISSOLVED
    )
