"""Matching proposals: the set of pairs with the highest total fit in a round, explained.

Who takes part: active participants with consent and a free place in the round (capacity
minus their open tandems there), mentors on one side (role mentor or both), mentees on the
other (role mentee or both). A `both` person can appear on either side, never with themselves,
and, like everyone, in at most one tandem of the round unless the round allows two
(`Round.person_limit`: a person already in an open tandem of the round is not proposed again).

A round may have a target number of tandems: the proposal then fills the places left up to
that target (target minus the round's open tandems), with the pairs that together fit best.

The fit of a pair is
    mentee_learns x (topics the mentor can teach that the mentee wants to learn)
  + mentor_learns x (topics the mentee can share that the mentor wants to learn)
  + different_departments (when both departments are known and differ).
HR sees it as one to five dots (`fit_dots`): five dots are what a very good pair reaches
(three topics for the mentee, two for the mentor, different departments), with the reasons in
words beside them.

A pair that breaks a hard rule (`app.services.tandem_rules`) gets no edge. By default a pair
also needs at least one shared topic (in either direction) to be proposed: a pair that has
nothing to learn from each other is exactly the mismatch that makes tandems fall asleep, and a
proposal HR cannot explain with a topic is a poor proposal. HR can still pair such people by
hand, or switch `require_shared_topic` off, in which case a different-department bonus alone
is enough (a pair scoring 0 is never proposed).

The optimum is found with an exact assignment (`app.services.assignment`) over capacity
slots (each person repeated once per free place; a target is kept with dummy places, see
`_assign`). That relaxation can, in some rounds, choose the same two people twice (both
capacities above 1), in both directions (two `both` people), or a `both` person on both sides
beyond their limit. When it does, a small branch and bound over such conflicts, with the
assignment as its bound, finds the exact optimum (see `_solve`); should that grow too large,
an integer program solved by HiGHS (`highspy`) does (`_solve_exact`). Either way the result is optimal and breaks no rule,
or, past the solver's time limit, valid and marked as not proven optimal.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from sqlite_utils import Database

from app.errors import ValidationError
from app.i18n import N_, language, tr, trn
from app.labels import topic_label
from app.model import Role, Tandem, Topic
from app.services.tandem_rules import Person, RoundFacts

if TYPE_CHECKING:
    import numpy as np

# Branch-and-bound steps before the integer program (HiGHS) takes over, and its time limit.
BRANCH_LIMIT = 40
SOLVER_SECONDS = 10.0

ROUND_TARGET: Literal["round"] = "round"
"""`propose_matches(limit=ROUND_TARGET)`: propose up to the round's target (the default)."""

FIT_DOTS = 5
"""The fit is shown as 1 to FIT_DOTS dots."""


@dataclass(frozen=True)
class MatchWeights:
    """How much each kind of fit counts; shown to HR and adjustable."""

    mentee_learns: float = 2.0
    mentor_learns: float = 1.0
    different_departments: float = 1.0
    require_shared_topic: bool = True

    @staticmethod
    def labels() -> dict[str, str]:
        """Translated words for each weight, in display order."""
        return {name: tr(text) for name, text in _WEIGHT_LABELS.items()}

    @property
    def full_fit(self) -> float:
        """The fit of a very good pair, shown as five dots: three topics the mentee wants to
        learn from the mentor, two the mentor wants to learn from the mentee, and different
        departments."""
        return 3 * self.mentee_learns + 2 * self.mentor_learns + self.different_departments

    def validated(self) -> MatchWeights:
        """The weights, or ValidationError when one is negative or absurdly large."""
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool):
                continue
            if not isinstance(value, int | float) or not 0 <= value <= 100:
                raise ValidationError(
                    tr(
                        "{label} must be between {low} and {high}.",
                        label=MatchWeights.labels()[f.name],
                        low=0,
                        high=100,
                    ),
                    field=f.name,
                )
        return self


_WEIGHT_LABELS = {
    "mentee_learns": N_("Per topic the mentee wants to learn and the mentor can teach"),
    "mentor_learns": N_("Per topic the mentor wants to learn and the mentee can share"),
    "different_departments": N_("Bonus for different departments"),
    "require_shared_topic": N_("Propose only pairs with at least one shared topic"),
}


def fit_dots(score: float, weights: MatchWeights) -> int:
    """A fit as 1 to 5 dots: the share of a very good pair's fit (`MatchWeights.full_fit`)
    it reaches, in fifths, rounded up (a pair worth proposing has at least one dot)."""
    full = weights.full_fit
    if full <= 0:
        return FIT_DOTS
    return max(1, min(FIT_DOTS, math.ceil(FIT_DOTS * score / full - 1e-9)))


def dots_text(dots: int) -> str:
    """'●●●○○' for three of five dots."""
    dots = max(0, min(FIT_DOTS, dots))
    return "●" * dots + "○" * (FIT_DOTS - dots)


