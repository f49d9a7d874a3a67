"""The linear assignment problem, exactly, on numpy: which row goes with which column so
that the total of the chosen cells is smallest (or largest).

`linear_sum_assignment(cost)` answers like `scipy.optimize.linear_sum_assignment`: two index
arrays (rows ascending, then their columns), every row assigned when there are no more rows
than columns, every column otherwise. Tandem uses it for the matching proposals
(`app.services.matching`); it replaces scipy there, which with its own copy of OpenBLAS made
up about 65 MB of the Windows bundle for this one function.

The method is Jonker and Volgenant's (LAPJV, 1987), a shortest augmenting path method with
dual prices `v` for the columns, in three steps:

1. Initialisation: for a square matrix, column reduction (each column's price is its
   smallest cost; each row takes one column whose minimum it holds) and reduction transfer
   (an assigned row's column gets cheaper for it by the gap to its next best column); for a
   rectangular one, each row takes its cheapest column where no other row took it first.
   Whole-matrix numpy operations, no Python loop over cells.
2. Augmenting row reduction: each row still free takes its cheapest column (at the price
   that makes its second best column just as good, as in an auction) and pushes out the row
   that held it. Two passes, with a bound on the steps so that tiny float gaps cannot make
   it bid forever. This settles most rows in a few numpy operations each.
3. Augmentation: for each row still free, Dijkstra's shortest path on the reduced costs
   (one numpy operation per step over all columns) to a free column, then the prices move so
   that the reduced costs stay non-negative, and the path flips.

Invariant throughout: every assigned row holds a column of smallest reduced cost
`cost[i, j] - v[j]`, and only assigned columns have a price below zero (so a rectangular
problem's unused columns are priced correctly). When every row is assigned, these are the
complementary slackness conditions, hence the assignment is optimal.

References: R. Jonker, A. Volgenant, "A shortest augmenting path algorithm for dense and
sparse linear assignment problems", Computing 38 (1987) 325-340; D. F. Crouse, "On
implementing 2D rectangular assignment algorithms", IEEE TAES 52 (2016) 1679-1696.
"""

from __future__ import annotations

import numpy as np

ARR_PASSES = 2
"""Passes of augmenting row reduction before the shortest paths take over (as in LAPJV)."""


