"""Rounds (cohorts): a named period with planned meetings per tandem, cadence and capacity."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlite_utils import Database

from app.errors import ConflictError, ValidationError
from app.i18n import tr
from app.model import Round, RoundInput
from app.services.common import clean, parse_date, require_row, to_iso
from app.services.settings import get_settings

_SELECT = """
SELECT r.*, (SELECT count(*) FROM tandems t WHERE t.round_id = r.id) AS tandem_count
FROM rounds r
"""


def _from_row(row: dict[str, Any]) -> Round:
    return Round(
        id=row["id"],
        name=row["name"],
        start_date=parse_date(row["start_date"]),  # type: ignore[arg-type]
        end_date=parse_date(row["end_date"]),  # type: ignore[arg-type]
        meetings_planned=row["meetings_planned"],
        cadence_weeks=row["cadence_weeks"],
        capacity_mentor=row["capacity_mentor"],
        capacity_mentee=row["capacity_mentee"],
        tandem_count=row["tandem_count"],
        target_tandems=row["target_tandems"],
        allow_two_tandems=bool(row["allow_two_tandems"]),
    )


def list_rounds(db: Database) -> list[Round]:
    """All rounds, the newest first."""
    return [_from_row(row) for row in db.query(_SELECT + " ORDER BY r.start_date DESC, r.id DESC")]


def round_input(found: Round) -> RoundInput:
    """A saved round's values as input for `update_round` (to change some of them)."""
    return RoundInput(
        name=found.name,
        start_date=found.start_date,
        end_date=found.end_date,
        meetings_planned=found.meetings_planned,
        cadence_weeks=found.cadence_weeks,
        capacity_mentor=found.capacity_mentor,
        capacity_mentee=found.capacity_mentee,
        target_tandems=found.target_tandems,
        allow_two_tandems=found.allow_two_tandems,
    )


def get_round(db: Database, round_id: int) -> Round:
    """One round, or NotFoundError."""
    require_row(db, "rounds", round_id, tr("Round"))
    return _from_row(next(iter(db.query(_SELECT + " WHERE r.id = ?", [round_id]))))


ROUND_WEEKS = 24
"""How long a new round runs unless HR changes it: about half a year."""

TARGET_MAX = 1000
"""The largest target number of tandems a round may have."""


def draft_round(db: Database, day: date) -> RoundInput:
    """What a new round starts as (not saved, no name yet): from `day` for ROUND_WEEKS
    weeks, with the meetings and cadence of the file's settings, one tandem per person and
    no target number of tandems yet."""
    settings = get_settings(db)
    return RoundInput(
        name="",
        start_date=day,
        end_date=day + timedelta(weeks=ROUND_WEEKS),
        meetings_planned=settings.default_meetings,
        cadence_weeks=settings.default_cadence_weeks,
    )


def validate(data: RoundInput) -> RoundInput:
    """Check a round's data; raises ValidationError with every field's message."""
    errors: dict[str, str] = {}
    name = clean(data.name)
    if not name:
        errors["name"] = tr("Please give the round a name.")
    if data.start_date is None:
        errors["start_date"] = tr("Please enter a start date.")
    if data.end_date is None:
        errors["end_date"] = tr("Please enter an end date.")
    elif data.start_date is not None and data.end_date < data.start_date:
        errors["end_date"] = tr("A round cannot end before it starts.")
    limits = {
        "meetings_planned": (data.meetings_planned, 1, 52, tr("Meetings per tandem")),
        "cadence_weeks": (data.cadence_weeks, 1, 26, tr("Weeks between meetings")),
        "capacity_mentor": (data.capacity_mentor, 1, 10, tr("Tandems per mentor")),
        "capacity_mentee": (data.capacity_mentee, 1, 10, tr("Tandems per mentee")),
        "target_tandems": (data.target_tandems, 1, TARGET_MAX, tr("Target number of tandems")),
    }
    for field, (value, low, high, label) in limits.items():
        if field == "target_tandems" and value is None:
            continue  # no target: the proposal pairs everyone who fits
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            errors[field] = tr(
                "{label} must be between {low} and {high}.", label=label, low=low, high=high
            )
    if errors:
        raise ValidationError(next(iter(errors.values())), field=next(iter(errors)), errors=errors)
    return RoundInput(
        name=name or "",
        start_date=data.start_date,
        end_date=data.end_date,
        meetings_planned=data.meetings_planned,
        cadence_weeks=data.cadence_weeks,
        capacity_mentor=data.capacity_mentor,
        capacity_mentee=data.capacity_mentee,
        target_tandems=data.target_tandems,
        # More than one tandem per role means one person may be in several tandems.
        allow_two_tandems=bool(data.allow_two_tandems)
        or data.capacity_mentor > 1
        or data.capacity_mentee > 1,
    )


def _row(data: RoundInput) -> dict[str, Any]:
    return {
        "name": data.name,
        "start_date": to_iso(data.start_date),
        "end_date": to_iso(data.end_date),
        "meetings_planned": data.meetings_planned,
        "cadence_weeks": data.cadence_weeks,
        "capacity_mentor": data.capacity_mentor,
        "capacity_mentee": data.capacity_mentee,
        "target_tandems": data.target_tandems,
        "allow_two_tandems": int(data.allow_two_tandems),
    }


def create_round(db: Database, data: RoundInput) -> Round:
    """Add a round after validation."""
    values = _row(validate(data))
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO rounds (name, start_date, end_date, meetings_planned, cadence_weeks, "
            "capacity_mentor, capacity_mentee, target_tandems, allow_two_tandems) VALUES "
            "(:name, :start_date, :end_date, :meetings_planned, :cadence_weeks, "
            ":capacity_mentor, :capacity_mentee, :target_tandems, :allow_two_tandems)",
            values,
        )
    return get_round(db, int(cursor.lastrowid))


def update_round(db: Database, round_id: int, data: RoundInput) -> Round:
    """Change a round after validation."""
    require_row(db, "rounds", round_id, tr("Round"))
    values = _row(validate(data))
    values["id"] = round_id
    with db.atomic():
        db.execute(
            "UPDATE rounds SET name = :name, start_date = :start_date, end_date = :end_date, "
            "meetings_planned = :meetings_planned, cadence_weeks = :cadence_weeks, "
            "capacity_mentor = :capacity_mentor, capacity_mentee = :capacity_mentee, "
            "target_tandems = :target_tandems, allow_two_tandems = :allow_two_tandems "
            "WHERE id = :id",
            values,
        )
    return get_round(db, round_id)


def delete_round(db: Database, round_id: int) -> None:
    """Delete a round that has no tandems."""
    found = get_round(db, round_id)
    if found.tandem_count:
        raise ConflictError(
            tr("The round “{name}” has tandems and cannot be deleted.", name=found.name)
        )
    with db.atomic():
        db.execute("DELETE FROM rounds WHERE id = ?", [round_id])
