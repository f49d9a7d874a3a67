"""The rules of a tandem: every hard rule refused with a message naming people and reason,
every warning held back until confirmed, and the lifecycle including dissolve and re-match.
(The builders `make_round` and `person` live in tests/helpers/builders.py.)"""

from __future__ import annotations

import random
from datetime import date

import pytest
from sqlite_utils import Database

from app import i18n
from app.errors import ConflictError, NotFoundError, ValidationError
from app.model import TandemStatus
from app.services import tandems
from app.services.tandem_rules import (
    PairNeedsConfirmationError,
    PairRefusedError,
    RoundFacts,
    check_pair,
)
from tests.helpers.builders import make_round, person


def refused(db: Database, round_id: int, mentor: int, mentee: int) -> list[str]:
    """The reasons create_tandem gives for refusing a pair (it must refuse)."""
    with pytest.raises(PairRefusedError) as info:
        tandems.create_tandem(db, round_id, mentor, mentee, confirm_warnings=True)
    assert info.value.message == "\n".join(info.value.reasons)
    assert check_pair(db, round_id, mentor, mentee).errors == info.value.reasons
    assert RoundFacts(db, round_id).check(mentor, mentee).errors == info.value.reasons
    return info.value.reasons


def count_tandems(db: Database) -> int:
    return db.execute("SELECT count(*) FROM tandems").fetchone()[0]


# --- hard rules ---------------------------------------------------------------------------


def test_a_direct_report_of_the_mentee_cannot_be_the_mentor(db: Database) -> None:
    r = make_round(db)
    boss = person(db, "Sabine", "Krüger", role="mentee")
    finn = person(db, "Finn", "Ali", manager=boss)
    reasons = refused(db, r, finn, boss)
    assert reasons == [
        "Finn Ali reports directly to Sabine Krüger: a mentor and a mentee must not depend "
        "on each other at work."
    ]
    assert count_tandems(db) == 0


def test_the_reporting_line_is_refused_at_any_depth_in_both_directions(db: Database) -> None:
    r = make_round(db)
    ceo = person(db, "Clara", "Chef", role="both")
    head = person(db, "Henrik", "Head", role="mentee", manager=ceo)
    lead = person(db, "Lea", "Lead", role="mentee", manager=head)
    junior = person(db, "Jonas", "Junior", role="both", manager=lead)
    # The mentor is three levels below the mentee.
    (reason,) = refused(db, r, junior, ceo)
    assert reason.startswith("Jonas Junior is in Clara Chef's reporting line")
    assert "(Jonas Junior → Lea Lead → Henrik Head → Clara Chef)" in reason
    # The mentee is below the mentor (the other direction), also refused.
    (reason,) = refused(db, r, ceo, junior)
    assert "Jonas Junior is in Clara Chef's reporting line" in reason
    # Two levels, mentor below mentee.
    (reason,) = refused(db, r, junior, head)
    assert "Jonas Junior → Lea Lead → Henrik Head" in reason
    # Someone in another branch is fine.
    other = person(db, "Olga", "Other", role="mentor", manager=ceo)
    assert check_pair(db, r, other, lead).errors == []


def test_the_reporting_line_message_is_translated(db: Database) -> None:
    r = make_round(db)
    boss = person(db, "Sabine", "Krüger", role="mentee")
    finn = person(db, "Finn", "Ali", manager=boss)
    i18n.set_language("de")
    assert check_pair(db, r, finn, boss).errors == [
        "Finn Ali berichtet direkt an Sabine Krüger: Mentor(in) und Mentee dürfen beruflich "
        "nicht voneinander abhängen."
    ]


def test_both_need_consent(db: Database) -> None:
    r = make_round(db)
    mentor = person(db, "Finn", "Ali", consent=False)
    mentee = person(db, "Sabine", "Krüger", role="mentee")
    assert refused(db, r, mentor, mentee) == ["Finn Ali has not given consent to take part yet."]
    mentor2 = person(db, "Mia", "Berg")
    mentee2 = person(db, "Łukasz", "Dvořák-Şahin", role="mentee", consent=False)
    assert refused(db, r, mentor2, mentee2) == [
        "Łukasz Dvořák-Şahin has not given consent to take part yet."
    ]


def test_roles_must_fit_and_both_fits_either_side(db: Database) -> None:
    r = make_round(db)
    only_mentee = person(db, "Sabine", "Krüger", role="mentee")
    only_mentor = person(db, "Finn", "Ali", role="mentor")
    assert refused(db, r, only_mentee, only_mentor) == [
        "Sabine Krüger does not take part as a mentor.",
        "Finn Ali does not take part as a mentee.",
    ]
    both_a = person(db, "Anna", "Both", role="both")
    both_b = person(db, "Ben", "Both", role="both")
    assert check_pair(db, r, both_a, both_b).errors == []
    assert check_pair(db, r, both_b, both_a).errors == []
    err = refused(db, r, only_mentee, both_a)
    assert err == ["Sabine Krüger does not take part as a mentor."]


