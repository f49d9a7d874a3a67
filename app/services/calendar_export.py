"""Outlook invitations: the meetings of a tandem or a round as an iCalendar (.ics) file.

Invitations go only to people who agreed, and only for what is still to come: the file holds
the meetings from today on of agreed and active tandems. A meeting still to come that an
earlier export sent and that must not stand any more (cancelled, or its tandem was dissolved,
completed or is only proposed) is written with STATUS:CANCELLED, so a calendar that imported
it removes it. Everything else is left out, and the result counts what and why
(`IcsExport.left_out_lines`). UIDs are stable (`session-<id>-<file id>@tandem.local`,
where the file id is a random UUID stored once in the file's settings), so a second export
updates the events instead of duplicating them, and SEQUENCE goes up whenever an exported
meeting changed since the last export. Times carry a TZID (Europe/Berlin by default) with a
matching VTIMEZONE written with yearly rules, the form Outlook itself writes.

The description holds the agenda with its preparation, the focus topics and the shared
summary; private notes are never read here. Both people are attendees when their e-mail is
known (CN with the name).
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlite_utils import Database

from app.errors import ConflictError, ValidationError
from app.files import write_atomically
from app.i18n import tr, trn
from app.labels import topic_label
from app.model import Topic
from app.services import common
from app.services.common import require_row

DEFAULT_TIMEZONE = "Europe/Berlin"
UID_SETTING = "calendar_uid_namespace"
SEQUENCE_SETTING = "calendar_sequences"
UID_DOMAIN = "tandem.local"
_URL = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)


@dataclass(frozen=True)
class IcsExport:
    """What an export wrote: `events` in all, `cancelled` of them cancellations; and what
    it left out, by reason (see `left_out_lines`)."""

    path: Path
    events: int
    cancelled: int
    past: int = 0
    """Meetings before today (never sent again)."""
    proposed: int = 0
    """Meetings of proposed tandems: their people have not agreed yet."""
    closed: int = 0
    """Meetings of completed or dissolved tandems that were never sent."""
    cancelled_unsent: int = 0
    """Cancelled meetings that were never sent (nothing to remove from a calendar)."""

    @property
    def left_out(self) -> int:
        """How many meetings the file does not hold."""
        return self.past + self.proposed + self.closed + self.cancelled_unsent

    def left_out_counts(self) -> dict[str, int]:
        """The meetings left out by reason (for JSON)."""
        return {
            "past": self.past,
            "proposed": self.proposed,
            "closed": self.closed,
            "cancelled_unsent": self.cancelled_unsent,
        }

    def left_out_lines(self) -> list[str]:
        """What was left out and why, one sentence per reason (empty when nothing)."""
        lines = []
        if self.past:
            lines.append(
                trn(
                    "{n} meeting before today was left out.",
                    "{n} meetings before today were left out.",
                    self.past,
                )
            )
        if self.proposed:
            lines.append(
                trn(
                    "{n} meeting of proposed tandems was left out: their people have not "
                    "agreed yet.",
                    "{n} meetings of proposed tandems were left out: their people have not "
                    "agreed yet.",
                    self.proposed,
                )
            )
        if self.closed:
            lines.append(
                trn(
                    "{n} meeting of completed or dissolved tandems was left out.",
                    "{n} meetings of completed or dissolved tandems were left out.",
                    self.closed,
                )
            )
        if self.cancelled_unsent:
            lines.append(
                trn(
                    "{n} cancelled meeting was left out: it was never sent.",
                    "{n} cancelled meetings were left out: they were never sent.",
                    self.cancelled_unsent,
                )
            )
        return lines


_SENT_STATUSES = ("agreed", "active")
"""The statuses of tandems whose meetings are sent as invitations."""


def file_uid_namespace(db: Database) -> str:
    """A random id for this program file, made once and kept, so UIDs stay stable."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [UID_SETTING]).fetchone()
    if row and row[0]:
        return str(row[0])
    value = uuid.uuid4().hex
    with db.atomic():
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING",
            [UID_SETTING, value],
        )
    return str(db.execute("SELECT value FROM settings WHERE key = ?", [UID_SETTING]).fetchone()[0])


def session_uid(namespace: str, session_id: int) -> str:
    """The UID of a meeting's event."""
    return f"session-{session_id}-{namespace}@{UID_DOMAIN}"


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(
            tr("Unknown time zone: {zone}.", zone=name), field="timezone"
        ) from exc


def _offset(zone: tzinfo, moment: datetime) -> timedelta:
    return moment.replace(tzinfo=UTC).astimezone(zone).utcoffset() or timedelta(0)


