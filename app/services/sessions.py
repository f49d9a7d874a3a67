"""Sessions (meetings of a tandem) and their agenda items."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from app.errors import ValidationError
from app.i18n import tr
from app.model import AgendaItem, Session, SessionInput, SessionStatus
from app.services.common import clean, marks, parse_datetime, require_row, to_iso

_SELECT = """
SELECT s.*, t.round_id,
       mr.first_name || ' ' || mr.last_name AS mentor_name,
       me.first_name || ' ' || me.last_name AS mentee_name
FROM sessions s
JOIN tandems t ON t.id = s.tandem_id
JOIN participants mr ON mr.id = t.mentor_id
JOIN participants me ON me.id = t.mentee_id
"""


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


def get_session(db: Database, session_id: int) -> Session:
    """One session with its agenda, or NotFoundError."""
    require_row(db, "sessions", session_id, tr("Session"))
    row = next(iter(db.query(_SELECT + " WHERE s.id = ?", [session_id])))
    return _from_row(row, _agenda(db, [session_id]).get(session_id))


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


def create_session(db: Database, tandem_id: int, data: SessionInput) -> Session:
    """Add a meeting to a tandem."""
    require_row(db, "tandems", tandem_id, tr("Tandem"))
    data = validate(data)
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
    return get_session(db, int(cursor.lastrowid))


def update_session(db: Database, session_id: int, data: SessionInput) -> Session:
    """Change a meeting's time, place, status or summary."""
    require_row(db, "sessions", session_id, tr("Session"))
    data = validate(data)
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
    return get_session(db, session_id)


def delete_session(db: Database, session_id: int) -> None:
    """Delete a meeting with its agenda (and its private notes)."""
    require_row(db, "sessions", session_id, tr("Session"))
    with db.atomic():
        db.execute("DELETE FROM sessions WHERE id = ?", [session_id])


def set_agenda(db: Database, session_id: int, items: list[tuple[str, str]]) -> Session:
    """Replace a session's agenda by (title, preparation) pairs, in this order."""
    require_row(db, "sessions", session_id, tr("Session"))
    cleaned = []
    for number, (title, preparation) in enumerate(items, start=1):
        title_clean = clean(title)
        if not title_clean:
            raise ValidationError(tr("Agenda item {n} needs a title.", n=number), field="agenda")
        cleaned.append(
            {
                "session_id": session_id,
                "position": number,
                "title": title_clean,
                "preparation": (preparation or "").strip(),
            }
        )
    with db.atomic():
        db.execute("DELETE FROM agenda_items WHERE session_id = ?", [session_id])
        if cleaned:
            db["agenda_items"].insert_all(cleaned)
    return get_session(db, session_id)
