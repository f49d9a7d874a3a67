"""Builders of program files through the services: rounds, participants, tandems, meetings,
and the small programs that several window tests open."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from app.db import create_database
from app.model import (
    ParticipantInput,
    ParticipantStatus,
    Role,
    RoundInput,
    SessionInput,
    SessionStatus,
    TandemStatus,
)
from app.services import participants, rounds, sessions, tandems


def make_round(
    db: Database,
    *,
    name: str = "Spring 2026",
    start: date = date(2026, 3, 2),
    end: date = date(2026, 8, 28),
    meetings: int = 6,
    cadence: int = 4,
    cap_mentor: int = 1,
    cap_mentee: int = 1,
    target: int | None = None,
    two_tandems: bool = False,
) -> int:
    """A round; returns its id. `target`: its target number of tandems; `two_tandems`:
    whether one person may be in two of its tandems."""
    data = RoundInput(name, start, end, meetings, cadence, cap_mentor, cap_mentee, target)
    return rounds.create_round(db, replace(data, allow_two_tandems=two_tandems)).id


def person(
    db: Database,
    first: str,
    last: str = "Test",
    *,
    role: str = "mentor",
    consent: bool = True,
    department: str | None = None,
    manager: int | None = None,
    teach: tuple[str, ...] = (),
    learn: tuple[str, ...] = (),
    status: str = "active",
    email: str | None = None,
) -> int:
    """A participant; returns the id."""
    return participants.create_participant(
        db,
        ParticipantInput(
            first_name=first,
            last_name=last,
            role=Role(role),
            consent_date=date(2026, 1, 15) if consent else None,
            department=department,
            manager_id=manager,
            can_teach=teach,
            wants_to_learn=learn,
            status=ParticipantStatus(status),
            status_date=date(2026, 1, 31) if status != "active" else None,
            email=email,
        ),
    ).id


CONSENT = date(2026, 1, 10)


def participant(db: Database, first: str, last: str, role: Role, **kw: Any) -> int:
    """A participant in `role` who consented on CONSENT unless `consent_date` says otherwise
    (other keywords as in ParticipantInput); returns the id."""
    kw.setdefault("consent_date", CONSENT)
    return participants.create_participant(db, ParticipantInput(first, last, role=role, **kw)).id


def pair(db: Database, round_id: int, n: int, *steps: TandemStatus) -> int:
    """Tandem number `n` (Mentor{n} M with Mentee{n} E) in a round, proposed on 1 February
    2026 and taken through `steps` on 2 March; returns its id."""
    mentor = person(db, f"Mentor{n}", "M")
    mentee = person(db, f"Mentee{n}", "E", role="mentee")
    t = tandems.create_tandem(db, round_id, mentor, mentee, on=date(2026, 2, 1))
    for status in steps:
        tandems.set_status(db, t.id, status, on=date(2026, 3, 2), reason="Moved away")
    return t.id


def meet(db: Database, tandem_id: int, when: datetime, status: SessionStatus) -> int:
    """A meeting of a tandem at `when` in `status`; returns its id."""
    return sessions.create_session(db, tandem_id, SessionInput(when, status=status)).id


SESSIONS_TODAY = date(2026, 3, 2)  # a Monday, the first day of "Spring 2026"


def build_sessions_program(db: Database) -> dict[str, int]:
    """'Spring 2026' (2 March to 28 August, 6 meetings every 4 weeks) with an active tandem
    focused on AI tools, a proposed one without focus topics and a dissolved one; and an
    older round. No meetings yet."""
    make_round(db, name="Pilot 2025", start=date(2025, 1, 6), end=date(2025, 6, 27))
    r = make_round(db, name="Spring 2026")
    finn = person(db, "Finn", "Bauer", email="finn@example.com")
    sabine = person(db, "Sabine", "Roth", role="mentee", email="sabine@example.com")
    anna = person(db, "Anna &", "<b>Lee</b>")
    lukasz = person(db, "Łukasz", "Dvořák-Şahin", role="mentee")
    mia = person(db, "Mia", "Klein")
    otto = person(db, "Otto", "Graf", role="mentee")
    first = tandems.create_tandem(
        db, r, finn, sabine, focus_topics=("AI tools",), on=SESSIONS_TODAY
    )
    tandems.set_status(db, first.id, TandemStatus.AGREED, on=SESSIONS_TODAY)
    tandems.set_status(db, first.id, TandemStatus.ACTIVE, on=SESSIONS_TODAY)
    second = tandems.create_tandem(db, r, anna, lukasz, on=SESSIONS_TODAY)
    gone = tandems.create_tandem(db, r, mia, otto, on=SESSIONS_TODAY)
    tandems.set_status(db, gone.id, TandemStatus.DISSOLVED, on=SESSIONS_TODAY, reason="Moved away")
    return {"round": r, "first": first.id, "second": second.id, "gone": gone.id}


def build_rules_file(path: Path) -> dict[str, int]:
    """People and rounds for each rule and warning; returns their ids by short name."""
    db = create_database(path)
    ids: dict[str, int] = {}
    ids["boss"] = participant(db, "Bea", "Boss", Role.MENTEE, department="Board")
    ids["mid"] = participant(db, "Max", "Mid", Role.MENTEE, department="Sales",
                             manager_id=ids["boss"])  # fmt: skip
    ids["trainee"] = participant(db, "Tim", "Trainee", Role.MENTOR, department="Sales",
                                 manager_id=ids["mid"])  # fmt: skip
    ids["noconsent"] = participant(db, "Nora", "Noconsent", Role.MENTOR, department="IT",
                                   consent_date=None)  # fmt: skip
    ids["wrongrole"] = participant(db, "Wanda", "Wrongrole", Role.MENTEE, department="HR")
    ids["cap"] = participant(db, "Carl", "Cap", Role.MENTOR, department="IT")
    ids["exec"] = participant(db, "Erik", "Exec", Role.MENTEE, department="Finance")
    ids["other"] = participant(db, "Olga", "Other", Role.MENTEE, department="Legal")
    ids["both"] = participant(db, "Bo", "Both", Role.BOTH, department="Marketing")
    ids["sam"] = participant(db, "Sam", "Same", Role.MENTOR, department="Logistics")
    ids["sue"] = participant(db, "Sue", "Sales", Role.MENTEE, department="Logistics")
    ids["chief"] = participant(db, "Xaver", "Chief", Role.MENTEE, department="Production")
    ids["mia"] = participant(db, "Mia", "Mate", Role.MENTOR, department="Quality",
                             manager_id=ids["chief"])  # fmt: skip
    ids["mo"] = participant(db, "Mo", "Mate", Role.MENTEE, department="Purchasing",
                            manager_id=ids["chief"])  # fmt: skip
    ids["pia"] = participant(db, "Pia", "Past", Role.MENTOR, department="Design")
    ids["paul"] = participant(db, "Paul", "Past", Role.MENTEE, department="Research")
    ids["anna"] = participant(db, "Anna &", "<b>Lee</b>", Role.MENTOR, department="Support")
    ids["lukasz"] = participant(db, "Łukasz", "Dvořák-Şahin", Role.MENTEE, department="Works")
    today = date.today()
    pilot = rounds.create_round(db, RoundInput("Pilot", date(2025, 1, 1), date(2025, 6, 30)))
    running = rounds.create_round(
        db, RoundInput("Running", today - timedelta(days=30), today + timedelta(days=150))
    )
    ids["pilot"], ids["running"] = pilot.id, running.id
    past = tandems.create_tandem(db, pilot.id, ids["pia"], ids["paul"])
    for status in (TandemStatus.AGREED, TandemStatus.ACTIVE, TandemStatus.COMPLETED):
        tandems.set_status(db, past.id, status)
    ids["past_tandem"] = past.id
    ids["cap_tandem"] = tandems.create_tandem(db, running.id, ids["cap"], ids["exec"]).id
    ids["open_tandem"] = tandems.create_tandem(
        db, running.id, ids["anna"], ids["lukasz"], focus_topics=("AI tools",)
    ).id
    db.close()
    return ids
