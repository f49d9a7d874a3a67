"""Tandems service: pairing rules that every form, import and proposal passes through, and the
lifecycle proposed → agreed → active → completed, or dissolved with a reason."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlite_utils import Database

from app import i18n
from app.errors import ConflictError, NotFoundError, ValidationError
from app.model import ParticipantInput, Role, RoundInput, SessionInput, TandemStatus
from app.services import participants, rounds, sessions, tandems

CONSENT = date(2026, 1, 10)


@pytest.fixture
def people(db: Database) -> dict[str, int]:
    def add(first: str, last: str, role: Role, department: str, **kw: object) -> int:
        data = ParticipantInput(
            first,
            last,
            role=role,
            department=department,
            consent_date=CONSENT,
            **kw,  # type: ignore[arg-type]
        )
        return participants.create_participant(db, data).id

    return {
        "mentor": add("Łukasz", "Dvořák-Şahin", Role.MENTOR, "IT"),
        "mentee": add("Siobhán", "O'Brien", Role.MENTEE, "Sales"),
        "both": add("Ömer", "Çelik", Role.BOTH, "Service"),
        "round": rounds.create_round(
            db, RoundInput("Round 2026", date(2026, 2, 1), date(2026, 9, 30))
        ).id,
    }


def test_create_a_tandem_with_goals_and_focus(db: Database, people: dict[str, int]) -> None:
    tandem = tandems.create_tandem(
        db,
        people["round"],
        people["mentor"],
        people["mentee"],
        goals="  Use AI tools every week.  ",
        focus_topics=("AI tools", "KI-Werkzeuge", "Brand-new topic", " "),
        on=date(2026, 1, 20),
    )
    assert tandem.status == TandemStatus.PROPOSED and tandem.proposed_on == date(2026, 1, 20)
    assert tandem.mentor_name == "Łukasz Dvořák-Şahin" and tandem.mentee_name == "Siobhán O'Brien"
    assert tandem.goals == "Use AI tools every week."
    # The German name of a built-in topic finds the same topic: no duplicate.
    assert tandem.focus_topics == ("AI tools", "Brand-new topic")
    assert tandems.get_tandem(db, tandem.id) == tandem
    assert tandems.list_tandems(db, people["round"]) == [tandem]
    updated = tandems.update_focus(db, tandem.id, goals="New goals", focus_topics=("Social media",))
    assert updated.goals == "New goals" and updated.focus_topics == ("Social media",)


def test_self_pairing_is_refused(db: Database, people: dict[str, int]) -> None:
    with pytest.raises(ValidationError, match="cannot be paired with themselves"):
        tandems.create_tandem(db, people["round"], people["both"], people["both"])
    assert tandems.list_tandems(db) == []


def test_wrong_roles_are_refused(db: Database, people: dict[str, int]) -> None:
    with pytest.raises(ValidationError, match="Siobhán O'Brien does not take part as a mentor"):
        tandems.create_tandem(db, people["round"], people["mentee"], people["both"])
    with pytest.raises(ValidationError, match="Łukasz Dvořák-Şahin does not take part as a mentee"):
        tandems.create_tandem(db, people["round"], people["both"], people["mentor"])
    # "both" can take either side.
    assert tandems.create_tandem(db, people["round"], people["both"], people["mentee"]).id
    assert tandems.list_tandems(db)[0].mentor_id == people["both"]


def test_unknown_round_or_person(db: Database, people: dict[str, int]) -> None:
    with pytest.raises(NotFoundError):
        tandems.create_tandem(db, 999, people["mentor"], people["mentee"])
    with pytest.raises(NotFoundError):
        tandems.create_tandem(db, people["round"], 999, people["mentee"])
    with pytest.raises(NotFoundError):
        tandems.get_tandem(db, 999)


def test_the_whole_lifecycle(db: Database, people: dict[str, int]) -> None:
    tandem = tandems.create_tandem(db, people["round"], people["mentor"], people["mentee"])
    agreed = tandems.set_status(db, tandem.id, TandemStatus.AGREED, on=date(2026, 2, 3))
    active = tandems.set_status(db, tandem.id, TandemStatus.ACTIVE, on=date(2026, 2, 10))
    done = tandems.set_status(db, tandem.id, TandemStatus.COMPLETED, on=date(2026, 9, 20))
    assert agreed.agreed_on == date(2026, 2, 3) and active.started_on == date(2026, 2, 10)
    assert done.status == TandemStatus.COMPLETED and done.completed_on == date(2026, 9, 20)
    assert done.dissolution_reason is None
    for status in TandemStatus:
        with pytest.raises(ConflictError):
            tandems.set_status(db, tandem.id, status, reason="whatever")


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ((), TandemStatus.ACTIVE),
        ((), TandemStatus.COMPLETED),
        ((TandemStatus.AGREED,), TandemStatus.COMPLETED),
        ((TandemStatus.AGREED,), TandemStatus.PROPOSED),
        ((TandemStatus.AGREED, TandemStatus.ACTIVE), TandemStatus.AGREED),
    ],
)
def test_skipping_or_going_back_is_refused(
    db: Database, people: dict[str, int], path: tuple[TandemStatus, ...], refused: TandemStatus
) -> None:
    tandem = tandems.create_tandem(db, people["round"], people["mentor"], people["mentee"])
    for status in path:
        tandems.set_status(db, tandem.id, status)
    with pytest.raises(ConflictError, match="cannot become"):
        tandems.set_status(db, tandem.id, refused)
    assert tandems.get_tandem(db, tandem.id).status == (path[-1] if path else TandemStatus.PROPOSED)


@pytest.mark.parametrize(
    "path", [(), (TandemStatus.AGREED,), (TandemStatus.AGREED, TandemStatus.ACTIVE)]
)
def test_dissolving_needs_a_reason_and_works_from_every_open_state(
    db: Database, people: dict[str, int], path: tuple[TandemStatus, ...]
) -> None:
    tandem = tandems.create_tandem(db, people["round"], people["mentor"], people["mentee"])
    for status in path:
        tandems.set_status(db, tandem.id, status)
    for reason in (None, "", "   "):
        with pytest.raises(ValidationError, match="give a reason") as caught:
            tandems.set_status(db, tandem.id, TandemStatus.DISSOLVED, reason=reason)
        assert caught.value.field == "reason"
    gone = tandems.set_status(
        db, tandem.id, TandemStatus.DISSOLVED, reason=" Moved abroad ", on=date(2026, 5, 1)
    )
    assert gone.status == TandemStatus.DISSOLVED
    assert gone.dissolution_reason == "Moved abroad" and gone.dissolved_on == date(2026, 5, 1)
    with pytest.raises(ConflictError):
        tandems.set_status(db, tandem.id, TandemStatus.ACTIVE)


def test_delete_only_while_proposed(db: Database, people: dict[str, int]) -> None:
    tandem = tandems.create_tandem(db, people["round"], people["mentor"], people["mentee"])
    session = sessions.create_session(db, tandem.id, SessionInput(datetime(2026, 3, 2, 10, 0)))
    tandems.set_status(db, tandem.id, TandemStatus.AGREED)
    with pytest.raises(ConflictError, match="Only a proposed tandem can be deleted"):
        tandems.delete_tandem(db, tandem.id)
    with pytest.raises(ConflictError, match="dissolve it instead"):
        tandems.check_deletable(db, tandem.id)  # asked before the question to confirm
    tandems.set_status(db, tandem.id, TandemStatus.DISSOLVED, reason="No time")
    other = tandems.create_tandem(db, people["round"], people["both"], people["mentee"])
    assert tandems.check_deletable(db, other.id) == other
    tandems.delete_tandem(db, other.id)
    assert [t.id for t in tandems.list_tandems(db)] == [tandem.id]
    assert sessions.get_session(db, session.id).tandem_id == tandem.id


def test_messages_in_german(db: Database, people: dict[str, int]) -> None:
    i18n.set_language("de")
    with pytest.raises(ValidationError) as caught:
        tandems.create_tandem(db, people["round"], people["both"], people["both"])
    assert caught.value.message == "Eine Person kann kein Tandem mit sich selbst bilden."
    tandem = tandems.create_tandem(db, people["round"], people["mentor"], people["mentee"])
    with pytest.raises(ConflictError) as conflict:
        tandems.set_status(db, tandem.id, TandemStatus.COMPLETED)
    assert conflict.value.message == (
        "Ein Tandem im Status „Vorgeschlagen“ kann nicht in „Abgeschlossen“ wechseln."
    )
    with pytest.raises(ValidationError) as caught:
        tandems.set_status(db, tandem.id, TandemStatus.DISSOLVED)
    assert caught.value.message == "Bitte geben Sie einen Grund für die Auflösung des Tandems an."
