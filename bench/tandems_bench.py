"""Speed of matching, planning and the overview on generated data; prints the figures.

    python bench/tandems_bench.py

Budgets (issue 4): matching proposals for 300 mentors x 300 mentees under 1 s; planning the
meetings of a round of 200 tandems under 1 s; the overview of a file with 2,000 tandems and
20,000 meetings under 300 ms. The data is written with bulk inserts; exit code 1 when a
budget is missed.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlite_utils import Database  # noqa: E402

from app.db import create_database  # noqa: E402

DEPARTMENTS = ["IT", "Sales", "Finance", "HR", "Operations", "Marketing", "Legal", "Board"]


def add_people(db: Database, rng: random.Random, count: int, role: str, start_id: int) -> list[int]:
    """Insert `count` consenting participants with topics; returns their ids."""
    topic_ids = [row[0] for row in db.execute("SELECT id FROM topics").fetchall()]
    people, topics = [], []
    for k in range(count):
        pid = start_id + k
        people.append(
            (pid, f"First{pid}", f"Last{pid}", rng.choice(DEPARTMENTS), role, "2026-01-15")
        )
        for kind in ("teach", "learn"):
            for tid in rng.sample(topic_ids, rng.randint(1, 4)):
                topics.append((pid, tid, kind))
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO participants (id, first_name, last_name, department, role, consent_date) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            people,
        )
        # A reporting line: every tenth person reports to the one before.
        db.conn.executemany(
            "UPDATE participants SET manager_id = ? WHERE id = ?",
            [(p[0] - 1, p[0]) for p in people[1::10]],
        )
        db.conn.executemany(
            "INSERT OR IGNORE INTO participant_topics (participant_id, topic_id, kind) "
            "VALUES (?, ?, ?)",
            topics,
        )
    return [p[0] for p in people]


def add_round(db: Database, name: str, start: date, end: date) -> int:
    cursor = db.execute(
        "INSERT INTO rounds (name, start_date, end_date, meetings_planned, cadence_weeks) "
        "VALUES (?, ?, ?, 6, 4)",
        [name, start.isoformat(), end.isoformat()],
    )
    return int(cursor.lastrowid)


def add_tandems(
    db: Database, round_id: int, pairs: list[tuple[int, int]], status: str
) -> list[int]:
    with db.atomic():
        first = db.execute("SELECT coalesce(max(id), 0) + 1 FROM tandems").fetchone()[0]
        db.conn.executemany(
            "INSERT INTO tandems (id, round_id, mentor_id, mentee_id, status, proposed_on) "
            "VALUES (?, ?, ?, ?, ?, '2026-02-01')",
            [(first + k, round_id, a, b, status) for k, (a, b) in enumerate(pairs)],
        )
    return list(range(first, first + len(pairs)))


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """Median wall time in seconds over `repeat` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def bench_matching(folder: Path) -> float:
    from app.services.matching import propose_matches

    db = create_database(folder / "matching.tandem")
    rng = random.Random(1)
    mentors = add_people(db, rng, 300, "mentor", 1)
    add_people(db, rng, 300, "mentee", 1 + len(mentors))
    r = add_round(db, "Matching", date(2026, 3, 2), date(2026, 8, 28))
    cold, _ = timed(lambda: propose_matches(db, r))  # includes importing numpy and lap
    seconds, result = timed(lambda: propose_matches(db, r), repeat=3)
    print(
        f"matching 300 mentors x 300 mentees: {seconds * 1000:7.1f} ms  "
        f"(first call {cold * 1000:.1f} ms with the numpy and lap imports; {len(result.pairs)} pairs, "
        f"total fit {result.total_score:g}, {result.method})"
    )
    db.close()
    return max(seconds, cold)


