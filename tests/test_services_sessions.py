"""Sessions service: time, duration, status, summary, and agendas with titled items."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlite_utils import Database

from app import i18n
from app.errors import NotFoundError, ValidationError
from app.model import ParticipantInput, Role, RoundInput, SessionInput, SessionStatus
from app.services import participants, rounds, sessions, tandems


@pytest.fixture
def tandem_id(db: Database) -> int:
    consent = date(2026, 1, 1)
    mentor = participants.create_participant(
        db,
        ParticipantInput(
            "Ayşe", "Yılmaz", role=Role.MENTOR, department="Production", consent_date=consent
        ),
    )
    mentee = participants.create_participant(
        db,
        ParticipantInput(
            "Jürgen", "Weiß", role=Role.MENTEE, department="Sales", consent_date=consent
        ),
    )
    rnd = rounds.create_round(db, RoundInput("2026", date(2026, 2, 1), date(2026, 9, 30)))
    return tandems.create_tandem(db, rnd.id, mentor.id, mentee.id).id


def test_create_read_update_delete(db: Database, tandem_id: int) -> None:
    created = sessions.create_session(
        db,
        tandem_id,
        SessionInput(
            starts_at=datetime(2026, 3, 2, 14, 0, 37, 999),
            duration_minutes=90,
            location="  Raum Elbe  ",
            summary="  AI tools: first steps.\n",
        ),
    )
    assert created.starts_at == datetime(2026, 3, 2, 14, 0)
    assert created.location == "Raum Elbe" and created.summary == "AI tools: first steps."
    assert created.status == SessionStatus.PLANNED
    assert created.mentor_name == "Ayşe Yılmaz" and created.mentee_name == "Jürgen Weiß"
    held = sessions.update_session(
        db, created.id, SessionInput(datetime(2026, 3, 3, 9, 30), status=SessionStatus.HELD)
    )
    assert held.status == SessionStatus.HELD and held.starts_at == datetime(2026, 3, 3, 9, 30)
    later = sessions.create_session(db, tandem_id, SessionInput(datetime(2026, 4, 1, 10, 0)))
    assert [s.id for s in sessions.list_sessions(db, tandem_id=tandem_id)] == [held.id, later.id]
    sessions.delete_session(db, created.id)
    with pytest.raises(NotFoundError):
        sessions.get_session(db, created.id)
    assert tandems.get_tandem(db, tandem_id).sessions_total == 1


@pytest.mark.parametrize("minutes", [0, 4, 721, "60"])
def test_duration_out_of_range(db: Database, tandem_id: int, minutes: object) -> None:
    with pytest.raises(ValidationError) as caught:
        sessions.create_session(
            db,
            tandem_id,
            SessionInput(datetime(2026, 3, 2, 14, 0), duration_minutes=minutes),  # type: ignore[arg-type]
        )
    assert caught.value.field == "duration_minutes"
    assert caught.value.message == "The duration must be between 5 and 720 minutes."
    assert sessions.list_sessions(db) == []


def test_start_must_be_a_date_and_time(db: Database, tandem_id: int) -> None:
    with pytest.raises(ValidationError) as caught:
        sessions.create_session(db, tandem_id, SessionInput(date(2026, 3, 2)))  # type: ignore[arg-type]
    assert caught.value.field == "starts_at"


def test_unknown_status_and_unknown_tandem(db: Database, tandem_id: int) -> None:
    with pytest.raises(ValidationError) as caught:
        sessions.create_session(
            db,
            tandem_id,
            SessionInput(datetime(2026, 3, 2, 14), status="postponed"),  # type: ignore[arg-type]
        )
    assert caught.value.field == "status"
    with pytest.raises(NotFoundError):
        sessions.create_session(db, 999, SessionInput(datetime(2026, 3, 2, 14)))


def test_agenda_is_replaced_in_order(db: Database, tandem_id: int) -> None:
    session = sessions.create_session(db, tandem_id, SessionInput(datetime(2026, 3, 2, 14)))
    filled = sessions.set_agenda(
        db,
        session.id,
        [
            ("  Expectations & <rules> ", "Both: think about it. "),
            ("Confidentiality", ""),
            ("Goals", "Bring examples"),
        ],
    )
    assert [(i.position, i.title, i.preparation) for i in filled.agenda] == [
        (1, "Expectations & <rules>", "Both: think about it."),
        (2, "Confidentiality", ""),
        (3, "Goals", "Bring examples"),
    ]
    shorter = sessions.set_agenda(db, session.id, [("Only item", "")])
    assert [i.title for i in shorter.agenda] == ["Only item"]
    assert sessions.set_agenda(db, session.id, []).agenda == ()


def test_agenda_titles_are_required_and_nothing_is_half_written(
    db: Database, tandem_id: int
) -> None:
    session = sessions.create_session(db, tandem_id, SessionInput(datetime(2026, 3, 2, 14)))
    sessions.set_agenda(db, session.id, [("Keep me", "")])
    with pytest.raises(ValidationError) as caught:
        sessions.set_agenda(db, session.id, [("First", ""), ("  ", "prep"), ("Third", "")])
    assert caught.value.message == "Agenda item 2 needs a title."
    assert [i.title for i in sessions.get_session(db, session.id).agenda] == ["Keep me"]
    with pytest.raises(NotFoundError):
        sessions.set_agenda(db, 999, [("x", "")])


def test_messages_in_german(db: Database, tandem_id: int) -> None:
    i18n.set_language("de")
    with pytest.raises(ValidationError) as caught:
        sessions.create_session(
            db, tandem_id, SessionInput(datetime(2026, 3, 2, 14), duration_minutes=1)
        )
    assert caught.value.message == "Die Dauer muss zwischen 5 und 720 Minuten liegen."
    session = sessions.create_session(db, tandem_id, SessionInput(datetime(2026, 3, 2, 14)))
    with pytest.raises(ValidationError) as caught:
        sessions.set_agenda(db, session.id, [("", "")])
    assert caught.value.message == "Tagesordnungspunkt 1 braucht einen Titel."
