"""The programme summary: every figure checked against a second, independent computation in
plain SQL over the same file; small-group suppression (primary and complementary); the
threshold setting; no names unless the appendix is asked for."""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from app import i18n
from app.db import create_database, open_database
from app.demo import generate_demo
from app.errors import ValidationError
from app.model import (
    CheckinPhase,
    GoalsReached,
    ParticipantStatus,
    Role,
    SessionStatus,
    TandemStatus,
)
from app.services import checkins, participants
from app.services.report_settings import set_summary_threshold, summary_threshold
from app.services.summary import ALL, Cell, ProgrammeSummary, definitions, programme_summary
from app.services.suppression import Suppressor
from tests.helpers_reports import Plan, new_round, person, tandem

DEMO_DAY = date(2026, 6, 15)
LATER = date(2027, 6, 15)  # twelve months after the demo's first round ended
THRESHOLD = 5


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo company of 2,000 people (70 tandems in two rounds), fixed seed and day."""
    path = tmp_path_factory.mktemp("demo") / "demo.tandem"
    database = create_database(path)
    generate_demo(database, participants=2000, seed=3, today=DEMO_DAY)
    database.close()
    return path


@pytest.fixture
def demo(demo_path: Path) -> Iterator[Database]:
    database = open_database(demo_path)
    yield database
    database.close()


# --- the second computation: plain SQL --------------------------------------------------------

FORMED = (
    "(t.status IN ('agreed','active','completed') OR (t.status = 'dissolved' "
    "AND (t.agreed_on IS NOT NULL OR t.started_on IS NOT NULL)))"
)
STARTED = f"({FORMED} AND (t.status IN ('active','completed') OR t.started_on IS NOT NULL))"


class Check:
    """Compares cells with values computed in the test; counts what was shown and hidden."""

    def __init__(self) -> None:
        self.shown = 0
        self.hidden = 0

    def __call__(self, cell: Cell, expected: Any, people: int) -> None:
        """`people`: how many people the figure is about (from SQL)."""
        if 0 < people < THRESHOLD:
            assert cell.suppressed, f"a figure about {people} people is shown: {cell}"
        if cell.small_group:  # printed "fewer than 5": it must be true
            assert 0 < people < THRESHOLD, f"{cell} is about {people} people"
        if cell.suppressed:
            assert cell.value is None
            self.hidden += 1
            return
        self.shown += 1
        if isinstance(expected, float):
            assert cell.value == pytest.approx(expected, abs=0.006), cell
        else:
            assert cell.value == expected, cell


def ids_sql(round_ids: list[int]) -> str:
    return ",".join(str(int(i)) for i in round_ids)


def tandem_count(db: Database, rounds: str, where: str) -> tuple[int, int]:
    """(tandems, distinct people) of the tandems of `rounds` matching `where`."""
    n = db.execute(
        f"SELECT count(*) FROM tandems t WHERE t.round_id IN ({rounds}) AND {where}"
    ).fetchone()[0]
    people = db.execute(
        f"SELECT count(*) FROM (SELECT mentor_id FROM tandems t WHERE t.round_id IN ({rounds}) "
        f"AND {where} UNION SELECT mentee_id FROM tandems t WHERE t.round_id IN ({rounds}) AND {where})"
    ).fetchone()[0]
    return n, people


def held_per_tandem(db: Database, rounds: str, where: str) -> list[tuple[int, int, int]]:
    """(held meetings, meetings the round planned, tandem id) of the matching tandems."""
    return db.execute(
        "SELECT (SELECT count(*) FROM sessions s WHERE s.tandem_id = t.id AND s.status = 'held'), "
        f"r.meetings_planned, t.id FROM tandems t JOIN rounds r ON r.id = t.round_id "
        f"WHERE t.round_id IN ({rounds}) AND {where}"
    ).fetchall()


def people_in(db: Database, sql: str) -> int:
    return db.execute(f"SELECT count(DISTINCT p) FROM ({sql})").fetchone()[0]


def check_tandems(check: Check, db: Database, s: ProgrammeSummary, round_ids: list[int]) -> None:
    rounds = ids_sql(round_ids)
    for status in TandemStatus:
        check(s.tandems.by_status[status], *tandem_count(db, rounds, f"t.status = '{status}'"))
    check(s.tandems.total, *tandem_count(db, rounds, "1"))
    check(s.tandems.formed, *tandem_count(db, rounds, FORMED))
    check(s.tandems.completed, *tandem_count(db, rounds, "t.status = 'completed'"))
    check(s.tandems.ended_early, *tandem_count(db, rounds, f"t.status = 'dissolved' AND {FORMED}"))
    check(s.tandems.running, *tandem_count(db, rounds, "t.status IN ('agreed','active')"))
    check(
        s.tandems.not_agreed, *tandem_count(db, rounds, f"t.status = 'dissolved' AND NOT {FORMED}")
    )
    finished = f"{FORMED} AND t.status IN ('completed','dissolved')"
    check(s.tandems.finished, *tandem_count(db, rounds, finished))
    rows = held_per_tandem(db, rounds, finished)
    if rows:
        n3 = sum(held >= 3 for held, _p, _t in rows)
        n_all = sum(held >= planned for held, planned, _t in rows)
        _, people3 = tandem_count(
            db,
            rounds,
            f"{finished} AND t.id IN ({','.join(str(t) for h, _p, t in rows if h >= 3) or 0})",
        )
        _, people_not3 = tandem_count(
            db,
            rounds,
            f"{finished} AND t.id IN ({','.join(str(t) for h, _p, t in rows if h < 3) or 0})",
        )
        share = s.tandems.with_min_meetings
        if 0 < people3 < THRESHOLD or 0 < people_not3 < THRESHOLD:
            assert share.suppressed
        check(share, n3 / len(rows), tandem_count(db, rounds, finished)[1])
        check(s.tandems.with_all_meetings, n_all / len(rows), tandem_count(db, rounds, finished)[1])
    formed = held_per_tandem(db, rounds, FORMED)
    if formed:
        median = statistics.median(h for h, _p, _t in formed)
        check(s.tandems.median_meetings, median, tandem_count(db, rounds, FORMED)[1])


def check_meetings(check: Check, db: Database, s: ProgrammeSummary, round_ids: list[int]) -> None:
    rounds = ids_sql(round_ids)
    base = f"FROM sessions s JOIN tandems t ON t.id = s.tandem_id WHERE t.round_id IN ({rounds})"
    for status in ("held", "planned", "cancelled"):
        n = db.execute(f"SELECT count(*) {base} AND s.status = '{status}'").fetchone()[0]
        people = people_in(
            db,
            f"SELECT t.mentor_id AS p {base} AND s.status = '{status}' "
            f"UNION SELECT t.mentee_id {base} AND s.status = '{status}'",
        )
        check(getattr(s.meetings, status), n, people)
        for month in s.meetings.by_month:
            where = f"AND s.status = '{status}' AND substr(s.starts_at, 1, 7) = '{month.month}'"
            n = db.execute(f"SELECT count(*) {base} {where}").fetchone()[0]
            people = people_in(
                db,
                f"SELECT t.mentor_id AS p {base} {where} UNION SELECT t.mentee_id {base} {where}",
            )
            check(getattr(month, status), n, people)
    minutes = db.execute(
        f"SELECT coalesce(sum(s.duration_minutes), 0) {base} AND s.status = 'held'"
    ).fetchone()[0]
    people = people_in(
        db,
        f"SELECT t.mentor_id AS p {base} AND s.status = 'held' UNION SELECT t.mentee_id {base} AND s.status = 'held'",
    )
    check(s.meetings.hours_held, round(minutes / 60, 1), people)
    months_with_meetings = {
        r[0] for r in db.execute(f"SELECT DISTINCT substr(s.starts_at, 1, 7) {base}")
    }
    assert months_with_meetings <= {m.month for m in s.meetings.by_month}


LATEST = (
    "SELECT * FROM (SELECT c.*, t.mentor_id, t.mentee_id, ROW_NUMBER() OVER (PARTITION BY "
    "c.tandem_id, c.participant_id ORDER BY c.phase = 'final' DESC, c.submitted_on DESC, c.id DESC) "
    "AS rn FROM checkins c JOIN tandems t ON t.id = c.tandem_id WHERE t.round_id IN ({rounds}) "
    "AND {started}) WHERE rn = 1"
)


def check_feedback(check: Check, db: Database, s: ProgrammeSummary, round_ids: list[int]) -> None:
    rounds = ids_sql(round_ids)
    latest = LATEST.format(rounds=rounds, started=STARTED)
    sides = {
        Role.MENTOR.value: ("mentor_id",),
        Role.MENTEE.value: ("mentee_id",),
        ALL: ("mentor_id", "mentee_id"),
    }
    for role, columns in sides.items():
        asked_sql = " UNION ALL ".join(
            f"SELECT t.id AS tid, t.{c} AS p FROM tandems t WHERE t.round_id IN ({rounds}) AND {STARTED}"
            for c in columns
        )
        asked = db.execute(f"SELECT count(*), count(DISTINCT p) FROM ({asked_sql})").fetchone()
        mine = " OR ".join(f"participant_id = {c}" for c in columns)
        answered = db.execute(
            f"SELECT count(*), count(DISTINCT participant_id) FROM ({latest}) WHERE {mine}"
        ).fetchone()
        silent_people = people_in(
            db,
            f"SELECT p FROM ({asked_sql}) a WHERE NOT EXISTS (SELECT 1 FROM checkins c "
            "WHERE c.tandem_id = a.tid AND c.participant_id = a.p)",
        )
        figures = s.feedback[role]
        check(figures.asked, asked[0], asked[1])
        check(figures.responded, answered[0], answered[1])
        if 0 < silent_people < THRESHOLD:
            assert figures.response_rate.suppressed
        check(figures.response_rate, answered[0] / asked[0] if asked[0] else None, asked[1])
        for rating in ("relationship", "progress"):
            mean, n = db.execute(
                f"SELECT avg({rating}_rating), count(DISTINCT participant_id) FROM ({latest}) "
                f"WHERE ({mine}) AND {rating}_rating IS NOT NULL"
            ).fetchone()
            check(
                getattr(figures, f"{rating}_mean"), round(mean, 2) if mean is not None else None, n
            )
        yes, answered_again, n = db.execute(
            "SELECT sum(would_take_part_again), count(would_take_part_again), "
            f"count(DISTINCT participant_id) FROM ({latest}) WHERE ({mine}) AND would_take_part_again IS NOT NULL"
        ).fetchone()
        check(figures.take_part_again, yes / answered_again if answered_again else None, n)
    for rating in ("relationship", "progress"):
        for value, cell in getattr(s.distributions, rating).items():
            condition = (
                f"{rating}_rating IS NULL" if value == "none" else f"{rating}_rating = {value}"
            )
            n, people = db.execute(
                f"SELECT count(*), count(DISTINCT participant_id) FROM ({latest}) WHERE {condition}"
            ).fetchone()
            check(cell, n, people)
    for value, cell in s.distributions.goals.items():
        condition = "goals_reached IS NULL" if value == "none" else f"goals_reached = '{value}'"
        n, people = db.execute(
            f"SELECT count(*), count(DISTINCT participant_id) FROM ({latest}) WHERE {condition}"
        ).fetchone()
        check(cell, n, people)


def check_people(check: Check, db: Database, s: ProgrammeSummary, round_ids: list[int]) -> None:
    rounds = ids_sql(round_ids)
    start, end = s.period_start.isoformat(), s.period_end.isoformat()
    in_tandems = f"SELECT mentor_id FROM tandems WHERE round_id IN ({rounds}) UNION SELECT mentee_id FROM tandems WHERE round_id IN ({rounds})"
    pool = (
        "SELECT id AS p, role FROM participants WHERE (consent_date IS NOT NULL AND consent_date <= "
        f"'{end}' AND NOT (status = 'left' AND (status_date IS NULL OR status_date < '{start}'))) OR id IN ({in_tandems})"
    )
    matched_first = (
        f"SELECT p, min(r.start_date) AS first FROM (SELECT t.mentor_id AS p, t.round_id FROM tandems t WHERE t.round_id IN ({rounds}) AND {FORMED} "
        f"UNION ALL SELECT t.mentee_id, t.round_id FROM tandems t WHERE t.round_id IN ({rounds}) AND {FORMED}) JOIN rounds r ON r.id = round_id GROUP BY p"
    )
    ever_first = (
        f"SELECT p, min(r.start_date) AS first FROM (SELECT t.mentor_id AS p, t.round_id FROM tandems t WHERE {FORMED} "
        f"UNION ALL SELECT t.mentee_id, t.round_id FROM tandems t WHERE {FORMED}) JOIN rounds r ON r.id = round_id GROUP BY p"
    )
    for group in ("mentor", "mentee", "both", ALL):
        role = "1" if group == ALL else f"role = '{group}'"
        registered = db.execute(f"SELECT count(*) FROM ({pool}) WHERE {role}").fetchone()[0]
        matched = db.execute(
            f"SELECT count(*) FROM ({pool}) JOIN ({matched_first}) USING (p) WHERE {role}"
        ).fetchone()[0]
        returning = db.execute(
            f"SELECT count(*) FROM ({pool}) JOIN ({matched_first}) m USING (p) JOIN ({ever_first}) e USING (p) "
            f"WHERE {role} AND e.first < m.first"
        ).fetchone()[0]
        figures = s.people[group]
        check(figures.registered, registered, registered)
        check(figures.matched, matched, matched)
        check(figures.waiting, registered - matched, registered - matched)
        check(figures.returning, returning, returning)
        check(figures.new, matched - returning, matched - returning)
        if figures.match_rate.shown:
            assert figures.match_rate.value == pytest.approx(matched / registered)


def check_rules(check: Check, db: Database, s: ProgrammeSummary, round_ids: list[int]) -> None:
    rounds = ids_sql(round_ids)
    chain = (
        "WITH RECURSIVE up(start, boss) AS (SELECT id, manager_id FROM participants WHERE manager_id IS NOT NULL "
        "UNION SELECT up.start, p.manager_id FROM up JOIN participants p ON p.id = up.boss WHERE p.manager_id IS NOT NULL) "
    )
    breach = (
        "EXISTS (SELECT 1 FROM up WHERE (up.start = t.mentor_id AND up.boss = t.mentee_id) "
        "OR (up.start = t.mentee_id AND up.boss = t.mentor_id))"
    )
    formed, people = tandem_count(db, rounds, FORMED)
    broken = db.execute(
        f"{chain} SELECT count(*) FROM tandems t WHERE t.round_id IN ({rounds}) AND {FORMED} AND {breach}"
    ).fetchone()[0]
    broken_people = db.execute(
        f"{chain} SELECT count(*) FROM (SELECT mentor_id FROM tandems t WHERE t.round_id IN ({rounds}) AND {FORMED} AND {breach} "
        f"UNION SELECT mentee_id FROM tandems t WHERE t.round_id IN ({rounds}) AND {FORMED} AND {breach})"
    ).fetchone()[0]
    if 0 < broken_people < THRESHOLD:
        assert s.rules.outside_reporting_line.suppressed
    check(s.rules.outside_reporting_line, (formed - broken) / formed if formed else None, people)
    no_consent = db.execute(
        f"SELECT count(*) FROM participants WHERE consent_date IS NULL AND id IN (SELECT mentor_id FROM tandems t "
        f"WHERE t.round_id IN ({rounds}) AND {FORMED} UNION SELECT mentee_id FROM tandems t WHERE t.round_id IN ({rounds}) AND {FORMED})"
    ).fetchone()[0]
    if 0 < no_consent < THRESHOLD:
        assert s.rules.consent_on_record.suppressed
    check(s.rules.consent_on_record, (people - no_consent) / people if people else None, people)
    check(
        s.rules.voluntary_exits, *tandem_count(db, rounds, f"t.status = 'dissolved' AND {FORMED}")
    )


def check_topics(check: Check, db: Database, s: ProgrammeSummary, round_ids: list[int]) -> None:
    rounds = ids_sql(round_ids)
    rows = db.execute(
        f"SELECT tt.topic_id, count(*) FROM tandem_topics tt JOIN tandems t ON t.id = tt.tandem_id "
        f"WHERE t.round_id IN ({rounds}) AND {FORMED} GROUP BY tt.topic_id ORDER BY count(*) DESC"
    ).fetchall()
    counts = dict(rows)
    for figure in s.topics:
        where = f"{FORMED} AND t.id IN (SELECT tandem_id FROM tandem_topics WHERE topic_id = {figure.topic.id})"
        check(figure.tandems, *tandem_count(db, rounds, where))
    listed = [f.tandems.value for f in s.topics]
    assert listed == sorted(listed, reverse=True)  # most chosen first
    assert len(s.topics) + s.topics_not_listed == len(counts)


def check_retention(check: Check, db: Database, s: ProgrammeSummary, round_ids: list[int]) -> None:
    rounds = ids_sql(round_ids)
    members = (
        f"SELECT DISTINCT t.round_id AS rid, t.{{col}} AS p, date(r.end_date, '+12 months') AS lim FROM tandems t "
        f"JOIN rounds r ON r.id = t.round_id WHERE t.round_id IN ({rounds}) AND {FORMED} "
        f"AND date(r.end_date, '+12 months') <= '{s.as_of.isoformat()}'"
    )
    sides = {
        Role.MENTOR.value: ["mentor_id"],
        Role.MENTEE.value: ["mentee_id"],
        ALL: ["mentor_id", "mentee_id"],
    }
    for role, cols in sides.items():
        union = " UNION ".join(members.format(col=c) for c in cols)
        gone = "p.status = 'left' AND (p.status_date IS NULL OR p.status_date <= m.lim)"
        total, people, left, left_people = db.execute(
            f"SELECT count(*), count(DISTINCT m.p), coalesce(sum({gone}), 0), count(DISTINCT CASE WHEN {gone} THEN m.p END) "
            f"FROM ({union}) m JOIN participants p ON p.id = m.p"
        ).fetchone()
        figures = s.retention[role]
        check(figures.people, total, people)
        if 0 < left_people < THRESHOLD:
            assert figures.share.suppressed
        check(figures.share, (total - left) / total if total else None, people)


def check_all(db: Database, s: ProgrammeSummary, round_ids: list[int]) -> Check:
    check = Check()
    for part in (
        check_tandems,
        check_meetings,
        check_feedback,
        check_people,
        check_rules,
        check_topics,
        check_retention,
    ):
        part(check, db, s, round_ids)
    return check


def round_ids(db: Database, year: int | None = None) -> list[int]:
    sql = "SELECT id FROM rounds" + (f" WHERE substr(start_date, 1, 4) = '{year}'" if year else "")
    return [r[0] for r in db.execute(sql + " ORDER BY start_date")]


# --- the figures ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scope", "as_of"),
    [
        ({"year": 2025}, DEMO_DAY),
        ({"year": 2025}, LATER),
        ({"year": 2026}, DEMO_DAY),
        ({"round_id": 2}, DEMO_DAY),
        ({}, LATER),
    ],
)
def test_every_figure_matches_a_second_computation_in_sql(
    demo: Database, scope: dict[str, int], as_of: date
) -> None:
    s = programme_summary(demo, today=as_of, **scope)
    ids = [scope["round_id"]] if "round_id" in scope else round_ids(demo, scope.get("year"))
    assert [r.id for r in s.rounds] == ids
    check = check_all(demo, s, ids)
    assert check.shown >= 60, "the demo is large enough for most figures to be shown"
    assert check.hidden >= 1, "the demo has small groups (ended early, cancellations)"
    # The comparison repeats each round's figures with the same definitions.
    for row in s.trend:
        single = programme_summary(demo, round_id=row.round.id, today=as_of)
        assert row.formed == single.tandems.formed
        assert row.completed == single.tandems.completed
        assert row.meetings_held == single.meetings.held
        assert row.response_rate == single.feedback[ALL].response_rate
        assert row.relationship_mean == single.feedback[ALL].relationship_mean


def test_key_figures_of_the_demo_are_shown(demo: Database) -> None:
    s = programme_summary(demo, year=2025, today=LATER)
    shown = [
        s.tandems.formed, s.tandems.completed, s.meetings.held, s.meetings.hours_held,
        s.feedback[ALL].response_rate, s.feedback[ALL].relationship_mean,
        s.tandems.with_min_meetings, s.rules.outside_reporting_line, s.people[ALL].registered,
    ]  # fmt: skip
    assert all(c.shown for c in shown), shown
    assert s.rules.outside_reporting_line.value == 1.0  # the demo keeps every rule
    assert s.retention_rounds and s.retention_rounds[0].id == 1
    assert len(s.topics) >= 5


def test_retention_waits_twelve_months_after_the_round(demo: Database) -> None:
    s = programme_summary(demo, year=2025, today=DEMO_DAY)
    assert s.retention_rounds == ()
    assert s.retention[ALL].share == Cell(None, False)  # no data yet, nothing hidden
    assert s.trend[0].retention == Cell(None, False)


def test_an_empty_file_has_a_summary_of_zeros(db: Database) -> None:
    s = programme_summary(db, year=2026, today=DEMO_DAY)
    assert s.rounds == () and s.trend == ()
    assert s.tandems.formed == Cell(0) and s.meetings.held == Cell(0)
    assert s.feedback[ALL].response_rate == Cell(None) and not s.any_suppressed


def test_a_year_covers_the_rounds_that_started_in_it(db: Database) -> None:
    new_round(db, "Winter", date(2025, 11, 3), date(2026, 4, 30))
    spring = new_round(db, "Spring", date(2026, 3, 2), date(2026, 9, 30))
    s = programme_summary(db, year=2026, today=date(2026, 5, 1))
    assert [r.id for r in s.rounds] == [spring]
    assert (s.period_start, s.period_end) == (date(2026, 1, 1), date(2026, 12, 31))
    assert [row.round.name for row in s.trend] == ["Winter", "Spring"]
    with pytest.raises(ValidationError):
        programme_summary(db, year=26000)


# --- a small hand-made file: suppression ---------------------------------------------------------


@pytest.fixture
def small(db: Database) -> dict[str, Any]:
    """Seven tandems in 2026: five completed with six meetings, two ended early after three
    meetings (4 people);
    one mentor of 2026 had a tandem in 2025 too; one mentee left the company."""
    past = new_round(db, "Round 2025", date(2025, 1, 6), date(2025, 6, 30))
    now = new_round(db, "Round 2026", date(2026, 1, 5), date(2026, 6, 30))
    ids: dict[str, Any] = {"past": past, "now": now, "tandems": [], "people": []}
    six = [(SessionStatus.HELD, datetime(2026, m, 10, 10)) for m in range(1, 7)]
    three = six[:3]
    returning = person(db, "Rita", "Return", Role.MENTOR)
    first_mentee = person(db, "Paul", "Past", Role.MENTEE)
    tandem(db, past, returning, first_mentee, Plan(TandemStatus.COMPLETED), date(2025, 1, 2))
    for n in range(7):
        mentor = (
            returning
            if n == 0
            else person(db, f"Mia{n}", f"Mentor{n}", Role.MENTOR, department=f"D{n}")
        )
        mentee = person(db, f"Max{n}", f"Mentee{n}", Role.MENTEE, department=f"E{n}")
        status = TandemStatus.COMPLETED if n < 5 else TandemStatus.DISSOLVED
        plan = Plan(status, six if n < 5 else three, ("AI tools",))
        t = tandem(db, now, mentor, mentee, plan, date(2026, 1, 2))
        ids["tandems"].append(t)
        ids["people"] += [mentor, mentee]
        for who, rating in ((mentor, 4), (mentee, 5)):
            checkins.record_checkin(
                db, t, who, CheckinPhase.FINAL, relationship_rating=rating, progress_rating=4,
                goals_reached=GoalsReached.YES, would_take_part_again=True, on=date(2026, 6, 20),
            )  # fmt: skip
    leaver = participants.get_participant(db, ids["people"][1])
    gone = replace(leaver.as_input(), status=ParticipantStatus.LEFT, status_date=date(2026, 9, 1))
    participants.update_participant(db, leaver.id, gone)
    return ids


def test_a_group_of_four_is_hidden_and_so_is_its_complement(
    db: Database, small: dict[str, Any]
) -> None:
    s = programme_summary(db, round_id=small["now"], today=date(2027, 8, 1))
    assert s.tandems.formed == Cell(7)  # 14 people
    assert s.tandems.ended_early == Cell(None, True, small_group=True)  # 2 tandems, 4 people
    assert s.tandems.by_status[TandemStatus.DISSOLVED].suppressed
    # The next-smallest figure of the same total goes too, or 7 - 5 would give it away.
    assert s.tandems.completed == Cell(None, True, small_group=False)  # printed "–"
    assert s.tandems.by_status[TandemStatus.COMPLETED].suppressed
    assert s.tandems.by_status[TandemStatus.ACTIVE] == Cell(0)  # a zero reveals no one
    assert s.rules.voluntary_exits.suppressed
    assert s.tandems.with_min_meetings == Cell(1.0)  # all 7 held at least 3
    assert s.tandems.with_all_meetings.suppressed  # 5 of 7 held all 6; the other 2 are 4 people
    assert s.any_suppressed
    # One mentee left within 12 months: a group of one, its complement hidden with it.
    assert s.retention[Role.MENTEE.value].share.suppressed
    assert s.retention[Role.MENTEE.value].people == Cell(7)
    # Returning: Rita alone (hidden); the "new" mentors are its complement.
    assert s.people[Role.MENTOR.value].returning.suppressed
    assert s.people[Role.MENTOR.value].new.suppressed
    check_all(db, s, [small["now"]])


def test_the_median_counts_formed_tandems_only(db: Database) -> None:
    r = new_round(db, "Round", date(2026, 1, 5), date(2026, 6, 30))
    for n, held in enumerate((4, 5, 6, 0, 0, 0)):
        meetings = [(SessionStatus.HELD, datetime(2026, 1 + k, 12, 10)) for k in range(held)]
        status = TandemStatus.ACTIVE if n < 3 else TandemStatus.PROPOSED
        mentor = person(db, f"A{n}", "Mentor", Role.MENTOR, department=f"D{n}")
        mentee = person(db, f"B{n}", "Mentee", Role.MENTEE, department=f"E{n}")
        tandem(db, r, mentor, mentee, Plan(status, meetings), date(2026, 1, 2))
    s = programme_summary(db, round_id=r, today=date(2026, 7, 1))
    assert s.tandems.median_meetings == Cell(5)
    assert s.tandems.formed == Cell(3) and s.tandems.by_status[TandemStatus.PROPOSED] == Cell(3)
    check_all(db, s, [r])


def test_a_raised_threshold_hides_groups_of_five_too(db: Database, small: dict[str, Any]) -> None:
    set_summary_threshold(db, 12)
    assert summary_threshold(db) == 12
    s = programme_summary(db, round_id=small["now"], today=date(2027, 8, 1))
    assert s.threshold == 12
    assert s.tandems.formed == Cell(7)  # 14 people
    assert s.feedback[Role.MENTOR.value].responded.suppressed  # 7 people
    with pytest.raises(ValidationError):
        programme_summary(db, round_id=small["now"], threshold=5)  # below the file's setting
    assert programme_summary(db, round_id=small["now"], threshold=14).threshold == 14


@pytest.mark.parametrize("value", [4, 0, -5, "4", "fünf", None, 4.5, True, 101])
def test_the_threshold_is_refused_below_five(db: Database, value: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        set_summary_threshold(db, value)
    assert refused.value.field == "threshold"
    assert summary_threshold(db) == 5
    if isinstance(value, int) and not isinstance(value, bool):
        with pytest.raises(ValidationError):
            programme_summary(db, threshold=value)


def test_the_refusal_and_the_definitions_are_translated(db: Database) -> None:
    i18n.set_language("de")
    with pytest.raises(ValidationError) as refused:
        set_summary_threshold(db, 3)
    assert "weniger als 5 Personen" in refused.value.message
    box = definitions(7)
    assert any("weniger als 7" in line for line in box)
    assert any("mindestens 3 Treffen" in line for line in box)


def test_a_hand_edited_threshold_below_five_still_counts_as_five(db: Database) -> None:
    db.execute("INSERT INTO settings (key, value) VALUES ('summary_threshold', '2')")
    assert summary_threshold(db) == 5


def test_the_anonymous_summary_holds_no_names_the_appendix_holds_them_as_typed(
    db: Database, small: dict[str, Any]
) -> None:
    odd_mentor = person(db, "Anna & <b>Lee</b>", "Łukasz Dvořák-Şahin", Role.MENTOR, department="X")
    odd_mentee = person(db, "Nguyễn Thị", "Ánh", Role.MENTEE, department="Y")
    tandem(db, small["now"], odd_mentor, odd_mentee, Plan(TandemStatus.ACTIVE), date(2026, 1, 2))
    anonymous = programme_summary(db, round_id=small["now"])
    text = repr(anonymous)
    for first, last in db.execute("SELECT first_name, last_name FROM participants"):
        assert first not in text and last not in text
    assert anonymous.appendix is None and anonymous.is_anonymous
    named = programme_summary(db, round_id=small["now"], names=True)
    assert named.appendix is not None and len(named.appendix) == 8
    assert ("Anna & <b>Lee</b> Łukasz Dvořák-Şahin", "Nguyễn Thị Ánh") in {
        (line.mentor_name, line.mentee_name) for line in named.appendix
    }
    assert all("rating" not in name for name in named.appendix[0].__dataclass_fields__)


# --- the suppression rule itself ------------------------------------------------------------------


def test_complementary_suppression_spreads_across_rows_and_columns() -> None:
    sup = Suppressor(5)
    # Rows: two departments; columns: held / cancelled. Cancelled in A is about 3 people.
    sup.add("A-held", 40, 20)
    sup.add("A-cancelled", 3, 3)
    sup.add("B-held", 30, 16)
    sup.add("B-cancelled", 6, 8)
    sup.add("A", 43, 20)
    sup.add("B", 36, 16)
    sup.add("held", 70, 36)
    sup.add("cancelled", 9, 11)
    sup.line(["A-held", "A-cancelled"], "A")
    sup.line(["B-held", "B-cancelled"], "B")
    sup.line(["A-held", "B-held"], "held")
    sup.line(["A-cancelled", "B-cancelled"], "cancelled")
    hidden = {k for k in ("A-held", "A-cancelled", "B-held", "B-cancelled") if sup.is_hidden(k)}
    assert hidden == {"A-held", "A-cancelled", "B-held", "B-cancelled"}
    assert sup.cell("A") == Cell(43) and sup.cell("cancelled") == Cell(9)


def test_the_complement_is_the_next_smallest_figure() -> None:
    sup = Suppressor(5)
    sup.add("small", 2, 3)
    sup.add("middle", 10, 12)
    sup.add("large", 30, 40)
    sup.add("total", 42, 55)
    sup.line(["small", "large", "middle"], "total")
    assert [sup.cell(k).suppressed for k in ("small", "middle", "large", "total")] == [
        True,
        True,
        False,
        False,
    ]


def test_a_zero_stays_and_a_mean_hides_its_distribution() -> None:
    sup = Suppressor(5)
    keys = [sup.add(("r", v), n, n) for v, n in ((1, 0), (2, 2), (3, 6), (4, 9), (5, 7))]
    total = sup.add("n", 24, 24)
    sup.add("mean", 3.9, 24)
    sup.line(keys, total)
    sup.all_or_nothing(keys)
    assert all(sup.cell(k).suppressed for k in keys)
    assert sup.cell("mean") == Cell(3.9)
    other = Suppressor(5)
    other.add("zero", 0, 0)
    other.add("some", 8, 8)
    other.add("total", 8, 8)
    other.line(["zero", "some"], "total")
    assert other.cell("zero") == Cell(0) and not other.any_hidden
