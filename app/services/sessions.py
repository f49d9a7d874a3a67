"""Sessions (meetings of a tandem) and their agenda items."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from typing import Any

from sqlite_utils import Database

from app.errors import NotFoundError, ValidationError
from app.i18n import tr
from app.model import AgendaItem, Session, SessionInput, SessionStatus, TandemStatus
from app.services.common import clean, marks, parse_datetime, require_row, to_iso
from app.services.paging import Pages
from app.services.settings import get_settings
from app.services.tandems import get_tandem

_SELECT = """
SELECT s.*, t.round_id, t.status AS tandem_status,
       mr.first_name || ' ' || mr.last_name AS mentor_name,
       me.first_name || ' ' || me.last_name AS mentee_name
FROM sessions s
JOIN tandems t ON t.id = s.tandem_id
JOIN participants mr ON mr.id = t.mentor_id
JOIN participants me ON me.id = t.mentee_id
"""
_CHUNK = 500  # ids per `IN (...)`, well below SQLite's limit of parameters


def _agenda(db: Database, session_ids: list[int] | None) -> dict[int, list[AgendaItem]]:
    sql = "SELECT * FROM agenda_items"
    params: list[Any] = []
    if session_ids is not None:
        sql += f" WHERE session_id IN ({marks(session_ids)})"
        params = list(session_ids)
    result: dict[int, list[AgendaItem]] = defaultdict(list)
    for row in db.query(sql + " ORDER BY session_id, position, id", params):
        result[row["session_id"]].append(
            AgendaItem(
                row["id"], row["session_id"], row["position"], row["title"], row["preparation"]
            )
        )
    return result


def _from_row(row: dict[str, Any], agenda: list[AgendaItem] | None) -> Session:
    return Session(
        id=row["id"],
        tandem_id=row["tandem_id"],
        starts_at=parse_datetime(row["starts_at"]),  # type: ignore[arg-type]
        duration_minutes=row["duration_minutes"],
        location=row["location"],
        status=SessionStatus(row["status"]),
        summary=row["summary"],
        mentor_name=row["mentor_name"],
        mentee_name=row["mentee_name"],
        round_id=row["round_id"],
        agenda=tuple(agenda or ()),
        tandem_status=TandemStatus(row["tandem_status"]),
    )


def list_sessions(
    db: Database,
    *,
    tandem_id: int | None = None,
    round_id: int | None = None,
    with_agenda: bool = True,
) -> list[Session]:
    """Sessions of one tandem, one round, or all, in time order."""
    clauses, params = [], []
    if tandem_id is not None:
        clauses.append("s.tandem_id = ?")
        params.append(tandem_id)
    if round_id is not None:
        clauses.append("t.round_id = ?")
        params.append(round_id)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = list(db.query(f"{_SELECT} {where} ORDER BY s.starts_at, s.id", params))
    agenda = (
        _agenda(db, None if not clauses else [r["id"] for r in rows])
        if with_agenda and rows
        else {}
    )
    return [_from_row(row, agenda.get(row["id"])) for row in rows]


def session_pages(
    db: Database, *, tandem_id: int | None = None, round_id: int | None = None, size: int = 500
) -> Pages[Session]:
    """The meetings `list_sessions` gives, in pages of `size` in the order they were added,
    each read only when asked for (a window shows 20,000 meetings without freezing; it sorts
    them itself)."""
    clauses, params = [], []
    if tandem_id is not None:
        clauses.append("s.tandem_id = ?")
        params.append(tandem_id)
    if round_id is not None:
        clauses.append("t.round_id = ?")
        params.append(round_id)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    ids = [
        row[0]
        for row in db.execute(
            f"SELECT s.id FROM sessions s JOIN tandems t ON t.id = s.tandem_id {where} "
            "ORDER BY s.id",
            params,
        )
    ]

    def read(chunk: list[int]) -> list[Session]:
        rows = {r["id"]: r for r in db.query(f"{_SELECT} WHERE s.id IN ({marks(chunk)})", chunk)}
        agenda = _agenda(db, chunk)
        return [_from_row(rows[i], agenda.get(i)) for i in chunk if i in rows]

    return Pages(ids, read, size)


def get_session(db: Database, session_id: int) -> Session:
    """One session with its agenda, or NotFoundError."""
    require_row(db, "sessions", session_id, tr("Meeting"))
    row = next(iter(db.query(_SELECT + " WHERE s.id = ?", [session_id])))
    return _from_row(row, _agenda(db, [session_id]).get(session_id))


def draft_session(db: Database, tandem_id: int, day: date) -> Session:
    """What a new meeting of a tandem starts as (not saved; its id is 0): `day` at 10:00,
    the usual duration from the settings, planned, no agenda yet."""
    tandem = get_tandem(db, tandem_id)
    return Session(
        id=0,
        tandem_id=tandem.id,
        starts_at=datetime.combine(day, time(10, 0)),
        duration_minutes=get_settings(db).default_duration_minutes,
        mentor_name=tandem.mentor_name,
        mentee_name=tandem.mentee_name,
        round_id=tandem.round_id,
        tandem_status=tandem.status,
    )


def validate(data: SessionInput) -> SessionInput:
    """Check a session's data."""
    errors: dict[str, str] = {}
    if not isinstance(data.starts_at, datetime):
        errors["starts_at"] = tr("Please enter the date and time of the meeting.")
    if not isinstance(data.duration_minutes, int) or not 5 <= data.duration_minutes <= 720:
        errors["duration_minutes"] = tr("The duration must be between 5 and 720 minutes.")
    try:
        status = SessionStatus(data.status)
    except ValueError:
        errors["status"] = tr("Please choose a status.")
        status = SessionStatus.PLANNED
    if errors:
        raise ValidationError(next(iter(errors.values())), field=next(iter(errors)), errors=errors)
    return SessionInput(
        starts_at=data.starts_at.replace(second=0, microsecond=0, tzinfo=None),
        duration_minutes=data.duration_minutes,
        location=clean(data.location) or "",
        status=status,
        summary=(data.summary or "").strip(),
    )


