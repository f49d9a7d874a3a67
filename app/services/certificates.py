"""What a certificate of participation (Teilnahmebestätigung) confirms about one person in
one round: the role(s) they took part in, meetings held of planned, hours, the topics their
tandem worked on, the period and a serial number.

A certificate confirms participation; it never assesses it, and it never says why a tandem
ended. People whose tandem was completed get one by default. For a dissolved tandem HR may
print a confirmation of the meetings that were held (the reason stays out). A tandem that is
still open (proposed, agreed, active) gets none, nor does a dissolved one that never met.

When a person had more than one finished tandem in the round (a mentee who was matched
again after a dissolution, or someone taking part in both roles), one certificate covers
them all: meetings and hours are added up and the topics joined.

Serial numbers need no stored counter: `TB-<year the round starts>-<round id>-<participant
id>` is stable (printing again gives the same number) and unique per person and round.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlite_utils import Database

from app.errors import ValidationError
from app.i18n import tr
from app.model import Role, Round, TandemStatus, Topic
from app.services import rounds
from app.services.common import marks, parse_date, require_row
from app.services.tandems import meetings_meant

SERIAL_PREFIX = "TB"
FINISHED = (TandemStatus.COMPLETED, TandemStatus.DISSOLVED)


@dataclass(frozen=True)
class Certificate:
    """One person's certificate of participation in one round.

    `status` is COMPLETED when at least one of their tandems in the round was completed,
    else DISSOLVED (a confirmation of the meetings held). `meetings_planned` counts what the
    round planned for a completed tandem and what a dissolved one held (as everywhere in
    Tandem, see tandems.meetings_meant). `minutes` adds up the held meetings' durations.
    `period_start`/`period_end` are the round's dates for a completed tandem, else the dates
    of the first and last meeting held."""

    participant_id: int
    first_name: str
    last_name: str
    round: Round
    roles: tuple[Role, ...]
    status: TandemStatus
    meetings_held: int
    meetings_planned: int
    minutes: int
    topics: tuple[Topic, ...]
    period_start: date
    period_end: date
    serial: str

    @property
    def name(self) -> str:
        """First and last name, exactly as typed."""
        return f"{self.first_name} {self.last_name}"

    @property
    def hours(self) -> float:
        """The held meetings' time in hours (minutes / 60)."""
        return self.minutes / 60

    @property
    def completed(self) -> bool:
        """True for a completed tandem; False for a confirmation of meetings held."""
        return self.status == TandemStatus.COMPLETED


def serial_number(round_: Round, participant_id: int) -> str:
    """The certificate's serial number, e.g. `TB-2026-03-0042`: stable and unique per
    participant and round."""
    return f"{SERIAL_PREFIX}-{round_.start_date.year}-{round_.id:02d}-{participant_id:04d}"


@dataclass
class _Part:
    """One tandem of a person, as the certificate counts it."""

    tandem_id: int
    role: Role
    status: TandemStatus
    held: int
    minutes: int
    first_held: date | None
    last_held: date | None


_TANDEMS_SQL = f"""
SELECT t.id, t.mentor_id, t.mentee_id, t.status,
       count(s.id) AS held,
       coalesce(sum(s.duration_minutes), 0) AS minutes,
       min(s.starts_at) AS first_held,
       max(s.starts_at) AS last_held
FROM tandems t
LEFT JOIN sessions s ON s.tandem_id = t.id AND s.status = 'held'
WHERE t.round_id = ? AND t.status IN ({marks(FINISHED)})
GROUP BY t.id
ORDER BY t.id
"""


def _parts(db: Database, round_id: int) -> dict[int, list[_Part]]:
    """Every finished tandem of the round, under each of its two people."""
    parts: dict[int, list[_Part]] = defaultdict(list)
    for row in db.query(_TANDEMS_SQL, [round_id, *(str(s) for s in FINISHED)]):
        for person, role in ((row["mentor_id"], Role.MENTOR), (row["mentee_id"], Role.MENTEE)):
            parts[person].append(
                _Part(
                    tandem_id=row["id"],
                    role=role,
                    status=TandemStatus(row["status"]),
                    held=row["held"],
                    minutes=row["minutes"],
                    first_held=parse_date(row["first_held"]),
                    last_held=parse_date(row["last_held"]),
                )
            )
    return parts


