"""Rounds service: names, date order, ranges, delete only without tandems."""

from __future__ import annotations

from datetime import date

import pytest
from sqlite_utils import Database

from app import i18n
from app.errors import ConflictError, NotFoundError, ValidationError
from app.model import ParticipantInput, Role, RoundInput
from app.services import participants, rounds, settings, tandems


def _round(name: str = "Spring 2026", **kwargs: object) -> RoundInput:
    values: dict[str, object] = {"start_date": date(2026, 3, 1), "end_date": date(2026, 8, 31)}
    values.update(kwargs)
    return RoundInput(name=name, **values)  # type: ignore[arg-type]


def test_create_update_list_newest_first(db: Database) -> None:
    old = rounds.create_round(
        db, _round("2025", start_date=date(2025, 3, 1), end_date=date(2025, 9, 1))
    )
    new = rounds.create_round(db, _round("  Frühjahr 2026  ", meetings_planned=8, cadence_weeks=3))
    assert new.name == "Frühjahr 2026" and new.meetings_planned == 8 and new.cadence_weeks == 3
    assert [r.id for r in rounds.list_rounds(db)] == [new.id, old.id]
    changed = rounds.update_round(db, old.id, _round("2025 (extended)", end_date=date(2026, 9, 30)))
    assert rounds.get_round(db, old.id) == changed
    assert changed.end_date == date(2026, 9, 30)


def test_a_round_ending_on_its_first_day_is_fine(db: Database) -> None:
    one_day = rounds.create_round(db, _round(end_date=date(2026, 3, 1)))
    assert one_day.start_date == one_day.end_date


def test_end_before_start_and_missing_name(db: Database) -> None:
    with pytest.raises(ValidationError) as caught:
        rounds.create_round(db, _round(" ", end_date=date(2026, 2, 28)))
    assert set(caught.value.errors) == {"name", "end_date"}
    assert caught.value.errors["end_date"] == "A round cannot end before it starts."
    assert caught.value.errors["name"] == "Please give the round a name."
    assert rounds.list_rounds(db) == []


@pytest.mark.parametrize(
    ("field", "value", "text"),
    [
        ("meetings_planned", 0, "Meetings per tandem must be between 1 and 52."),
        ("meetings_planned", 53, "Meetings per tandem must be between 1 and 52."),
        ("cadence_weeks", 27, "Weeks between meetings must be between 1 and 26."),
        ("capacity_mentor", 0, "Tandems per mentor must be between 1 and 10."),
        ("capacity_mentee", 11, "Tandems per mentee must be between 1 and 10."),
        ("meetings_planned", "6", "Meetings per tandem must be between 1 and 52."),
    ],
)
def test_numbers_out_of_range(db: Database, field: str, value: object, text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        rounds.create_round(db, _round(**{field: value}))
    assert caught.value.field == field and caught.value.message == text


def test_delete_only_without_tandems(db: Database) -> None:
    empty = rounds.create_round(db, _round("Empty"))
    used = rounds.create_round(db, _round("Used"))
    mentor = participants.create_participant(
        db,
        ParticipantInput(
            "Mia", "Jung", role=Role.MENTOR, department="IT", consent_date=date(2026, 1, 1)
        ),
    )
    mentee = participants.create_participant(
        db,
        ParticipantInput(
            "Max", "Alt", role=Role.MENTEE, department="Sales", consent_date=date(2026, 1, 1)
        ),
    )
    tandems.create_tandem(db, used.id, mentor.id, mentee.id)
    with pytest.raises(ConflictError, match="“Used” has tandems"):
        rounds.delete_round(db, used.id)
    rounds.delete_round(db, empty.id)
    with pytest.raises(NotFoundError):
        rounds.get_round(db, empty.id)
    assert [r.name for r in rounds.list_rounds(db)] == ["Used"]
    assert rounds.list_rounds(db)[0].tandem_count == 1


def test_messages_in_german(db: Database) -> None:
    i18n.set_language("de")
    with pytest.raises(ValidationError) as caught:
        rounds.create_round(db, _round(end_date=date(2026, 1, 1)))
    assert caught.value.message == "Eine Programmrunde kann nicht vor ihrem Beginn enden."
    with pytest.raises(ValidationError) as caught:
        rounds.create_round(db, _round(meetings_planned=99))
    assert caught.value.message.endswith("muss zwischen 1 und 52 liegen.")
    assert "Meetings" not in caught.value.message


def test_a_new_round_starts_with_the_files_defaults(db: Database) -> None:
    draft = rounds.draft_round(db, date(2026, 3, 2))
    assert (draft.name, draft.start_date, draft.end_date) == (
        "",
        date(2026, 3, 2),
        date(2026, 8, 17),
    )
    assert (draft.meetings_planned, draft.cadence_weeks) == (6, 4)
    assert (draft.capacity_mentor, draft.capacity_mentee) == (1, 1)
    settings.set_setting(db, "default_meetings", 8)
    settings.set_setting(db, "default_cadence_weeks", 2)
    changed = rounds.draft_round(db, date(2026, 3, 2))
    assert (changed.meetings_planned, changed.cadence_weeks) == (8, 2)
    assert rounds.list_rounds(db) == []  # a draft is not saved
