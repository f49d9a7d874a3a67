"""Speed of our exact assignment (`app.services.assignment`) against scipy's; prints both.

    python bench/assignment_bench.py [SIZE] [REPEATS]

Target (issue 13): within 2x scipy's `linear_sum_assignment` on 300 x 300 random floats,
the median of REPEATS matrices (both solve the same ones). scipy is a test-only dependency;
it must be installed to run this. Exit code 1 when the target is missed or a total differs.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from scipy.optimize import linear_sum_assignment as scipy_assignment  # noqa: E402

from app.services.assignment import linear_sum_assignment  # noqa: E402

TARGET_RATIO = 2.0


def main(size: int = 300, repeats: int = 30) -> int:
    rng = np.random.default_rng(13)
    ours_times, scipy_times = [], []
    linear_sum_assignment(rng.random((size, size)))  # warm-up: imports, first allocations
    for _ in range(repeats):
        cost = rng.random((size, size))
        start = time.perf_counter()
        rows, cols = scipy_assignment(cost)
        scipy_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        our_rows, our_cols = linear_sum_assignment(cost)
        ours_times.append(time.perf_counter() - start)
        if not np.isclose(cost[rows, cols].sum(), cost[our_rows, our_cols].sum()):
            print("totals differ: ours is not optimal", file=sys.stderr)
            return 1
    ours, theirs = statistics.median(ours_times), statistics.median(scipy_times)
    ratio = ours / theirs
    verdict = "ok" if ratio <= TARGET_RATIO else "MISSED"
    print(f"{size} x {size} random floats, median of {repeats}:")
    print(f"  scipy linear_sum_assignment  {theirs * 1000:8.2f} ms")
    print(f"  ours (app.services)          {ours * 1000:8.2f} ms")
    print(f"  ratio {ratio:.2f}x (target at most {TARGET_RATIO:.0f}x): {verdict}")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    sys.exit(main(*args))