def test_nobody_is_paired_with_themselves(db: Database) -> None:
    r = make_round(db)
    anna = person(db, "Anna", "Both", role="both")
    with pytest.raises(ValidationError) as info:
        tandems.create_tandem(db, r, anna, anna, confirm_warnings=True)
    assert info.value.message == "A person cannot be paired with themselves."
    assert info.value.field == "mentee_id"


def test_people_who_left_the_company_cannot_be_paired(db: Database) -> None:
    r = make_round(db)
    gone = person(db, "Gina", "Gone", status="left")
    mentee = person(db, "Sabine", "Krüger", role="mentee")
    assert refused(db, r, gone, mentee) == ["Gina Gone has left the company and cannot be paired."]


def test_capacity_per_person_and_a_dissolved_tandem_frees_it(db: Database) -> None:
    r = make_round(db)
    finn = person(db, "Finn", "Ali")
    sabine = person(db, "Sabine", "Krüger", role="mentee")
    paul = person(db, "Paul", "Peters", role="mentee")
    mia = person(db, "Mia", "Berg")
    first = tandems.create_tandem(db, r, finn, sabine)
    assert refused(db, r, finn, paul) == [
        "Finn Ali already has as many open tandems as a mentor as this round allows (1)."
    ]
    assert refused(db, r, mia, sabine) == [
        "Sabine Krüger already has as many open tandems as a mentee as this round allows (1)."
    ]
    # Another round has its own capacity.
    other_round = make_round(db, name="Autumn 2026", start=date(2026, 9, 1), end=date(2027, 2, 26))
    assert check_pair(db, other_round, finn, paul).errors == []
    # A no-fault exit frees both people for the same round.
    tandems.set_status(db, first.id, TandemStatus.DISSOLVED, reason="Different schedules")
    assert tandems.create_tandem(db, r, finn, paul).status == TandemStatus.PROPOSED
    assert tandems.create_tandem(db, r, mia, sabine).status == TandemStatus.PROPOSED


def test_a_higher_capacity_allows_more_tandems_but_never_the_same_pair_twice(
    db: Database,
) -> None:
    r = make_round(db, cap_mentor=2, cap_mentee=2)
    finn = person(db, "Finn", "Ali", role="both")
    sabine = person(db, "Sabine", "Krüger", role="both")
    paul = person(db, "Paul", "Peters", role="mentee")
    tandems.create_tandem(db, r, finn, sabine)
    tandems.create_tandem(db, r, finn, paul)
    duplicate = "Finn Ali and Sabine Krüger already form an open tandem in this round."
    assert refused(db, r, finn, sabine)[0] == duplicate
    reverse = refused(db, r, sabine, finn)
    assert reverse == [
        "Sabine Krüger and Finn Ali already form an open tandem in this round.",
        # Finn has a free place as a mentee, but two tandems are the most per person.
        "Finn Ali is already in 2 open tandems in this round, as many as this round allows "
        "per person.",
    ]


def test_all_broken_rules_are_named_at_once(db: Database) -> None:
    r = make_round(db)
    boss = person(db, "Sabine", "Krüger", role="mentor", consent=False)
    finn = person(db, "Finn", "Ali", role="mentee", manager=boss)
    reasons = refused(db, r, finn, boss)
    assert reasons == [
        "Finn Ali does not take part as a mentor.",
        "Sabine Krüger does not take part as a mentee.",
        "Sabine Krüger has not given consent to take part yet.",
        "Finn Ali reports directly to Sabine Krüger: a mentor and a mentee must not depend "
        "on each other at work.",
    ]


def test_unknown_round_or_person_is_not_found(db: Database) -> None:
    r = make_round(db)
    finn = person(db, "Finn", "Ali")
    with pytest.raises(NotFoundError):
        check_pair(db, 999, finn, finn + 1)
    with pytest.raises(NotFoundError):
        check_pair(db, r, finn, 999)
    with pytest.raises(NotFoundError):
        tandems.create_tandem(db, r, 999, finn)


# --- warnings -----------------------------------------------------------------------------


def test_same_department_and_same_manager_need_confirmation(db: Database) -> None:
    r = make_round(db)
    boss = person(db, "Bernd", "Boss", role="mentee")
    finn = person(db, "Finn", "Ali", department="IT", manager=boss)
    sabine = person(db, "Sabine", "Krüger", role="mentee", department=" it ", manager=boss)
    with pytest.raises(PairNeedsConfirmationError) as info:
        tandems.create_tandem(db, r, finn, sabine)
    assert info.value.warnings == [
        "Finn Ali and Sabine Krüger work in the same department (IT).",
        "Finn Ali and Sabine Krüger have the same manager (Bernd Boss).",
    ]
    assert isinstance(info.value, ConflictError)
    assert count_tandems(db) == 0
    created = tandems.create_tandem(db, r, finn, sabine, confirm_warnings=True)
    assert created.status == TandemStatus.PROPOSED


