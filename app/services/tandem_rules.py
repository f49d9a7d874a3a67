"""The rules of a tandem: what is refused (hard rules) and what HR must confirm (warnings).

Hard rules, each refused with a message that names the people and the reason:
- nobody is paired with themselves;
- nobody who left the company, or was erased or anonymised, is paired;
- roles fit: the mentor takes part as mentor (or both), the mentee as mentee (or both);
- both have given consent (a consent date is recorded);
- no hierarchical dependency: neither is in the other's reporting line, at any depth;
- the two have no other open tandem in the round (in either direction);
- the round's capacity per person holds (open tandems: proposed, agreed, active; a dissolved
  or completed tandem frees its place, so its people can be matched again in the same round):
  per role (`capacity_mentor`, `capacity_mentee`) and in all roles together (one tandem per
  person, unless the round allows two: `Round.person_limit`).

Warnings (allowed once HR confirms): same department, same manager, the two already had a
tandem (in any round, in either direction).

`check_pair()` looks at one pair with a handful of targeted queries. The matching service
evaluates thousands of pairs at once and uses `RoundFacts`, which loads the same facts in bulk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from app.errors import ConflictError, ValidationError
from app.i18n import tr
from app.labels import label
from app.model import OPEN_TANDEM_STATUSES, ParticipantStatus, Role, TandemStatus, person_limit
from app.services.common import marks, require_row

OPEN_STATUSES = tuple(str(s) for s in OPEN_TANDEM_STATUSES)
OPEN_STATUSES_SQL = "(" + ", ".join(f"'{s}'" for s in OPEN_STATUSES) + ")"
"""`OPEN_TANDEM_STATUSES` as an SQL list for `status IN ...`: ('proposed', 'agreed', 'active')."""


@dataclass(frozen=True)
class PairCheck:
    """The outcome of checking a pair: `errors` refuse it, `warnings` need HR's confirmation.

    `error_fields` names, for each error, the form field it belongs to (or None)."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error_fields: list[str | None] = field(default_factory=list)

    @property
    def allowed(self) -> bool:
        """True when no hard rule is broken (warnings may still need confirmation)."""
        return not self.errors


class PairRefusedError(ValidationError):
    """A pair that breaks a hard rule. `reasons` lists every rule broken."""

    def __init__(self, reasons: list[str], field: str | None = None) -> None:
        super().__init__("\n".join(reasons), field=field)
        self.reasons = list(reasons)


class PairNeedsConfirmationError(ConflictError):
    """A pair that is allowed but has warnings HR must confirm (`confirm_warnings=True`)."""

    def __init__(self, warnings: list[str]) -> None:
        super().__init__(
            tr("Please confirm this pair despite the following:") + "\n" + "\n".join(warnings)
        )
        self.warnings = list(warnings)


@dataclass(frozen=True)
class Person:
    """What the rules need to know about a participant."""

    id: int
    first_name: str
    last_name: str
    role: str
    status: str
    consent: bool
    department: str | None
    manager_id: int | None
    email: str | None = None
    anonymised: bool = False
    """Erased or anonymised (app/services/erasure.py): never paired again."""

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class PastTandem:
    """An earlier (or other) tandem of the same two people."""

    round_id: int
    round_name: str
    status: str
    mentor_id: int
    mentee_id: int


_PERSON_COLUMNS = (
    "id, first_name, last_name, role, status, consent_date, department, manager_id, email, "
    "anonymised_on"
)


def person_from_row(row: dict[str, Any]) -> Person:
    """A Person from a participants row holding `_PERSON_COLUMNS`."""
    return Person(
        id=row["id"],
        first_name=row["first_name"],
        last_name=row["last_name"],
        role=row["role"],
        status=row["status"],
        consent=bool(row["consent_date"]),
        department=row["department"],
        manager_id=row["manager_id"],
        email=row["email"],
        anonymised=bool(row.get("anonymised_on")),
    )


