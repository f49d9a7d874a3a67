"""Matching proposals: the set of pairs with the highest total fit in a round, explained.

Who takes part: active participants with consent and a free place in the round (capacity
minus their open tandems there), mentors on one side (role mentor or both), mentees on the
other (role mentee or both). A `both` person can appear on either side, never with themselves.

The fit of a pair is
    mentee_learns x (topics the mentor can teach that the mentee wants to learn)
  + mentor_learns x (topics the mentee can share that the mentor wants to learn)
  + different_departments (when both departments are known and differ).

A pair that breaks a hard rule (`app.services.tandem_rules`) gets no edge. By default a pair
also needs at least one shared topic (in either direction) to be proposed: a pair that has
nothing to learn from each other is exactly the mismatch that makes tandems fall asleep, and a
proposal HR cannot explain with a topic is a poor proposal. HR can still pair such people by
hand, or switch `require_shared_topic` off, in which case a different-department bonus alone
is enough (a pair scoring 0 is never proposed).

The optimum is found with `scipy.optimize.linear_sum_assignment` over capacity slots (each
person repeated once per free place). That relaxation can, in rare rounds, choose the same
two people twice (both capacities above 1) or in both directions (two `both` people). When it
does, a small branch and bound over such pairs, with the assignment as its bound, finds the
exact optimum (see `_solve`). Either way the result is optimal and breaks no rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from app.errors import ValidationError
from app.i18n import N_, tr
from app.labels import topic_label
from app.model import Tandem, Topic
from app.services.tandem_rules import RoundFacts

if TYPE_CHECKING:
    import numpy as np

# Branch-and-bound steps before the integer program takes over, and its time limit.
BRANCH_LIMIT = 40
SOLVER_SECONDS = 10.0


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


@dataclass(frozen=True)
class Proposal:
    """One proposed pair with its score, the reasons in words and any warnings to confirm."""

    mentor_id: int
    mentee_id: int
    score: float
    reasons: list[str]
    warnings: list[str] = field(default_factory=list)
    mentor_name: str = ""
    mentee_name: str = ""
    topics: tuple[str, ...] = ()


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
    """One topic as it is; several quoted, since names like "Smartphone and apps" hold an
    "and" themselves: “AI tools”, “Smartphone and apps” and “Social media”."""
    if len(names) == 1:
        return names[0]
    quoted = [tr("“{topic}”", topic=name) for name in names]
    return tr("{first} and {last}", first=", ".join(quoted[:-1]), last=quoted[-1])


def propose_matches(
    db: Database, round_id: int, weights: MatchWeights | None = None
) -> MatchResult:
    """Propose the pairs with the highest total fit among the people still free in the round."""
    import numpy as np

    weights = (weights or MatchWeights()).validated()
    facts = RoundFacts(db, round_id)
    topics, person_topics = _load_topics(db)
    empty: dict[str, set[int]] = {"teach": set(), "learn": set()}

    mentors, mentees = _Side(), _Side()
    no_consent: list[int] = []
    for person in sorted(facts.people.values(), key=lambda p: (p.last_name, p.first_name, p.id)):
        if person.status != "active":
            continue
        busy = facts.mentor_open.get(person.id, 0) + facts.mentee_open.get(person.id, 0)
        if not person.consent:
            if not busy:
                no_consent.append(person.id)
            continue
        if person.role in ("mentor", "both") and facts.free_as_mentor(person.id):
            mentors.ids.append(person.id)
            mentors.free.append(facts.free_as_mentor(person.id))
        if person.role in ("mentee", "both") and facts.free_as_mentee(person.id):
            mentees.ids.append(person.id)
            mentees.free.append(facts.free_as_mentee(person.id))

    n_mr, n_me = len(mentors.ids), len(mentees.ids)
    topic_index = {tid: k for k, tid in enumerate(topics)}
    n_topics = max(1, len(topic_index))

    def matrix(ids: list[int], kind: str) -> np.ndarray:
        out = np.zeros((len(ids), n_topics), dtype=np.float64)
        for row, pid in enumerate(ids):
            for tid in person_topics.get(pid, empty)[kind]:
                out[row, topic_index[tid]] = 1.0
        return out

    forward = matrix(mentees.ids, "learn") @ matrix(mentors.ids, "teach").T  # mentee x mentor
    forward = forward.T  # mentor x mentee
    reverse = matrix(mentors.ids, "learn") @ matrix(mentees.ids, "teach").T  # mentor x mentee

    def dept_codes(ids: list[int]) -> np.ndarray:
        codes = []
        for pid in ids:
            dept = facts.people[pid].department
            codes.append(" ".join(dept.split()).casefold() if dept else "")
        return np.array(codes, dtype=object)

    mr_dept, me_dept = dept_codes(mentors.ids), dept_codes(mentees.ids)
    if n_mr and n_me:
        different = (
            (mr_dept[:, None] != me_dept[None, :])
            & (mr_dept[:, None] != "")
            & (me_dept[None, :] != "")
        ).astype(np.float64)
    else:
        different = np.zeros((n_mr, n_me))
    score = (
        weights.mentee_learns * forward
        + weights.mentor_learns * reverse
        + weights.different_departments * different
    )
    shared = (forward + reverse) > 0

    # Hard rules between two people of the pool: self, reporting line, an open tandem already.
    allowed = np.ones((n_mr, n_me), dtype=bool)
    blocked_why: dict[tuple[int, int], str] = {}
    mr_pos = {pid: i for i, pid in enumerate(mentors.ids)}
    me_pos = {pid: j for j, pid in enumerate(mentees.ids)}
    for pid, i in mr_pos.items():
        j = me_pos.get(pid)
        if j is not None:
            allowed[i, j] = False
    for pid, i in mr_pos.items():
        for boss in facts.chain(pid):
            j = me_pos.get(boss)
            if j is not None:
                allowed[i, j] = False
                blocked_why[(i, j)] = "line"
    for pid, j in me_pos.items():
        for boss in facts.chain(pid):
            i = mr_pos.get(boss)
            if i is not None:
                allowed[i, j] = False
                blocked_why[(i, j)] = "line"
    for pair in facts.open_pairs:
        a, b = tuple(pair)
        for x, y in ((a, b), (b, a)):
            if x in mr_pos and y in me_pos:
                allowed[mr_pos[x], me_pos[y]] = False
                blocked_why[(mr_pos[x], me_pos[y])] = "open"

    eligible = allowed & (score > 1e-9)
    if weights.require_shared_topic:
        eligible &= shared

    chosen, method, optimal = _solve(score, eligible, mentors, mentees)

    proposals: list[Proposal] = []
    matched: set[int] = set()
    for i, j in chosen:
        mentor, mentee = facts.people[mentors.ids[i]], facts.people[mentees.ids[j]]
        check = facts.check(mentor.id, mentee.id)
        if check.errors:  # cannot happen: the edge would not exist. Never propose it anyway.
            continue
        mine = person_topics.get(mentor.id, empty)
        theirs = person_topics.get(mentee.id, empty)
        fwd_topics = sorted(mine["teach"] & theirs["learn"], key=lambda t: topic_label(topics[t]))
        rev_topics = sorted(theirs["teach"] & mine["learn"], key=lambda t: topic_label(topics[t]))
        same_first = mentor.first_name.casefold() == mentee.first_name.casefold()
        mentor_word = mentor.name if same_first else mentor.first_name
        mentee_word = mentee.name if same_first else mentee.first_name
        reasons = []
        if fwd_topics:
            reasons.append(
                tr(
                    "{mentor} teaches {topics}, which {mentee} wants to learn",
                    mentor=mentor_word,
                    mentee=mentee_word,
                    topics=_join([topic_label(topics[t]) for t in fwd_topics]),
                )
            )
        if rev_topics:
            reasons.append(
                tr(
                    "{mentee} can share {topics}, which {mentor} wants to learn",
                    mentor=mentor_word,
                    mentee=mentee_word,
                    topics=_join([topic_label(topics[t]) for t in rev_topics]),
                )
            )
        if different[i, j]:
            reasons.append(tr("different departments"))
        focus = tuple(dict.fromkeys(topics[t].name for t in (*fwd_topics, *rev_topics)))
        proposals.append(
            Proposal(
                mentor_id=mentor.id,
                mentee_id=mentee.id,
                score=round(float(score[i, j]), 6),
                reasons=reasons,
                warnings=check.warnings,
                mentor_name=mentor.name,
                mentee_name=mentee.name,
                topics=focus,
            )
        )
        matched.update((mentor.id, mentee.id))
    proposals.sort(key=lambda p: (-p.score, p.mentee_name.casefold(), p.mentor_name.casefold()))

    unmatched = [
        Unmatched(pid, tr("no consent yet"), facts.people[pid].name, facts.people[pid].role)
        for pid in no_consent
    ]
    pool = dict.fromkeys([*mentors.ids, *mentees.ids])
    for pid in pool:
        if pid in matched or facts.mentor_open.get(pid, 0) or facts.mentee_open.get(pid, 0):
            continue
        person = facts.people[pid]
        parts = []
        if pid in mr_pos:
            parts.append(
                _why_alone(
                    mr_pos[pid],
                    True,
                    eligible,
                    shared,
                    allowed,
                    blocked_why,
                    mentees.ids,
                    facts,
                    pid,
                    person_topics,
                )
            )
        if pid in me_pos:
            parts.append(
                _why_alone(
                    me_pos[pid],
                    False,
                    eligible,
                    shared,
                    allowed,
                    blocked_why,
                    mentors.ids,
                    facts,
                    pid,
                    person_topics,
                )
            )
        reason = (
            parts[0]
            if len(parts) == 1
            else tr(
                "as a mentor: {mentor}; as a mentee: {mentee}", mentor=parts[0], mentee=parts[1]
            )
        )
        unmatched.append(Unmatched(pid, reason, person.name, person.role))
    unmatched.sort(key=lambda u: (u.name.casefold(), u.id))
    return MatchResult(proposals, unmatched, weights, method, optimal)


def _why_alone(
    index: int,
    as_mentor: bool,
    eligible: np.ndarray,
    shared: np.ndarray,
    allowed: np.ndarray,
    blocked_why: dict[tuple[int, int], str],
    other_ids: list[int],
    facts: RoundFacts,
    pid: int,
    person_topics: dict[int, dict[str, set[int]]],
) -> str:
    """Why a person of the pool got no proposal, in words."""
    row = eligible[index, :] if as_mentor else eligible[:, index]
    others = [o for o in other_ids if o != pid]
    if not others:
        return (
            tr("no mentee with a free place left in this round")
            if as_mentor
            else tr("no mentor with a free place left in this round")
        )
    if row.any():
        return (
            tr("the mentees who would fit are proposed in pairs with a higher total fit")
            if as_mentor
            else tr("the mentors who would fit are proposed in pairs with a higher total fit")
        )
    shared_row = shared[index, :] if as_mentor else shared[:, index]
    allowed_row = allowed[index, :] if as_mentor else allowed[:, index]
    blocked = []
    for k, other in enumerate(other_ids):
        if other == pid or not shared_row[k] or allowed_row[k]:
            continue
        key = (index, k) if as_mentor else (k, index)
        why = (
            tr("same reporting line")
            if blocked_why.get(key) == "line"
            else tr("already a tandem in this round")
        )
        blocked.append(f"{facts.people[other].name} ({why})")
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
    mine = person_topics.get(pid)
    if not mine or not (mine["teach"] or mine["learn"]):
        return tr("no topics recorded to teach or learn")
    return (
        tr("no mentee left who shares a topic")
        if as_mentor
        else tr("no mentor left who shares a topic")
    )


def _solve(
    score: np.ndarray, eligible: np.ndarray, mentors: _Side, mentees: _Side
) -> tuple[list[tuple[int, int]], str, bool]:
    """The (mentor index, mentee index) pairs of a maximum-fit selection.

    Each node of a small branch and bound solves the assignment over capacity slots, which
    ignores one constraint: the same two people at most once (in either direction). When
    the relaxed optimum takes a pair twice, the node branches, exactly:
    - the same pair twice: either the pair is used once (fixed; places reduced) or never;
    - a pair in both directions: either direction is forbidden.
    A node whose relaxed value cannot beat the best selection found is dropped. In the usual
    round (one place per mentee, or few `both` people) the first node is already conflict-free.
    Should the branching grow beyond BRANCH_LIMIT steps, the problem goes to an integer
    program instead (HiGHS, at most SOLVER_SECONDS). Returns (pairs, method, proven optimal).
    """
    import numpy as np

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

    best_value, best_edges = -1.0, []
    # A node: (forbidden edges, fixed edges). Depth first, "use the pair" branch first.
    stack: list[tuple[frozenset[tuple[int, int]], tuple[tuple[int, int], ...]]] = [
        (frozenset(), ())
    ]
    nodes = 0
    while stack:
        if nodes >= BRANCH_LIMIT:
            return _solve_exact(base, eligible, mentors, mentees, best_edges)
        forbidden, fixed = stack.pop()
        nodes += 1
        used_mr: dict[int, int] = {}
        used_me: dict[int, int] = {}
        for i, j in fixed:
            used_mr[i] = used_mr.get(i, 0) + 1
            used_me[j] = used_me.get(j, 0) + 1
        free_mr = [f - used_mr.get(i, 0) for i, f in enumerate(mentors.free)]
        free_me = [f - used_me.get(j, 0) for j, f in enumerate(mentees.free)]
        gain = base
        if forbidden:
            gain = base.copy()
            rows, cols = zip(*forbidden, strict=True)
            gain[list(rows), list(cols)] = 0.0
        relaxed = _assign(gain, free_mr, free_me)
        fixed_value = total(list(fixed))
        if fixed_value + total(relaxed) <= best_value + 1e-9:
            continue
        chosen = list(fixed) + relaxed
        seen: dict[frozenset[int], tuple[int, int]] = {}
        conflict: tuple[tuple[int, int], tuple[int, int]] | None = None
        feasible: list[tuple[int, int]] = []
        for edge in sorted(chosen, key=lambda e: -base[e]):
            k = key(edge)
            if k in seen:
                conflict = conflict or (seen[k], edge)
                continue
            seen[k] = edge
            feasible.append(edge)
        if total(feasible) > best_value + 1e-9:
            best_value, best_edges = total(feasible), feasible
        if conflict is None:
            continue
        first, second = conflict
        if first == second:
            back = reverse(first)
            banned = {first} | ({back} if back else set())
            stack.append((forbidden | {first}, fixed))
            stack.append((forbidden | banned, (*fixed, first)))
        else:
            stack.append((forbidden | {second}, fixed))
            stack.append((forbidden | {first}, fixed))
    method = "assignment" if nodes == 1 else "assignment, branch and bound"
    return sorted(best_edges), method, True


def _assign(gain: np.ndarray, free_mr: list[int], free_me: list[int]) -> list[tuple[int, int]]:
    """The optimal assignment over capacity slots (pairs may repeat); positive gains only."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    positive = gain > 0
    rows_used = [i for i in np.flatnonzero(positive.any(axis=1)) if free_mr[i] > 0]
    cols_used = [j for j in np.flatnonzero(positive.any(axis=0)) if free_me[j] > 0]
    if not rows_used or not cols_used:
        return []
    row_slots = np.repeat(rows_used, [free_mr[i] for i in rows_used])
    col_slots = np.repeat(cols_used, [free_me[j] for j in cols_used])
    r, c = linear_sum_assignment(-gain[np.ix_(row_slots, col_slots)])
    return [
        (int(row_slots[a]), int(col_slots[b]))
        for a, b in zip(r, c, strict=True)
        if positive[row_slots[a], col_slots[b]]
    ]


