"""A proposal HR can read and trust: it fills the round up to its target, best first; a
person is in one tandem of the round unless the round allows two; the fit is shown as one to
five dots with the scale explained; topic names are quoted alike; "both" is explained."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from app import i18n
from app.db import open_database
from app.db.backups import BEFORE_UPDATE, backup_folder, list_backups
from app.db.migrations import APPLICATION_ID, migrate
from app.errors import ValidationError
from app.model import RoundInput, TandemStatus
from app.services import rounds, tandems
from app.services.matching import (
    MatchWeights,
    apply_matches,
    dots_text,
    fit_dots,
    fit_scale_text,
    propose_matches,
    result_as_dict,
)
from app.services.tandem_rules import PairRefusedError, check_pair
from tests.helpers.builders import make_round, person

TARGET_REACHED = "would fit, but the round's target is reached with pairs that fit better"


def _pairs(result) -> list[tuple[str, str]]:  # noqa: ANN001
    return [(p.mentor_name, p.mentee_name) for p in result.pairs]


def _eight_possible_pairs(db: Database) -> list[tuple[int, int]]:
    """Eight mentors and eight mentees; mentor k teaches k+1 of the topics mentee k wants."""
    topics = [
        "AI tools",
        "Social media",
        "Leadership",
        "Networking",
        "Strategy and decision-making",
    ]
    ids = []
    for k in range(8):
        shared = tuple(topics[: 1 + k % 5])
        mentor = person(db, f"Mentor{k}", "M", teach=shared, department="IT")
        mentee = person(db, f"Mentee{k}", "E", role="mentee", learn=shared, department="Board")
        ids.append((mentor, mentee))
    return ids


def test_the_proposal_fills_the_round_up_to_its_target_best_first(db: Database) -> None:
    r = make_round(db, target=3)
    _eight_possible_pairs(db)
    result = propose_matches(db, r)
    assert (result.target, result.open_tandems, result.limit) == (3, 0, 3)
    assert len(result.pairs) == 3
    # The three pairs sharing the most topics (5, 4 and 3 topics), best first.
    assert [p.score for p in result.pairs] == [2 * 5 + 1, 2 * 4 + 1, 2 * 3 + 1]
    # The others are told why they got no pair, and counted.
    reasons = {u.name: u.reason for u in result.unmatched}
    assert reasons["Mentor0 M"] == TARGET_REACHED
    assert result.limited == len(result.unmatched) == 10
    # Without a limit, everyone who fits is proposed.
    assert len(propose_matches(db, r, limit=None).pairs) == 8


def test_tandems_already_in_the_round_count_towards_its_target(db: Database) -> None:
    r = make_round(db, target=3)
    (first, second, *_rest) = _eight_possible_pairs(db)
    tandems.create_tandem(db, r, *first)
    tandems.create_tandem(db, r, *second)
    result = propose_matches(db, r)
    assert (result.open_tandems, result.limit, len(result.pairs)) == (2, 1, 1)
    # A dissolved tandem frees its place in the target.
    gone = tandems.list_tandems(db, r)[0]
    tandems.set_status(db, gone.id, TandemStatus.DISSOLVED, reason="Moved away")
    assert propose_matches(db, r).limit == 2
    # A full round proposes nothing and says so.
    rounds.update_round(
        db, r, RoundInput("Spring 2026", date(2026, 3, 2), date(2026, 8, 28), target_tandems=1)
    )
    full = propose_matches(db, r)
    assert full.pairs == [] and full.limit == 0
    assert {u.reason for u in full.unmatched} == {
        "would fit, but the round already has as many tandems as its target"
    }


def test_a_round_without_target_pairs_everyone_who_fits(db: Database) -> None:
    r = make_round(db)
    _eight_possible_pairs(db)
    result = propose_matches(db, r)
    assert (result.target, result.limit, len(result.pairs)) == (None, None, 8)
    assert propose_matches(db, r, limit=2).limit == 2
    with pytest.raises(ValidationError):
        propose_matches(db, r, limit=-1)


def test_a_person_in_both_roles_is_proposed_once_unless_the_round_allows_two(
    db: Database,
) -> None:
    r = make_round(db)
    person(
        db, "Ömer", "Çelik", role="both", teach=("AI tools", "Social media"), learn=("Leadership",)
    )
    person(db, "Sabine", "Krüger", role="mentee", learn=("AI tools", "Social media"))
    person(db, "Lea", "Lead", teach=("Leadership",))
    result = propose_matches(db, r)
    # Ömer could mentor Sabine (fit 4) or be Lea's mentee (fit 2), not both.
    assert _pairs(result) == [("Ömer Çelik", "Sabine Krüger")]
    (pair,) = result.pairs
    assert pair.notes == ["Ömer takes part as mentor and as mentee; here Ömer is the mentor."]
    assert result.both_roles == 1
    # The one left over is told why.
    assert [(u.name, u.reason) for u in result.unmatched] == [
        ("Lea Lead", "the mentees who would fit are proposed in pairs with a higher total fit")
    ]

    both_allowed = make_round(db, name="Autumn 2026", two_tandems=True)
    two = propose_matches(db, both_allowed)
    assert sorted(_pairs(two)) == [("Lea Lead", "Ömer Çelik"), ("Ömer Çelik", "Sabine Krüger")]
    apply_matches(db, both_allowed, two.pairs)


def test_someone_already_in_a_tandem_of_the_round_is_not_proposed_again(db: Database) -> None:
    r = make_round(db)
    omer = person(db, "Ömer", "Çelik", role="both", teach=("AI tools",), learn=("Leadership",))
    sabine = person(db, "Sabine", "Krüger", role="mentee", learn=("AI tools",))
    lea = person(db, "Lea", "Lead", teach=("Leadership",))
    active = tandems.create_tandem(db, r, omer, sabine)
    tandems.set_status(db, active.id, TandemStatus.AGREED)
    tandems.set_status(db, active.id, TandemStatus.ACTIVE)
    assert propose_matches(db, r).pairs == []
    # The rules refuse it by hand too, and say why.
    assert check_pair(db, r, lea, omer).errors == [
        "Ömer Çelik is already in an open tandem in this round, and this round allows one "
        "tandem per person."
    ]
    with pytest.raises(PairRefusedError):
        tandems.create_tandem(db, r, lea, omer)
    # Once the round allows two, Ömer may be Lea's mentee as well, and the proposal says so.
    rounds.update_round(
        db,
        r,
        RoundInput("Spring 2026", date(2026, 3, 2), date(2026, 8, 28), allow_two_tandems=True),
    )
    (pair,) = propose_matches(db, r).pairs
    assert (pair.mentor_id, pair.mentee_id) == (lea, omer)
    assert (
        "Ömer is already in a tandem of this round; the round allows two tandems per person."
        in pair.notes
    )
    apply_matches(db, r, [pair])


def test_the_fit_is_one_to_five_dots_on_a_scale_that_is_explained(db: Database) -> None:
    weights = MatchWeights()
    assert weights.full_fit == 3 * 2 + 2 * 1 + 1
    assert [fit_dots(score, weights) for score in (0.5, 2, 3, 5, 7, 9, 12)] == [1, 2, 2, 3, 4, 5, 5]
    assert dots_text(3) == "●●●○○"
    assert "(9 points with these weights)" in fit_scale_text(weights)
    doubled = MatchWeights(4, 2, 2)
    assert fit_dots(14, doubled) == fit_dots(7, weights)
    r = make_round(db)
    person(db, "Sabine", "Krüger", role="mentee", learn=("AI tools", "Social media"))
    person(db, "Finn", "Ali", teach=("AI tools", "Social media"))
    (pair,) = propose_matches(db, r).pairs
    assert (pair.score, pair.dots) == (4, 3)
    assert result_as_dict(propose_matches(db, r))["pairs"][0]["fit"] == 3
    i18n.set_language("de")
    assert "(9 Punkte mit diesen Gewichten)" in fit_scale_text(weights)
    assert "(4,5 Punkte mit diesen Gewichten)" in fit_scale_text(MatchWeights(1, 0.5, 0.5))


def test_topic_names_are_quoted_alike_one_or_many(db: Database) -> None:
    r = make_round(db)
    person(
        db, "Sabine", "Krüger", role="mentee", learn=("Smartphone and apps", "AI tools"),
        teach=("Leadership",),
    )  # fmt: skip
    person(db, "Finn", "Ali", teach=("Smartphone and apps", "AI tools"), learn=("Leadership",))
    (pair,) = propose_matches(db, r).pairs
    assert pair.reasons == [
        "Finn teaches “AI tools” and “Smartphone and apps”, which Sabine wants to learn",
        "Sabine can share “Leadership”, which Finn wants to learn",
    ]
    i18n.set_language("de")
    (pair,) = propose_matches(db, r).pairs
    assert pair.reasons[1] == "Sabine kann „Führung“ weitergeben, was Finn lernen möchte"


def test_a_round_keeps_its_target_and_the_two_tandems_choice(db: Database) -> None:
    base = RoundInput("Spring 2026", date(2026, 3, 2), date(2026, 8, 28))
    made = rounds.create_round(db, base)
    assert (made.target_tandems, made.allow_two_tandems, made.person_limit) == (None, False, 1)
    changed = rounds.update_round(
        db,
        made.id,
        RoundInput(**{**base.__dict__, "target_tandems": 34, "allow_two_tandems": True}),
    )
    assert (changed.target_tandems, changed.allow_two_tandems, changed.person_limit) == (
        34,
        True,
        2,
    )
    assert rounds.get_round(db, made.id) == changed
    # Two tandems per role mean one person may be in several tandems.
    more = rounds.create_round(db, RoundInput("Big", base.start_date, base.end_date, 6, 4, 3, 1))
    assert (more.allow_two_tandems, more.person_limit) == (True, 3)
    for wrong in (0, 1001, True, "8"):
        with pytest.raises(ValidationError) as caught:
            rounds.create_round(db, RoundInput(**{**base.__dict__, "target_tandems": wrong}))
        assert caught.value.field == "target_tandems"
        assert caught.value.message == "Target number of tandems must be between 1 and 1000."


def test_older_files_get_no_target_and_keep_their_capacities(tmp_path: Path) -> None:
    # A file of schema version 2 with two rounds, one of them allowing two tandems per mentor.
    path = tmp_path / "old.tandem"
    db = Database(sqlite3.connect(path))
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrate(db, None, target=2)
    db.execute(
        "INSERT INTO rounds (name, start_date, end_date, capacity_mentor) VALUES "
        "('One', '2025-01-01', '2025-06-30', 1), ('Two', '2025-01-01', '2025-06-30', 2)"
    )
    db.conn.commit()
    db.close()
    db = open_database(path)
    try:
        found = {r.name: r for r in rounds.list_rounds(db)}
        assert (found["One"].target_tandems, found["One"].allow_two_tandems) == (None, False)
        assert (found["Two"].target_tandems, found["Two"].allow_two_tandems) == (None, True)
        updates = [b for b in list_backups(backup_folder(path)) if b.reason == BEFORE_UPDATE]
        assert len(updates) == 1  # the old file was backed up before it was upgraded
    finally:
        db.close()