def fit_scale_text(weights: MatchWeights) -> str:
    """What the dots mean, in words (for the legend of the proposal)."""
    return tr(
        "Fit: ●●●●● is a very good pair: three topics the mentee wants to learn from the "
        "mentor, two the mentor wants to learn from the mentee, and different departments "
        "({full} points with these weights). Each dot is a fifth of that; ●○○○○ is a small "
        "fit. The reasons say what the two share.",
        full=_points(weights.full_fit),
    )


def _points(value: float) -> str:
    """A number of points as people write it: '9', '2.5' (German '2,5')."""
    text = f"{round(value, 2):g}"
    return text.replace(".", ",") if language() == "de" else text


@dataclass(frozen=True)
class Proposal:
    """One proposed pair with its score, the reasons in words, any warnings to confirm and
    notes that explain it (a person taking part in both roles, a second tandem)."""

    mentor_id: int
    mentee_id: int
    score: float
    reasons: list[str]
    warnings: list[str] = field(default_factory=list)
    mentor_name: str = ""
    mentee_name: str = ""
    topics: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)
    dots: int = FIT_DOTS
    """The fit as 1 to 5 dots (`fit_dots`)."""


@dataclass(frozen=True)
class Unmatched:
    """A person left without a tandem in the round, and why."""

    id: int
    reason: str
    name: str = ""
    role: str = ""


@dataclass(frozen=True)
class MatchResult:
    pairs: list[Proposal]
    unmatched: list[Unmatched]
    weights: MatchWeights = field(default_factory=MatchWeights)
    method: str = "assignment"
    optimal: bool = True
    no_consent: list[int] = field(default_factory=list)
    """The active people without a tandem in the round who were left out because no consent
    is recorded (they are among `unmatched` too)."""
    target: int | None = None
    """The round's target number of tandems (None: it has none)."""
    open_tandems: int = 0
    """The round's open tandems (proposed, agreed, active) before this proposal."""
    limit: int | None = None
    """The most pairs this proposal could hold (None: as many as fit)."""
    limited: int = 0
    """People who would fit but were left out because the limit was reached."""
    both_roles: int = 0
    """People in the proposal who take part as mentor and as mentee."""

    @property
    def total_score(self) -> float:
        return round(sum(p.score for p in self.pairs), 6)


@dataclass
class _Side:
    """The people on one side of the matching, with their free places."""

    ids: list[int] = field(default_factory=list)
    free: list[int] = field(default_factory=list)


def _load_topics(db: Database) -> tuple[dict[int, Topic], dict[int, dict[str, set[int]]]]:
    topics = {
        row[0]: Topic(row[0], row[1], row[2])
        for row in db.execute("SELECT id, name, builtin_key FROM topics").fetchall()
    }
    by_person: dict[int, dict[str, set[int]]] = {}
    for pid, tid, kind in db.execute(
        "SELECT participant_id, topic_id, kind FROM participant_topics"
    ).fetchall():
        by_person.setdefault(pid, {"teach": set(), "learn": set()})[kind].add(tid)
    return topics, by_person


def _join(names: list[str]) -> str:
    """Topic names, each quoted (names like "Smartphone and apps" hold an "and" themselves,
    and one topic reads like several): “AI tools”, “Smartphone and apps” and “Social media”."""
    quoted = [tr("“{topic}”", topic=name) for name in names]
    if len(quoted) == 1:
        return quoted[0]
    return tr("{first} and {last}", first=", ".join(quoted[:-1]), last=quoted[-1])


@dataclass
class _Problem:
    """One round's matching problem: the two sides and, for every mentor x mentee, the fit."""

    facts: RoundFacts
    topics: dict[int, Topic]
    person_topics: dict[int, dict[str, set[int]]]
    mentors: _Side
    mentees: _Side
    no_consent: list[int]
    both_sides: dict[int, int] = field(default_factory=dict)
    """People on both sides (role both) whose free places as mentor and as mentee add up to
    more than they may take in all: person id -> the places they may take in all."""
    limit: int | None = None
    """The most pairs to propose (None: as many as fit)."""
    chosen: int = 0
    """How many pairs were proposed (for the reasons of those left without one)."""
    score: np.ndarray = field(default=None)  # type: ignore[assignment]
    different: np.ndarray = field(default=None)  # type: ignore[assignment]
    shared: np.ndarray = field(default=None)  # type: ignore[assignment]
    allowed: np.ndarray = field(default=None)  # type: ignore[assignment]
    eligible: np.ndarray = field(default=None)  # type: ignore[assignment]
    blocked_why: dict[tuple[int, int], str] = field(default_factory=dict)

    def topics_of(self, pid: int) -> dict[str, set[int]]:
        return self.person_topics.get(pid) or {"teach": set(), "learn": set()}

    @property
    def mr_pos(self) -> dict[int, int]:
        return {pid: i for i, pid in enumerate(self.mentors.ids)}

    @property
    def me_pos(self) -> dict[int, int]:
        return {pid: j for j, pid in enumerate(self.mentees.ids)}


