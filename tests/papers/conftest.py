"""Fixtures for the tandem's paper (agenda sheets, certificates): a small program written
through the services, with names that tempt markup and letters beyond Latin-1, a private note
holding a canary, and helpers to read PDFs back and look at their pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from sqlite_utils import Database

from app import notes_crypto as crypto
from app.model import ParticipantInput, Role, RoundInput, SessionInput, SessionStatus, TandemStatus
from app.services import participants, rounds, sessions, tandems
from app.services.notes import NoteVault
from tests.pdf_helpers import (
    CANARY,
    HARD_FIRST,
    HARD_LAST,
    LONG_FIRST,
    LONG_LAST,
    MARKUP_FIRST,
    MARKUP_LAST,
)

# Exactly as typed: markup characters, letters Helvetica cannot draw, and 50 characters.
MARKUP_NAME = (MARKUP_FIRST, MARKUP_LAST)
HARD_NAME = (HARD_FIRST, HARD_LAST)
LONG_NAME = (LONG_FIRST, LONG_LAST)

# The reason a tandem ended: it may never reach a document (nor may the notes' CANARY).
REASON = "Streit um Budget, sehr persönlich"

ROUND_START, ROUND_END = date(2026, 1, 12), date(2026, 7, 10)


@dataclass(frozen=True)
class Program:
    """Ids of what `program` wrote.

    - `completed`: Łukasz (mentor) and Anna (mentee), six meetings held (90, 60, 60, 60,
      60, 90 minutes: 7 hours), one cancelled, focus topics "AI tools" and "Cyber security".
    - `dissolved`: the 50-character name (mentor) and Bernd (mentee), two meetings held
      (60 + 45 minutes), then dissolved with REASON.
    - `running`: Zoë (mentor) and Dagmar (mentee), active, two held, two planned in the
      future (`upcoming`), each with an agenda; the second held one has a summary.
    """

    round_id: int
    lukasz: int
    anna: int
    long: int
    bernd: int
    zoe: int
    dagmar: int
    completed: int
    dissolved: int
    running: int
    held_last: int
    upcoming: tuple[int, ...]


def _person(db: Database, name: tuple[str, str], role: Role, dept: str, **kw: object) -> int:
    data = ParticipantInput(
        name[0], name[1], role=role, department=dept, consent_date=date(2025, 11, 3), **kw
    )  # type: ignore[arg-type]
    return participants.create_participant(db, data).id


def _meet(
    db: Database,
    tandem_id: int,
    when: datetime,
    minutes: int,
    status: SessionStatus,
    *,
    summary: str = "",
    location: str = "Raum Elbe",
    agenda: list[tuple[str, str]] | None = None,
) -> int:
    session = sessions.create_session(
        db,
        tandem_id,
        SessionInput(when, minutes, location=location, status=status, summary=summary),
    )
    if agenda:
        sessions.set_agenda(db, session.id, agenda)
    return session.id


def seed_program(db: Database) -> Program:
    """Write the small program described in `Program`."""
    rnd = rounds.create_round(
        db, RoundInput("Programmrunde 2026", ROUND_START, ROUND_END, meetings_planned=6)
    )
    lukasz = _person(db, HARD_NAME, Role.MENTOR, "IT", position="Working student")
    anna = _person(db, MARKUP_NAME, Role.MENTEE, "Sales", position="Head of Sales")
    long = _person(db, LONG_NAME, Role.MENTOR, "Marketing")
    bernd = _person(db, ("Bernd", "Ähler"), Role.MENTEE, "Finance")
    zoe = _person(db, ("Zoë", "Schäfer"), Role.MENTOR, "Production")
    dagmar = _person(db, ("Dagmar", "Özdemir"), Role.MENTEE, "Board")

    def tandem(mentor: int, mentee: int, topics: tuple[str, ...]) -> int:
        found = tandems.create_tandem(
            db, rnd.id, mentor, mentee, focus_topics=topics, on=date(2026, 1, 5)
        )
        tandems.set_status(db, found.id, TandemStatus.AGREED, on=date(2026, 1, 8))
        tandems.set_status(db, found.id, TandemStatus.ACTIVE, on=date(2026, 1, 20))
        return found.id

    completed = tandem(lukasz, anna, ("AI tools", "Cyber security"))
    minutes = [90, 60, 60, 60, 60, 90]
    day = datetime(2026, 1, 20, 14, 0)
    for index, length in enumerate(minutes):
        _meet(db, completed, day + timedelta(weeks=4 * index), length, SessionStatus.HELD)
        if index == 2:
            _meet(
                db, completed, day + timedelta(weeks=4 * index, days=7), 60, SessionStatus.CANCELLED
            )
    tandems.set_status(db, completed, TandemStatus.COMPLETED, on=date(2026, 7, 1))

    dissolved = tandem(long, bernd, ("Social media",))
    _meet(db, dissolved, datetime(2026, 1, 22, 10, 0), 60, SessionStatus.HELD)
    _meet(db, dissolved, datetime(2026, 2, 19, 10, 0), 45, SessionStatus.HELD)
    _meet(db, dissolved, datetime(2026, 3, 19, 10, 0), 60, SessionStatus.CANCELLED)
    tandems.set_status(db, dissolved, TandemStatus.DISSOLVED, on=date(2026, 3, 25), reason=REASON)

    running = tandem(zoe, dagmar, ("New ways of working",))
    _meet(db, running, datetime(2026, 1, 26, 9, 0), 90, SessionStatus.HELD)
    held_last = _meet(
        db,
        running,
        datetime(2026, 2, 23, 9, 0),
        60,
        SessionStatus.HELD,
        summary="Hybrid meetings: what works, what annoys. Tried Loop pages together.",
    )
    soon = datetime.combine(date.today() + timedelta(days=10), datetime.min.time()).replace(hour=15)
    upcoming = (
        _meet(
            db,
            running,
            soon,
            60,
            SessionStatus.PLANNED,
            location="https://teams.example.com/meet/tandem-7?pwd=a&b=<x>",
            agenda=[
                ("Check-in: what happened since last time", ""),
                ("Async work & <i>focus time</i>", "Mentee: bring one week of calendar."),
            ],
        ),
        _meet(
            db,
            running,
            soon + timedelta(weeks=4),
            90,
            SessionStatus.PLANNED,
            agenda=[("Looking back", "Both: note three things you learned.")],
        ),
    )
    return Program(
        rnd.id, lukasz, anna, long, bernd, zoe, dagmar, completed, dissolved, running,
        held_last, upcoming,
    )  # fmt: skip


@pytest.fixture
def program(db: Database) -> Program:
    """The small program of `seed_program` in a fresh file."""
    return seed_program(db)


@pytest.fixture
def with_canary(db: Database, program: Program) -> Program:
    """`program` plus private notes holding CANARY on a person, a tandem and a meeting."""
    vault = NoteVault(
        db,
        sleep=lambda _s: None,
        passphrase_kdf=lambda: crypto.passphrase_params(
            memory_kib=19 * 1024, iterations=2, lanes=1
        ),
    )
    vault.setup("Lindenbaum am Brunnen 7")
    vault.add_note("participant", program.anna, CANARY, f"Text {CANARY}")
    vault.add_note("tandem", program.completed, CANARY, CANARY)
    vault.add_note("session", program.upcoming[0], CANARY, CANARY)
    vault.add_note("tandem", program.dissolved, CANARY, CANARY)
    return program