def _validated(
    data: SessionInput, agenda: Sequence[tuple[str, str]] | None
) -> tuple[SessionInput, list[tuple[str, str]] | None]:
    """The meeting's data and its agenda cleaned, or one ValidationError naming every field
    that is wrong (the meeting's fields and the agenda alike)."""
    errors: dict[str, str] = {}
    try:
        data = validate(data)
    except ValidationError as exc:
        errors.update(exc.errors)
    items = None
    if agenda is not None:
        try:
            items = clean_agenda(agenda)
        except ValidationError as exc:
            errors.update(exc.errors)
    if errors:
        raise ValidationError(next(iter(errors.values())), field=next(iter(errors)), errors=errors)
    return data, items


def untitled_item(items: Sequence[tuple[str, str]]) -> int | None:
    """The index of the first agenda item without a title, or None when all have one."""
    for index, (title, _preparation) in enumerate(items):
        if not clean(title):
            return index
    return None


def clean_agenda(items: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """(title, preparation) pairs trimmed, in order; ValidationError (field `agenda`) naming
    the first item without a title."""
    untitled = untitled_item(items)
    if untitled is not None:
        raise ValidationError(tr("Agenda item {n} needs a title.", n=untitled + 1), field="agenda")
    return [(clean(title) or "", (preparation or "").strip()) for title, preparation in items]


def _write_agenda(db: Database, session_id: int, items: list[tuple[str, str]]) -> None:
    """Replace a session's agenda (inside the caller's transaction)."""
    db.execute("DELETE FROM agenda_items WHERE session_id = ?", [session_id])
    db.conn.executemany(
        "INSERT INTO agenda_items (session_id, position, title, preparation) VALUES (?, ?, ?, ?)",
        [(session_id, n, title, prep) for n, (title, prep) in enumerate(items, start=1)],
    )


def create_session(
    db: Database,
    tandem_id: int,
    data: SessionInput,
    agenda: Sequence[tuple[str, str]] | None = None,
) -> Session:
    """Add a meeting to a tandem, with its agenda as (title, preparation) pairs when given:
    both are written in one transaction, or nothing is."""
    require_row(db, "tandems", tandem_id, tr("Tandem"))
    data, items = _validated(data, agenda)
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO sessions (tandem_id, starts_at, duration_minutes, location, status, summary) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                tandem_id,
                to_iso(data.starts_at),
                data.duration_minutes,
                data.location,
                str(data.status),
                data.summary,
            ],
        )
        session_id = int(cursor.lastrowid)
        if items is not None:
            _write_agenda(db, session_id, items)
    return get_session(db, session_id)