def propose_matches(
    db: Database,
    round_id: int,
    weights: MatchWeights | None = None,
    *,
    limit: int | None | Literal["round"] = ROUND_TARGET,
) -> MatchResult:
    """Propose the pairs with the highest total fit among the people still free in the round.

    `limit` is the most pairs to propose: by default the places left up to the round's
    target (all that fit when the round has no target), None for as many as fit."""
    weights = (weights or MatchWeights()).validated()
    problem = _pool(db, round_id)
    open_tandems = sum(problem.facts.mentor_open.values())
    target = problem.facts.target_tandems
    if limit == ROUND_TARGET:
        limit = None if target is None else max(0, target - open_tandems)
    elif limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
        raise ValidationError(tr("The number of pairs to propose cannot be negative."))
    problem.limit = limit
    _fit(problem, weights)
    _rules(problem, weights)
    chosen, method, optimal = _solve(
        problem.score,
        problem.eligible,
        problem.mentors,
        problem.mentees,
        both_sides=problem.both_sides,
        limit=limit,
    )
    problem.chosen = len(chosen)
    proposals = [_explain(problem, i, j, weights) for i, j in chosen]
    proposals.sort(key=lambda p: (-p.score, p.mentee_name.casefold(), p.mentor_name.casefold()))
    unmatched = _unmatched(problem, proposals)
    in_both = {
        pid
        for p in proposals
        for pid in (p.mentor_id, p.mentee_id)
        if problem.facts.people[pid].role == Role.BOTH
    }
    return MatchResult(
        proposals,
        unmatched,
        weights,
        method,
        optimal,
        target=target,
        open_tandems=open_tandems,
        limit=limit,
        limited=sum(1 for u in unmatched if u.reason in _limit_reasons()),
        both_roles=len(in_both),
        no_consent=list(problem.no_consent),
    )


def no_consent_note(result: MatchResult) -> str:
    """How many people the proposal left out for missing consent ('' when none)."""
    if not result.no_consent:
        return ""
    return trn(
        "{n} person was left out because their consent is not recorded yet.",
        "{n} people were left out because their consent is not recorded yet.",
        len(result.no_consent),
    )


def _pool(db: Database, round_id: int) -> _Problem:
    """Who takes part: active, consenting, with a free place on the side of their role (and
    in the round: one tandem per person unless the round allows two)."""
    facts = RoundFacts(db, round_id)
    topics, person_topics = _load_topics(db)
    mentors, mentees = _Side(), _Side()
    no_consent: list[int] = []
    both_sides: dict[int, int] = {}
    for person in sorted(facts.people.values(), key=lambda p: (p.last_name, p.first_name, p.id)):
        if person.status != "active" or person.anonymised:
            continue
        if not person.consent:
            if not facts.in_round(person.id):
                no_consent.append(person.id)
            continue
        as_mentor = facts.free_as_mentor(person.id) if Role(person.role).can_mentor else 0
        as_mentee = facts.free_as_mentee(person.id) if Role(person.role).can_be_mentee else 0
        if as_mentor:
            mentors.ids.append(person.id)
            mentors.free.append(as_mentor)
        if as_mentee:
            mentees.ids.append(person.id)
            mentees.free.append(as_mentee)
        if as_mentor and as_mentee and as_mentor + as_mentee > facts.free_in_round(person.id):
            both_sides[person.id] = facts.free_in_round(person.id)
    return _Problem(facts, topics, person_topics, mentors, mentees, no_consent, both_sides)


def _fit(problem: _Problem, weights: MatchWeights) -> None:
    """The fit of every mentor x mentee, from topic overlaps (matrix products) and departments."""
    import numpy as np

    topic_index = {tid: k for k, tid in enumerate(problem.topics)}
    n_topics = max(1, len(topic_index))

    def matrix(ids: list[int], kind: str) -> np.ndarray:
        out = np.zeros((len(ids), n_topics), dtype=np.float64)
        for row, pid in enumerate(ids):
            for tid in problem.topics_of(pid)[kind]:
                out[row, topic_index[tid]] = 1.0
        return out

    def departments(ids: list[int]) -> np.ndarray:
        names = [problem.facts.people[pid].department or "" for pid in ids]
        return np.array([" ".join(n.split()).casefold() for n in names], dtype=object)

    mentor_ids, mentee_ids = problem.mentors.ids, problem.mentees.ids
    forward = matrix(mentor_ids, "teach") @ matrix(mentee_ids, "learn").T
    reverse = matrix(mentor_ids, "learn") @ matrix(mentee_ids, "teach").T
    mr_dept, me_dept = departments(mentor_ids), departments(mentee_ids)
    different = np.zeros((len(mentor_ids), len(mentee_ids)))
    if len(mentor_ids) and len(mentee_ids):
        different = (
            (mr_dept[:, None] != me_dept[None, :])
            & (mr_dept[:, None] != "")
            & (me_dept[None, :] != "")
        ).astype(np.float64)
    problem.score = (
        weights.mentee_learns * forward
        + weights.mentor_learns * reverse
        + weights.different_departments * different
    )
    problem.different = different
    problem.shared = (forward + reverse) > 0


