"""Helpers for the tests of the reports (privacy service, summary, processing record): small
program files written through the services, and a notes vault with a quick key derivation."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlite_utils import Database

from app import notes_crypto as crypto
from app.model import ParticipantInput, Role, RoundInput, SessionInput, SessionStatus, TandemStatus
from app.services import participants, rounds, sessions, tandems
from app.services.notes import NoteVault

PASSPHRASE = "Lindenbaum am Brunnen 7"
CANARY = "CANARY-7f3a-Vertraulich-ÄÖÜ"


def make_vault(db: Database) -> NoteVault:
    """A vault whose passphrase derivation takes milliseconds, and that never sleeps."""
    return NoteVault(
        db,
        passphrase_kdf=lambda: crypto.passphrase_params(
            memory_kib=19 * 1024, iterations=2, lanes=1
        ),
        sleep=lambda _seconds: None,
    )


def person(
    db: Database,
    first: str,
    last: str,
    role: Role,
    *,
    department: str | None = None,
    manager_id: int | None = None,
    consent: date | None = date(2024, 1, 10),
    **extra: Any,
) -> int:
    """A participant with consent, written through the participants service; returns the id."""
    return participants.create_participant(
        db,
        ParticipantInput(
            first_name=first,
            last_name=last,
            role=role,
            department=department,
            manager_id=manager_id,
            consent_date=consent,
            **extra,
        ),
    ).id


def change_person(db: Database, participant_id: int, **fields: Any) -> None:
    """Change some fields of a participant through the service, as HR's form would."""
    current = participants.get_participant(db, participant_id).as_input()
    participants.update_participant(db, participant_id, replace(current, **fields))


def new_round(db: Database, name: str, start: date, end: date, meetings: int = 6) -> int:
    """A round through the rounds service; returns its id."""
    return rounds.create_round(
        db, RoundInput(name=name, start_date=start, end_date=end, meetings_planned=meetings)
    ).id


@dataclass
class Plan:
    """What a test tandem goes through: its final status and its meetings (status, when)."""

    status: TandemStatus = TandemStatus.ACTIVE
    meetings: list[tuple[SessionStatus, datetime]] = field(default_factory=list)
    topics: tuple[str, ...] = ()


def tandem(db: Database, round_id: int, mentor: int, mentee: int, plan: Plan, on: date) -> int:
    """A tandem moved through its lifecycle up to `plan.status`, with its meetings."""
    created = tandems.create_tandem(
        db, round_id, mentor, mentee, focus_topics=plan.topics, on=on, confirm_warnings=True
    )
    path = {
        TandemStatus.PROPOSED: [],
        TandemStatus.AGREED: [TandemStatus.AGREED],
        TandemStatus.ACTIVE: [TandemStatus.AGREED, TandemStatus.ACTIVE],
        TandemStatus.COMPLETED: [TandemStatus.AGREED, TandemStatus.ACTIVE, TandemStatus.COMPLETED],
        TandemStatus.DISSOLVED: [TandemStatus.AGREED, TandemStatus.ACTIVE, TandemStatus.DISSOLVED],
    }[plan.status]
    for step, status in enumerate(path, start=1):
        reason = "Ended by mutual agreement." if status == TandemStatus.DISSOLVED else None
        tandems.set_status(db, created.id, status, on=on + timedelta(days=step), reason=reason)
    for status, when in plan.meetings:
        sessions.create_session(db, created.id, SessionInput(starts_at=when, status=status))
    return created.id
