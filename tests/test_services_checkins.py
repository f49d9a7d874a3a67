"""Check-ins service: only the tandem's two people, ratings 1 to 5, one per person and phase."""

from __future__ import annotations

from datetime import date

import pytest
from sqlite_utils import Database

from app import i18n
from app.errors import NotFoundError, ValidationError
from app.model import CheckinPhase, GoalsReached, ParticipantInput, Role, RoundInput
from app.services import checkins, participants, rounds, tandems


@pytest.fixture
def pair(db: Database) -> dict[str, int]:
    consent = date(2026, 1, 1)

    def add(first: str, last: str, role: Role, department: str) -> int:
        data = ParticipantInput(first, last, role=role, department=department, consent_date=consent)
        return participants.create_participant(db, data).id

    mentor = add("Zoë", "Schäfer", Role.MENTOR, "Marketing")
    mentee = add("Björn", "Köhler", Role.MENTEE, "IT")
    outsider = add("Ольга", "Кузнецова", Role.MENTOR, "Finance")
    rnd = rounds.create_round(db, RoundInput("2026", date(2026, 2, 1), date(2026, 9, 30)))
    tandem = tandems.create_tandem(db, rnd.id, mentor, mentee)
    return {"tandem": tandem.id, "mentor": mentor, "mentee": mentee, "outsider": outsider}


def test_record_and_replace(db: Database, pair: dict[str, int]) -> None:
    first = checkins.record_checkin(
        db,
        pair["tandem"],
        pair["mentee"],
        CheckinPhase.MID,
        relationship_rating=2,
        progress_rating=3,
        goals_reached=GoalsReached.PARTLY,
        on=date(2026, 5, 1),
    )
    assert (first.relationship_rating, first.progress_rating) == (2, 3)
    assert first.goals_reached == GoalsReached.PARTLY and first.would_take_part_again is None
    again = checkins.record_checkin(
        db,
        pair["tandem"],
        pair["mentee"],
        CheckinPhase.MID,
        relationship_rating=4,
        would_take_part_again=True,
        on=date(2026, 5, 3),
    )
    assert again.id == first.id and again.relationship_rating == 4
    assert again.would_take_part_again is True and again.submitted_on == date(2026, 5, 3)
    final = checkins.record_checkin(
        db, pair["tandem"], pair["mentor"], CheckinPhase.FINAL, would_take_part_again=False
    )
    assert final.would_take_part_again is False
    assert [c.phase for c in checkins.list_checkins(db, pair["tandem"])] == ["mid", "final"]


@pytest.mark.parametrize("rating", [0, 6, -1, "5", 2.5])
def test_ratings_go_from_one_to_five(db: Database, pair: dict[str, int], rating: object) -> None:
    for field in ("relationship_rating", "progress_rating"):
        with pytest.raises(ValidationError) as caught:
            checkins.record_checkin(
                db, pair["tandem"], pair["mentor"], CheckinPhase.MID, **{field: rating}
            )
        assert caught.value.field == field and caught.value.message == "Ratings go from 1 to 5."
    assert checkins.list_checkins(db) == []


def test_only_the_two_members_give_feedback(db: Database, pair: dict[str, int]) -> None:
    with pytest.raises(ValidationError) as caught:
        checkins.record_checkin(db, pair["tandem"], pair["outsider"], CheckinPhase.MID)
    assert caught.value.field == "participant_id"
    with pytest.raises(NotFoundError):
        checkins.record_checkin(db, 999, pair["mentor"], CheckinPhase.MID)
    assert checkins.list_checkins(db) == []


def test_messages_in_german(db: Database, pair: dict[str, int]) -> None:
    i18n.set_language("de")
    with pytest.raises(ValidationError) as caught:
        checkins.record_checkin(db, pair["tandem"], pair["outsider"], CheckinPhase.FINAL)
    assert (
        caught.value.message == "Nur Mentor(in) und Mentee des Tandems können dazu Feedback geben."
    )
    with pytest.raises(ValidationError) as caught:
        checkins.record_checkin(
            db, pair["tandem"], pair["mentor"], CheckinPhase.FINAL, progress_rating=9
        )
    assert caught.value.message == "Bewertungen gehen von 1 bis 5."