def _rules(problem: _Problem, weights: MatchWeights) -> None:
    """Remove the pairs a hard rule forbids inside the pool (self, reporting line, an open
    tandem already); what remains with a positive fit (and a shared topic) is eligible."""
    import numpy as np

    mr_pos, me_pos = problem.mr_pos, problem.me_pos
    allowed = np.ones((len(mr_pos), len(me_pos)), dtype=bool)
    why = problem.blocked_why
    for pid, i in mr_pos.items():
        if pid in me_pos:
            allowed[i, me_pos[pid]] = False
    for pid, i in mr_pos.items():
        for boss in problem.facts.chain(pid):
            if boss in me_pos:
                allowed[i, me_pos[boss]] = False
                why[(i, me_pos[boss])] = "line"
    for pid, j in me_pos.items():
        for boss in problem.facts.chain(pid):
            if boss in mr_pos:
                allowed[mr_pos[boss], j] = False
                why[(mr_pos[boss], j)] = "line"
    for pair in problem.facts.open_pairs:
        a, b = tuple(pair)
        for x, y in ((a, b), (b, a)):
            if x in mr_pos and y in me_pos:
                allowed[mr_pos[x], me_pos[y]] = False
                why[(mr_pos[x], me_pos[y])] = "open"
    problem.allowed = allowed
    problem.eligible = allowed & (problem.score > 1e-9)
    if weights.require_shared_topic:
        problem.eligible &= problem.shared


def _explain(problem: _Problem, i: int, j: int, weights: MatchWeights) -> Proposal:
    """A chosen pair with its score and dots, its reasons in words, the warnings to confirm
    and notes on people in both roles or in a second tandem."""
    facts, topics = problem.facts, problem.topics
    mentor = facts.people[problem.mentors.ids[i]]
    mentee = facts.people[problem.mentees.ids[j]]
    check = facts.check(mentor.id, mentee.id)
    if check.errors:  # pragma: no cover - such a pair has no edge; never propose it anyway
        raise AssertionError(f"matching chose a forbidden pair {mentor.id}-{mentee.id}")
    mine, theirs = problem.topics_of(mentor.id), problem.topics_of(mentee.id)

    def by_label(ids: set[int]) -> list[int]:
        return sorted(ids, key=lambda t: topic_label(topics[t]).casefold())

    forward, reverse = (
        by_label(mine["teach"] & theirs["learn"]),
        by_label(theirs["teach"] & mine["learn"]),
    )
    same_first = mentor.first_name.casefold() == mentee.first_name.casefold()
    names = {
        "mentor": mentor.name if same_first else mentor.first_name,
        "mentee": mentee.name if same_first else mentee.first_name,
    }
    reasons = []
    if forward:
        reasons.append(
            tr(
                "{mentor} teaches {topics}, which {mentee} wants to learn",
                topics=_join([topic_label(topics[t]) for t in forward]),
                **names,
            )
        )
    if reverse:
        reasons.append(
            tr(
                "{mentee} can share {topics}, which {mentor} wants to learn",
                topics=_join([topic_label(topics[t]) for t in reverse]),
                **names,
            )
        )
    if problem.different[i, j]:
        reasons.append(tr("different departments"))
    score = round(float(problem.score[i, j]), 6)
    return Proposal(
        mentor_id=mentor.id,
        mentee_id=mentee.id,
        score=score,
        reasons=reasons,
        warnings=check.warnings,
        mentor_name=mentor.name,
        mentee_name=mentee.name,
        topics=tuple(dict.fromkeys(topics[t].name for t in (*forward, *reverse))),
        notes=_notes(problem, mentor, mentee, names),
        dots=fit_dots(score, weights),
    )


def _notes(problem: _Problem, mentor: Person, mentee: Person, names: dict[str, str]) -> list[str]:
    """Why a person in both roles is on this side, and who is already in a tandem of the
    round (possible only when the round allows two per person)."""
    notes = []
    for person, key in ((mentor, "mentor"), (mentee, "mentee")):
        if person.role == Role.BOTH:
            text = (
                tr(
                    "{name} takes part as mentor and as mentee; here {name} is the mentor.",
                    name=names[key],
                )
                if key == "mentor"
                else tr(
                    "{name} takes part as mentor and as mentee; here {name} is the mentee.",
                    name=names[key],
                )
            )
            notes.append(text)
        if problem.facts.in_round(person.id):
            notes.append(
                tr(
                    "{name} is already in a tandem of this round; the round allows two "
                    "tandems per person.",
                    name=names[key],
                )
            )
    return notes


