"""The data behind agenda sheets and certificates, read through the services: meeting
numbers, previous summaries, upcoming meetings; who gets a certificate, with which figures,
topics, period and serial number. No window, no PDF."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlite_utils import Database

from app.errors import NotFoundError, ValidationError
from app.model import Role, SessionInput, SessionStatus, TandemStatus
from app.services import agenda_sheets, certificates, sessions
from tests.papers.conftest import HARD_NAME, LONG_NAME, MARKUP_NAME, ROUND_END, ROUND_START, Program


def test_a_meeting_is_numbered_among_the_meetings_not_cancelled(
    db: Database, program: Program
) -> None:
    held = sessions.list_sessions(db, tandem_id=program.completed)
    numbers = {
        s.id: agenda_sheets.agenda_sheet(db, s.id).number
        for s in held
        if s.status == SessionStatus.HELD
    }
    assert sorted(numbers.values()) == [1, 2, 3, 4, 5, 6]
    last = agenda_sheets.agenda_sheet(db, held[-1].id)
    assert (last.number, last.of) == (6, 6)
    assert last.tandem.mentor_name == " ".join(HARD_NAME)
    assert last.tandem.mentee_name == " ".join(MARKUP_NAME)


def test_the_previous_meetings_summary_and_the_agenda_come_along(
    db: Database, program: Program
) -> None:
    sheet = agenda_sheets.agenda_sheet(db, program.upcoming[0])
    assert (sheet.number, sheet.of) == (3, 6)
    assert sheet.previous is not None
    assert sheet.previous.starts_at == datetime(2026, 2, 23, 9, 0)
    assert sheet.previous.summary.startswith("Hybrid meetings")
    assert [i.title for i in sheet.session.agenda] == [
        "Check-in: what happened since last time",
        "Async work & <i>focus time</i>",
    ]
    assert sheet.session.agenda[1].preparation == "Mentee: bring one week of calendar."
    assert sheet.is_link
    first = agenda_sheets.agenda_sheet(
        db, sessions.list_sessions(db, tandem_id=program.running)[0].id
    )
    assert first.number == 1 and first.previous is None and not first.is_link


def test_more_meetings_than_planned_raise_the_total(db: Database, program: Program) -> None:
    later = date.today().year + 2
    for week in range(5):
        sessions.create_session(
            db, program.running, SessionInput(datetime(later, 3, 1 + week, 9, 0))
        )
    sheets = agenda_sheets.upcoming_sheets(db, program.running, on=date(later, 1, 1))
    assert [(s.number, s.of) for s in sheets] == [(5, 9), (6, 9), (7, 9), (8, 9), (9, 9)]


def test_upcoming_sheets_are_the_planned_meetings_from_today(
    db: Database, program: Program
) -> None:
    sheets = agenda_sheets.upcoming_sheets(db, program.running)
    assert [s.session.id for s in sheets] == list(program.upcoming)
    assert [s.number for s in sheets] == [3, 4]
    # The second upcoming meeting's "previous" is still the last one held.
    assert sheets[1].previous is not None and sheets[1].previous.summary.startswith("Hybrid")


def test_a_tandem_without_upcoming_meetings_is_refused_by_name(
    db: Database, program: Program
) -> None:
    with pytest.raises(ValidationError) as raised:
        agenda_sheets.upcoming_sheets(db, program.completed)
    assert " ".join(HARD_NAME) in raised.value.message
    with pytest.raises(NotFoundError):
        agenda_sheets.agenda_sheet(db, 9999)


def test_completed_tandems_get_certificates_with_their_figures(
    db: Database, program: Program
) -> None:
    found = certificates.round_certificates(db, program.round_id)
    assert {c.participant_id for c in found} == {program.lukasz, program.anna}
    lukasz = next(c for c in found if c.participant_id == program.lukasz)
    anna = next(c for c in found if c.participant_id == program.anna)
    assert lukasz.name == " ".join(HARD_NAME) and anna.name == " ".join(MARKUP_NAME)
    assert lukasz.roles == (Role.MENTOR,) and anna.roles == (Role.MENTEE,)
    for cert in (lukasz, anna):
        assert cert.completed and cert.status == TandemStatus.COMPLETED
        assert (cert.meetings_held, cert.meetings_planned) == (6, 6)
        assert cert.minutes == 420 and cert.hours == 7
        assert [t.name for t in cert.topics] == ["AI tools", "Cyber security"]
        assert (cert.period_start, cert.period_end) == (ROUND_START, ROUND_END)
    assert lukasz.serial == f"TB-2026-{program.round_id:02d}-{program.lukasz:04d}"
    assert lukasz.serial != anna.serial


def test_a_dissolved_tandem_confirms_the_meetings_held_without_the_reason(
    db: Database, program: Program
) -> None:
    assert program.long not in {
        c.participant_id for c in certificates.round_certificates(db, program.round_id)
    }
    everyone = certificates.round_certificates(db, program.round_id, include_dissolved=True)
    assert len(everyone) == 4
    cert = certificates.certificate(db, program.round_id, program.long)
    assert cert.name == " ".join(LONG_NAME) and not cert.completed
    assert (cert.meetings_held, cert.meetings_planned, cert.minutes) == (2, 2, 105)
    assert (cert.period_start, cert.period_end) == (date(2026, 1, 22), date(2026, 2, 19))
    assert "reason" not in {f.lower() for f in cert.__dataclass_fields__}


def test_open_tandems_and_strangers_get_no_certificate(db: Database, program: Program) -> None:
    with pytest.raises(ValidationError) as raised:
        certificates.certificate(db, program.round_id, program.zoe)
    assert "Zoë Schäfer" in raised.value.message
    with pytest.raises(NotFoundError):
        certificates.certificate(db, program.round_id, 9999)
    with pytest.raises(NotFoundError):
        certificates.round_certificates(db, 9999)


def test_serial_numbers_are_stable(db: Database, program: Program) -> None:
    first = certificates.certificate(db, program.round_id, program.anna).serial
    assert certificates.certificate(db, program.round_id, program.anna).serial == first