def same_text(a: str | None, b: str | None) -> bool:
    """Two department names that mean the same (case and spacing ignored); empty never matches."""
    if not a or not b:
        return False
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _chain_path(chain_ids: list[int], upper_id: int, names: dict[int, str]) -> list[str]:
    """Names from the nearest manager up to and including `upper_id`."""
    path = []
    for pid in chain_ids:
        path.append(names.get(pid, "?"))
        if pid == upper_id:
            break
    return path


def reporting_line_error(
    lower: Person, upper: Person, lower_chain: list[int], names: dict[int, str]
) -> str | None:
    """The refusal when `upper` is above `lower` in the reporting line, else None."""
    if upper.id not in lower_chain:
        return None
    if lower_chain[0] == upper.id:
        return tr(
            "{lower} reports directly to {upper}: a mentor and a mentee must not depend on "
            "each other at work.",
            lower=lower.name,
            upper=upper.name,
        )
    path = " → ".join([lower.name, *_chain_path(lower_chain, upper.id, names)])
    return tr(
        "{lower} is in {upper}'s reporting line ({path}): a mentor and a mentee must not "
        "depend on each other at work.",
        lower=lower.name,
        upper=upper.name,
        path=path,
    )


def evaluate_pair(
    *,
    mentor: Person,
    mentee: Person,
    mentor_chain: list[int],
    mentee_chain: list[int],
    chain_names: dict[int, str],
    mentor_open: int,
    mentee_open: int,
    capacity_mentor: int,
    capacity_mentee: int,
    open_pair: bool,
    history: list[PastTandem],
    manager_name: str | None,
    limit_per_person: int | None = None,
    mentor_in_round: int = 0,
    mentee_in_round: int = 0,
) -> PairCheck:
    """Apply every rule to facts already gathered; the one place the rules are written down.

    `mentor_open`/`mentee_open` count the open tandems each has in the round in that role,
    `mentor_in_round`/`mentee_in_round` those in any role (not counting the pair being
    checked); `limit_per_person` is the round's `person_limit` (None: not checked);
    `history` lists the pair's other tandems."""
    errors: list[tuple[str, str | None]] = []
    if mentor.id == mentee.id:
        message = tr("A person cannot be paired with themselves.")
        return PairCheck([message], [], ["mentee_id"])
    for person, fld in ((mentor, "mentor_id"), (mentee, "mentee_id")):
        if person.anonymised:
            errors.append(
                (tr("{name} was anonymised and cannot be paired.", name=person.name), fld)
            )
        elif not ParticipantStatus(person.status).can_be_paired:
            errors.append(
                (
                    tr("{name} has left the company and cannot be paired.", name=person.name),
                    fld,
                )
            )
    if not Role(mentor.role).can_mentor:
        errors.append((tr("{name} does not take part as a mentor.", name=mentor.name), "mentor_id"))
    if not Role(mentee.role).can_be_mentee:
        errors.append((tr("{name} does not take part as a mentee.", name=mentee.name), "mentee_id"))
    for person, fld in ((mentor, "mentor_id"), (mentee, "mentee_id")):
        if not person.consent:
            errors.append(
                (tr("{name} has not given consent to take part yet.", name=person.name), fld)
            )
    for lower, upper, chain in ((mentor, mentee, mentor_chain), (mentee, mentor, mentee_chain)):
        message = reporting_line_error(lower, upper, chain, chain_names)
        if message:
            errors.append((message, None))
    if open_pair:
        errors.append(
            (
                tr(
                    "{mentor} and {mentee} already form an open tandem in this round.",
                    mentor=mentor.name,
                    mentee=mentee.name,
                ),
                None,
            )
        )
    if mentor_open >= capacity_mentor:
        errors.append(
            (
                tr(
                    "{name} already has as many open tandems as a mentor as this round allows "
                    "({limit}).",
                    name=mentor.name,
                    limit=capacity_mentor,
                ),
                "mentor_id",
            )
        )
    if mentee_open >= capacity_mentee:
        errors.append(
            (
                tr(
                    "{name} already has as many open tandems as a mentee as this round allows "
                    "({limit}).",
                    name=mentee.name,
                    limit=capacity_mentee,
                ),
                "mentee_id",
            )
        )
    if limit_per_person is not None:
        for person, fld, in_round, role_full in (
            (mentor, "mentor_id", mentor_in_round, mentor_open >= capacity_mentor),
            (mentee, "mentee_id", mentee_in_round, mentee_open >= capacity_mentee),
        ):
            if in_round >= limit_per_person and not role_full:
                errors.append((_person_limit_error(person.name, limit_per_person), fld))
    warnings: list[str] = []
    if same_text(mentor.department, mentee.department):
        warnings.append(
            tr(
                "{mentor} and {mentee} work in the same department ({department}).",
                mentor=mentor.name,
                mentee=mentee.name,
                department=mentor.department,
            )
        )
    if mentor.manager_id is not None and mentor.manager_id == mentee.manager_id:
        warnings.append(
            tr(
                "{mentor} and {mentee} have the same manager ({manager}).",
                mentor=mentor.name,
                mentee=mentee.name,
                manager=manager_name or "?",
            )
        )
    if history:
        earlier = "; ".join(f"{h.round_name} ({label(TandemStatus(h.status))})" for h in history)
        warnings.append(
            tr(
                "{mentor} and {mentee} already had a tandem: {tandems}.",
                mentor=mentor.name,
                mentee=mentee.name,
                tandems=earlier,
            )
        )
    return PairCheck([e for e, _ in errors], warnings, [f for _, f in errors])