def _unmatched(problem: _Problem, proposals: list[Proposal]) -> list[Unmatched]:
    """Everyone left without any tandem in the round, each with the reason."""
    people = problem.facts.people
    matched = {p.mentor_id for p in proposals} | {p.mentee_id for p in proposals}
    result = [
        Unmatched(pid, tr("no consent yet"), people[pid].name, people[pid].role)
        for pid in problem.no_consent
    ]
    mr_pos, me_pos = problem.mr_pos, problem.me_pos
    for pid in dict.fromkeys([*problem.mentors.ids, *problem.mentees.ids]):
        if (
            pid in matched
            or problem.facts.mentor_open.get(pid)
            or problem.facts.mentee_open.get(pid)
        ):
            continue
        parts = []
        if pid in mr_pos:
            parts.append(_why_alone(problem, pid, mr_pos[pid], as_mentor=True))
        if pid in me_pos:
            parts.append(_why_alone(problem, pid, me_pos[pid], as_mentor=False))
        reason = (
            parts[0]
            if len(parts) == 1 or parts[0] == parts[1]
            else tr(
                "as a mentor: {mentor}; as a mentee: {mentee}", mentor=parts[0], mentee=parts[1]
            )
        )
        result.append(Unmatched(pid, reason, people[pid].name, people[pid].role))
    result.sort(key=lambda u: (u.name.casefold(), u.id))
    return result


def _limit_reasons() -> tuple[str, str]:
    """The reasons of people left out because the proposal was full (see `_why_alone`)."""
    return (
        tr("would fit, but the round's target is reached with pairs that fit better"),
        tr("would fit, but the round already has as many tandems as its target"),
    )


def _why_alone(problem: _Problem, pid: int, index: int, *, as_mentor: bool) -> str:
    """Why a person of the pool got no proposal on one side, in words."""
    other_ids = problem.mentees.ids if as_mentor else problem.mentors.ids

    def line(matrix: np.ndarray) -> np.ndarray:
        return matrix[index, :] if as_mentor else matrix[:, index]

    if not [o for o in other_ids if o != pid]:
        return (
            tr("no mentee with a free place left in this round")
            if as_mentor
            else tr("no mentor with a free place left in this round")
        )
    if line(problem.eligible).any():
        if problem.limit is not None and problem.chosen >= problem.limit:
            full, reached = _limit_reasons()
            return full if problem.chosen else reached
        return (
            tr("the mentees who would fit are proposed in pairs with a higher total fit")
            if as_mentor
            else tr("the mentors who would fit are proposed in pairs with a higher total fit")
        )
    shared_row, allowed_row = line(problem.shared), line(problem.allowed)
    blocked = []
    for k, other in enumerate(other_ids):
        if other == pid or not shared_row[k] or allowed_row[k]:
            continue
        key = (index, k) if as_mentor else (k, index)
        why = (
            tr("same reporting line")
            if problem.blocked_why.get(key) == "line"
            else tr("already a tandem in this round")
        )
        blocked.append(f"{problem.facts.people[other].name} ({why})")
    if blocked:
        shown = ", ".join(blocked[:3])
        if len(blocked) > 3:
            shown = tr("{people} and {n} more", people=shown, n=len(blocked) - 3)
        return (
            tr(
                "no mentee left who fits: those who share a topic are ruled out: {people}",
                people=shown,
            )
            if as_mentor
            else tr(
                "no mentor left who fits: those who share a topic are ruled out: {people}",
                people=shown,
            )
        )
    mine = problem.topics_of(pid)
    if not (mine["teach"] or mine["learn"]):
        return tr("no topics recorded to teach or learn")
    return (
        tr("no mentee left who shares a topic")
        if as_mentor
        else tr("no mentor left who shares a topic")
    )


