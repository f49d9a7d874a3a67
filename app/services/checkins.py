"""Check-ins: mid-round and final feedback of mentor and mentee on their tandem."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlite_utils import Database

from app.errors import ValidationError
from app.i18n import tr
from app.model import CheckIn, CheckinPhase, GoalsReached
from app.services import common
from app.services.common import parse_date, require_row, to_iso


def _from_row(row: dict[str, Any]) -> CheckIn:
    again = row["would_take_part_again"]
    return CheckIn(
        id=row["id"],
        tandem_id=row["tandem_id"],
        participant_id=row["participant_id"],
        phase=CheckinPhase(row["phase"]),
        submitted_on=parse_date(row["submitted_on"]),  # type: ignore[arg-type]
        relationship_rating=row["relationship_rating"],
        progress_rating=row["progress_rating"],
        goals_reached=GoalsReached(row["goals_reached"]) if row["goals_reached"] else None,
        would_take_part_again=None if again is None else bool(again),
    )


def list_checkins(db: Database, tandem_id: int | None = None) -> list[CheckIn]:
    """Check-ins of one tandem or all, oldest first."""
    where, params = ("WHERE tandem_id = ?", [tandem_id]) if tandem_id is not None else ("", [])
    return [
        _from_row(r)
        for r in db.query(f"SELECT * FROM checkins {where} ORDER BY submitted_on, id", params)
    ]


def record_checkin(
    db: Database,
    tandem_id: int,
    participant_id: int,
    phase: CheckinPhase,
    *,
    relationship_rating: int | None = None,
    progress_rating: int | None = None,
    goals_reached: GoalsReached | None = None,
    would_take_part_again: bool | None = None,
    on: date | None = None,
) -> CheckIn:
    """Record (or replace) one person's check-in for a tandem and phase."""
    tandem = require_row(db, "tandems", tandem_id, tr("Tandem"))
    if participant_id not in (tandem["mentor_id"], tandem["mentee_id"]):
        raise ValidationError(
            tr("Only the tandem's mentor and mentee can give feedback on it."),
            field="participant_id",
        )
    for field, value in (
        ("relationship_rating", relationship_rating),
        ("progress_rating", progress_rating),
    ):
        if value is not None and (not isinstance(value, int) or not 1 <= value <= 5):
            raise ValidationError(tr("Ratings go from 1 to 5."), field=field)
    phase = CheckinPhase(phase)
    goals = GoalsReached(goals_reached) if goals_reached is not None else None
    with db.atomic():
        db.execute(
            "INSERT INTO checkins (tandem_id, participant_id, phase, relationship_rating, progress_rating, "
            "goals_reached, would_take_part_again, submitted_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (tandem_id, participant_id, phase) DO UPDATE SET "
            "relationship_rating = excluded.relationship_rating, progress_rating = excluded.progress_rating, "
            "goals_reached = excluded.goals_reached, would_take_part_again = excluded.would_take_part_again, "
            "submitted_on = excluded.submitted_on",
            [
                tandem_id,
                participant_id,
                str(phase),
                relationship_rating,
                progress_rating,
                str(goals) if goals else None,
                None if would_take_part_again is None else int(would_take_part_again),
                to_iso(on or common.today()),
            ],
        )
    row = next(
        iter(
            db.query(
                "SELECT * FROM checkins WHERE tandem_id = ? AND participant_id = ? AND phase = ?",
                [tandem_id, participant_id, str(phase)],
            )
        )
    )
    return _from_row(row)
