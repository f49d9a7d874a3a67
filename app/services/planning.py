"""Planning a tandem's (or a whole round's) meetings at the round's cadence, in one step.

Each tandem gets `meetings_planned` meetings of its round, every `cadence_weeks` weeks on a
chosen working day and time, between the round's start (or today, or the day after the
tandem's latest meeting) and its end. Meetings that exist already count: planning twice adds
nothing, and a tandem with two meetings gets only the missing ones. When the meetings do not
fit before the round ends, they move closer together (whole weeks); when not even weekly
meetings fit, only those that fit are planned; both come back as warnings.

Nation-wide German public holidays are skipped (the meeting moves to the next working day).

Every new meeting gets agenda items from the reverse-mentoring arc that HR can edit
(`get_agenda_arc` / `set_agenda_arc`, kept in the file's settings as JSON): the first meeting
(expectations, rules, goals), topic meetings from the tandem's focus topics, a mid-round
review and the closing meeting.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlite_utils import Database

from app.errors import ConflictError, ValidationError
from app.i18n import format_date, tr, trn
from app.labels import topic_label
from app.model import TandemStatus, Topic
from app.services import common
from app.services.common import clean, marks, parse_date, require_row, to_iso
from app.services.tandem_rules import OPEN_STATUSES_SQL

ARC_SETTING = "agenda_arc"
TOPIC_PLACEHOLDER = "{topic}"


@dataclass(frozen=True)
class ArcItem:
    """One agenda item of the arc; in topic items `{topic}` stands for the focus topic."""

    title: str
    preparation: str = ""


@dataclass(frozen=True)
class AgendaArc:
    """The agenda items a meeting gets, by its place in the round."""

    first: tuple[ArcItem, ...]
    topic: tuple[ArcItem, ...]
    review: tuple[ArcItem, ...]
    closing: tuple[ArcItem, ...]
    free: tuple[ArcItem, ...]

    @staticmethod
    def parts() -> dict[str, str]:
        """The arc's parts with translated names, in order (for an editor)."""
        return {
            "first": tr("First meeting"),
            "topic": tr("Topic meeting (for each focus topic; {topic} is replaced)"),
            "review": tr("Mid-round review"),
            "closing": tr("Closing meeting"),
            "free": tr("Topic meeting when the tandem has no focus topics"),
        }


def default_agenda_arc() -> AgendaArc:
    """The arc Tandem suggests, in the current language."""
    return AgendaArc(
        first=(
            ArcItem(
                tr("Get to know each other and share expectations"),
                tr("Think about what you would like to learn and what you can offer."),
            ),
            ArcItem(
                tr(
                    "Agree the rules: what is said stays in the tandem, you meet as equals, "
                    "and either of you can end the tandem without blame"
                ),
            ),
            ArcItem(
                tr("Set two or three goals for the round"),
                tr("Bring a first idea for your goals."),
            ),
        ),
        topic=(
            ArcItem(
                tr("Focus topic: {topic}"),
                tr(
                    "Whoever knows more about {topic}: prepare a short hands-on example. "
                    "The other: bring a question about it from your daily work."
                ),
            ),
            ArcItem(tr("Try it out together")),
            ArcItem(tr("Agree a small task until the next meeting")),
        ),
        review=(
            ArcItem(
                tr("Mid-round review: what works well, what should change?"),
                tr("Look back at your goals."),
            ),
            ArcItem(tr("Adjust goals and topics for the second half")),
        ),
        closing=(
            ArcItem(
                tr("Look back: what have both of you learned?"),
                tr("Note your three most important insights."),
            ),
            ArcItem(tr("Goals reached? Next steps after the round")),
            ArcItem(tr("Feedback for the program")),
        ),
        free=(
            ArcItem(
                tr("Topic of your choice"),
                tr("Agree beforehand what you would like to talk about."),
            ),
            ArcItem(tr("Agree a small task until the next meeting")),
        ),
    )


def _arc_from_json(data: dict[str, Any]) -> AgendaArc:
    default = default_agenda_arc()
    parts: dict[str, tuple[ArcItem, ...]] = {}
    for name in AgendaArc.parts():
        items = data.get(name)
        if isinstance(items, list):
            parts[name] = tuple(
                ArcItem(str(i.get("title", "")), str(i.get("preparation", "")))
                for i in items
                if isinstance(i, dict) and str(i.get("title", "")).strip()
            )
        else:
            parts[name] = getattr(default, name)
    return AgendaArc(**parts)