def _solve(
    score: np.ndarray,
    eligible: np.ndarray,
    mentors: _Side,
    mentees: _Side,
    *,
    both_sides: dict[int, int] | None = None,
    limit: int | None = None,
) -> tuple[list[tuple[int, int]], str, bool]:
    """The (mentor index, mentee index) pairs of a maximum-fit selection of at most `limit`
    pairs (None: no limit), in which a person of `both_sides` takes at most their places.

    Each node of a small branch and bound solves the assignment over capacity slots, which
    ignores two constraints: the same two people at most once (in either direction), and a
    person in both roles within their places in all. When the relaxed optimum breaks one,
    the node branches, exactly:
    - the same pair twice: either the pair is used once (fixed; places reduced) or never;
    - a pair in both directions: either direction is forbidden;
    - a person on both sides beyond their places: one branch per way to split the places
      between the two sides (for one place: only as a mentor, or only as a mentee).
    A node whose relaxed value cannot beat the best selection found is dropped. In the usual
    round (one place per person, few `both` people) the first nodes already settle it.
    Should the branching grow beyond BRANCH_LIMIT steps, the problem goes to an integer
    program instead (HiGHS, at most SOLVER_SECONDS). Returns (pairs, method, proven optimal).
    """
    import numpy as np

    both_sides = both_sides or {}
    base = np.where(eligible, score, 0.0)
    mr_pos = {pid: i for i, pid in enumerate(mentors.ids)}
    me_pos = {pid: j for j, pid in enumerate(mentees.ids)}

    def reverse(edge: tuple[int, int]) -> tuple[int, int] | None:
        a, b = mentors.ids[edge[0]], mentees.ids[edge[1]]
        if b in mr_pos and a in me_pos:
            return (mr_pos[b], me_pos[a])
        return None

    def key(edge: tuple[int, int]) -> frozenset[int]:
        return frozenset((mentors.ids[edge[0]], mentees.ids[edge[1]]))

    def total(edges: list[tuple[int, int]]) -> float:
        return float(sum(base[e] for e in edges))

    def over_places(edges: list[tuple[int, int]]) -> int | None:
        """A person of `both_sides` who has more pairs than places in `edges`, if any."""
        if not both_sides:
            return None
        count: dict[int, int] = {}
        for i, j in edges:
            for pid in (mentors.ids[i], mentees.ids[j]):
                if pid in both_sides:
                    count[pid] = count.get(pid, 0) + 1
        return next((pid for pid, n in count.items() if n > both_sides[pid]), None)

    best_value, best_edges = -1.0, []
    # A node: (forbidden edges, fixed edges, places per side: ((side, index), places), ...).
    Node = tuple[
        frozenset[tuple[int, int]],
        tuple[tuple[int, int], ...],
        tuple[tuple[tuple[int, int], int], ...],
    ]
    stack: list[Node] = [(frozenset(), (), ())]
    nodes = 0
    while stack:
        if nodes >= BRANCH_LIMIT:
            return _solve_exact(
                base, eligible, mentors, mentees, best_edges, both_sides=both_sides, limit=limit
            )
        forbidden, fixed, places = stack.pop()
        nodes += 1
        used_mr: dict[int, int] = {}
        used_me: dict[int, int] = {}
        for i, j in fixed:
            used_mr[i] = used_mr.get(i, 0) + 1
            used_me[j] = used_me.get(j, 0) + 1
        cap = dict(places)
        free_mr = [
            min(f, cap.get((0, i), f)) - used_mr.get(i, 0) for i, f in enumerate(mentors.free)
        ]
        free_me = [
            min(f, cap.get((1, j), f)) - used_me.get(j, 0) for j, f in enumerate(mentees.free)
        ]
        if min([0, *free_mr, *free_me]) < 0:
            continue  # the fixed pairs already take more places than this branch gives
        gain = base
        if forbidden:
            gain = base.copy()
            rows, cols = zip(*forbidden, strict=True)
            gain[list(rows), list(cols)] = 0.0
        room = None if limit is None else limit - len(fixed)
        relaxed = _assign(gain, free_mr, free_me, room)
        fixed_value = total(list(fixed))
        if fixed_value + total(relaxed) <= best_value + 1e-9:
            continue
        chosen = list(fixed) + relaxed
        seen: dict[frozenset[int], tuple[int, int]] = {}
        conflict: tuple[tuple[int, int], tuple[int, int]] | None = None
        feasible: list[tuple[int, int]] = []
        taken: dict[int, int] = {}  # pairs of the people on both sides in `feasible`
        for edge in sorted(chosen, key=lambda e: -base[e]):
            k = key(edge)
            if k in seen:
                conflict = conflict or (seen[k], edge)
                continue
            sides = [p for p in (mentors.ids[edge[0]], mentees.ids[edge[1]]) if p in both_sides]
            if any(taken.get(p, 0) >= both_sides[p] for p in sides):
                continue  # kept out of the valid selection; branched on below
            for p in sides:
                taken[p] = taken.get(p, 0) + 1
            seen[k] = edge
            feasible.append(edge)
        if total(feasible) > best_value + 1e-9:
            best_value, best_edges = total(feasible), feasible
        if conflict is not None:
            first, second = conflict
            if first == second:
                back = reverse(first)
                banned = {first} | ({back} if back else set())
                stack.append((forbidden | {first}, fixed, places))
                stack.append((forbidden | banned, (*fixed, first), places))
            else:
                stack.append((forbidden | {second}, fixed, places))
                stack.append((forbidden | {first}, fixed, places))
            continue
        person = over_places(chosen)
        if person is None:
            continue
        total_places = both_sides[person]
        i, j = mr_pos[person], me_pos[person]
        for as_mentor in range(total_places, -1, -1):
            split = ((0, i), as_mentor), ((1, j), total_places - as_mentor)
            stack.append((forbidden, fixed, (*places, *split)))
    method = "assignment" if nodes == 1 else "assignment, branch and bound"
    return sorted(best_edges), method, True


