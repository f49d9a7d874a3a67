"""How long Tandem keeps a person's data, who is due for erasure or anonymisation, and doing
it for all of them in one step.

The rule: a person who has left the company or finished the programme (alumni) is due
`keep_months(db)` months (the setting `keep_personal_data_months`: 24 unless HR changes it,
1 to 120) after the later of
- the end of the last round they had a tandem in (of any status), and
- the date of their status (the day they left, or became alumni);
with neither, the day their record was last changed counts. Active participants are never
due: they still take part (they are erased on request instead). People erased or anonymised
already are not listed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from app.errors import ConflictError
from app.i18n import tr
from app.model import ParticipantStatus
from app.services import common
from app.services.common import add_months, parse_date
from app.services.erasure import ErasureMode, ErasureResult, apply_erasure

KEEP_MONTHS_KEY = "keep_personal_data_months"
DEFAULT_KEEP_MONTHS = 24


@dataclass(frozen=True)
class DuePerson:
    """A person whose data is due for erasure or anonymisation.

    `last_round_end` is the end of the last round they had a tandem in, `status_date` the day
    they left or became alumni; `counted_from` is the later of the two (or the day their record
    last changed), `due_on` that day plus the months kept."""

    id: int
    name: str
    status: ParticipantStatus
    last_round_end: date | None
    status_date: date | None
    counted_from: date
    due_on: date


@dataclass(frozen=True)
class RetentionResult:
    """What one step did: one result per person, in the order of the list."""

    mode: ErasureMode
    results: tuple[ErasureResult, ...]

    @property
    def count(self) -> int:
        return len(self.results)


def keep_months(db: Database) -> int:
    """The months a person's data is kept after their last round or their leaving."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [KEEP_MONTHS_KEY]).fetchone()
    try:
        return int(row[0]) if row and row[0] else DEFAULT_KEEP_MONTHS
    except ValueError:
        return DEFAULT_KEEP_MONTHS


def set_keep_months(db: Database, months: int) -> int:
    """Store the months kept (ValidationError outside 1 to 120); returns them."""
    from app.services.settings import set_setting

    with db.atomic():
        set_setting(db, KEEP_MONTHS_KEY, months)
    return keep_months(db)


_PEOPLE = """
    SELECT p.id, p.first_name || ' ' || p.last_name, p.status, p.status_date, p.updated_at,
           (SELECT max(r.end_date) FROM tandems t JOIN rounds r ON r.id = t.round_id
            WHERE t.mentor_id = p.id OR t.mentee_id = p.id)
    FROM participants p
    WHERE p.anonymised_on IS NULL AND p.status IN (?, ?)
"""


def _scheduled(rows: list[tuple], kept: int) -> list[DuePerson]:
    """Each row of `_PEOPLE` with the day it falls due after `kept` months."""
    people = []
    for person_id, name, status, status_date, updated_at, last_end in rows:
        round_end, status_day = parse_date(last_end), parse_date(status_date)
        known = [d for d in (round_end, status_day) if d is not None]
        counted_from = max(known) if known else parse_date(updated_at)
        assert counted_from is not None
        people.append(
            DuePerson(
                id=person_id,
                name=name,
                status=ParticipantStatus(status),
                last_round_end=round_end,
                status_date=status_day,
                counted_from=counted_from,
                due_on=add_months(counted_from, kept),
            )
        )
    return people


def people_due(
    db: Database, today: date | None = None, months: int | None = None
) -> list[DuePerson]:
    """The people due on `today` (default: today) under the rule of the module's docstring,
    longest due first. `months` overrides the setting (for a preview)."""
    day = today or common.today()
    kept = keep_months(db) if months is None else months
    rows = db.execute(
        _PEOPLE, [ParticipantStatus.LEFT.value, ParticipantStatus.ALUMNI.value]
    ).fetchall()
    due = [p for p in _scheduled(rows, kept) if p.due_on <= day]
    due.sort(key=lambda p: (p.due_on, p.name.casefold(), p.id))
    return due


def due_date(db: Database, participant_id: int) -> date | None:
    """The day a person's data falls due for erasure or anonymisation under the rule of the
    module's docstring (it may have passed); None while they take part, or once they are
    erased or anonymised."""
    rows = db.execute(
        _PEOPLE + " AND p.id = ?",
        [ParticipantStatus.LEFT.value, ParticipantStatus.ALUMNI.value, participant_id],
    ).fetchall()
    scheduled = _scheduled(rows, keep_months(db))
    return scheduled[0].due_on if scheduled else None


def apply_retention(
    db: Database,
    mode: ErasureMode | str,
    participant_ids: Sequence[int] | None = None,
    today: date | None = None,
) -> RetentionResult:
    """Erase or anonymise the people due, all in ONE transaction (all or none).

    `participant_ids` are the people the user saw and confirmed (default: everyone due); one
    that is not due (any more) refuses the whole step with a ConflictError naming them."""
    mode = ErasureMode(mode)
    day = today or common.today()
    with db.atomic():
        due = {p.id: p for p in people_due(db, day)}
        wanted = list(due) if participant_ids is None else list(dict.fromkeys(participant_ids))
        not_due = [pid for pid in wanted if pid not in due]
        if not_due:
            raise ConflictError(
                tr(
                    "Not due for erasure: {ids}. Show the list again and check it.",
                    ids=", ".join(str(pid) for pid in not_due),
                )
            )
        results = tuple(apply_erasure(db, pid, mode, day) for pid in wanted)
    return RetentionResult(mode, results)
