"""Tandems: a mentor and a mentee in a round, their focus topics, goals and lifecycle."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlite_utils import Database

from app.errors import ConflictError, ValidationError
from app.i18n import tr
from app.labels import label
from app.model import Tandem, TandemStatus
from app.services import common
from app.services import topics as topics_service
from app.services.common import clean, marks, parse_date, require_row, to_iso
from app.services.paging import Pages

_SELECT = """
SELECT t.*, r.name AS round_name,
       mr.first_name || ' ' || mr.last_name AS mentor_name,
       me.first_name || ' ' || me.last_name AS mentee_name,
       (SELECT count(*) FROM sessions s WHERE s.tandem_id = t.id AND s.status = 'held') AS sessions_held,
       (SELECT count(*) FROM sessions s WHERE s.tandem_id = t.id AND s.status <> 'cancelled') AS sessions_total
FROM tandems t
JOIN rounds r ON r.id = t.round_id
JOIN participants mr ON mr.id = t.mentor_id
JOIN participants me ON me.id = t.mentee_id
"""

# Which status may follow which; dissolving is possible from every open status.
TRANSITIONS: dict[TandemStatus, tuple[TandemStatus, ...]] = {
    TandemStatus.PROPOSED: (TandemStatus.AGREED, TandemStatus.DISSOLVED),
    TandemStatus.AGREED: (TandemStatus.ACTIVE, TandemStatus.DISSOLVED),
    TandemStatus.ACTIVE: (TandemStatus.COMPLETED, TandemStatus.DISSOLVED),
    TandemStatus.COMPLETED: (),
    TandemStatus.DISSOLVED: (),
}
_DATE_COLUMN = {
    TandemStatus.PROPOSED: "proposed_on",
    TandemStatus.AGREED: "agreed_on",
    TandemStatus.ACTIVE: "started_on",
    TandemStatus.COMPLETED: "completed_on",
    TandemStatus.DISSOLVED: "dissolved_on",
}


def _focus_topics(db: Database, ids: list[int] | None = None) -> dict[int, list[str]]:
    sql = "SELECT tt.tandem_id, t.name FROM tandem_topics tt JOIN topics t ON t.id = tt.topic_id"
    params: list[Any] = []
    if ids is not None:
        sql += f" WHERE tt.tandem_id IN ({marks(ids)})"
        params = list(ids)
    result: dict[int, list[str]] = defaultdict(list)
    for row in db.query(sql + " ORDER BY t.name COLLATE NOCASE", params):
        result[row["tandem_id"]].append(row["name"])
    return result


def _from_row(row: dict[str, Any], topics: list[str] | None) -> Tandem:
    return Tandem(
        id=row["id"],
        round_id=row["round_id"],
        mentor_id=row["mentor_id"],
        mentee_id=row["mentee_id"],
        status=TandemStatus(row["status"]),
        mentor_name=row["mentor_name"],
        mentee_name=row["mentee_name"],
        round_name=row["round_name"],
        goals=row["goals"],
        focus_topics=tuple(topics or ()),
        proposed_on=parse_date(row["proposed_on"]),
        agreed_on=parse_date(row["agreed_on"]),
        started_on=parse_date(row["started_on"]),
        completed_on=parse_date(row["completed_on"]),
        dissolved_on=parse_date(row["dissolved_on"]),
        dissolution_reason=row["dissolution_reason"],
        sessions_held=row["sessions_held"],
        sessions_total=row["sessions_total"],
    )


def list_tandems(db: Database, round_id: int | None = None) -> list[Tandem]:
    """All tandems, or those of one round, ordered by round and mentee name."""
    where, params = ("WHERE t.round_id = ?", [round_id]) if round_id is not None else ("", [])
    rows = list(
        db.query(f"{_SELECT} {where} ORDER BY r.start_date DESC, me.last_name, t.id", params)
    )
    topics = _focus_topics(db)
    return [_from_row(row, topics.get(row["id"])) for row in rows]


def tandem_pages(db: Database, round_id: int | None = None, size: int = 500) -> Pages[Tandem]:
    """The tandems `list_tandems` gives, in pages of `size`, each read only when asked for
    (a window shows a round of 2,000 tandems without freezing)."""
    where, params = ("WHERE t.round_id = ?", [round_id]) if round_id is not None else ("", [])
    ids = [
        row[0]
        for row in db.execute(
            "SELECT t.id FROM tandems t JOIN rounds r ON r.id = t.round_id "
            f"JOIN participants me ON me.id = t.mentee_id {where} "
            "ORDER BY r.start_date DESC, me.last_name, t.id",
            params,
        )
    ]

    def read(chunk: list[int]) -> list[Tandem]:
        rows = {r["id"]: r for r in db.query(f"{_SELECT} WHERE t.id IN ({marks(chunk)})", chunk)}
        topics = _focus_topics(db, chunk)
        return [_from_row(rows[i], topics.get(i)) for i in chunk if i in rows]

    return Pages(ids, read, size)


def tandem_pairs(db: Database, round_id: int) -> list[Tandem]:
    """The tandems of a round with their names and status only (no topics, dates or
    meeting counts), for choosing one from a list: quick on a round of 2,000 tandems."""
    rows = db.execute(
        "SELECT t.id, t.round_id, t.mentor_id, t.mentee_id, t.status, "
        "mr.first_name || ' ' || mr.last_name, me.first_name || ' ' || me.last_name "
        "FROM tandems t JOIN participants mr ON mr.id = t.mentor_id "
        "JOIN participants me ON me.id = t.mentee_id WHERE t.round_id = ? ORDER BY t.id",
        [round_id],
    ).fetchall()
    return [
        Tandem(tid, rid, mentor, mentee, TandemStatus(status), mentor_name, mentee_name)
        for tid, rid, mentor, mentee, status, mentor_name, mentee_name in rows
    ]


def get_tandem(db: Database, tandem_id: int) -> Tandem:
    """One tandem, or NotFoundError."""
    require_row(db, "tandems", tandem_id, tr("Tandem"))
    row = next(iter(db.query(_SELECT + " WHERE t.id = ?", [tandem_id])))
    return _from_row(row, _focus_topics(db, [tandem_id]).get(tandem_id))


def create_tandem(
    db: Database,
    round_id: int,
    mentor_id: int,
    mentee_id: int,
    *,
    goals: str = "",
    focus_topics: tuple[str, ...] = (),
    on: date | None = None,
    confirm_warnings: bool = False,
) -> Tandem:
    """Pair a mentor and a mentee in a round; the tandem starts as proposed.

    Every hard rule of `app.services.tandem_rules` is checked: a broken rule raises
    `PairRefusedError` (a ValidationError naming every reason); warnings (same department,
    same manager, an earlier tandem) raise `PairNeedsConfirmationError` with `.warnings`
    unless `confirm_warnings` is True."""
    from app.services.tandem_rules import check_pair, enforce

    require_row(db, "rounds", round_id, tr("Round"))
    with db.atomic():
        enforce(check_pair(db, round_id, mentor_id, mentee_id), confirm_warnings=confirm_warnings)
        cursor = db.execute(
            "INSERT INTO tandems (round_id, mentor_id, mentee_id, status, proposed_on, goals) "
            "VALUES (?, ?, ?, 'proposed', ?, ?)",
            [round_id, mentor_id, mentee_id, to_iso(on or common.today()), clean(goals) or ""],
        )
        tandem_id = int(cursor.lastrowid)
        _set_focus(db, tandem_id, focus_topics)
    return get_tandem(db, tandem_id)


def _set_focus(db: Database, tandem_id: int, names: tuple[str, ...]) -> None:
    db.execute("DELETE FROM tandem_topics WHERE tandem_id = ?", [tandem_id])
    ids = {topics_service.ensure_topic(db, name).id for name in names if clean(name)}
    if ids:
        db["tandem_topics"].insert_all([{"tandem_id": tandem_id, "topic_id": i} for i in ids])


def update_focus(
    db: Database, tandem_id: int, *, goals: str, focus_topics: tuple[str, ...]
) -> Tandem:
    """Set a tandem's goals and focus topics."""
    require_row(db, "tandems", tandem_id, tr("Tandem"))
    with db.atomic():
        db.execute("UPDATE tandems SET goals = ? WHERE id = ?", [clean(goals) or "", tandem_id])
        _set_focus(db, tandem_id, focus_topics)
    return get_tandem(db, tandem_id)


