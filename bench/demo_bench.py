"""Demo data speed: generating the demo company into a fresh file, in-process and through
`python main.py demo` (process start, file open and migration included).

    .venv/bin/python bench/demo_bench.py [--sizes 120 5000] [--repeat 3]

Prints, per size, the best in-process time of `generate_demo` and the best wall time of the
command, with what was written (participants, tandems, sessions, agenda items).
Target: 5,000 participants under 5 s in-process; exit code 1 when it is missed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.db import create_database, open_database  # noqa: E402
from app.demo import DemoSummary, generate_demo  # noqa: E402

TODAY = date(2026, 11, 22)
TARGET_SIZE, TARGET_SECONDS = 5000, 5.0


def in_process(folder: Path, size: int, repeat: int) -> tuple[float, DemoSummary]:
    """Best time of `generate_demo` into a fresh file (opening the file not counted)."""
    best, summary = float("inf"), None
    for attempt in range(repeat):
        path = folder / f"in-{size}-{attempt}.tandem"
        create_database(path).close()
        db = open_database(path)
        started = time.perf_counter()
        summary = generate_demo(db, participants=size, seed=1, today=TODAY)
        best = min(best, time.perf_counter() - started)
        db.close()
    assert summary is not None
    return best, summary


def command(folder: Path, size: int, repeat: int) -> float:
    """Best wall time of `python main.py --db FILE demo --participants N` on a fresh file."""
    best = float("inf")
    for attempt in range(repeat):
        path = folder / f"cli-{size}-{attempt}.tandem"
        create_database(path).close()
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "main.py", "--db", str(path), "demo", "--participants", str(size)],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[120, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    missed = False
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"{'participants':>12} {'in-process':>11} {'command':>9}  written")
        for size in args.sizes:
            seconds, summary = in_process(folder, size, args.repeat)
            wall = command(folder, size, args.repeat)
            print(
                f"{size:>12} {seconds:>10.3f}s {wall:>8.3f}s  "
                f"{summary.tandems} tandems, {summary.sessions} sessions, "
                f"{summary.agenda_items} agenda items, {summary.checkins} check-ins"
            )
            if size == TARGET_SIZE:
                met = seconds < TARGET_SECONDS
                missed = missed or not met
                print(
                    f"{'':>12} target: {TARGET_SIZE:,} participants under {TARGET_SECONDS:.0f} s "
                    f"in-process: {'met' if met else 'MISSED'}"
                )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