def _solve_exact(
    gain: np.ndarray,
    eligible: np.ndarray,
    mentors: _Side,
    mentees: _Side,
    fallback: list[tuple[int, int]],
) -> tuple[list[tuple[int, int]], str, bool]:
    """The optimum as an integer program: capacities per person, each pair of people at most
    once in either direction. Within SOLVER_SECONDS; otherwise the better of the solver's best
    and `fallback` (a valid selection), marked as not proven optimal."""
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix

    mr_idx, me_idx = np.nonzero(eligible)
    n_edges = len(mr_idx)
    n_mr, n_me = eligible.shape
    rows = [np.asarray(mr_idx), n_mr + np.asarray(me_idx)]
    cols = [np.arange(n_edges), np.arange(n_edges)]
    upper = [float(f) for f in mentors.free] + [float(f) for f in mentees.free]
    index = {(int(i), int(j)): k for k, (i, j) in enumerate(zip(mr_idx, me_idx, strict=True))}
    mr_pos = {pid: i for i, pid in enumerate(mentors.ids)}
    me_pos = {pid: j for j, pid in enumerate(mentees.ids)}
    pair_rows: list[int] = []
    pair_cols: list[int] = []
    row = n_mr + n_me
    for (i, j), k in index.items():
        a, b = mentors.ids[i], mentees.ids[j]
        if a < b and b in mr_pos and a in me_pos:
            other = index.get((mr_pos[b], me_pos[a]))
            if other is not None:
                pair_rows += [row, row]
                pair_cols += [k, other]
                upper.append(1.0)
                row += 1
    rows.append(np.array(pair_rows, dtype=int))
    cols.append(np.array(pair_cols, dtype=int))
    all_rows, all_cols = np.concatenate(rows), np.concatenate(cols)
    matrix = coo_matrix((np.ones(len(all_rows)), (all_rows, all_cols)), shape=(row, n_edges))
    weights = gain[mr_idx, me_idx]
    result = milp(
        c=-weights,
        constraints=LinearConstraint(matrix.tocsr(), -np.inf, np.array(upper)),
        integrality=np.ones(n_edges),
        bounds=Bounds(0, 1),
        options={"time_limit": SOLVER_SECONDS},
    )
    chosen: list[tuple[int, int]] = []
    if result.x is not None:
        chosen = [(int(mr_idx[k]), int(me_idx[k])) for k in np.flatnonzero(result.x > 0.5)]
    if result.status == 0:
        return sorted(chosen), "integer program", True
    best = max((chosen, fallback), key=lambda edges: sum(gain[e] for e in edges))
    return sorted(best), "integer program (time limit)", False


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
            }
            for p in result.pairs
        ],
        "unmatched": [{"id": u.id, "reason": u.reason, "name": u.name} for u in result.unmatched],
        "total_score": result.total_score,
        "optimal": result.optimal,
        "weights": {f.name: getattr(result.weights, f.name) for f in fields(result.weights)},
    }


__all__ = [
    "MatchResult",
    "MatchWeights",
    "Proposal",
    "Unmatched",
    "apply_matches",
    "propose_matches",
    "result_as_dict",
]