def update_session(
    db: Database,
    session_id: int,
    data: SessionInput,
    agenda: Sequence[tuple[str, str]] | None = None,
) -> Session:
    """Change a meeting's time, place, status or summary; with `agenda`, replace its agenda
    in the same transaction (both are saved, or neither)."""
    require_row(db, "sessions", session_id, tr("Meeting"))
    data, items = _validated(data, agenda)
    with db.atomic():
        db.execute(
            "UPDATE sessions SET starts_at = ?, duration_minutes = ?, location = ?, status = ?, "
            "summary = ? WHERE id = ?",
            [
                to_iso(data.starts_at),
                data.duration_minutes,
                data.location,
                str(data.status),
                data.summary,
                session_id,
            ],
        )
        if items is not None:
            _write_agenda(db, session_id, items)
    return get_session(db, session_id)


def _require_sessions(db: Database, session_ids: Sequence[int]) -> list[int]:
    """The ids, each once; NotFoundError naming the first meeting that does not exist."""
    wanted = list(dict.fromkeys(session_ids))
    found: set[int] = set()
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        rows = db.execute(f"SELECT id FROM sessions WHERE id IN ({marks(chunk)})", chunk)
        found.update(row[0] for row in rows)
    for session_id in wanted:
        if session_id not in found:
            raise NotFoundError(
                tr("{what} {id} does not exist.", what=tr("Meeting"), id=session_id)
            )
    return wanted


def set_statuses(db: Database, statuses: Mapping[int, SessionStatus | str]) -> list[Session]:
    """Give several meetings a status each (marking them held or cancelled, or the undo of
    that) in one transaction: all of them change, or none. Returns them in time order."""
    changes: list[tuple[str, int]] = []
    for session_id, status in statuses.items():
        try:
            changes.append((str(SessionStatus(status)), session_id))
        except ValueError:
            raise ValidationError(tr("Please choose a status."), field="status") from None
    _require_sessions(db, list(statuses))
    with db.atomic():
        db.conn.executemany("UPDATE sessions SET status = ? WHERE id = ?", changes)
    return _sessions_by_ids(db, list(statuses))


def _sessions_by_ids(db: Database, session_ids: list[int]) -> list[Session]:
    """These meetings with their agendas, in time order."""
    result: list[Session] = []
    for start in range(0, len(session_ids), _CHUNK):
        chunk = session_ids[start : start + _CHUNK]
        rows = list(db.query(f"{_SELECT} WHERE s.id IN ({marks(chunk)})", chunk))
        agenda = _agenda(db, chunk)
        result.extend(_from_row(row, agenda.get(row["id"])) for row in rows)
    return sorted(result, key=lambda s: (s.starts_at, s.id))


def delete_session(db: Database, session_id: int) -> None:
    """Delete a meeting with its agenda (and its private notes)."""
    delete_sessions(db, [session_id])


def delete_sessions(db: Database, session_ids: Sequence[int]) -> int:
    """Delete several meetings with their agendas (and private notes) in one transaction:
    all of them or none. Returns how many were deleted."""
    wanted = _require_sessions(db, session_ids)
    with db.atomic():
        db.conn.executemany("DELETE FROM sessions WHERE id = ?", [(i,) for i in wanted])
    return len(wanted)


def set_agenda(db: Database, session_id: int, items: Sequence[tuple[str, str]]) -> Session:
    """Replace a session's agenda by (title, preparation) pairs, in this order."""
    require_row(db, "sessions", session_id, tr("Meeting"))
    cleaned = clean_agenda(items)
    with db.atomic():
        _write_agenda(db, session_id, cleaned)
    return get_session(db, session_id)
