"""The linear assignment problem, exactly: which row goes with which column so that the total
of the chosen cells is smallest (or largest).

`linear_sum_assignment(cost)` answers like `scipy.optimize.linear_sum_assignment`: two index
arrays (rows ascending, then their columns), every row assigned when there are no more rows
than columns, every column otherwise. Tandem uses it for the matching proposals
(`app.services.matching`). It replaces scipy, which with its own copy of OpenBLAS made up
about 65 MB of the Windows bundle for this function and one other (now `highspy`).

The solving is done by `lap` (Jonker and Volgenant's LAPJV in C, 97 KB on Windows): a
numpy-only LAPJV was exact but 8-9x slower than scipy on 300 x 300 (issue 13 asks for at
most 2x; see bench/assignment_bench.py, and commit b970a3e for that version). This module
adds what `lap.lapjv` leaves to its caller:
- lapjv treats 1,000,000 as infinity (`LARGE` in its C code): costs at or above it give wrong
  answers. The costs are scaled into [0, 1] first (a shift and one positive factor change no
  optimum), so any finite size works;
- maximising (by negating), rectangular matrices (lapjv pads them with zeros to a square),
  empty ones, and scipy's checks and result shape.
"""

from __future__ import annotations

import numpy as np


def linear_sum_assignment(
    cost: np.ndarray | list[list[float]], maximize: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """The rows and columns of a cheapest (or, with `maximize`, a dearest) assignment of the
    2-D `cost` matrix: `cost[rows, cols].sum()` is optimal. As many pairs as the smaller
    side has; rows come out in ascending order. ValueError for a matrix that is not 2-D or
    holds NaN or an infinity."""
    import lap

    matrix = np.asarray(cost)
    if matrix.ndim != 2:
        raise ValueError(f"expected a matrix (2-D array), got a {matrix.ndim}-D array")
    if not (matrix.dtype == bool or np.issubdtype(matrix.dtype, np.number)) or np.iscomplexobj(
        matrix
    ):
        raise ValueError("the cost matrix must hold real numbers")
    matrix = matrix.astype(np.float64, copy=False)
    n_rows, n_cols = matrix.shape
    if n_rows == 0 or n_cols == 0:
        return np.empty(0, dtype=np.intp), np.empty(0, dtype=np.intp)
    row_to_col = lap.lapjv(_unit_costs(matrix, maximize), extend_cost=n_rows != n_cols)[1]
    rows = np.flatnonzero(row_to_col >= 0)
    return rows.astype(np.intp), row_to_col[rows].astype(np.intp)


def _unit_costs(matrix: np.ndarray, maximize: bool) -> np.ndarray:
    """The costs to minimise, moved and shrunk into [0, 1] (a new array); ValueError when
    the matrix holds NaN or an infinity."""
    low, high = matrix.min(), matrix.max()  # NaN and infinities show in these two
    if not (np.isfinite(low) and np.isfinite(high)):
        raise ValueError("the cost matrix holds NaN or an infinity")
    # Halves first: a difference of two costs near the float limits could overflow.
    span = high / 2 - low / 2
    if maximize:
        work = matrix * -0.5
        work += high / 2
    else:
        work = matrix * 0.5
        work -= low / 2
    if span > 0:
        work /= span
    return work
