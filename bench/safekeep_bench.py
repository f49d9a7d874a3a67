"""Speed of safe keeping on generated data; prints the figures.

    python bench/safekeep_bench.py [--repeat 5]

A file with 5,000 people, 2,000 tandems and 20,000 meetings. Budgets (issue 12): a verified
backup (backup API into a temporary file, flushed, integrity_check, renamed) under 1 s; the
check on open (quick_check) under 100 ms; opening a file that another Tandem holds says so
within 2 s. Also shown: the full check after an unclean exit, and the time to open the file.
Wall times are the best of the repeats, with the median CPU time beside them (on a busy
machine the wall time stretches, the CPU time hardly). Exit code 1 when a budget is missed.
Runs in a temporary folder with its own TANDEM_HOME.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

BACKUP_BUDGET, CHECK_BUDGET, IN_USE_BUDGET = 1.0, 0.1, 2.0

_HOLDER = """
import sys
sys.path.insert(0, sys.argv[1])
from app.db import open_database
db = open_database(sys.argv[2])
print("holding", flush=True)
sys.stdin.readline()
"""


def build(path: Path) -> tuple[int, int, int]:
    """Write the file; returns (people, tandems, meetings)."""
    from tandems_bench import add_people, add_round

    from app.db import create_database

    db = create_database(path, automatic_backups=False)
    rng = random.Random(12)
    mentors = add_people(db, rng, 2500, "mentor", 1)
    mentees = add_people(db, rng, 2500, "mentee", 2501)
    tandems, sessions = [], []
    tandem_id = 0
    for k, start in enumerate([date(2025, 2, 3), date(2025, 9, 1), date(2026, 2, 2)]):
        round_id = add_round(db, f"Round {k + 1}", start, start + timedelta(days=180))
        for n in range(667 if k < 2 else 666):
            tandem_id += 1
            tandems.append((tandem_id, round_id, mentors[n], mentees[(n * 7 + k) % 2500]))
            for m in range(10):
                when = datetime.combine(start, datetime.min.time()) + timedelta(
                    days=18 * m, hours=9 + rng.randint(0, 7)
                )
                sessions.append((tandem_id, when.strftime("%Y-%m-%dT%H:%M"), 60, "held"))
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO tandems (id, round_id, mentor_id, mentee_id, status) "
            "VALUES (?, ?, ?, ?, 'active')",
            tandems,
        )
        db.conn.executemany(
            "INSERT INTO sessions (tandem_id, starts_at, duration_minutes, status) "
            "VALUES (?, ?, ?, ?)",
            sessions,
        )
    db.close()
    return len(mentors) + len(mentees), len(tandems), len(sessions)


def best_of(repeat: int, fn) -> float:  # type: ignore[no-untyped-def]
    """The best wall time of `repeat` runs, in seconds (as timeit does: a busy machine only
    ever adds time); the median CPU time goes to CPU_TIMES."""
    times, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    CPU_TIMES.append(statistics.median(cpu))
    return min(times)


CPU_TIMES: list[float] = []


def _ms(wall: float, cpu: float | None = None) -> str:
    text = f"{wall * 1000:6.0f} ms"
    return text + (f" (CPU {cpu * 1000:4.0f} ms)" if cpu is not None else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tandem-safekeep-bench-") as tmp:
        os.environ["TANDEM_HOME"] = str(Path(tmp) / "home")
        from app.db import FileInUseError, open_database, owner_of
        from app.db import backups as backup_files
        from app.db.integrity import full_problems, quick_problems

        path = Path(tmp) / "program.tandem"
        people, tandems, meetings = build(path)
        size_mb = path.stat().st_size / 1e6
        print(f"file: {people:,} people, {tandems:,} tandems, {meetings:,} meetings, "
              f"{size_mb:.1f} MB")  # fmt: skip

        opening = best_of(args.repeat, lambda: open_database(path).close())
        db = open_database(path)
        owner = owner_of(db)
        quick = best_of(args.repeat, lambda: quick_problems(owner.conn))
        full = best_of(args.repeat, lambda: full_problems(owner.conn))
        backup = best_of(args.repeat, lambda: owner.backup(backup_files.MANUAL))
        target = Path(tmp) / "parts.tandem"
        copy = best_of(args.repeat, lambda: backup_files._copy_database(owner.conn, target))
        flush = best_of(args.repeat, lambda: backup_files._flush(target))
        verify = best_of(args.repeat, lambda: backup_files.integrity_problems(target))
        db.close()

        holder = subprocess.Popen(
            [sys.executable, "-c", _HOLDER, str(ROOT), str(path)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
        started = time.perf_counter()
        try:
            open_database(path).close()
            in_use = float("nan")
        except FileInUseError:
            in_use = time.perf_counter() - started
        finally:
            holder.kill()
            holder.wait()

    opening_cpu, quick_cpu, full_cpu, backup_cpu, copy_cpu, flush_cpu, verify_cpu = CPU_TIMES
    print(f"verified backup:             {_ms(backup, backup_cpu)}  budget 1000 ms")
    print(f"  backup API into temp file  {_ms(copy, copy_cpu)}")
    print(f"  flush (fsync)              {_ms(flush, flush_cpu)}")
    print(f"  integrity_check of copy    {_ms(verify, verify_cpu)}")
    print(f"check on open (quick_check): {_ms(quick, quick_cpu)}  budget 100 ms")
    print(f"full check after a crash:    {_ms(full, full_cpu)}  integrity + foreign keys")
    print(f"open and close the file:     {_ms(opening, opening_cpu)}  lock, check, no backup")
    print(f"'open elsewhere' message:    {_ms(in_use)}  budget 2000 ms")
    if hasattr(os, "getloadavg"):
        print(f"load average while measuring: {os.getloadavg()[0]:.1f}")
    missed = backup > BACKUP_BUDGET or quick > CHECK_BUDGET or not in_use < IN_USE_BUDGET
    print("budgets: " + ("MISSED" if missed else "met"))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