def _person_limit_error(name: str, limit: int) -> str:
    """The refusal when a person already has as many open tandems as the round allows."""
    if limit == 1:
        return tr(
            "{name} is already in an open tandem in this round, and this round allows one "
            "tandem per person.",
            name=name,
        )
    return tr(
        "{name} is already in {limit} open tandems in this round, as many as this round "
        "allows per person.",
        name=name,
        limit=limit,
    )


def _person(db: Database, participant_id: int) -> Person:
    require_row(db, "participants", participant_id, tr("Participant"))
    row = next(
        iter(db.query(f"SELECT {_PERSON_COLUMNS} FROM participants WHERE id = ?", [participant_id]))
    )
    return person_from_row(row)


def _chain(db: Database, participant_id: int) -> list[int]:
    from app.services.participants import reporting_chain

    return reporting_chain(db, participant_id)


def _names(db: Database, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = db.query(
        "SELECT id, first_name || ' ' || last_name AS name FROM participants "
        f"WHERE id IN ({marks(ids)})",
        list(ids),
    )
    return {row["id"]: row["name"] for row in rows}


def _open_count(
    db: Database, round_id: int, column: str, person_id: int, ignore: int | None
) -> int:
    row = db.execute(
        f"SELECT count(*) FROM tandems WHERE round_id = ? AND {column} = ? "
        f"AND status IN {OPEN_STATUSES_SQL} AND id IS NOT ?",
        [round_id, person_id, ignore],
    ).fetchone()
    return int(row[0])


def pair_history(
    db: Database, a: int, b: int, ignore_tandem_id: int | None = None
) -> list[PastTandem]:
    """Every tandem of these two people, in either direction, in any round."""
    rows = db.query(
        "SELECT t.round_id, r.name AS round_name, t.status, t.mentor_id, t.mentee_id "
        "FROM tandems t JOIN rounds r ON r.id = t.round_id "
        "WHERE ((t.mentor_id = ? AND t.mentee_id = ?) OR (t.mentor_id = ? AND t.mentee_id = ?)) "
        "AND t.id IS NOT ? ORDER BY r.start_date, t.id",
        [a, b, b, a, ignore_tandem_id],
    )
    return [PastTandem(**row) for row in rows]


def check_pair(
    db: Database,
    round_id: int,
    mentor_id: int,
    mentee_id: int,
    *,
    ignore_tandem_id: int | None = None,
) -> PairCheck:
    """Check a possible tandem against every hard rule and warning.

    Raises NotFoundError for an unknown round or person. `ignore_tandem_id` leaves one
    existing tandem out of the counts (to re-check a tandem that already exists)."""
    rnd = require_row(db, "rounds", round_id, tr("Round"))
    if mentor_id == mentee_id:
        return PairCheck([tr("A person cannot be paired with themselves.")], [], ["mentee_id"])
    mentor, mentee = _person(db, mentor_id), _person(db, mentee_id)
    mentor_chain, mentee_chain = _chain(db, mentor_id), _chain(db, mentee_id)
    manager_ids = {mentor.manager_id} if mentor.manager_id is not None else set()
    history = pair_history(db, mentor_id, mentee_id, ignore_tandem_id)
    open_pair = any(h.round_id == round_id and h.status in OPEN_STATUSES for h in history)
    names = _names(db, set(mentor_chain) | set(mentee_chain) | manager_ids)
    mentor_open = _open_count(db, round_id, "mentor_id", mentor_id, ignore_tandem_id)
    mentee_open = _open_count(db, round_id, "mentee_id", mentee_id, ignore_tandem_id)
    return evaluate_pair(
        mentor=mentor,
        mentee=mentee,
        mentor_chain=mentor_chain,
        mentee_chain=mentee_chain,
        chain_names=names,
        mentor_open=mentor_open,
        mentee_open=mentee_open,
        capacity_mentor=rnd["capacity_mentor"],
        capacity_mentee=rnd["capacity_mentee"],
        open_pair=open_pair,
        history=[h for h in history if not (h.round_id == round_id and h.status in OPEN_STATUSES)],
        manager_name=names.get(mentor.manager_id) if mentor.manager_id is not None else None,
        limit_per_person=person_limit(
            bool(rnd["allow_two_tandems"]), rnd["capacity_mentor"], rnd["capacity_mentee"]
        ),
        mentor_in_round=mentor_open
        + _open_count(db, round_id, "mentee_id", mentor_id, ignore_tandem_id),
        mentee_in_round=mentee_open
        + _open_count(db, round_id, "mentor_id", mentee_id, ignore_tandem_id),
    )


def enforce(check: PairCheck, *, confirm_warnings: bool) -> None:
    """Raise PairRefusedError for errors, PairNeedsConfirmationError for unconfirmed warnings."""
    if check.errors:
        first_field = next((f for f in check.error_fields if f), None)
        raise PairRefusedError(check.errors, field=first_field)
    if check.warnings and not confirm_warnings:
        raise PairNeedsConfirmationError(check.warnings)


class RoundFacts:
    """Everything the rules need for many pairs of one round, loaded in a few queries."""

    def __init__(self, db: Database, round_id: int) -> None:
        rnd = require_row(db, "rounds", round_id, tr("Round"))
        self.round_id = round_id
        self.round_name: str = rnd["name"]
        self.capacity_mentor: int = rnd["capacity_mentor"]
        self.capacity_mentee: int = rnd["capacity_mentee"]
        self.allow_two_tandems = bool(rnd["allow_two_tandems"])
        self.target_tandems: int | None = rnd["target_tandems"]
        self.person_limit = person_limit(
            self.allow_two_tandems, self.capacity_mentor, self.capacity_mentee
        )
        """The most open tandems one person may be in during the round, in any role."""
        self.people: dict[int, Person] = {
            row["id"]: person_from_row(row)
            for row in db.query(f"SELECT {_PERSON_COLUMNS} FROM participants")
        }
        self.mentor_open: dict[int, int] = {}
        self.mentee_open: dict[int, int] = {}
        self.open_pairs: set[frozenset[int]] = set()
        self.history: dict[frozenset[int], list[PastTandem]] = {}
        rows = db.query(
            "SELECT t.round_id, r.name AS round_name, t.status, t.mentor_id, t.mentee_id "
            "FROM tandems t JOIN rounds r ON r.id = t.round_id ORDER BY r.start_date, t.id"
        )
        for row in rows:
            past = PastTandem(**row)
            key = frozenset((past.mentor_id, past.mentee_id))
            if past.round_id == round_id and past.status in OPEN_STATUSES:
                self.mentor_open[past.mentor_id] = self.mentor_open.get(past.mentor_id, 0) + 1
                self.mentee_open[past.mentee_id] = self.mentee_open.get(past.mentee_id, 0) + 1
                self.open_pairs.add(key)
            else:
                self.history.setdefault(key, []).append(past)
        self._chains: dict[int, list[int]] = {}

    def chain(self, person_id: int) -> list[int]:
        """The ids above a person, nearest manager first (cycles are cut)."""
        cached = self._chains.get(person_id)
        if cached is not None:
            return cached
        chain: list[int] = []
        seen = {person_id}
        current = self.people[person_id].manager_id
        while current is not None and current not in seen and current in self.people:
            chain.append(current)
            seen.add(current)
            current = self.people[current].manager_id
        self._chains[person_id] = chain
        return chain

    def in_round(self, person_id: int) -> int:
        """The person's open tandems in the round, in any role."""
        return self.mentor_open.get(person_id, 0) + self.mentee_open.get(person_id, 0)

    def free_in_round(self, person_id: int) -> int:
        """How many more tandems the person may join in the round, in any role."""
        return max(0, self.person_limit - self.in_round(person_id))

    def free_as_mentor(self, person_id: int) -> int:
        """Free places as a mentor: the role's capacity, within the limit per person."""
        free = self.capacity_mentor - self.mentor_open.get(person_id, 0)
        return max(0, min(free, self.free_in_round(person_id)))

    def free_as_mentee(self, person_id: int) -> int:
        """Free places as a mentee: the role's capacity, within the limit per person."""
        free = self.capacity_mentee - self.mentee_open.get(person_id, 0)
        return max(0, min(free, self.free_in_round(person_id)))

    def check(self, mentor_id: int, mentee_id: int) -> PairCheck:
        """The same result as `check_pair()`, from the loaded facts."""
        mentor, mentee = self.people[mentor_id], self.people[mentee_id]
        mentor_chain, mentee_chain = self.chain(mentor_id), self.chain(mentee_id)
        names = {pid: self.people[pid].name for pid in (*mentor_chain, *mentee_chain)}
        manager = self.people.get(mentor.manager_id) if mentor.manager_id is not None else None
        return evaluate_pair(
            mentor=mentor,
            mentee=mentee,
            mentor_chain=mentor_chain,
            mentee_chain=mentee_chain,
            chain_names=names,
            mentor_open=self.mentor_open.get(mentor_id, 0),
            mentee_open=self.mentee_open.get(mentee_id, 0),
            capacity_mentor=self.capacity_mentor,
            capacity_mentee=self.capacity_mentee,
            open_pair=frozenset((mentor_id, mentee_id)) in self.open_pairs,
            history=self.history.get(frozenset((mentor_id, mentee_id)), []),
            manager_name=manager.name if manager else None,
            limit_per_person=self.person_limit,
            mentor_in_round=self.in_round(mentor_id),
            mentee_in_round=self.in_round(mentee_id),
        )


def reporting_line_errors(db: Database, first_id: int, second_id: int) -> list[str]:
    """The refusals when one of two people is in the other's reporting line, at any depth, as
    the file stands now; an empty list when neither is (what the tandem agreement states).
    Raises NotFoundError for an unknown person."""
    first, second = _person(db, first_id), _person(db, second_id)
    first_chain, second_chain = _chain(db, first_id), _chain(db, second_id)
    names = _names(db, set(first_chain) | set(second_chain))
    errors = []
    for lower, upper, chain in ((first, second, first_chain), (second, first, second_chain)):
        message = reporting_line_error(lower, upper, chain, names)
        if message:
            errors.append(message)
    return errors