def bench_planning(folder: Path) -> float:
    from app.services.planning import plan_round

    db = create_database(folder / "planning.tandem")
    rng = random.Random(2)
    mentors = add_people(db, rng, 200, "mentor", 1)
    mentees = add_people(db, rng, 200, "mentee", 201)
    r = add_round(db, "Planning", date(2026, 3, 2), date(2026, 8, 28))
    ids = add_tandems(db, r, list(zip(mentors, mentees, strict=True)), "agreed")
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO tandem_topics (tandem_id, topic_id) VALUES (?, ?)",
            [(t, rng.randint(1, 16)) for t in ids],
        )
    seconds, result = timed(lambda: plan_round(db, r, today=date(2026, 1, 5)))
    items = db.execute("SELECT count(*) FROM agenda_items").fetchone()[0]
    again, second = timed(lambda: plan_round(db, r, today=date(2026, 1, 5)))
    print(
        f"planning a round of 200 tandems:    {seconds * 1000:7.1f} ms  "
        f"({result.created} meetings, {items} agenda items; again: {again * 1000:.1f} ms, "
        f"{second.created} new)"
    )
    db.close()
    return seconds


def bench_overview(folder: Path) -> float:
    from app.services.overview import get_overview

    db = create_database(folder / "overview.tandem")
    rng = random.Random(3)
    mentors = add_people(db, rng, 2000, "mentor", 1)
    mentees = add_people(db, rng, 2000, "mentee", 2001)
    r = add_round(db, "Big round", date(2026, 1, 5), date(2026, 12, 18))
    statuses = ["active"] * 7 + ["agreed", "proposed", "dissolved"]
    pairs = list(zip(mentors, mentees, strict=True))
    ids = []
    for status in sorted(set(statuses)):
        chosen = [p for k, p in enumerate(pairs) if statuses[k % len(statuses)] == status]
        ids += add_tandems(db, r, chosen, status)
    today = date(2026, 6, 17)
    rows = []
    for tid in ids:
        first = datetime(2026, 1, 6, 10) + timedelta(days=rng.randint(0, 30))
        for k in range(10):
            when = first + timedelta(weeks=4 * k)
            if when.date() < today:
                status = rng.choices(["held", "cancelled", "planned"], [80, 15, 5])[0]
            else:
                status = "planned"
            rows.append((tid, when.strftime("%Y-%m-%dT%H:%M"), status))
    checkins = [
        (tid, pid, "mid", rng.randint(1, 5), rng.randint(1, 5), "2026-06-01")
        for tid, (pid, _) in zip(ids, pairs, strict=False)
        if rng.random() < 0.5
    ]
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO sessions (tandem_id, starts_at, status) VALUES (?, ?, ?)", rows
        )
        db.conn.executemany(
            "INSERT INTO checkins (tandem_id, participant_id, phase, relationship_rating, "
            "progress_rating, submitted_on) VALUES (?, ?, ?, ?, ?, ?)",
            checkins,
        )
    db.execute("ANALYZE")
    db.close()
    from app.db import open_database

    db = open_database(folder / "overview.tandem")
    cold, _ = timed(lambda: get_overview(db, today=today))
    seconds, overview = timed(lambda: get_overview(db, today=today), repeat=5)
    print(
        f"overview, 2,000 tandems / {len(rows):,} meetings: {seconds * 1000:5.1f} ms  "
        f"(first call {cold * 1000:.1f} ms; {overview.meetings_held} held, "
        f"{overview.overdue_count} overdue, {len(overview.attention)} tandems need attention)"
    )
    db.close()
    return max(seconds, cold)


def main() -> int:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        results = [
            ("matching", bench_matching(folder), 1.0),
            ("planning", bench_planning(folder), 1.0),
            ("overview", bench_overview(folder), 0.3),
        ]
    slow = [
        f"{what} {seconds:.3f} s > {budget} s"
        for what, seconds, budget in results
        if seconds > budget
    ]
    print("all within budget" if not slow else "OVER BUDGET: " + "; ".join(slow))
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