def linear_sum_assignment(
    cost: np.ndarray | list[list[float]], maximize: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """The rows and columns of a cheapest (or, with `maximize`, a dearest) assignment of the
    2-D `cost` matrix: `cost[rows, cols].sum()` is optimal. As many pairs as the smaller
    side has; rows come out in ascending order. ValueError for a matrix that is not 2-D or
    holds NaN or an infinity."""
    matrix = np.asarray(cost)
    if matrix.ndim != 2:
        raise ValueError(f"expected a matrix (2-D array), got a {matrix.ndim}-D array")
    if matrix.dtype == bool:
        matrix = matrix.astype(np.float64)
    if not np.issubdtype(matrix.dtype, np.number) or np.iscomplexobj(matrix):
        raise ValueError("the cost matrix must hold real numbers")
    matrix = matrix.astype(np.float64, copy=False)
    if not np.isfinite(matrix).all():
        raise ValueError("the cost matrix holds NaN or an infinity")
    n_rows, n_cols = matrix.shape
    if n_rows == 0 or n_cols == 0:
        empty = np.empty(0, dtype=np.intp)
        return empty, empty.copy()
    transposed = n_rows > n_cols
    if transposed:
        matrix = matrix.T
    work = -matrix if maximize else matrix
    # Shift so that the smallest cost is 0: the prices then stay in the range of the
    # differences between costs, whatever the costs' own size.
    work = np.ascontiguousarray(work - work.min())
    row_to_col = _solve(work)
    rows = np.arange(len(row_to_col), dtype=np.intp)
    if not transposed:
        return rows, row_to_col
    order = np.argsort(row_to_col)
    return row_to_col[order], rows[order]


def _solve(cost: np.ndarray) -> np.ndarray:
    """For an n x m matrix of finite costs with n <= m: the column of each row in a
    cheapest assignment."""
    n, m = cost.shape
    if m == 1:
        return np.zeros(1, dtype=np.intp)
    x = np.full(n, -1, dtype=np.intp)  # row -> column
    y = np.full(m, -1, dtype=np.intp)  # column -> row
    v = _initialise(cost, x, y)
    free = np.flatnonzero(x < 0).tolist()
    free = _augmenting_row_reduction(cost, v, x, y, free)
    for row in free:
        _augment(cost, v, x, y, row)
    return x


def _initialise(cost: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """A first partial assignment and the column prices that go with it (see the module
    docstring, step 1); fills `x` and `y`, returns the prices."""
    n, m = cost.shape
    if n == m:
        # Column reduction: each column's price is its smallest cost, and the row holding it
        # takes the column (one column per row: of several, the last, as LAPJV does).
        holder = cost.argmin(axis=0)
        v = cost[holder, np.arange(m)].copy()
        _, last = np.unique(holder[::-1], return_index=True)
        cols = (m - 1 - last).astype(np.intp)
        rows = holder[cols]
        x[rows], y[cols] = cols, rows
        # Reduction transfer: the column gets cheaper for its row by the gap to the row's
        # next best column. Computed for all rows at once from the prices before any
        # transfer: prices only fall, so each gap is at most the one a row-by-row pass
        # would find, and every assigned row still holds a cheapest column.
        reduced = cost[rows] - v
        reduced[np.arange(len(rows)), cols] = np.inf
        v[cols] -= reduced.min(axis=1)
        return v
    # Rectangular: prices 0 (unused columns must keep a price of 0), and each row takes its
    # cheapest column unless another row took it first.
    v = np.zeros(m)
    best = cost.argmin(axis=1)
    _, first = np.unique(best, return_index=True)
    rows = first.astype(np.intp)
    x[rows], y[best[rows]] = best[rows], rows
    return v


def _augmenting_row_reduction(
    cost: np.ndarray, v: np.ndarray, x: np.ndarray, y: np.ndarray, free: list[int]
) -> list[int]:
    """LAPJV's augmenting row reduction (module docstring, step 2); returns the rows still
    free. Each step: the free row takes its cheapest column at the price that makes its
    second best just as good; the row that held the column is free again and, when the
    price fell, bids next (otherwise in the next pass)."""
    n, m = cost.shape
    budget = 4 * m + 16  # steps per pass: a float auction with tiny gaps could go on
    for _ in range(ARR_PASSES):
        if not free:
            break
        pending = free[::-1]  # a stack: the row popped next bids next
        later: list[int] = []
        steps = 0
        while pending:
            if steps >= budget:
                later.extend(pending)
                break
            steps += 1
            i = pending.pop()
            reduced = cost[i] - v
            two = np.argpartition(reduced, 1)[:2]
            j1, j2 = int(two[0]), int(two[1])
            u1, u2 = reduced[j1], reduced[j2]
            if u1 > u2:
                j1, j2, u1, u2 = j2, j1, u2, u1
            holder = int(y[j1])
            lowered = u1 < u2
            if lowered:
                v[j1] = cost[i, j1] - u2  # j1 now costs row i as much as j2
            elif holder >= 0:
                j1, holder = j2, int(y[j2])
            x[i], y[j1] = j1, i
            if holder >= 0:
                x[holder] = -1
                (pending if lowered else later).append(holder)
        free = later
    return free


def _augment(cost: np.ndarray, v: np.ndarray, x: np.ndarray, y: np.ndarray, start: int) -> None:
    """Assign the free row `start` along a shortest augmenting path (module docstring,
    step 3), updating the prices `v` and the assignment `x`, `y` in place."""
    m = cost.shape[1]
    dist = cost[start] - v  # shortest path lengths to each column so far
    pred = np.full(m, start, dtype=np.intp)
    todo = np.ones(m, dtype=bool)  # columns whose shortest path is not final yet
    done: list[np.ndarray] = []
    inf = np.inf
    while True:
        open_dist = np.where(todo, dist, inf)
        low = open_dist.min()
        ties = np.flatnonzero(open_dist == low)
        unassigned = ties[y[ties] < 0]
        if unassigned.size:
            end = int(unassigned[0])
            break
        todo[ties] = False
        done.append(ties)
        for j in ties.tolist():
            i = int(y[j])
            # Path through row i: its column j costs `low` to reach, and row i's reduced
            # costs are relative to that column.
            through = cost[i] - v + (low - (cost[i, j] - v[j]))
            better = (through < dist) & todo
            if better.any():
                np.copyto(dist, through, where=better)
                pred[better] = i
    if done:
        final = np.concatenate(done)
        v[final] += dist[final] - low
    # Flip the path back from the free column it reached.
    j = end
    while True:
        i = int(pred[j])
        y[j] = i
        x[i], j = j, int(x[i])
        if i == start:
            break
