"""The programme summary (Jahresbericht): the figures of a calendar year or of one round,
anonymous by default, with the same definitions for every round so rounds can be compared.

`programme_summary(db, year=2026)` or `programme_summary(db, round_id=3)` returns a
`ProgrammeSummary`. Every figure is a `Cell`: suppressed when it is about fewer than the
threshold of people (the `summary_threshold` setting, 5 unless raised), and complementary
cells are suppressed with it (see app/services/suppression.py). No figure is about one
person: ratings are reported as distributions and means over groups, and nothing ranks or
rates anyone. Names appear only in the optional appendix (`names=True`).

The definitions are written out in DEFINITIONS (printed in the report's definitions box) and
what the report does not measure in NOT_MEASURED. In short:
- A year covers the rounds that started in it, with all their tandems, meetings and
  check-ins; figures are as recorded on `today`.
- A formed tandem was agreed (agreed, active, completed, or dissolved after it was agreed);
  a finished one is completed or ended early (dissolved after it was agreed).
- Check-in figures use each person's latest check-in per tandem (the final one if there is).
- Retention: of the people in a round's formed tandems, those not recorded as having left
  the company within 12 months after the round ended; measurable 12 months after the end.

Speed: a handful of aggregate queries and one pass in Python; a file with 2,000 tandems and
20,000 meetings takes well under a second (bench/summary_bench.py).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlite_utils import Database

from app.errors import ValidationError
from app.i18n import N_, Translator, tr, translator
from app.model import GoalsReached, Role, TandemStatus, Topic
from app.services.common import marks, parse_date, require_row
from app.services.common import today as current_day
from app.services.report_settings import summary_threshold
from app.services.suppression import Cell, Key, Suppressor, check_threshold

ALL = "all"
PEOPLE_GROUPS = (Role.MENTOR.value, Role.MENTEE.value, Role.BOTH.value, ALL)
TANDEM_ROLES = (Role.MENTOR.value, Role.MENTEE.value, ALL)
RATINGS = (1, 2, 3, 4, 5)
NO_ANSWER = "none"
GOALS = (GoalsReached.YES.value, GoalsReached.PARTLY.value, GoalsReached.NO.value, NO_ANSWER)
TOP_TOPICS = 8
TREND_ROUNDS = 6
RETENTION_MONTHS = 12
MIN_MEETINGS = 3

DEFINITIONS: tuple[str, ...] = (
    N_(
        "Period: a year covers the rounds that started in that year, with all their tandems, "
        "meetings and check-ins; a round's report covers that round. Figures are as recorded "
        "on the date of the report."
    ),
    N_(
        "Registered: people who had given their consent by the end of the period and had not "
        "left the company, or been erased or anonymised, before it began, and everyone in a "
        "tandem of the period; by the role "
        "they registered for. Matched: registered people in a formed tandem of the period; "
        "waiting: the others. Returning: matched people who had a formed tandem in an earlier "
        "round."
    ),
    N_(
        "Formed tandem: a tandem whose agreement was made (agreed, active, completed, or "
        "dissolved after it was agreed). Proposals never agreed are not counted as formed. "
        "Finished: completed or ended early (dissolved after it was agreed)."
    ),
    N_(
        "Meetings: the meetings of the period's tandems by status (held, planned, cancelled); "
        "hours: the length of the held meetings. At least {n} meetings / all meetings: of the "
        "finished tandems, the share that held at least {n} meetings / at least as many as "
        "their round planned."
    ),
    N_(
        "Check-ins: each person's latest check-in in each tandem (the final one where it "
        "exists). Ratings from 1 (low) to 5 (high) describe the tandem, not a person. Response "
        "rate: of the mentors and mentees of tandems that started, the share who gave at least "
        "one check-in."
    ),
    N_(
        "Retention: of the people in a round's formed tandems, the share not recorded as having "
        "left the company within 12 months after the round ended (a person in two rounds counts "
        "in each; a departure without a date counts as a departure). It can be measured only "
        "once 12 months have passed."
    ),
    N_(
        "Rules kept: formed tandems whose mentor and mentee are outside each other's reporting "
        "line (checked against the reporting lines recorded today); people in formed tandems "
        "whose consent is on record; tandems ended early, each without blame (the count only, "
        "never the reasons)."
    ),
    N_(
        "Anonymity: a figure about fewer than {threshold} people is not shown (“fewer than "
        "{threshold}”), and a second figure of the same total is hidden as well (“–”), so that "
        "no hidden figure can be worked out by subtraction. A rating distribution with a hidden "
        "figure is hidden as a whole; its mean is shown when {threshold} or more people rated."
    ),
)

NOT_MEASURED: tuple[str, ...] = (
    N_(
        "What was said in the tandems: Tandem records that a meeting took place and, at most, "
        "its topics."
    ),
    N_(
        "Any assessment of a person's performance or behaviour: no figure rates or ranks a "
        "person, and ratings are reported only for groups."
    ),
    N_("Private notes: they are encrypted and never part of a report."),
    N_("Why a tandem ended early: reasons are recorded but not reported."),
    N_(
        "Effects on careers, pay or promotion, and whether people who left the company later "
        "came back: the file keeps each person's current status only, not their employment "
        "history."
    ),
)


def definitions(threshold: int, t: Translator | None = None) -> list[str]:
    """The definitions box, translated (by `t`, default the window's language), with the
    report's numbers filled in."""
    t = t or translator()
    return [t.tr(text, n=MIN_MEETINGS, threshold=threshold) for text in DEFINITIONS]


def not_measured(t: Translator | None = None) -> list[str]:
    """What the report does not measure, translated (by `t`, default the window's language)."""
    t = t or translator()
    return [t.tr(text) for text in NOT_MEASURED]


# --- the result -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoundRef:
    """A round the report covers or compares with."""

    id: int
    name: str
    start_date: date
    end_date: date
    meetings_planned: int


@dataclass(frozen=True)
class PeopleFigures:
    """Registrations of one role (mentor, mentee, both) or of everyone (`all`)."""

    registered: Cell
    matched: Cell
    waiting: Cell
    match_rate: Cell
    new: Cell
    returning: Cell


@dataclass(frozen=True)
class TandemFigures:
    """Tandems of the period: by status, and the lifecycle figures of the formed ones."""

    total: Cell
    by_status: dict[TandemStatus, Cell]
    formed: Cell
    running: Cell
    completed: Cell
    ended_early: Cell
    not_agreed: Cell
    finished: Cell
    with_min_meetings: Cell
    with_all_meetings: Cell
    median_meetings: Cell


@dataclass(frozen=True)
class MonthFigures:
    """Meetings of one calendar month (`YYYY-MM`) by status."""

    month: str
    held: Cell
    planned: Cell
    cancelled: Cell


@dataclass(frozen=True)
class MeetingFigures:
    """Meetings of the period's tandems."""

    held: Cell
    planned: Cell
    cancelled: Cell
    hours_held: Cell
    by_month: tuple[MonthFigures, ...]


@dataclass(frozen=True)
class FeedbackFigures:
    """Check-ins of one tandem role (mentor, mentee) or of both (`all`)."""

    asked: Cell
    responded: Cell
    response_rate: Cell
    relationship_mean: Cell
    progress_mean: Cell
    take_part_again: Cell


@dataclass(frozen=True)
class Distributions:
    """Distributions over everyone's latest check-ins (keys 1-5, goals yes/partly/no/none)."""

    relationship: dict[int | str, Cell]
    progress: dict[int | str, Cell]
    goals: dict[str, Cell]


@dataclass(frozen=True)
class RetentionFigures:
    """Retention of one tandem role or of all; `rounds` are those measurable by `as_of`."""

    people: Cell
    stayed: Cell
    share: Cell


@dataclass(frozen=True)
class RulesFigures:
    """The programme's rules kept. `line_kept` / `consent_kept` say whether the rule held for
    every formed tandem, so a report can say "every" or "not every" where the share itself is
    hidden (only so that another figure cannot be worked out); None when fewer people than the
    threshold are in formed tandems (or none), so nothing is said about a small group."""

    outside_reporting_line: Cell
    consent_on_record: Cell
    voluntary_exits: Cell
    line_kept: bool | None = None
    consent_kept: bool | None = None


@dataclass(frozen=True)
class TopicFigure:
    """A focus topic and the number of formed tandems that chose it."""

    topic: Topic
    tandems: Cell


@dataclass(frozen=True)
class TrendRow:
    """One round with the same definitions, for the comparison across rounds."""

    round: RoundRef
    formed: Cell
    completed: Cell
    ended_early: Cell
    meetings_held: Cell
    with_min_meetings: Cell
    relationship_mean: Cell
    response_rate: Cell
    retention: Cell


@dataclass(frozen=True)
class NamedTandem:
    """A line of the named appendix (only when asked for): who formed a tandem, no figures."""

    round_name: str
    mentor_name: str
    mentee_name: str
    status: TandemStatus
    started_on: date | None
    ended_on: date | None


@dataclass(frozen=True)
class ProgrammeSummary:
    """The figures of the annual (or one round's) summary; see the module docstring."""

    year: int | None
    round_id: int | None
    rounds: tuple[RoundRef, ...]
    period_start: date
    period_end: date
    as_of: date
    threshold: int
    people: dict[str, PeopleFigures]
    tandems: TandemFigures
    meetings: MeetingFigures
    feedback: dict[str, FeedbackFigures]
    distributions: Distributions
    retention: dict[str, RetentionFigures]
    retention_rounds: tuple[RoundRef, ...]
    rules: RulesFigures
    topics: tuple[TopicFigure, ...]
    topics_not_listed: int
    trend: tuple[TrendRow, ...]
    any_suppressed: bool
    appendix: tuple[NamedTandem, ...] | None = None

    @property
    def is_anonymous(self) -> bool:
        """True when the summary holds no names."""
        return self.appendix is None


# --- what is read from the file ---------------------------------------------------------------


@dataclass(eq=False)
class _Tandem:
    id: int
    round_id: int
    mentor: int
    mentee: int
    status: str
    formed: bool
    started: bool
    held: int = 0
    minutes_held: int = 0

    @property
    def people(self) -> tuple[int, int]:
        return (self.mentor, self.mentee)

    def person(self, role: str) -> int:
        return self.mentor if role == Role.MENTOR.value else self.mentee


@dataclass
class _Data:
    rounds: dict[int, RoundRef]
    tandems: list[_Tandem]
    months: dict[tuple[str, str], dict[int, int]]  # (month, status) -> tandem id -> meetings
    checkins: dict[tuple[int, int], dict[str, Any]]  # (tandem, person) -> latest check-in
    topics: dict[int, list[Topic]]  # tandem id -> focus topics
    people: dict[int, dict[str, Any]]  # participant id -> role, consent, status, dates, manager
    earlier_formed: dict[int, date]  # person -> start of the first round of a formed tandem


def _round_ref(row: tuple[Any, ...]) -> RoundRef:
    return RoundRef(row[0], row[1], parse_date(row[2]), parse_date(row[3]), row[4])  # type: ignore[arg-type]


_FORMED_SQL = (
    "(t.status IN ('agreed', 'active', 'completed') OR (t.status = 'dissolved' AND "
    "(t.agreed_on IS NOT NULL OR t.started_on IS NOT NULL)))"
)
_STARTED_SQL = (
    f"({_FORMED_SQL} AND (t.status IN ('active', 'completed') OR t.started_on IS NOT NULL))"
)


def _load(db: Database, round_ids: list[int]) -> _Data:
    rounds = {
        r[0]: _round_ref(r)
        for r in db.execute(
            "SELECT id, name, start_date, end_date, meetings_planned FROM rounds"
        ).fetchall()
    }
    where, params = f"t.round_id IN ({marks(round_ids)})", list(round_ids)
    tandems = {
        row[0]: _Tandem(row[0], row[1], row[2], row[3], row[4], bool(row[5]), bool(row[6]))
        for row in db.execute(
            f"SELECT t.id, t.round_id, t.mentor_id, t.mentee_id, t.status, {_FORMED_SQL}, "
            f"{_STARTED_SQL} FROM tandems t WHERE {where} ORDER BY t.id",
            params,
        )
    }
    months: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
    for tandem_id, month, status, count, minutes in db.execute(
        "SELECT s.tandem_id, substr(s.starts_at, 1, 7), s.status, count(*), "
        f"sum(s.duration_minutes) FROM sessions s JOIN tandems t ON t.id = s.tandem_id "
        f"WHERE {where} GROUP BY 1, 2, 3",
        params,
    ):
        months[(month, status)][tandem_id] = count
        if status == "held":
            tandems[tandem_id].held += count
            tandems[tandem_id].minutes_held += minutes
    checkins: dict[tuple[int, int], dict[str, Any]] = {}
    names = ("relationship_rating", "progress_rating", "goals_reached", "would_take_part_again")
    for tandem_id, person, *values in db.execute(
        "SELECT c.tandem_id, c.participant_id, c.relationship_rating, c.progress_rating, "
        "c.goals_reached, c.would_take_part_again FROM checkins c "
        f"JOIN tandems t ON t.id = c.tandem_id WHERE {where} "
        "ORDER BY c.tandem_id, c.participant_id, c.phase = 'final', c.submitted_on, c.id",
        params,
    ):
        checkins[(tandem_id, person)] = dict(zip(names, values, strict=True))  # last one wins
    topics: dict[int, list[Topic]] = defaultdict(list)
    for tandem_id, topic_id, name, key in db.execute(
        "SELECT tt.tandem_id, tp.id, tp.name, tp.builtin_key FROM tandem_topics tt "
        f"JOIN topics tp ON tp.id = tt.topic_id JOIN tandems t ON t.id = tt.tandem_id "
        f"WHERE {where}",
        params,
    ):
        topics[tandem_id].append(Topic(topic_id, name, key))
    people = {
        row[0]: {
            "role": row[1],
            "consent": parse_date(row[2]),
            "status": row[3],
            "status_date": parse_date(row[4]),
            "manager": row[5],
            "anonymised": parse_date(row[6]),
        }
        for row in db.execute(
            "SELECT id, role, consent_date, status, status_date, manager_id, anonymised_on "
            "FROM participants"
        )
    }
    earlier: dict[int, date] = {}
    for person, first in db.execute(
        "SELECT p, min(r.start_date) FROM (SELECT t.mentor_id AS p, t.round_id FROM tandems t "
        f"WHERE {_FORMED_SQL} UNION ALL SELECT t.mentee_id, t.round_id FROM tandems t "
        f"WHERE {_FORMED_SQL}) JOIN rounds r ON r.id = round_id GROUP BY p"
    ):
        earlier[person] = parse_date(first)  # type: ignore[assignment]
    return _Data(rounds, list(tandems.values()), months, checkins, topics, people, earlier)


# --- the figures --------------------------------------------------------------------------------


def _people_of(tandems: Iterable[_Tandem]) -> set[int]:
    return {p for t in tandems for p in t.people}


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


_COUNT = object()  # "the number of pairs" as a default value


class _Builder:
    """Registers the figures of a set of rounds under one key prefix."""

    def __init__(self, sup: Suppressor, data: _Data, as_of: date) -> None:
        self.sup, self.data, self.as_of = sup, data, as_of

    # tandems -------------------------------------------------------------------------------

    def tandems(self, prefix: Key, tandems: list[_Tandem], rounds: list[RoundRef]) -> None:
        sup = self.sup

        def count(name: str, chosen: list[_Tandem]) -> Key:
            return sup.add((prefix, "tandems", name), len(chosen), _people_of(chosen))

        statuses = [
            count(str(s), [t for t in tandems if t.status == s.value]) for s in TandemStatus
        ]
        total = count("total", tandems)
        sup.line(statuses, total)
        formed = [t for t in tandems if t.formed]
        running = [t for t in formed if t.status in ("agreed", "active")]
        completed = [t for t in formed if t.status == "completed"]
        ended = [t for t in formed if t.status == "dissolved"]
        not_agreed = [t for t in tandems if t.status == "dissolved" and not t.formed]
        keys = {
            name: count(name, chosen)
            for name, chosen in (
                ("formed", formed),
                ("running", running),
                ("ended_early", ended),
                ("not_agreed", not_agreed),
                ("finished", completed + ended),
            )
        }
        completed_key = (prefix, "tandems", "completed")
        sup.line([keys["running"], completed_key, keys["ended_early"]], keys["formed"])
        sup.line([keys["ended_early"], keys["not_agreed"]], (prefix, "tandems", "dissolved"))
        sup.line([(prefix, "tandems", "agreed"), (prefix, "tandems", "active")], keys["running"])
        sup.line([completed_key, keys["ended_early"]], keys["finished"])
        sup.line([keys["formed"], (prefix, "tandems", "proposed"), keys["not_agreed"]], total)
        planned = {r.id: r.meetings_planned for r in rounds}
        finished = completed + ended
        for name, test in (
            ("min", lambda t: t.held >= MIN_MEETINGS),
            ("all", lambda t: t.held >= planned[t.round_id]),
        ):
            yes = count(f"{name}_yes", [t for t in finished if test(t)])
            no = count(f"{name}_no", [t for t in finished if not test(t)])
            sup.line([yes, no], keys["finished"])
        median = statistics.median([t.held for t in formed]) if formed else None
        sup.add((prefix, "tandems", "median"), median, _people_of(formed))

    def tandem_cells(self, prefix: Key) -> TandemFigures:
        sup = self.sup

        def cell(name: str) -> Cell:
            return sup.cell((prefix, "tandems", name))

        finished = (prefix, "tandems", "finished")
        return TandemFigures(
            total=cell("total"),
            by_status={s: cell(str(s)) for s in TandemStatus},
            formed=cell("formed"),
            running=cell("running"),
            completed=cell("completed"),
            ended_early=cell("ended_early"),
            not_agreed=cell("not_agreed"),
            finished=cell("finished"),
            with_min_meetings=sup.share((prefix, "tandems", "min_yes"), finished),
            with_all_meetings=sup.share((prefix, "tandems", "all_yes"), finished),
            median_meetings=cell("median"),
        )

    # meetings ------------------------------------------------------------------------------

    def meetings(self, prefix: Key, tandems: list[_Tandem], months: list[str] | None) -> None:
        """Meeting counts by status (and by month when `months` is given)."""
        sup = self.sup
        by_id = {t.id: t for t in tandems}
        for status in ("held", "planned", "cancelled"):
            per_month = []
            total_count, total_people = 0, set()
            for (month, st), per_tandem in self.data.months.items():
                if st != status:
                    continue
                chosen = {tid: n for tid, n in per_tandem.items() if tid in by_id}
                people = _people_of(by_id[tid] for tid in chosen)
                total_count += sum(chosen.values())
                total_people |= people
                if months is not None:
                    per_month.append(
                        sup.add((prefix, "month", month, status), sum(chosen.values()), people)
                    )
            total = sup.add((prefix, "meetings", status), total_count, total_people)
            if months is not None:
                for month in months:
                    if (prefix, "month", month, status) not in per_month:
                        per_month.append(sup.add((prefix, "month", month, status), 0, ()))
                sup.line(per_month, total)
        held_tandems = [t for t in tandems if t.minutes_held]
        minutes = sum(t.minutes_held for t in held_tandems)
        sup.add((prefix, "meetings", "hours"), round(minutes / 60, 1), _people_of(held_tandems))

    def meeting_cells(self, prefix: Key, months: list[str]) -> MeetingFigures:
        sup = self.sup
        return MeetingFigures(
            held=sup.cell((prefix, "meetings", "held")),
            planned=sup.cell((prefix, "meetings", "planned")),
            cancelled=sup.cell((prefix, "meetings", "cancelled")),
            hours_held=sup.cell((prefix, "meetings", "hours")),
            by_month=tuple(
                MonthFigures(
                    month,
                    sup.cell((prefix, "month", month, "held")),
                    sup.cell((prefix, "month", month, "planned")),
                    sup.cell((prefix, "month", month, "cancelled")),
                )
                for month in months
            ),
        )

    # check-ins -----------------------------------------------------------------------------

    def feedback(self, prefix: Key, tandems: list[_Tandem], distributions: bool) -> None:
        sup = self.sup
        started = [t for t in tandems if t.started]
        slots = {role: [(t.id, t.person(role)) for t in started] for role in TANDEM_ROLES[:2]}
        slots[ALL] = slots[Role.MENTOR.value] + slots[Role.MENTEE.value]
        checkins = self.data.checkins
        for role, chosen in slots.items():

            def add(
                name: str, pairs: list[tuple[int, int]], value: Any = _COUNT, role: str = role
            ) -> Key:
                """A figure about the people of `pairs`: their number, or `value`."""
                people = {p for _t, p in pairs}
                figure = len(pairs) if value is _COUNT else value
                return sup.add((prefix, "feedback", role, name), figure, people)

            answered = [s for s in chosen if s in checkins]
            asked = add("asked", chosen)
            responded = add("responded", answered)
            silent = add("silent", [s for s in chosen if s not in checkins])
            sup.line([responded, silent], asked)
            for rating in ("relationship", "progress"):
                rated = [s for s in answered if checkins[s][f"{rating}_rating"] is not None]
                values = [checkins[s][f"{rating}_rating"] for s in rated]
                mean = round(statistics.fmean(values), 2) if values else None
                add(f"{rating}_mean", rated, mean)
            again = [s for s in answered if checkins[s]["would_take_part_again"] is not None]
            yes = add("again_yes", [s for s in again if checkins[s]["would_take_part_again"]])
            no = add("again_no", [s for s in again if not checkins[s]["would_take_part_again"]])
            sup.line([yes, no], add("again", again))
        for name in ("asked", "responded", "silent", "again_yes", "again_no", "again"):
            sup.line(
                [(prefix, "feedback", role, name) for role in TANDEM_ROLES[:2]],
                (prefix, "feedback", ALL, name),
            )
        if not distributions:
            return
        answered = [s for s in slots[ALL] if s in checkins]
        responded = (prefix, "feedback", ALL, "responded")
        for rating in ("relationship", "progress"):
            keys = []
            for value in (*RATINGS, NO_ANSWER):
                wanted = None if value == NO_ANSWER else value
                pairs = [s for s in answered if checkins[s][f"{rating}_rating"] == wanted]
                keys.append(
                    sup.add((prefix, "dist", rating, value), len(pairs), {p for _t, p in pairs})
                )
            sup.line(keys, responded)
            sup.all_or_nothing(keys)
        keys = []
        for value in GOALS:
            wanted = None if value == NO_ANSWER else value
            pairs = [s for s in answered if checkins[s]["goals_reached"] == wanted]
            keys.append(
                sup.add((prefix, "dist", "goals", value), len(pairs), {p for _t, p in pairs})
            )
        sup.line(keys, responded)

    def feedback_cells(self, prefix: Key, role: str) -> FeedbackFigures:
        sup = self.sup

        def key(name: str) -> Key:
            return (prefix, "feedback", role, name)

        return FeedbackFigures(
            asked=sup.cell(key("asked")),
            responded=sup.cell(key("responded")),
            response_rate=sup.share(key("responded"), key("asked")),
            relationship_mean=sup.cell(key("relationship_mean")),
            progress_mean=sup.cell(key("progress_mean")),
            take_part_again=sup.share(key("again_yes"), key("again")),
        )

    def distribution_cells(self, prefix: Key) -> Distributions:
        sup = self.sup
        return Distributions(
            relationship={
                v: sup.cell((prefix, "dist", "relationship", v)) for v in (*RATINGS, NO_ANSWER)
            },
            progress={v: sup.cell((prefix, "dist", "progress", v)) for v in (*RATINGS, NO_ANSWER)},
            goals={v: sup.cell((prefix, "dist", "goals", v)) for v in GOALS},
        )

    # retention -----------------------------------------------------------------------------

    def measurable(self, rounds: list[RoundRef]) -> list[RoundRef]:
        return [r for r in rounds if _add_months(r.end_date, RETENTION_MONTHS) <= self.as_of]

    def retention(self, prefix: Key, tandems: list[_Tandem], rounds: list[RoundRef]) -> None:
        """Stayed / left per role, over the measurable rounds (a person counts per round)."""
        sup = self.sup
        measurable = self.measurable(rounds)
        groups: dict[str, list[tuple[int, int]]] = {role: [] for role in TANDEM_ROLES}
        for rnd in measurable:
            formed = [t for t in tandems if t.round_id == rnd.id and t.formed]
            for role in TANDEM_ROLES[:2]:
                groups[role] += sorted({(rnd.id, t.person(role)) for t in formed})
            groups[ALL] += sorted({(rnd.id, p) for t in formed for p in t.people})
        for role, members in groups.items():
            stayed, left = [], []
            for rnd_id, person in members:
                limit = _add_months(self.data.rounds[rnd_id].end_date, RETENTION_MONTHS)
                facts = self.data.people[person]
                gone = facts["status"] == "left" and (
                    facts["status_date"] is None or facts["status_date"] <= limit
                )
                (left if gone else stayed).append((rnd_id, person))
            keys = [
                sup.add((prefix, "retention", role, name), len(chosen), {p for _r, p in chosen})
                for name, chosen in (("stayed", stayed), ("left", left), ("people", members))
            ]
            sup.line(keys[:2], keys[2])
        mentor_side = set(groups[Role.MENTOR.value])
        if not mentor_side & set(groups[Role.MENTEE.value]):  # additive: link the roles
            for name in ("stayed", "left", "people"):
                sup.line(
                    [(prefix, "retention", role, name) for role in TANDEM_ROLES[:2]],
                    (prefix, "retention", ALL, name),
                )

    def retention_cells(self, prefix: Key, role: str) -> RetentionFigures:
        sup = self.sup

        def key(name: str) -> Key:
            return (prefix, "retention", role, name)

        return RetentionFigures(
            people=sup.cell(key("people")),
            stayed=sup.cell(key("stayed")),
            share=sup.share(key("stayed"), key("people")),
        )


def _scope(
    db: Database, year: int | None, round_id: int | None
) -> tuple[list[RoundRef], date, date]:
    """The rounds a report covers and its period."""
    rows = db.execute(
        "SELECT id, name, start_date, end_date, meetings_planned FROM rounds "
        "ORDER BY start_date, id"
    ).fetchall()
    every = [_round_ref(r) for r in rows]
    if round_id is not None:
        require_row(db, "rounds", round_id, tr("Round"))
        chosen = [r for r in every if r.id == round_id]
        return chosen, chosen[0].start_date, chosen[0].end_date
    if year is not None:
        if not isinstance(year, int) or not 1900 <= year <= 9999:
            raise ValidationError(tr("Please enter a year such as 2026."), field="year")
        chosen = [r for r in every if r.start_date.year == year]
        return chosen, date(year, 1, 1), date(year, 12, 31)
    if not every:
        today = current_day()
        return [], date(today.year, 1, 1), date(today.year, 12, 31)
    return every, every[0].start_date, max(r.end_date for r in every)


def _months_between(start: date, end: date) -> list[str]:
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


class _ReportingLines:
    """Who is above whom in the reporting line recorded today (chains cached per person)."""

    def __init__(self, people: dict[int, dict[str, Any]]) -> None:
        self.people = people
        self._above: dict[int, frozenset[int]] = {}

    def above(self, person: int) -> frozenset[int]:
        cached = self._above.get(person)
        if cached is None:
            seen: set[int] = set()
            current = self.people.get(person, {}).get("manager")
            while current is not None and current not in seen:
                seen.add(current)
                current = self.people.get(current, {}).get("manager")
            cached = self._above[person] = frozenset(seen)
        return cached

    def apart(self, a: int, b: int) -> bool:
        """True when neither is above the other."""
        return b not in self.above(a) and a not in self.above(b)


def _threshold(db: Database, threshold: int | None) -> int:
    stored = summary_threshold(db)
    if threshold is None:
        return stored
    wanted = check_threshold(threshold)
    if wanted < stored:
        raise ValidationError(
            tr(
                "The minimum group size of this file is {n}; a report cannot use a smaller one.",
                n=stored,
            ),
            field="threshold",
        )
    return wanted


def _link_rounds(sup: Suppressor, prefix: Key, rounds: list[RoundRef]) -> None:
    """The period's counts are the sums of its rounds' counts: declare those lines."""
    names = [
        ("tandems", n)
        for n in (
            *(str(s) for s in TandemStatus),
            "total", "formed", "running", "ended_early", "not_agreed", "finished",
            "min_yes", "min_no", "all_yes", "all_no",
        )
    ]  # fmt: skip
    names += [("meetings", n) for n in ("held", "planned", "cancelled")]
    for role in TANDEM_ROLES:
        names += [
            ("feedback", role, n)
            for n in ("asked", "responded", "silent", "again_yes", "again_no", "again")
        ]
        names += [("retention", role, n) for n in ("stayed", "left", "people")]
    for name in names:
        sup.line([(("round", r.id), *name) for r in rounds], (prefix, *name))


def _people(
    sup: Suppressor,
    data: _Data,
    tandems: list[_Tandem],
    rounds: list[RoundRef],
    start: date,
    end: date,
) -> None:
    """Registered, matched, waiting, new and returning people by the role they registered for."""
    in_tandems = _people_of(tandems)
    pool = set(in_tandems)
    for person, facts in data.people.items():
        consented = facts["consent"] is not None and facts["consent"] <= end
        left_before = facts["status"] == "left" and (
            facts["status_date"] is None or facts["status_date"] < start
        )
        # Erased or anonymised before the period: no longer taking part (their figures of
        # earlier periods stay as they were).
        gone_before = facts["anonymised"] is not None and facts["anonymised"] < start
        if consented and not left_before and not gone_before:
            pool.add(person)
    starts = {r.id: r.start_date for r in rounds}
    first_here: dict[int, date] = {}
    for t in tandems:
        if t.formed:
            for p in t.people:
                first_here[p] = min(first_here.get(p, starts[t.round_id]), starts[t.round_id])
    names = ("registered", "matched", "waiting", "new", "returning")
    for group in PEOPLE_GROUPS:
        members = {p for p in pool if group == ALL or data.people[p]["role"] == group}
        matched = {p for p in members if p in first_here}
        returning = {
            p
            for p in matched
            if p in data.earlier_formed and data.earlier_formed[p] < first_here[p]
        }
        chosen = (members, matched, members - matched, matched - returning, returning)
        keys = [
            sup.add(("people", group, name), len(c), c)
            for name, c in zip(names, chosen, strict=True)
        ]
        sup.line([keys[1], keys[2]], keys[0])
        sup.line([keys[3], keys[4]], keys[1])
    for name in names:
        sup.line([("people", g, name) for g in PEOPLE_GROUPS[:-1]], ("people", ALL, name))


def _people_cells(sup: Suppressor, group: str) -> PeopleFigures:
    def key(name: str) -> Key:
        return ("people", group, name)

    return PeopleFigures(
        registered=sup.cell(key("registered")),
        matched=sup.cell(key("matched")),
        waiting=sup.cell(key("waiting")),
        match_rate=sup.share(key("matched"), key("registered")),
        new=sup.cell(key("new")),
        returning=sup.cell(key("returning")),
    )


def _rules(sup: Suppressor, data: _Data, prefix: Key, tandems: list[_Tandem]) -> dict[str, Any]:
    """Outside the reporting line (tandems) and consent on record (people): the keys of each
    share, and under "kept" whether each rule held for every formed tandem (None: fewer
    people in formed tandems than the threshold, or none)."""
    formed = [t for t in tandems if t.formed]
    lines = _ReportingLines(data.people)
    ok, breach = [], []
    for t in formed:
        (ok if lines.apart(t.mentor, t.mentee) else breach).append(t)
    formed_key = (prefix, "tandems", "formed")
    ok_key = sup.add(("rules", "line_ok"), len(ok), _people_of(ok))
    sup.line(
        [ok_key, sup.add(("rules", "line_breach"), len(breach), _people_of(breach))], formed_key
    )
    people = _people_of(formed)
    with_consent = {p for p in people if data.people[p]["consent"] is not None}
    without = people - with_consent
    consent_key = sup.add(("rules", "consent"), len(with_consent), with_consent)
    everyone = sup.add(("rules", "people"), len(people), people)
    sup.line([consent_key, sup.add(("rules", "no_consent"), len(without), without)], everyone)
    # "Every" or "not every" is a fact about all the people in formed tandems: said only when
    # they are at least the threshold, never about a small group (then None, like no data).
    kept = (not breach, not without) if len(people) >= sup.threshold else (None, None)
    return {"line": (ok_key, formed_key), "consent": (consent_key, everyone), "kept": kept}


def _topics(sup: Suppressor, data: _Data, tandems: list[_Tandem]) -> list[tuple[Topic, Key]]:
    """Focus topics of the formed tandems, most chosen first."""
    by_topic: dict[int, list[_Tandem]] = defaultdict(list)
    topics: dict[int, Topic] = {}
    for t in tandems:
        if t.formed:
            for topic in data.topics.get(t.id, []):
                by_topic[topic.id].append(t)
                topics[topic.id] = topic
    order = sorted(by_topic, key=lambda i: (-len(by_topic[i]), topics[i].name.casefold()))
    return [
        (topics[i], sup.add(("topic", i), len(by_topic[i]), _people_of(by_topic[i]))) for i in order
    ]


def _trend_row(build: _Builder, rnd: RoundRef) -> TrendRow:
    sup, key = build.sup, ("round", rnd.id)
    return TrendRow(
        round=rnd,
        formed=sup.cell((key, "tandems", "formed")),
        completed=sup.cell((key, "tandems", "completed")),
        ended_early=sup.cell((key, "tandems", "ended_early")),
        meetings_held=sup.cell((key, "meetings", "held")),
        with_min_meetings=sup.share((key, "tandems", "min_yes"), (key, "tandems", "finished")),
        relationship_mean=sup.cell((key, "feedback", ALL, "relationship_mean")),
        response_rate=sup.share(
            (key, "feedback", ALL, "responded"), (key, "feedback", ALL, "asked")
        ),
        retention=sup.share((key, "retention", ALL, "stayed"), (key, "retention", ALL, "people")),
    )


def _appendix(db: Database, rounds: list[RoundRef]) -> tuple[NamedTandem, ...]:
    """Who formed a tandem with whom, by round and mentee name; names exactly as typed."""
    if not rounds:
        return ()
    ids = [r.id for r in rounds]
    rows = db.execute(
        "SELECT r.name, mr.first_name || ' ' || mr.last_name, "
        "me.first_name || ' ' || me.last_name, t.status, t.started_on, "
        "coalesce(t.completed_on, t.dissolved_on) FROM tandems t "
        "JOIN rounds r ON r.id = t.round_id JOIN participants mr ON mr.id = t.mentor_id "
        f"JOIN participants me ON me.id = t.mentee_id WHERE t.round_id IN ({marks(ids)}) "
        "ORDER BY r.start_date, r.id, me.last_name, me.first_name, t.id",
        ids,
    ).fetchall()
    return tuple(
        NamedTandem(name, mentor, mentee, TandemStatus(status), parse_date(start), parse_date(end))
        for name, mentor, mentee, status, start, end in rows
    )


def programme_summary(
    db: Database,
    *,
    year: int | None = None,
    round_id: int | None = None,
    threshold: int | None = None,
    names: bool = False,
    today: date | None = None,
) -> ProgrammeSummary:
    """The summary of a calendar year (the rounds that started in it), of one round (which
    wins over `year`), or of every round when neither is given.

    `threshold` defaults to the file's `summary_threshold` setting; a smaller one, or one
    below 5, is refused (ValidationError). `names=True` adds the named appendix.
    `today` is the date the figures are as of (retention needs 12 months after a round)."""
    as_of = today or current_day()
    limit = _threshold(db, threshold)
    scope_rounds, period_start, period_end = _scope(db, year, round_id)
    scope_ids = {r.id for r in scope_rounds}
    last_start = max((r.start_date for r in scope_rounds), default=None)
    earlier = [r for r in _scope(db, None, None)[0] if last_start and r.start_date <= last_start]
    trend_ids = {r.id for r in earlier[-TREND_ROUNDS:]} | scope_ids
    trend_rounds = [r for r in earlier if r.id in trend_ids]
    data = _load(db, sorted(trend_ids))
    scope_tandems = [t for t in data.tandems if t.round_id in scope_ids]
    scope_tandem_ids = {t.id for t in scope_tandems}
    months = sorted(
        set(_months_between(period_start, period_end))
        | {m for (m, _s), per in data.months.items() if not scope_tandem_ids.isdisjoint(per)}
    )

    sup = Suppressor(limit)
    build = _Builder(sup, data, as_of)
    single = len(scope_rounds) == 1
    prefix: Key = ("round", scope_rounds[0].id) if single else ("scope",)
    for rnd in trend_rounds:  # every round compared, with the same definitions
        key = ("round", rnd.id)
        chosen = [t for t in data.tandems if t.round_id == rnd.id]
        build.tandems(key, chosen, [rnd])
        build.meetings(key, chosen, months if key == prefix else None)
        build.feedback(key, chosen, distributions=key == prefix)
        build.retention(key, chosen, [rnd])
    if not single:
        build.tandems(prefix, scope_tandems, scope_rounds)
        build.meetings(prefix, scope_tandems, months)
        build.feedback(prefix, scope_tandems, distributions=True)
        build.retention(prefix, scope_tandems, scope_rounds)
        _link_rounds(sup, prefix, scope_rounds)
    _people(sup, data, scope_tandems, scope_rounds, period_start, period_end)
    rules = _rules(sup, data, prefix, scope_tandems)
    topics = [TopicFigure(topic, sup.cell(k)) for topic, k in _topics(sup, data, scope_tandems)]
    listed = [t for t in topics if t.tandems.shown][:TOP_TOPICS]
    return ProgrammeSummary(
        year=year if round_id is None else None,
        round_id=round_id,
        rounds=tuple(scope_rounds),
        period_start=period_start,
        period_end=period_end,
        as_of=as_of,
        threshold=limit,
        people={group: _people_cells(sup, group) for group in PEOPLE_GROUPS},
        tandems=build.tandem_cells(prefix),
        meetings=build.meeting_cells(prefix, months),
        feedback={role: build.feedback_cells(prefix, role) for role in TANDEM_ROLES},
        distributions=build.distribution_cells(prefix),
        retention={role: build.retention_cells(prefix, role) for role in TANDEM_ROLES},
        retention_rounds=tuple(build.measurable(scope_rounds)),
        rules=RulesFigures(
            outside_reporting_line=sup.share(*rules["line"]),
            consent_on_record=sup.share(*rules["consent"]),
            voluntary_exits=sup.cell((prefix, "tandems", "ended_early")),
            line_kept=rules["kept"][0],
            consent_kept=rules["kept"][1],
        ),
        topics=tuple(listed),
        topics_not_listed=len(topics) - len(listed),
        trend=tuple(_trend_row(build, r) for r in trend_rounds),
        any_suppressed=sup.any_hidden,
        appendix=_appendix(db, scope_rounds) if names else None,
    )


def report_years(db: Database) -> list[int]:
    """The calendar years a summary can cover (those in which a round started), newest
    first; the same rule as `programme_summary(year=...)`."""
    rows = db.execute("SELECT DISTINCT start_date FROM rounds").fetchall()
    return sorted({day.year for (value,) in rows if (day := parse_date(value))}, reverse=True)