def test_a_pair_that_already_had_a_tandem_is_a_warning_in_any_round(db: Database) -> None:
    spring = make_round(db)
    autumn = make_round(db, name="Autumn 2026", start=date(2026, 9, 1), end=date(2027, 2, 26))
    finn = person(db, "Finn", "Ali", role="both")
    sabine = person(db, "Sabine", "Krüger", role="both")
    earlier = tandems.create_tandem(db, spring, finn, sabine)
    for status in (TandemStatus.AGREED, TandemStatus.ACTIVE, TandemStatus.COMPLETED):
        tandems.set_status(db, earlier.id, status)
    check = check_pair(db, autumn, sabine, finn)
    assert check.errors == []
    assert check.warnings == [
        "Sabine Krüger and Finn Ali already had a tandem: Spring 2026 (Completed)."
    ]
    with pytest.raises(PairNeedsConfirmationError):
        tandems.create_tandem(db, autumn, sabine, finn)
    assert tandems.create_tandem(db, autumn, sabine, finn, confirm_warnings=True)


def test_rule_facts_in_bulk_agree_with_single_checks(db: Database) -> None:
    rng = random.Random(7)
    r = make_round(db, cap_mentor=2)
    ids: list[int] = []
    for k in range(14):
        ids.append(
            person(
                db,
                f"P{k}",
                role=rng.choice(["mentor", "mentee", "both"]),
                consent=rng.random() > 0.15,
                department=rng.choice(["IT", "HR", None]),
                manager=rng.choice([None, *ids]) if ids else None,
                status="left" if rng.random() < 0.08 else "active",
            )
        )
    for _ in range(12):
        a, b = rng.sample(ids, 2)
        if check_pair(db, r, a, b).allowed:
            tandems.create_tandem(db, r, a, b, confirm_warnings=True)
    facts = RoundFacts(db, r)
    for a in ids:
        for b in ids:
            assert facts.check(a, b) == check_pair(db, r, a, b), (a, b)


# --- lifecycle ----------------------------------------------------------------------------


def test_lifecycle_from_proposal_to_completion_with_dates(db: Database) -> None:
    r = make_round(db)
    finn = person(db, "Finn", "Ali")
    sabine = person(db, "Sabine", "Krüger", role="mentee")
    t = tandems.create_tandem(db, r, finn, sabine, on=date(2026, 2, 20))
    assert t.status == TandemStatus.PROPOSED and t.proposed_on == date(2026, 2, 20)
    with pytest.raises(ConflictError):
        tandems.set_status(db, t.id, TandemStatus.ACTIVE)
    t = tandems.set_status(db, t.id, TandemStatus.AGREED, on=date(2026, 2, 27))
    assert t.agreed_on == date(2026, 2, 27)
    t = tandems.set_status(db, t.id, TandemStatus.ACTIVE, on=date(2026, 3, 3))
    assert t.started_on == date(2026, 3, 3)
    t = tandems.set_status(db, t.id, TandemStatus.COMPLETED, on=date(2026, 8, 25))
    assert t.completed_on == date(2026, 8, 25)
    for status in TandemStatus:
        with pytest.raises(ConflictError):
            tandems.set_status(db, t.id, status, reason="x")


@pytest.mark.parametrize("steps", [0, 1, 2])
def test_dissolve_from_every_open_status_needs_a_reason_and_allows_a_rematch(
    db: Database, steps: int
) -> None:
    r = make_round(db)
    finn = person(db, "Finn", "Ali")
    sabine = person(db, "Sabine", "Krüger", role="mentee")
    paul = person(db, "Paul", "Peters", role="mentee")
    t = tandems.create_tandem(db, r, finn, sabine)
    for status in (TandemStatus.AGREED, TandemStatus.ACTIVE)[:steps]:
        tandems.set_status(db, t.id, status)
    with pytest.raises(ValidationError):
        tandems.set_status(db, t.id, TandemStatus.DISSOLVED, reason="  ")
    t = tandems.set_status(
        db, t.id, TandemStatus.DISSOLVED, on=date(2026, 4, 1), reason="No common time slots"
    )
    assert t.dissolved_on == date(2026, 4, 1)
    assert t.dissolution_reason == "No common time slots"
    with pytest.raises(ConflictError):
        tandems.set_status(db, t.id, TandemStatus.ACTIVE)
    # The same pair may start again in this round, after confirming the earlier tandem.
    same = check_pair(db, r, finn, sabine)
    assert same.errors == []
    assert same.warnings == [
        "Finn Ali and Sabine Krüger already had a tandem: Spring 2026 (Dissolved)."
    ]
    # Or both are re-matched with new partners in the same round.
    assert tandems.create_tandem(db, r, finn, paul).status == TandemStatus.PROPOSED
    mia = person(db, "Mia", "Berg")
    assert tandems.create_tandem(db, r, mia, sabine).status == TandemStatus.PROPOSED