def get_agenda_arc(db: Database) -> AgendaArc:
    """The arc HR has set for this file, or the default in the current language."""
    row = db.execute("SELECT data FROM settings WHERE key = ?", [ARC_SETTING]).fetchone()
    if not row or row[0] is None:
        return default_agenda_arc()
    try:
        data = json.loads(bytes(row[0]).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return default_agenda_arc()
    return _arc_from_json(data) if isinstance(data, dict) else default_agenda_arc()


def set_agenda_arc(db: Database, arc: AgendaArc) -> AgendaArc:
    """Store HR's arc; every item needs a title (preparation may be empty)."""
    cleaned: dict[str, list[dict[str, str]]] = {}
    for name, part_label in AgendaArc.parts().items():
        items = []
        for number, item in enumerate(getattr(arc, name), start=1):
            title = clean(item.title)
            if not title:
                raise ValidationError(
                    tr("{part}: item {n} needs a title.", part=part_label, n=number), field=name
                )
            items.append({"title": title, "preparation": (item.preparation or "").strip()})
        cleaned[name] = items
    blob = json.dumps({"version": 1, **cleaned}, ensure_ascii=False).encode("utf-8")
    with db.atomic():
        db.execute(
            "INSERT INTO settings (key, data) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET data = excluded.data",
            [ARC_SETTING, blob],
        )
    return get_agenda_arc(db)


def reset_agenda_arc(db: Database) -> AgendaArc:
    """Forget HR's arc: the default (in the current language) applies again."""
    with db.atomic():
        db.execute("DELETE FROM settings WHERE key = ?", [ARC_SETTING])
    return default_agenda_arc()


def arc_as_dict(arc: AgendaArc) -> dict[str, Any]:
    """The arc as plain data (for JSON or an editor)."""
    return asdict(arc)


def session_kind(index: int, count: int) -> str:
    """Which part of the arc meeting `index` (0-based) of `count` is."""
    if index == 0:
        return "first"
    if index == count - 1:
        return "closing"
    if count >= 4 and index == count // 2:
        return "review"
    return "topic"


def agenda_for(
    arc: AgendaArc, index: int, count: int, focus_topics: list[str]
) -> list[tuple[str, str]]:
    """The (title, preparation) agenda items of meeting `index` of `count`.

    Topic meetings take the focus topics in turn (already in the user's words)."""
    kind = session_kind(index, count)
    if kind != "topic":
        return [(i.title, i.preparation) for i in getattr(arc, kind)]
    if not focus_topics:
        return [(i.title, i.preparation) for i in arc.free]
    number = sum(1 for k in range(index) if session_kind(k, count) == "topic")
    topic = focus_topics[number % len(focus_topics)]
    return [
        (i.title.replace(TOPIC_PLACEHOLDER, topic), i.preparation.replace(TOPIC_PLACEHOLDER, topic))
        for i in arc.topic
    ]


def easter_sunday(year: int) -> date:
    """Easter Sunday (Gregorian calendar, anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    month = (h + ll - 7 * m + 114) // 31
    day = (h + ll - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def german_holidays(year: int) -> set[date]:
    """The public holidays of all German states (regional ones are left out)."""
    easter = easter_sunday(year)
    return {
        date(year, 1, 1),
        easter - timedelta(days=2),
        easter + timedelta(days=1),
        date(year, 5, 1),
        easter + timedelta(days=39),
        easter + timedelta(days=50),
        date(year, 10, 3),
        date(year, 12, 25),
        date(year, 12, 26),
    }


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a nation-wide German public holiday."""
    return day.weekday() < 5 and day not in german_holidays(day.year)


def _next_working_day(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


@dataclass(frozen=True)
class PlanResult:
    """What planning did: new meetings, tandems touched, and warnings for HR.

    `warnings` holds each distinct warning once; `notes` the warning of each tandem by id.
    `left_out_proposed` counts the proposed tandems that got no meetings because their
    people have not agreed yet (see `left_out_lines`)."""

    created: int = 0
    session_ids: list[int] = field(default_factory=list)
    tandems_planned: int = 0
    tandems_complete: int = 0
    warnings: list[str] = field(default_factory=list)
    notes: dict[int, str] = field(default_factory=dict)
    left_out_proposed: int = 0


def left_out_lines(result: PlanResult) -> list[str]:
    """What planning left out and why, one sentence per reason (empty when nothing)."""
    if not result.left_out_proposed:
        return []
    return [
        trn(
            "{n} proposed tandem was left out: its two people have not agreed yet.",
            "{n} proposed tandems were left out: their people have not agreed yet.",
            result.left_out_proposed,
        )
    ]


@dataclass(frozen=True)
class PlanScope:
    """The open tandems of a round by whether their people agreed: `agreed` holds the agreed
    and active ones (always planned), `proposed` those planned only when HR asks for it."""

    agreed: list[int] = field(default_factory=list)
    proposed: list[int] = field(default_factory=list)

    def tandem_ids(self, include_proposed: bool = False) -> list[int]:
        """The tandems that planning covers, in id order."""
        return sorted(self.agreed + self.proposed) if include_proposed else list(self.agreed)


def first_planning_day(round_start: date, today: date) -> date:
    """The first day new meetings can fall on: the round's start, or today once the round
    runs (planning never goes back in time)."""
    return max(round_start, today)


def meeting_dates(
    *,
    count: int,
    cadence_weeks: int,
    weekday: int,
    not_before: date,
    round_end: date,
) -> tuple[list[date], str | None]:
    """Up to `count` working days from `not_before` on `weekday`, every `cadence_weeks`
    weeks, none after `round_end`; with a warning (translated) when they had to move closer
    together or not all fit."""
    first = not_before + timedelta(days=(weekday - not_before.weekday()) % 7)
    if count <= 0:
        return [], None
    if first > round_end:
        return [], tr(
            "No working day is left before the round ends on {end}.", end=format_date(round_end)
        )
    cadence, warning, n = cadence_weeks, None, count
    if count > 1:
        weeks_available = (round_end - first).days // 7
        if (count - 1) * cadence_weeks > weeks_available:
            cadence = weeks_available // (count - 1)
            if cadence >= 1:
                warning = tr(
                    "The meetings are every {weeks} weeks instead of every {cadence} so that "
                    "they fit before the round ends on {end}.",
                    weeks=cadence,
                    cadence=cadence_weeks,
                    end=format_date(round_end),
                )
            else:
                cadence, n = 1, weeks_available + 1
    dates = []
    for k in range(n):
        day = _next_working_day(first + timedelta(weeks=cadence * k))
        if day <= round_end and (not dates or day > dates[-1]):
            dates.append(day)
    if len(dates) < count:
        warning = tr(
            "Only {n} of {count} meetings fit before the round ends on {end}.",
            n=len(dates),
            count=count,
            end=format_date(round_end),
        )
    return dates, warning


def _validate(weekday: int, at: time, duration_minutes: int) -> None:
    if not isinstance(weekday, int) or not 0 <= weekday <= 4:
        raise ValidationError(
            tr("Please choose a working day (Monday to Friday)."), field="weekday"
        )
    if not isinstance(at, time):
        raise ValidationError(tr("Please enter the time of the meetings."), field="time")
    if not isinstance(duration_minutes, int) or not 5 <= duration_minutes <= 720:
        raise ValidationError(
            tr("The duration must be between 5 and 720 minutes."), field="duration_minutes"
        )


def _validate_options(db: Database, weekday: int, at: time, duration_minutes: int | None) -> int:
    """Check the options of a planning; returns the duration to use (the file's default
    when none is given)."""
    duration = duration_minutes if duration_minutes is not None else _default_duration(db)
    _validate(weekday, at, duration)
    return duration


def _default_duration(db: Database) -> int:
    row = db.execute("SELECT value FROM settings WHERE key = 'default_duration_minutes'").fetchone()
    try:
        return int(row[0]) if row and row[0] else 60
    except ValueError:
        return 60


def plan_tandem(
    db: Database,
    tandem_id: int,
    *,
    weekday: int = 1,
    at: time = time(10, 0),
    duration_minutes: int | None = None,
    location: str = "",
    start: date | None = None,
    today: date | None = None,
    include_proposed: bool = False,
) -> PlanResult:
    """Plan the missing meetings of one agreed or active tandem (weekday: 0 = Monday ...
    4 = Friday). A proposed tandem is planned only with `include_proposed`; otherwise the
    result says it was left out. A completed or dissolved tandem is refused."""
    row = require_row(db, "tandems", tandem_id, tr("Tandem"))
    status = TandemStatus(row["status"])
    if not status.is_open:
        raise ConflictError(tr("A completed or dissolved tandem gets no new meetings."))
    if status == TandemStatus.PROPOSED and not include_proposed:
        _validate_options(db, weekday, at, duration_minutes)
        return PlanResult(left_out_proposed=1)
    return _plan(
        db, row["round_id"], [tandem_id], weekday, at, duration_minutes, location, start, today
    )


def plan_round(
    db: Database,
    round_id: int,
    *,
    weekday: int = 1,
    at: time = time(10, 0),
    duration_minutes: int | None = None,
    location: str = "",
    start: date | None = None,
    today: date | None = None,
    include_proposed: bool = False,
) -> PlanResult:
    """Plan the missing meetings of every agreed and active tandem of a round; its proposed
    tandems only with `include_proposed` (people who have not agreed get no invitations),
    otherwise the result counts them as left out."""
    require_row(db, "rounds", round_id, tr("Round"))
    scope = planning_scope(db, round_id)
    ids = scope.tandem_ids(include_proposed)
    result = _plan(db, round_id, ids, weekday, at, duration_minutes, location, start, today)
    left_out = 0 if include_proposed else len(scope.proposed)
    return replace(result, left_out_proposed=left_out)


def planning_scope(db: Database, round_id: int) -> PlanScope:
    """The open tandems of a round, split into agreed/active and proposed."""
    agreed: list[int] = []
    proposed: list[int] = []
    for tandem_id, status in db.execute(
        f"SELECT id, status FROM tandems WHERE round_id = ? AND status IN {OPEN_STATUSES_SQL} "
        "ORDER BY id",
        [round_id],
    ).fetchall():
        (proposed if status == TandemStatus.PROPOSED else agreed).append(tandem_id)
    return PlanScope(agreed, proposed)


def open_tandem_ids(db: Database, round_id: int) -> list[int]:
    """The open tandems of a round (proposed, agreed, active): those `plan_round` plans for
    with `include_proposed`."""
    rows = db.execute(
        f"SELECT id FROM tandems WHERE round_id = ? AND status IN {OPEN_STATUSES_SQL} ORDER BY id",
        [round_id],
    )
    return [row[0] for row in rows.fetchall()]


def _plan(
    db: Database,
    round_id: int,
    tandem_ids: list[int],
    weekday: int,
    at: time,
    duration_minutes: int | None,
    location: str,
    start: date | None,
    today: date | None,
) -> PlanResult:
    duration = _validate_options(db, weekday, at, duration_minutes)
    rnd = require_row(db, "rounds", round_id, tr("Round"))
    round_start, round_end = parse_date(rnd["start_date"]), parse_date(rnd["end_date"])
    assert round_start is not None and round_end is not None
    count, cadence = rnd["meetings_planned"], rnd["cadence_weeks"]
    place = clean(location) or ""
    today = today or common.today()
    arc = get_agenda_arc(db)
    if not tandem_ids:
        return PlanResult()

    id_marks = marks(tandem_ids)
    existing: dict[int, list[str]] = {t: [] for t in tandem_ids}
    for tid, starts in db.execute(
        f"SELECT tandem_id, starts_at FROM sessions WHERE tandem_id IN ({id_marks}) "
        "AND status <> 'cancelled' ORDER BY starts_at",
        tandem_ids,
    ).fetchall():
        existing[tid].append(starts)
    focus: dict[int, list[str]] = {t: [] for t in tandem_ids}
    for tid, name, key in db.execute(
        f"SELECT tt.tandem_id, t.name, t.builtin_key FROM tandem_topics tt "
        f"JOIN topics t ON t.id = tt.topic_id WHERE tt.tandem_id IN ({id_marks})",
        tandem_ids,
    ).fetchall():
        focus[tid].append(topic_label(Topic(0, name, key)))
    for names in focus.values():
        names.sort(key=str.casefold)

    created_ids: list[int] = []
    warnings: list[str] = []
    notes: dict[int, str] = {}
    planned = complete = 0
    agenda_rows: list[tuple[int, int, str, str]] = []
    conn = db.conn
    with db.atomic():
        for tid in tandem_ids:
            have = existing[tid]
            missing = count - len(have)
            if missing <= 0:
                complete += 1
                continue
            base = max(first_planning_day(round_start, today), start or round_start)
            options = [base]
            if have:
                last = datetime.fromisoformat(have[-1]).date()
                # The next meeting about one cadence after the latest one (a few days early
                # at most, so the chosen weekday can be reached) or, when that leaves too
                # little room before the round ends, a week after it.
                options = [
                    max(base, last + timedelta(weeks=cadence) - timedelta(days=3)),
                    max(base, last + timedelta(days=4)),
                ]
            dates, warning = [], None
            for not_before in options:
                dates, warning = meeting_dates(
                    count=missing,
                    cadence_weeks=cadence,
                    weekday=weekday,
                    not_before=not_before,
                    round_end=round_end,
                )
                if len(dates) == missing:
                    break
            if warning:
                notes[tid] = warning
                if warning not in warnings:
                    warnings.append(warning)
            if not dates:
                continue
            planned += 1
            for offset, day in enumerate(dates):
                cursor = conn.execute(
                    "INSERT INTO sessions (tandem_id, starts_at, duration_minutes, location, "
                    "status, summary) VALUES (?, ?, ?, ?, 'planned', '')",
                    [tid, to_iso(datetime.combine(day, at)), duration, place],
                )
                session_id = int(cursor.lastrowid)
                created_ids.append(session_id)
                items = agenda_for(arc, len(have) + offset, count, focus[tid])
                agenda_rows.extend(
                    (session_id, position, title, prep)
                    for position, (title, prep) in enumerate(items, start=1)
                )
        if agenda_rows:
            conn.executemany(
                "INSERT INTO agenda_items (session_id, position, title, preparation) "
                "VALUES (?, ?, ?, ?)",
                agenda_rows,
            )
    return PlanResult(len(created_ids), created_ids, planned, complete, warnings, notes)