def _transitions(zone: tzinfo, year: int) -> list[datetime]:
    """The UTC moments in `year` at which the zone's offset changes (to the minute)."""
    found = []
    start = datetime(year, 1, 1)
    previous = _offset(zone, start)
    for day in range(1, 367):
        moment = start + timedelta(days=day)
        current = _offset(zone, moment)
        if current != previous:
            low, high = moment - timedelta(days=1), moment
            while high - low > timedelta(minutes=1):
                mid = low + (high - low) / 2
                if _offset(zone, mid) == previous:
                    low = mid
                else:
                    high = mid
            found.append(high.replace(second=0, microsecond=0))
            previous = current
    return found


def _rule_for(local: datetime) -> str:
    """An RRULE for 'the same weekday of the same week of this month every year'."""
    days = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
    next_month = (local.replace(day=28) + timedelta(days=4)).replace(day=1)
    last = (next_month - timedelta(days=1)).day
    week = -1 if local.day + 7 > last else (local.day - 1) // 7 + 1
    return f"FREQ=YEARLY;BYMONTH={local.month};BYDAY={week}{days[local.weekday()]}"


def vtimezone(name: str, year: int) -> Any:
    """A VTIMEZONE with yearly rules for the zone's rule in force in `year`."""
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard
    from icalendar.prop import vRecur

    zone = _zone(name)
    component = Timezone()
    component.add("tzid", name)
    changes = _transitions(zone, year)
    if len(changes) != 2:
        offset = _offset(zone, datetime(year, 7, 1))
        part = TimezoneStandard()
        part.add("dtstart", datetime(1970, 1, 1))
        part.add("tzoffsetfrom", offset)
        part.add("tzoffsetto", offset)
        part.add("tzname", datetime(year, 7, 1, tzinfo=zone).tzname() or name)
        component.add_component(part)
        return component
    for moment in changes:
        before = _offset(zone, moment - timedelta(minutes=1))
        after = _offset(zone, moment)
        local_before = moment + before  # wall-clock time of the change, old offset
        part = TimezoneDaylight() if after > before else TimezoneStandard()
        part.add("dtstart", _first_matching(local_before))
        part.add("rrule", vRecur.from_ical(_rule_for(local_before)))
        part.add("tzoffsetfrom", before)
        part.add("tzoffsetto", after)
        part.add(
            "tzname", (moment + timedelta(hours=1)).replace(tzinfo=UTC).astimezone(zone).tzname()
        )
        component.add_component(part)
    return component


def _first_matching(local: datetime) -> datetime:
    """The same rule's date in 1970 (the customary first DTSTART of a VTIMEZONE rule)."""
    rule_week = -1 if local.day + 7 > _month_length(local) else (local.day - 1) // 7 + 1
    first = datetime(1970, local.month, 1, local.hour, local.minute)
    candidates = [
        first + timedelta(days=d)
        for d in range(_month_length(first))
        if (first + timedelta(days=d)).weekday() == local.weekday()
    ]
    return candidates[-1] if rule_week == -1 else candidates[rule_week - 1]


def _month_length(day: datetime) -> int:
    next_month = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return (next_month - timedelta(days=1)).day


