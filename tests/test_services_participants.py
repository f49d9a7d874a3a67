"""Participants service: validation with translated messages, reporting line, delete and undo."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date

import pytest
from sqlite_utils import Database

from app import i18n
from app.errors import ConflictError, NotFoundError, ValidationError
from app.model import ParticipantInput, ParticipantStatus, Role, RoundInput
from app.services import participants, rounds, tandems


def _input(first: str = "Anna", last: str = "Berg", **kwargs: object) -> ParticipantInput:
    return ParticipantInput(first_name=first, last_name=last, **kwargs)  # type: ignore[arg-type]


def _add(db: Database, first: str = "Anna", last: str = "Berg", **kwargs: object):
    return participants.create_participant(db, _input(first, last, **kwargs))


def test_create_and_read_back_exactly_as_typed(db: Database) -> None:
    boss = _add(db, "Łukasz", "Dvořák-Şahin", email="l.dvorak@example.com", role=Role.MENTEE)
    person = _add(
        db,
        "  Anna & <b>Lee</b> ",
        "O'Brien",
        personnel_number=" 4711 ",
        email="anna.obrien@example.com",
        department="IT",
        position="Trainee",
        manager_id=boss.id,
        start_date=date(2025, 9, 1),
        role=Role.MENTOR,
        consent_date=date(2025, 9, 15),
        can_teach=("AI tools", " Social media ", ""),
        wants_to_learn=("Leadership",),
    )
    again = participants.get_participant(db, person.id)
    assert again == person
    assert again.name == "Anna & <b>Lee</b> O'Brien"
    assert again.personnel_number == "4711"
    assert again.manager_name == "Łukasz Dvořák-Şahin"
    assert again.can_teach == ("AI tools", "Social media")
    assert again.wants_to_learn == ("Leadership",)
    assert again.has_consent and again.status == ParticipantStatus.ACTIVE
    assert [p.name for p in participants.list_participants(db)] == [
        "Łukasz Dvořák-Şahin",
        "Anna & <b>Lee</b> O'Brien",
    ]
    assert participants.departments(db) == ["IT"]


def test_names_are_required_and_all_errors_are_reported(db: Database) -> None:
    with pytest.raises(ValidationError) as caught:
        participants.create_participant(db, _input(" ", "", email="not an address"))
    error = caught.value
    assert error.message == "Please enter a first name."
    assert error.field == "first_name"
    assert set(error.errors) == {"first_name", "last_name", "email"}
    assert error.errors["email"] == "“not an address” is not a valid e-mail address."
    assert participants.list_participants(db) == []


@pytest.mark.parametrize(
    "email", ["anna", "anna@", "anna@example", "an na@example.com", "a@b@c.de"]
)
def test_bad_email_is_refused(db: Database, email: str) -> None:
    with pytest.raises(ValidationError) as caught:
        _add(db, email=email)
    assert caught.value.field == "email"


def test_duplicate_email_is_refused_case_insensitively(db: Database) -> None:
    _add(db, "Anna", "Berg", email="anna.berg@example.com")
    with pytest.raises(ValidationError) as caught:
        _add(db, "Other", "Person", email="ANNA.Berg@Example.com")
    assert caught.value.field == "email"
    assert caught.value.message == (
        "The e-mail address ANNA.Berg@Example.com already belongs to Anna Berg."
    )


def test_duplicate_personnel_number_is_refused(db: Database) -> None:
    anna = _add(db, "Anna", "Berg", personnel_number="100")
    with pytest.raises(ValidationError) as caught:
        _add(db, "Ben", "Kurz", personnel_number="100")
    assert caught.value.message == "The personnel number 100 already belongs to Anna Berg."
    # Saving Anna herself with her own number is fine.
    updated = participants.update_participant(db, anna.id, _input(personnel_number="100"))
    assert updated.personnel_number == "100"


def test_manager_rules_self_unknown_and_cycles(db: Database) -> None:
    top = _add(db, "Top", "Boss")
    middle = _add(db, "Mid", "Lead", manager_id=top.id)
    low = _add(db, "Low", "Staff", manager_id=middle.id)
    with pytest.raises(ValidationError, match="own manager") as caught:
        participants.update_participant(db, top.id, _input("Top", "Boss", manager_id=top.id))
    assert caught.value.field == "manager_id"
    with pytest.raises(ValidationError, match="in a circle"):
        participants.update_participant(db, top.id, _input("Top", "Boss", manager_id=low.id))
    with pytest.raises(ValidationError, match="does not exist"):
        _add(db, "Nobody's", "Report", manager_id=999)
    assert participants.reporting_chain(db, low.id) == [middle.id, top.id]
    assert participants.get_participant(db, top.id).manager_id is None


def test_invalid_role_and_status(db: Database) -> None:
    with pytest.raises(ValidationError) as caught:
        _add(db, role="boss", status="retired")  # type: ignore[arg-type]
    assert set(caught.value.errors) == {"role", "status"}


def test_status_date_only_kept_when_not_active(db: Database) -> None:
    person = _add(db, status_date=date(2026, 1, 1))
    assert person.status_date is None
    left = participants.update_participant(
        db, person.id, _input(status=ParticipantStatus.LEFT, status_date=date(2026, 1, 1))
    )
    assert left.status == ParticipantStatus.LEFT and left.status_date == date(2026, 1, 1)


def test_delete_refused_while_in_a_tandem(db: Database) -> None:
    mentor = _add(db, "Young", "Mentor", role=Role.MENTOR, consent_date=date(2026, 1, 1))
    mentee = _add(db, "Senior", "Mentee", role=Role.MENTEE, consent_date=date(2026, 1, 1))
    rnd = rounds.create_round(db, RoundInput("2026", date(2026, 2, 1), date(2026, 9, 30)))
    tandems.create_tandem(db, rnd.id, mentor.id, mentee.id)
    with pytest.raises(ConflictError, match="Anonymise the person instead"):
        participants.delete_participant(db, mentor.id)
    with pytest.raises(ConflictError, match="Young Mentor is or was in a tandem"):
        participants.check_deletable(db, mentor.id)
    assert participants.get_participant(db, mentor.id).name == "Young Mentor"
    assert participants.check_deletable(db, _add(db, "Free", "Person").id).name == "Free Person"


def test_delete_and_restore_gives_the_same_person_back(db: Database) -> None:
    boss = _add(db, "Top", "Boss")
    person = _add(
        db,
        "Zoë",
        "Schäfer",
        email="zoe@example.com",
        personnel_number="7",
        manager_id=boss.id,
        can_teach=("Social media",),
    )
    participants.delete_participant(db, person.id)
    with pytest.raises(NotFoundError):
        participants.get_participant(db, person.id)
    restored = participants.restore_participant(db, person)
    assert restored == person
    # If the manager was deleted meanwhile, the person comes back without one.
    participants.delete_participant(db, restored.id)
    participants.delete_participant(db, boss.id)
    again = participants.restore_participant(db, person)
    assert again.id == person.id and again.manager_id is None


def test_unknown_participant(db: Database) -> None:
    with pytest.raises(NotFoundError, match="Participant 42 does not exist"):
        participants.get_participant(db, 42)
    with pytest.raises(NotFoundError):
        participants.update_participant(db, 42, _input())


def test_messages_are_german_when_german_is_chosen(db: Database) -> None:
    _add(db, "Anna", "Berg", email="anna@example.com", personnel_number="1")
    i18n.set_language("de")
    with pytest.raises(ValidationError) as caught:
        _add(db, "", "X")
    assert caught.value.message == "Bitte geben Sie einen Vornamen ein."
    with pytest.raises(ValidationError) as caught:
        _add(db, "B", "C", email="Anna@Example.com")
    assert "gehört bereits zu Anna Berg" in caught.value.message
    with pytest.raises(ValidationError) as caught:
        _add(db, "B", "C", email="kaputt")
    assert caught.value.message == "„kaputt“ ist keine gültige E-Mail-Adresse."
    person = participants.list_participants(db)[0]
    with pytest.raises(ValidationError) as caught:
        participants.update_participant(
            db, person.id, replace(_input("Anna", "Berg"), manager_id=person.id)
        )
    assert caught.value.message == "Eine Person kann nicht ihre eigene Führungskraft sein."


def test_undoing_a_delete_makes_them_the_manager_again(db: Database) -> None:
    boss = _add(db, "Top", "Boss")
    person = _add(db, "Zoë", "Schäfer", manager_id=boss.id, can_teach=("Social media",))
    first, second, moved = (_add(db, "Report", name, manager_id=person.id) for name in "ABC")
    deleted = participants.delete_participant(db, person.id)
    assert deleted.person == person
    assert deleted.report_ids == (first.id, second.id, moved.id)
    assert participants.get_participant(db, first.id).manager_id is None
    # Meanwhile one report got another manager: that stays.
    participants.update_participant(db, moved.id, replace(moved.as_input(), manager_id=boss.id))
    restored = participants.restore_participant(db, deleted.person, deleted.report_ids)
    assert restored == person
    assert [participants.get_participant(db, r.id).manager_id for r in (first, second, moved)] == [
        person.id,
        person.id,
        boss.id,
    ]


def test_a_report_that_would_close_a_circle_keeps_no_manager(db: Database) -> None:
    boss = _add(db, "Top", "Boss")
    person = _add(db, "Zoë", "Schäfer", manager_id=boss.id)
    report = _add(db, "Report", "A", manager_id=person.id)
    deleted = participants.delete_participant(db, person.id)
    # The boss now reports to the former report: Zoë back under the boss, with the report
    # under Zoë, would be a circle.
    participants.update_participant(db, boss.id, replace(boss.as_input(), manager_id=report.id))
    participants.restore_participant(db, deleted.person, deleted.report_ids)
    assert participants.get_participant(db, person.id).manager_id == boss.id
    assert participants.get_participant(db, report.id).manager_id is None


def test_an_undo_refused_midway_puts_nobody_back(db: Database) -> None:
    person = _add(db, "Zoë", "Schäfer", can_teach=("Social media",))
    first, second = (_add(db, "Report", name, manager_id=person.id) for name in "AB")
    deleted = participants.delete_participant(db, person.id)
    db.execute(
        "CREATE TEMP TRIGGER refuse_second BEFORE UPDATE OF manager_id ON main.participants "
        f"WHEN NEW.id = {second.id} BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
    )
    with pytest.raises(sqlite3.IntegrityError):
        participants.restore_participant(db, deleted.person, deleted.report_ids)
    with pytest.raises(NotFoundError):
        participants.get_participant(db, person.id)
    assert participants.get_participant(db, first.id).manager_id is None
    assert db.execute("SELECT count(*) FROM participant_topics").fetchone()[0] == 0