def set_status(
    db: Database,
    tandem_id: int,
    status: TandemStatus,
    *,
    on: date | None = None,
    reason: str | None = None,
) -> Tandem:
    """Move a tandem along its lifecycle; dissolving needs a reason (no blame implied)."""
    current = get_tandem(db, tandem_id)
    status = TandemStatus(status)
    if status not in TRANSITIONS[current.status]:
        raise ConflictError(
            tr(
                "A tandem that is “{current}” cannot become “{new}”.",
                current=label(current.status),
                new=label(status),
            )
        )
    reason = clean(reason)
    if status == TandemStatus.DISSOLVED and not reason:
        raise ValidationError(tr("Please give a reason for dissolving the tandem."), field="reason")
    column = _DATE_COLUMN[status]
    with db.atomic():
        db.execute(
            f"UPDATE tandems SET status = ?, {column} = ?, dissolution_reason = ? WHERE id = ?",
            [
                str(status),
                to_iso(on or common.today()),
                reason if status == TandemStatus.DISSOLVED else None,
                tandem_id,
            ],
        )
    return get_tandem(db, tandem_id)


def check_deletable(db: Database, tandem_id: int) -> Tandem:
    """The tandem, when it may be deleted (only a proposed one); ConflictError otherwise."""
    current = get_tandem(db, tandem_id)
    if not current.status.can_be_deleted:
        raise ConflictError(tr("Only a proposed tandem can be deleted; dissolve it instead."))
    return current


def delete_tandem(db: Database, tandem_id: int) -> None:
    """Delete a tandem that is still only proposed (with its sessions and notes)."""
    check_deletable(db, tandem_id)
    with db.atomic():
        db.execute("DELETE FROM tandems WHERE id = ?", [tandem_id])


def meetings_meant(status: TandemStatus, held: int, per_tandem: int) -> int:
    """The meetings a tandem is meant to hold: the round's number, or what it held when it
    ended early (dissolved) or held more. Rounds, tandems and the overview all count so."""
    if status == TandemStatus.DISSOLVED:
        return held
    return max(per_tandem, held)