def _assign(
    gain: np.ndarray, free_mr: list[int], free_me: list[int], limit: int | None = None
) -> list[tuple[int, int]]:
    """The optimal assignment over capacity slots (pairs may repeat); positive gains only;
    at most `limit` pairs (None: no limit).

    The limit is kept with dummy places: besides the real mentees there are (mentor slots -
    limit) dummy places worth more than any selection of real pairs, so the optimum fills
    every dummy place and leaves at most `limit` mentor slots for real pairs, the best ones."""
    import numpy as np

    from app.services.assignment import linear_sum_assignment

    positive = gain > 0
    rows_used = [i for i in np.flatnonzero(positive.any(axis=1)) if free_mr[i] > 0]
    cols_used = [j for j in np.flatnonzero(positive.any(axis=0)) if free_me[j] > 0]
    if not rows_used or not cols_used or limit == 0:
        return []
    row_slots = np.repeat(rows_used, [free_mr[i] for i in rows_used])
    col_slots = np.repeat(cols_used, [free_me[j] for j in cols_used])
    matrix = gain[np.ix_(row_slots, col_slots)]
    if limit is not None and limit < min(len(row_slots), len(col_slots)):
        dummies = len(row_slots) - limit
        bonus = float(matrix.max()) * min(len(row_slots), len(col_slots)) + 1.0
        matrix = np.hstack([matrix, np.full((len(row_slots), dummies), bonus)])
    r, c = linear_sum_assignment(matrix, maximize=True)
    return [
        (int(row_slots[a]), int(col_slots[b]))
        for a, b in zip(r, c, strict=True)
        if b < len(col_slots) and positive[row_slots[a], col_slots[b]]
    ]


def _solve_exact(
    gain: np.ndarray,
    eligible: np.ndarray,
    mentors: _Side,
    mentees: _Side,
    fallback: list[tuple[int, int]],
    *,
    both_sides: dict[int, int] | None = None,
    limit: int | None = None,
) -> tuple[list[tuple[int, int]], str, bool]:
    """The optimum as an integer program: capacities per person and side, places in all for
    people on both sides, each pair of people at most once in either direction, at most
    `limit` pairs. Within SOLVER_SECONDS; otherwise the better of the solver's best and
    `fallback` (a valid selection), marked as not proven optimal."""
    import numpy as np

    both_sides = both_sides or {}
    mr_idx, me_idx = np.nonzero(eligible & (gain > 0))
    n_edges = len(mr_idx)
    if n_edges == 0 or limit == 0:
        return [], "integer program", True
    n_mr, n_me = eligible.shape
    rows = [np.asarray(mr_idx), n_mr + np.asarray(me_idx)]
    cols = [np.arange(n_edges), np.arange(n_edges)]
    upper = [float(f) for f in mentors.free] + [float(f) for f in mentees.free]
    index = {(int(i), int(j)): k for k, (i, j) in enumerate(zip(mr_idx, me_idx, strict=True))}
    mr_pos = {pid: i for i, pid in enumerate(mentors.ids)}
    me_pos = {pid: j for j, pid in enumerate(mentees.ids)}
    extra_rows: list[int] = []
    extra_cols: list[int] = []
    row = n_mr + n_me
    for (i, j), k in index.items():
        a, b = mentors.ids[i], mentees.ids[j]
        if a < b and b in mr_pos and a in me_pos:
            other = index.get((mr_pos[b], me_pos[a]))
            if other is not None:
                extra_rows += [row, row]
                extra_cols += [k, other]
                upper.append(1.0)
                row += 1
    for pid, places in both_sides.items():
        edges = [k for (i, j), k in index.items() if mentors.ids[i] == pid or mentees.ids[j] == pid]
        extra_rows += [row] * len(edges)
        extra_cols += edges
        upper.append(float(places))
        row += 1
    if limit is not None:
        extra_rows += [row] * n_edges
        extra_cols += list(range(n_edges))
        upper.append(float(limit))
        row += 1
    rows.append(np.array(extra_rows, dtype=int))
    cols.append(np.array(extra_cols, dtype=int))
    chosen, proven = _integer_program(
        gain[mr_idx, me_idx], np.concatenate(rows), np.concatenate(cols), np.array(upper)
    )
    edges = [(int(mr_idx[k]), int(me_idx[k])) for k in chosen]
    if proven:
        return sorted(edges), "integer program", True
    best = max((edges, fallback), key=lambda found: sum(gain[e] for e in found))
    return sorted(best), "integer program (time limit)", False