def _topics(db: Database, tandem_ids: list[int]) -> dict[int, list[Topic]]:
    result: dict[int, list[Topic]] = defaultdict(list)
    if not tandem_ids:
        return result
    rows = db.query(
        "SELECT tt.tandem_id, tp.id, tp.name, tp.builtin_key FROM tandem_topics tt "
        f"JOIN topics tp ON tp.id = tt.topic_id WHERE tt.tandem_id IN ({marks(tandem_ids)}) "
        "ORDER BY tp.name COLLATE NOCASE",
        tandem_ids,
    )
    for row in rows:
        result[row["tandem_id"]].append(Topic(row["id"], row["name"], row["builtin_key"]))
    return result


def _names(db: Database, ids: list[int]) -> dict[int, dict[str, Any]]:
    if not ids:
        return {}
    rows = db.query(
        f"SELECT id, first_name, last_name FROM participants WHERE id IN ({marks(ids)})", ids
    )
    return {row["id"]: row for row in rows}


def _counted(parts: list[_Part]) -> list[_Part]:
    """The tandems a certificate counts: completed ones, and dissolved ones that met."""
    return [p for p in parts if p.status == TandemStatus.COMPLETED or p.held > 0]


def _build(
    round_: Round,
    participant_id: int,
    name: dict[str, Any],
    parts: list[_Part],
    topics: dict[int, list[Topic]],
) -> Certificate:
    completed = any(p.status == TandemStatus.COMPLETED for p in parts)
    roles = tuple(r for r in (Role.MENTOR, Role.MENTEE) if any(p.role == r for p in parts))
    seen: dict[int, Topic] = {}
    for part in parts:
        for topic in topics.get(part.tandem_id, []):
            seen.setdefault(topic.id, topic)
    if completed:
        start, end = round_.start_date, round_.end_date
    else:
        start = min(p.first_held for p in parts if p.first_held)  # type: ignore[type-var]
        end = max(p.last_held for p in parts if p.last_held)  # type: ignore[type-var]
    return Certificate(
        participant_id=participant_id,
        first_name=name["first_name"],
        last_name=name["last_name"],
        round=round_,
        roles=roles,
        status=TandemStatus.COMPLETED if completed else TandemStatus.DISSOLVED,
        meetings_held=sum(p.held for p in parts),
        meetings_planned=sum(
            meetings_meant(p.status, p.held, round_.meetings_planned) for p in parts
        ),
        minutes=sum(p.minutes for p in parts),
        topics=tuple(sorted(seen.values(), key=lambda t: t.name.casefold())),
        period_start=start,
        period_end=end,
        serial=serial_number(round_, participant_id),
    )


def round_certificates(
    db: Database,
    round_id: int,
    participant_ids: list[int] | None = None,
    *,
    include_dissolved: bool = False,
) -> list[Certificate]:
    """The certificates of a round, sorted by last and first name.

    Without `participant_ids`: everyone whose tandem was completed (and, with
    `include_dissolved`, everyone whose dissolved tandem held meetings). With
    `participant_ids`: exactly those people, completed or dissolved; a ValidationError names
    whoever has no finished tandem with meetings held in the round."""
    round_ = rounds.get_round(db, round_id)
    parts = {pid: _counted(found) for pid, found in _parts(db, round_id).items()}
    parts = {pid: found for pid, found in parts.items() if found}
    if participant_ids is None:
        anonymised = {
            row[0]
            for row in db.execute("SELECT id FROM participants WHERE anonymised_on IS NOT NULL")
        }
        wanted = [
            pid
            for pid, found in parts.items()
            if pid not in anonymised
            and (include_dissolved or any(p.status == TandemStatus.COMPLETED for p in found))
        ]
    else:
        wanted = list(dict.fromkeys(participant_ids))
        for pid in wanted:
            require_row(db, "participants", pid, tr("Participant"))
        missing = [pid for pid in wanted if pid not in parts]
        if missing:
            names = _names(db, missing)
            raise ValidationError(
                tr(
                    "No certificate for {names}: there is no completed tandem, and no "
                    "dissolved tandem with meetings held, in the round “{round}”.",
                    names=", ".join(
                        f"{names[p]['first_name']} {names[p]['last_name']}" for p in missing
                    ),
                    round=round_.name,
                ),
                field="participant",
            )
    names = _names(db, wanted)
    topics = _topics(db, sorted({p.tandem_id for pid in wanted for p in parts[pid]}))
    result = [_build(round_, pid, names[pid], parts[pid], topics) for pid in wanted]
    result.sort(key=lambda c: (c.last_name.casefold(), c.first_name.casefold(), c.participant_id))
    return result


def certificate(db: Database, round_id: int, participant_id: int) -> Certificate:
    """One person's certificate for one round (ValidationError when there is none to give)."""
    return round_certificates(db, round_id, [participant_id])[0]
