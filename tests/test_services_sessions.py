"""Sessions service: time, duration, status, summary, and agendas with titled items."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest
from sqlite_utils import Database

from app import i18n
from app.errors import NotFoundError, ValidationError
from app.model import ParticipantInput, Role, RoundInput, SessionInput, SessionStatus
from app.services import participants, rounds, sessions, tandems
from app.services.settings import set_setting


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


def refuse(db: Database, table: str, action: str, where: str) -> None:
    """Make SQLite refuse one write midway, as a constraint violation would: a trigger
    aborts `action` (INSERT, UPDATE, DELETE) on `table` for the rows matching `where`."""
    row = "OLD" if action == "DELETE" else "NEW"
    db.execute(
        f"CREATE TEMP TRIGGER refuse_{table}_{action.lower()} BEFORE {action} ON main.{table} "
        f"WHEN {where.format(row=row)} BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
    )


def three_meetings(db: Database, tandem_id: int) -> list[int]:
    """Three planned meetings of the tandem, each with one agenda item, in time order."""
    return [
        sessions.create_session(
            db, tandem_id, SessionInput(datetime(2026, 3, day, 10)), [(f"Item {day}", "")]
        ).id
        for day in (2, 9, 16)
    ]


def statuses(db: Database, tandem_id: int) -> list[SessionStatus]:
    return [s.status for s in sessions.list_sessions(db, tandem_id=tandem_id)]


def test_several_meetings_are_marked_at_once_and_put_back(db: Database, tandem_id: int) -> None:
    first, second, third = three_meetings(db, tandem_id)
    marked = sessions.set_statuses(db, {third: SessionStatus.HELD, first: SessionStatus.HELD})
    assert [(s.id, s.status) for s in marked] == [
        (first, SessionStatus.HELD),
        (third, SessionStatus.HELD),
    ]
    assert [i.title for i in marked[0].agenda] == ["Item 2"]  # only the status changed
    assert statuses(db, tandem_id) == ["held", "planned", "held"]
    sessions.set_statuses(db, {first: SessionStatus.PLANNED, third: "cancelled"})
    assert statuses(db, tandem_id) == ["planned", "planned", "cancelled"]
    del second


def test_marking_is_all_or_nothing(db: Database, tandem_id: int) -> None:
    first, second, third = three_meetings(db, tandem_id)
    with pytest.raises(NotFoundError) as caught:
        sessions.set_statuses(db, {first: SessionStatus.HELD, 999: SessionStatus.HELD})
    assert caught.value.message == "Meeting 999 does not exist."
    with pytest.raises(ValidationError) as invalid:
        sessions.set_statuses(db, {first: SessionStatus.HELD, second: "postponed"})
    assert invalid.value.field == "status"
    assert statuses(db, tandem_id) == ["planned", "planned", "planned"]
    refuse(db, "sessions", "UPDATE", f"{{row}}.id = {second}")
    with pytest.raises(sqlite3.IntegrityError):
        sessions.set_statuses(db, dict.fromkeys([first, second, third], SessionStatus.HELD))
    assert statuses(db, tandem_id) == ["planned", "planned", "planned"]


def test_several_meetings_are_deleted_at_once_or_none(db: Database, tandem_id: int) -> None:
    first, second, third = three_meetings(db, tandem_id)
    with pytest.raises(NotFoundError):
        sessions.delete_sessions(db, [first, 999])
    refuse(db, "sessions", "DELETE", f"{{row}}.id = {third}")
    with pytest.raises(sqlite3.IntegrityError):
        sessions.delete_sessions(db, [first, second, third])
    assert [s.id for s in sessions.list_sessions(db, tandem_id=tandem_id)] == [first, second, third]
    db.execute("DROP TRIGGER temp.refuse_sessions_delete")
    assert sessions.delete_sessions(db, [first, third]) == 2
    assert [s.id for s in sessions.list_sessions(db, tandem_id=tandem_id)] == [second]
    assert db.execute("SELECT count(*) FROM agenda_items").fetchone()[0] == 1


def test_a_new_meeting_and_its_agenda_are_saved_together(db: Database, tandem_id: int) -> None:
    created = sessions.create_session(
        db,
        tandem_id,
        SessionInput(datetime(2026, 3, 2, 14), location="Raum Elbe"),
        [("  Expectations ", " Think first "), ("Rules", "")],
    )
    again = sessions.get_session(db, created.id)
    assert again.location == "Raum Elbe"
    assert [(i.position, i.title, i.preparation) for i in again.agenda] == [
        (1, "Expectations", "Think first"),
        (2, "Rules", ""),
    ]


def test_a_refused_agenda_leaves_no_new_meeting(db: Database, tandem_id: int) -> None:
    with pytest.raises(ValidationError) as caught:
        sessions.create_session(
            db,
            tandem_id,
            SessionInput(datetime(2026, 3, 2, 14), duration_minutes=2),
            [("Fine", ""), (" ", "")],
        )
    assert caught.value.errors == {
        "duration_minutes": "The duration must be between 5 and 720 minutes.",
        "agenda": "Agenda item 2 needs a title.",
    }
    refuse(db, "agenda_items", "INSERT", "{row}.position = 2")
    with pytest.raises(sqlite3.IntegrityError):
        sessions.create_session(
            db, tandem_id, SessionInput(datetime(2026, 3, 2, 14)), [("One", ""), ("Two", "")]
        )
    assert sessions.list_sessions(db) == []
    assert db.execute("SELECT count(*) FROM agenda_items").fetchone()[0] == 0


def test_an_edit_whose_agenda_fails_keeps_the_meeting_as_it_was(
    db: Database, tandem_id: int
) -> None:
    session = sessions.create_session(
        db, tandem_id, SessionInput(datetime(2026, 3, 2, 14), location="Old room"), [("Old", "")]
    )
    changed = SessionInput(datetime(2026, 3, 3, 9), location="New room", status=SessionStatus.HELD)
    with pytest.raises(ValidationError):
        sessions.update_session(db, session.id, changed, [("", "prep")])
    refuse(db, "agenda_items", "INSERT", "{row}.title = 'Second'")
    with pytest.raises(sqlite3.IntegrityError):
        sessions.update_session(db, session.id, changed, [("First", ""), ("Second", "")])
    kept = sessions.get_session(db, session.id)
    assert (kept.starts_at, kept.location, kept.status) == (
        datetime(2026, 3, 2, 14),
        "Old room",
        SessionStatus.PLANNED,
    )
    assert [i.title for i in kept.agenda] == ["Old"]
    saved = sessions.update_session(db, session.id, changed, [("First", "")])
    assert (saved.location, [i.title for i in saved.agenda]) == ("New room", ["First"])
    assert sessions.update_session(db, session.id, changed).agenda == saved.agenda  # kept


def test_a_new_meeting_starts_at_ten_with_the_usual_duration(db: Database, tandem_id: int) -> None:
    set_setting(db, "default_duration_minutes", 75)
    draft = sessions.draft_session(db, tandem_id, date(2026, 5, 4))
    assert (draft.id, draft.tandem_id, draft.starts_at, draft.duration_minutes) == (
        0,
        tandem_id,
        datetime(2026, 5, 4, 10, 0),
        75,
    )
    assert (draft.mentor_name, draft.mentee_name, draft.agenda) == (
        "Ayşe Yılmaz",
        "Jürgen Weiß",
        (),
    )
    assert sessions.list_sessions(db) == []  # a draft is not saved
    with pytest.raises(NotFoundError):
        sessions.draft_session(db, 999, date(2026, 5, 4))
