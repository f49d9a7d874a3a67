"""The retention period: who is due on a given day, the setting, and erasing or anonymising
everyone due in one step (all or none)."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from sqlite_utils import Database

from app.errors import ConflictError, ValidationError
from app.model import ParticipantStatus, Role, TandemStatus
from app.services import erasure, participants, retention
from app.services.erasure import ErasureMode
from tests.helpers_reports import Plan, new_round, person, tandem

ON = date(2026, 5, 31)


@pytest.fixture
def people(db: Database) -> dict[str, int]:
    """People around the 24-month line on 31 May 2026 (status, status date)."""
    facts: dict[str, tuple[str, str | None]] = {
        # left 31 Jan 2024 after a round that ended mid-2023: due since 31 Jan 2026
        "left_long_ago": ("left", "2024-01-31"),
        # alumni since 15 Apr 2024 after a round that ended 31 Mar 2024: due 15 Apr 2026
        "alumni": ("alumni", "2024-04-15"),
        # left exactly 24 months ago: due today
        "left_on_the_line": ("left", "2024-05-31"),
        # left one day later: due tomorrow
        "left_a_day_later": ("left", "2024-06-01"),
        # alumni long ago, but in a round that ended at the end of 2025: due end of 2027
        "alumni_recent_round": ("alumni", "2023-01-01"),
        # active: taking part, never due
        "active": ("active", None),
        # left without a date and without a round: counted from the last change (2023)
        "left_no_date": ("left", None),
        # left long ago but anonymised already
        "anonymised": ("left", "2020-01-01"),
    }
    ids = {key: person(db, key.replace("_", " ").title(), "Example", Role.MENTOR) for key in facts}
    mentee = person(db, "Mentee", "Senior", Role.MENTEE)
    old = new_round(db, "Round 2023", date(2023, 1, 1), date(2023, 6, 30))
    spring = new_round(db, "Round 2024", date(2023, 10, 1), date(2024, 3, 31))
    late = new_round(db, "Round 2025", date(2025, 6, 1), date(2025, 12, 31))
    done = Plan(TandemStatus.COMPLETED)
    tandem(db, old, ids["left_long_ago"], mentee, done, date(2023, 1, 2))
    tandem(db, spring, ids["alumni"], mentee, done, date(2023, 10, 2))
    tandem(db, late, ids["alumni_recent_round"], mentee, done, date(2025, 6, 2))
    with db.atomic():
        for key, (status, on) in facts.items():
            db.execute(
                "UPDATE participants SET status = ?, status_date = ?, "
                "updated_at = '2023-03-01T09:00:00' WHERE id = ?",
                [status, on, ids[key]],
            )
    erasure.anonymise_participant(db, ids["anonymised"], today=date(2025, 1, 1))
    return {**ids, "mentee": mentee}


def test_on_a_fixed_day_exactly_the_people_due_are_listed(
    db: Database, people: dict[str, int]
) -> None:
    assert retention.keep_months(db) == 24
    due = retention.people_due(db, ON)
    assert [p.id for p in due] == [
        people["left_no_date"],  # due 1 Mar 2025
        people["left_long_ago"],  # 31 Jan 2026
        people["alumni"],  # 15 Apr 2026
        people["left_on_the_line"],  # 31 May 2026
    ]
    first = due[1]
    assert (first.status, first.status_date, first.last_round_end) == (
        ParticipantStatus.LEFT, date(2024, 1, 31), date(2023, 6, 30),
    )  # fmt: skip
    assert (first.counted_from, first.due_on) == (date(2024, 1, 31), date(2026, 1, 31))
    assert due[0].counted_from == date(2023, 3, 1) and due[0].last_round_end is None
    tomorrow = {p.id for p in retention.people_due(db, date(2026, 6, 1))}
    assert tomorrow == {p.id for p in due} | {people["left_a_day_later"]}
    assert people["alumni_recent_round"] in {
        p.id for p in retention.people_due(db, date(2027, 12, 31))
    }


def test_the_period_is_a_setting_of_the_file(db: Database, people: dict[str, int]) -> None:
    assert retention.set_keep_months(db, 36) == 36
    assert [p.id for p in retention.people_due(db, ON)] == [people["left_no_date"]]
    assert len(retention.people_due(db, ON, months=1)) == 6  # a preview, not stored
    assert retention.keep_months(db) == 36
    for wrong in (0, 121, "many"):
        with pytest.raises(ValidationError, match="between 1 and 120"):
            retention.set_keep_months(db, wrong)  # type: ignore[arg-type]
    assert retention.keep_months(db) == 36


def test_everyone_due_is_erased_in_one_step(db: Database, people: dict[str, int]) -> None:
    due = [p.id for p in retention.people_due(db, ON)]
    result = retention.apply_retention(db, ErasureMode.ERASE, due, today=ON)
    assert result.count == 4 and [r.participant_id for r in result.results] == due
    assert retention.people_due(db, ON) == []
    remaining = {p.id for p in participants.list_participants(db)}
    assert remaining.isdisjoint(due) and people["left_a_day_later"] in remaining
    for person_id in due:
        assert erasure.is_anonymised(db, person_id)


def test_anonymising_everyone_due(db: Database, people: dict[str, int]) -> None:
    result = retention.apply_retention(db, "anonymise", today=ON)
    assert result.mode == ErasureMode.ANONYMISE and result.count == 4
    assert retention.people_due(db, ON) == []


def test_the_step_is_all_or_none(
    db: Database, people: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    dump = list(db.conn.iterdump())
    calls = []
    real = retention.apply_erasure

    def fails_on_the_third(*args: object, **kwargs: object) -> object:
        calls.append(args[1])
        if len(calls) == 3:
            raise sqlite3.OperationalError("simulated failure")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(retention, "apply_erasure", fails_on_the_third)
    with pytest.raises(sqlite3.OperationalError):
        retention.apply_retention(db, ErasureMode.ERASE, today=ON)
    assert len(calls) == 3
    assert list(db.conn.iterdump()) == dump


def test_someone_not_due_refuses_the_whole_step(db: Database, people: dict[str, int]) -> None:
    dump = list(db.conn.iterdump())
    wanted = [people["left_long_ago"], people["active"]]
    with pytest.raises(ConflictError, match=f"Not due for erasure: {people['active']}"):
        retention.apply_retention(db, ErasureMode.ERASE, wanted, today=ON)
    assert list(db.conn.iterdump()) == dump