def _integer_program(
    weights: np.ndarray, rows: np.ndarray, cols: np.ndarray, upper: np.ndarray
) -> tuple[list[int], bool]:
    """Choose variables x_k in {0, 1} to maximise sum(weights[k] * x_k) subject to, for
    each row r, the sum of the x_k with a (r, k) in zip(rows, cols) being at most upper[r].
    Solved by HiGHS (`highspy`) within SOLVER_SECONDS. Returns the chosen k (the solver's
    best, possibly none, when it stopped early) and whether the optimum is proven."""
    import highspy
    import numpy as np

    n_vars, n_rows = len(weights), len(upper)
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n_vars, n_rows
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = np.asarray(weights, dtype=np.float64)
    lp.col_lower_, lp.col_upper_ = np.zeros(n_vars), np.ones(n_vars)
    lp.row_lower_, lp.row_upper_ = np.full(n_rows, -highspy.kHighsInf), upper.astype(np.float64)
    order = np.lexsort((cols, rows))  # the constraint matrix row by row (all entries are 1)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = n_vars, n_rows
    lp.a_matrix_.start_ = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=n_rows))])
    lp.a_matrix_.index_ = cols[order]
    lp.a_matrix_.value_ = np.ones(len(order))
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n_vars
    # The bare binding, not `highspy.Highs`: that one calls into HiGHS in its constructor,
    # which prints HiGHS's banner to the process's standard output before logging can be
    # switched off (it would land in the command line's JSON).
    solver = highspy._Highs()
    solver.setOptionValue("output_flag", False)
    solver.setOptionValue("time_limit", float(SOLVER_SECONDS))
    solver.passModel(lp)
    solver.run()
    proven = solver.getModelStatus() == highspy.HighsModelStatus.kOptimal
    if solver.getInfo().primal_solution_status != highspy.kSolutionStatusFeasible:
        return [], proven
    values = np.asarray(solver.getSolution().col_value)
    return np.flatnonzero(values > 0.5).tolist(), proven


def apply_matches(
    db: Database,
    round_id: int,
    pairs: list[Proposal] | list[tuple[int, int]],
    *,
    on: date | None = None,
) -> list[Tandem]:
    """Create the accepted proposals as proposed tandems, all in one transaction.

    HR saw each proposal's warnings, so they count as confirmed; a hard rule broken (for
    example two accepted proposals that together exceed a person's capacity) refuses the
    whole set with PairRefusedError and nothing is written. A Proposal's shared topics become
    the tandem's focus topics."""
    from app.services.tandems import create_tandem

    created: list[Tandem] = []
    with db.atomic():
        for pair in pairs:
            if isinstance(pair, Proposal):
                mentor_id, mentee_id, focus = pair.mentor_id, pair.mentee_id, pair.topics
            else:
                mentor_id, mentee_id = pair
                focus = ()
            created.append(
                create_tandem(
                    db,
                    round_id,
                    mentor_id,
                    mentee_id,
                    focus_topics=focus,
                    on=on,
                    confirm_warnings=True,
                )
            )
    return created


def result_as_dict(result: MatchResult) -> dict[str, Any]:
    """The JSON shape of the command line: {"pairs": [...], "unmatched": [...]}."""
    return {
        "pairs": [
            {
                "mentor_id": p.mentor_id,
                "mentee_id": p.mentee_id,
                "score": p.score,
                "reasons": p.reasons,
                "warnings": p.warnings,
                "mentor_name": p.mentor_name,
                "mentee_name": p.mentee_name,
                "fit": p.dots,
                "notes": p.notes,
            }
            for p in result.pairs
        ],
        "unmatched": [{"id": u.id, "reason": u.reason, "name": u.name} for u in result.unmatched],
        "no_consent": list(result.no_consent),
        "total_score": result.total_score,
        "target": result.target,
        "open_tandems": result.open_tandems,
        "optimal": result.optimal,
        "weights": {f.name: getattr(result.weights, f.name) for f in fields(result.weights)},
    }


def explain_pairs(
    db: Database,
    round_id: int,
    pairs: list[tuple[int, int]],
    weights: MatchWeights | None = None,
) -> list[Proposal]:
    """Pairs HR put together by hand (e.g. by swapping two proposals' mentees), each with
    its score, reasons and warnings as a proposal would show them. Check the hard rules
    first (`tandem_rules.check_pair`): a pair that breaks one raises AssertionError here."""
    weights = (weights or MatchWeights()).validated()
    problem = _pool(db, round_id)
    for mentor_id, mentee_id in pairs:  # people without a free place are added for scoring
        if mentor_id not in problem.mentors.ids:
            problem.mentors.ids.append(mentor_id)
            problem.mentors.free.append(1)
        if mentee_id not in problem.mentees.ids:
            problem.mentees.ids.append(mentee_id)
            problem.mentees.free.append(1)
    _fit(problem, weights)
    mr_pos, me_pos = problem.mr_pos, problem.me_pos
    return [_explain(problem, mr_pos[a], me_pos[b], weights) for a, b in pairs]


__all__ = [
    "MatchResult",
    "MatchWeights",
    "Proposal",
    "Unmatched",
    "apply_matches",
    "dots_text",
    "explain_pairs",
    "fit_dots",
    "fit_scale_text",
    "no_consent_note",
    "propose_matches",
    "result_as_dict",
]