def _load_sequences(db: Database) -> dict[str, list[Any]]:
    row = db.execute("SELECT data FROM settings WHERE key = ?", [SEQUENCE_SETTING]).fetchone()
    if not row or row[0] is None:
        return {}
    try:
        data = json.loads(bytes(row[0]).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _save_sequences(db: Database, data: dict[str, list[Any]]) -> None:
    blob = json.dumps(data, separators=(",", ":")).encode("utf-8")
    db.execute(
        "INSERT INTO settings (key, data) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET data = excluded.data",
        [SEQUENCE_SETTING, blob],
    )


def _description(row: dict[str, Any], agenda: list[tuple[str, str]], focus: list[str]) -> str:
    lines = [
        tr(
            "Reverse-mentoring tandem: {mentor} (mentor) and {mentee} (mentee)",
            mentor=row["mentor"],
            mentee=row["mentee"],
        )
    ]
    if focus:
        lines.append(tr("Focus topics: {topics}", topics=", ".join(focus)))
    if agenda:
        lines += ["", tr("Agenda:")]
        for number, (title, preparation) in enumerate(agenda, start=1):
            lines.append(f"{number}. {title}")
            if preparation:
                lines.append("   " + tr("Preparation: {text}", text=preparation))
    if row["summary"]:
        lines += ["", tr("Topics covered: {text}", text=row["summary"])]
    return "\n".join(lines)


def _scope(db: Database, round_id: int | None, tandem_id: int | None) -> tuple[str, list[int], str]:
    """The SQL condition on tandems `t`, its parameters, and the calendar's title."""
    if (round_id is None) == (tandem_id is None):
        raise ValidationError(tr("Please choose either a round or a tandem to export."))
    if round_id is not None:
        rnd = require_row(db, "rounds", round_id, tr("Round"))
        return "t.round_id = ?", [round_id], rnd["name"]
    require_row(db, "tandems", tandem_id, tr("Tandem"))  # type: ignore[arg-type]
    return "t.id = ?", [tandem_id], ""  # type: ignore[list-item]


def _select(
    rows: list[dict[str, Any]], sent: set[str], today: date
) -> tuple[list[tuple[dict[str, Any], bool]], IcsExport]:
    """The meetings to write, each with whether it goes out as a cancellation, and the
    counts of those left out (in an IcsExport without a path)."""
    chosen: list[tuple[dict[str, Any], bool]] = []
    left = {"past": 0, "proposed": 0, "closed": 0, "cancelled_unsent": 0}
    first_day = today.isoformat()
    for row in rows:
        if row["starts_at"][:10] < first_day:
            left["past"] += 1
            continue
        stands = row["status"] != "cancelled" and row["tandem_status"] in _SENT_STATUSES
        if stands:
            chosen.append((row, False))
        elif str(row["id"]) in sent:
            chosen.append((row, True))  # sent before: withdraw it from the calendars
        elif row["status"] == "cancelled":
            left["cancelled_unsent"] += 1
        elif row["tandem_status"] == "proposed":
            left["proposed"] += 1
        else:
            left["closed"] += 1
    cancelled = sum(1 for _row, withdrawn in chosen if withdrawn)
    return chosen, IcsExport(Path(), len(chosen), cancelled, **left)


def calendar_selection(
    db: Database,
    *,
    round_id: int | None = None,
    tandem_id: int | None = None,
    today: date | None = None,
) -> IcsExport:
    """What an export would write now and what it would leave out (writes nothing; the
    path is empty). Lets the window say so before asking where to save."""
    where, params, _title = _scope(db, round_id, tandem_id)
    rows = _meeting_rows(db, where, params)
    _chosen, counts = _select(rows, set(_load_sequences(db)), today or common.today())
    return counts


def _meeting_rows(db: Database, where: str, params: list[int]) -> list[dict[str, Any]]:
    return list(
        db.query(
            f"""
            SELECT s.id, s.tandem_id, s.starts_at, s.duration_minutes, s.location, s.status,
                   s.summary, t.status AS tandem_status,
                   mr.first_name || ' ' || mr.last_name AS mentor, mr.email AS
                   mentor_email, me.first_name || ' ' || me.last_name AS mentee,
                   me.email AS mentee_email
            FROM sessions s JOIN tandems t ON t.id = s.tandem_id
            JOIN participants mr ON mr.id = t.mentor_id
            JOIN participants me ON me.id = t.mentee_id
            WHERE {where} ORDER BY s.starts_at, s.id
            """,
            params,
        )
    )


def build_calendar(
    db: Database,
    *,
    round_id: int | None = None,
    tandem_id: int | None = None,
    timezone: str = DEFAULT_TIMEZONE,
    now: datetime | None = None,
    today: date | None = None,
) -> tuple[Any, IcsExport]:
    """The calendar of `_calendar`, counted as sent: the SEQUENCE numbers of meetings that
    changed since the last export are stored at once (for a calendar handed on directly)."""
    calendar, counts, sequences = _calendar(
        db, round_id=round_id, tandem_id=tandem_id, timezone=timezone, now=now, today=today
    )
    _record_sent(db, sequences)
    return calendar, counts


def _record_sent(db: Database, sequences: dict[str, list[Any]] | None) -> None:
    """Store the SEQUENCE numbers of a calendar that went out (None: nothing changed)."""
    if sequences is not None:
        with db.atomic():
            _save_sequences(db, sequences)


def _calendar(
    db: Database,
    *,
    round_id: int | None = None,
    tandem_id: int | None = None,
    timezone: str = DEFAULT_TIMEZONE,
    now: datetime | None = None,
    today: date | None = None,
) -> tuple[Any, IcsExport, dict[str, list[Any]] | None]:
    """The calendar (an icalendar.Calendar) of the meetings still to come (from `today`,
    default today) of agreed and active tandems, plus cancellations of meetings still to come
    that an earlier export sent; and the counts of what it holds and left out (an IcsExport
    without a path); and the SEQUENCE numbers to store once it went out (None when no
    meeting changed since the last export). Writes nothing."""
    from icalendar import Calendar, Event, vCalAddress, vText

    where, params, title = _scope(db, round_id, tandem_id)
    zone = _zone(timezone)
    all_rows = _meeting_rows(db, where, params)
    sequences = _load_sequences(db)
    chosen, counts = _select(all_rows, set(sequences), today or common.today())
    if tandem_id is not None and all_rows:
        title = tr(
            "Tandem: {mentor} & {mentee}",
            mentor=all_rows[0]["mentor"],
            mentee=all_rows[0]["mentee"],
        )
    rows = [row for row, _withdrawn in chosen]
    withdrawn_ids = {row["id"] for row, withdrawn in chosen if withdrawn}
    agenda: dict[int, list[tuple[str, str]]] = {}
    focus: dict[int, list[str]] = {}
    if rows:
        agenda_sql = (
            "SELECT a.session_id, a.title, a.preparation FROM agenda_items a "
            "JOIN sessions s ON s.id = a.session_id JOIN tandems t ON t.id = s.tandem_id "
            f"WHERE {where} ORDER BY a.session_id, a.position, a.id"
        )
        for sid, item_title, preparation in db.execute(agenda_sql, params).fetchall():
            agenda.setdefault(sid, []).append((item_title, preparation))
        focus_sql = (
            "SELECT tt.tandem_id, tp.name, tp.builtin_key FROM tandem_topics tt "
            "JOIN topics tp ON tp.id = tt.topic_id JOIN tandems t ON t.id = tt.tandem_id "
            f"WHERE {where}"
        )
        for tid, name, key in db.execute(focus_sql, params).fetchall():
            focus.setdefault(tid, []).append(topic_label(Topic(0, name, key)))
        for names in focus.values():
            names.sort(key=str.casefold)

    namespace = file_uid_namespace(db)
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", "-//Tandem//Reverse mentoring//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("calscale", "GREGORIAN")
    if title:
        calendar.add("x-wr-calname", title)
    calendar.add("x-wr-timezone", timezone)
    first_year = datetime.fromisoformat(rows[0]["starts_at"]).year if rows else common.today().year
    calendar.add_component(vtimezone(timezone, first_year))

    changed = False
    for row in rows:
        start = datetime.fromisoformat(row["starts_at"]).replace(tzinfo=zone)
        end = start + timedelta(minutes=row["duration_minutes"])
        summary = tr("Tandem: {mentor} & {mentee}", mentor=row["mentor"], mentee=row["mentee"])
        description = _description(
            {"mentor": row["mentor"], "mentee": row["mentee"], "summary": row["summary"]},
            agenda.get(row["id"], []),
            focus.get(row["tandem_id"], []),
        )
        status = "CANCELLED" if row["id"] in withdrawn_ids else "CONFIRMED"
        attendees = [
            (name, email)
            for name, email in (
                (row["mentor"], row["mentor_email"]),
                (row["mentee"], row["mentee_email"]),
            )
            if email
        ]
        content = json.dumps(
            [
                row["starts_at"],
                row["duration_minutes"],
                row["location"],
                status,
                summary,
                description,
                attendees,
            ],
            ensure_ascii=False,
        )
        digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:16]
        key = str(row["id"])
        sequence, known = sequences.get(key, [0, None])
        if known is not None and known != digest:
            sequence += 1
        if known != digest:
            sequences[key] = [sequence, digest]
            changed = True

        event = Event()
        event.add("uid", session_uid(namespace, row["id"]))
        event.add("dtstamp", stamp)
        event.add("sequence", sequence)
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("summary", summary)
        event.add("description", description)
        event.add("status", status)
        event.add("transp", "OPAQUE")
        event.add("categories", ["Tandem"])
        if row["location"]:
            event.add("location", row["location"])
            url = _URL.search(row["location"])
            if url:
                event.add("url", url.group(0))
        for name, email in attendees:
            address = vCalAddress(f"mailto:{email}")
            address.params["cn"] = vText(name)
            address.params["role"] = vText("REQ-PARTICIPANT")
            address.params["partstat"] = vText("NEEDS-ACTION")
            address.params["rsvp"] = vText("TRUE")
            event.add("attendee", address, encode=False)
        calendar.add_component(event)
    return calendar, counts, (sequences if changed else None)


def export_ics(
    db: Database,
    path: Path | str,
    round_id: int | None = None,
    tandem_id: int | None = None,
    *,
    timezone: str = DEFAULT_TIMEZONE,
    today: date | None = None,
) -> IcsExport:
    """Write the meetings still to come of a round or a tandem to an .ics file (replaced
    whole, never half): see `_calendar` for which. With nothing to write, ConflictError
    says what was left out and why, and no file is written."""
    path = Path(path)
    calendar, counts, sequences = _calendar(
        db, round_id=round_id, tandem_id=tandem_id, timezone=timezone, today=today
    )
    if not counts.events:
        raise ConflictError(
            " ".join([tr("There is no meeting to send."), *counts.left_out_lines()])
        )
    write_atomically(path, calendar.to_ical())
    _record_sent(db, sequences)  # only once the file is there: a failed write sent nothing
    return replace(counts, path=path)
