"""Speed of the programme summary on generated data; prints the figures.

    python bench/summary_bench.py

A file with 4,000 people, four rounds (two a year) of 500 tandems each: 2,000 tandems,
20,000 meetings, check-ins and focus topics, some people who left. Budget (issue 10): the
whole summary PDF under 1.5 s; a bare ReportLab report of that size takes about 0.17 s, so
the figures themselves should stay well under 1 s. Exit code 1 when the budget is missed.
"""

from __future__ import annotations

import random
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import time  # noqa: E402

from tandems_bench import add_people, add_round, timed  # noqa: E402

from app.db import create_database, open_database  # noqa: E402

AS_OF = date(2027, 3, 1)
BUDGET_SECONDS = 1.0
PDF_BUDGET_SECONDS = 1.5


def build(path: Path) -> tuple[int, int]:
    """Write the file; returns (tandems, meetings)."""
    db = create_database(path)
    rng = random.Random(10)
    mentors = add_people(db, rng, 2000, "mentor", 1)
    mentees = add_people(db, rng, 2000, "mentee", 2001)
    starts = [date(2025, 2, 3), date(2025, 9, 1), date(2026, 2, 2), date(2026, 9, 7)]
    tandem_rows, session_rows, checkin_rows, topic_rows = [], [], [], []
    tandem_id = 0
    for k, start in enumerate(starts):
        end = start + timedelta(days=180)
        round_id = add_round(db, f"Round {k + 1}", start, end)
        offset = rng.randrange(2000)
        for n in range(500):
            tandem_id += 1
            mentor = mentors[(n + offset) % 2000]
            mentee = mentees[(n * 7 + offset) % 2000]
            finished = end < AS_OF
            status = rng.choices(
                ["completed", "dissolved"] if finished else ["active", "agreed", "proposed"],
                [85, 15] if finished else [80, 15, 5],
            )[0]
            agreed = None if status == "proposed" else start.isoformat()
            tandem_rows.append((tandem_id, round_id, mentor, mentee, status, agreed))
            for m in range(10):
                when = datetime.combine(start, datetime.min.time()) + timedelta(
                    days=18 * m + rng.randint(0, 5), hours=9 + rng.randint(0, 7)
                )
                if when.date() >= AS_OF:
                    state = "planned"
                else:
                    state = rng.choices(["held", "cancelled", "planned"], [82, 13, 5])[0]
                session_rows.append(
                    (tandem_id, when.strftime("%Y-%m-%dT%H:%M"), rng.choice((45, 60, 90)), state)
                )
            if status != "proposed":
                for person in (mentor, mentee):
                    if rng.random() < 0.85:
                        checkin_rows.append(
                            (tandem_id, person, "mid", rng.randint(2, 5), rng.randint(1, 5),
                             rng.choice(("yes", "partly", "no")), None, start.isoformat())
                        )  # fmt: skip
                    if finished and rng.random() < 0.7:
                        checkin_rows.append(
                            (tandem_id, person, "final", rng.randint(1, 5), rng.randint(1, 5),
                             rng.choice(("yes", "partly")), rng.random() < 0.9, end.isoformat())
                        )  # fmt: skip
            for topic in rng.sample(range(1, 17), 3):
                topic_rows.append((tandem_id, topic))
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO tandems (id, round_id, mentor_id, mentee_id, status, agreed_on) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            tandem_rows,
        )
        db.conn.executemany(
            "INSERT INTO sessions (tandem_id, starts_at, duration_minutes, status) "
            "VALUES (?, ?, ?, ?)",
            session_rows,
        )
        db.conn.executemany(
            "INSERT INTO checkins (tandem_id, participant_id, phase, relationship_rating, "
            "progress_rating, goals_reached, would_take_part_again, submitted_on) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            checkin_rows,
        )
        db.conn.executemany(
            "INSERT INTO tandem_topics (tandem_id, topic_id) VALUES (?, ?)", topic_rows
        )
        db.conn.executemany(
            "UPDATE participants SET status = 'left', status_date = ? WHERE id = ?",
            [("2026-01-15", pid) for pid in rng.sample(range(1, 4001), 300)],
        )
    db.execute("ANALYZE")
    db.close()
    return len(tandem_rows), len(session_rows)


def main() -> int:
    from app.services.summary import programme_summary

    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "summary.tandem"
        tandems, meetings = build(path)
        db = open_database(path)
        results: list[float] = []
        pdfs: list[float] = []
        for label, scope in (
            ("the whole file (4 rounds)", {}),
            ("a year (2 rounds)", {"year": 2026}),
            ("one round", {"round_id": 3}),
        ):
            cold, _ = timed(lambda scope=scope: programme_summary(db, today=AS_OF, **scope))
            seconds, summary = timed(
                lambda scope=scope: programme_summary(db, today=AS_OF, **scope), repeat=5
            )
            cpu = time.process_time()
            programme_summary(db, today=AS_OF, **scope)
            cpu = time.process_time() - cpu
            results.append(max(cold, seconds))
            print(
                f"summary of {label:26} {seconds * 1000:6.1f} ms (first call "
                f"{cold * 1000:.1f} ms, CPU {cpu * 1000:.1f} ms; "
                f"{summary.tandems.formed.value} formed tandems, "
                f"{summary.meetings.held.value} meetings held)"
            )
        named, _ = timed(lambda: programme_summary(db, today=AS_OF, names=True), repeat=3)
        print(f"with the named appendix (2,000 lines)   {named * 1000:6.1f} ms")
        from app.documents.summary import summary_pdf

        for label, scope in (("a year", {"year": 2026}), ("the whole file", {})):
            cold, _ = timed(lambda scope=scope: summary_pdf(db, lang="de", made_on=AS_OF, **scope))
            seconds, data = timed(
                lambda scope=scope: summary_pdf(db, lang="de", made_on=AS_OF, **scope), repeat=3
            )
            pdfs.append(max(seconds, cold))
            print(
                f"summary PDF of {label:14} {seconds * 1000:6.1f} ms (first call "
                f"{cold * 1000:.1f} ms with fonts; {len(data) // 1024} KiB)"
            )
        named_pdf, data = timed(
            lambda: summary_pdf(db, lang="de", year=2026, names=True, made_on=AS_OF), repeat=3
        )
        pdfs.append(named_pdf)
        print(
            f"summary PDF with 1,000 names     {named_pdf * 1000:6.1f} ms ({len(data) // 1024} KiB)"
        )
        db.close()
    print(f"file: {tandems:,} tandems, {meetings:,} meetings")
    slowest, slowest_pdf = max(results + [named]), max(pdfs)
    ok = slowest <= BUDGET_SECONDS and slowest_pdf <= PDF_BUDGET_SECONDS
    print(
        "within budget"
        if ok
        else f"OVER BUDGET: figures {slowest:.3f} s (budget {BUDGET_SECONDS} s), "
        f"PDF {slowest_pdf:.3f} s (budget {PDF_BUDGET_SECONDS} s)"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
