"""Our exact assignment gives an optimal total, the same as scipy's, on random and
degenerate matrices (ties, zeros, one row or column, empty, huge values, either shape)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.optimize import linear_sum_assignment as scipy_assignment

from app.services.assignment import linear_sum_assignment

shapes = st.tuples(st.integers(0, 9), st.integers(0, 9))
values = st.one_of(
    st.floats(-1000, 1000, allow_nan=False, allow_infinity=False),
    st.sampled_from([0.0, 1.0, 2.0]),  # many ties
    st.floats(-1e15, 1e15, allow_nan=False, allow_infinity=False),
    st.floats(0, 1e-9, allow_nan=False),
)


def assert_same_optimum(cost: np.ndarray, maximize: bool) -> None:
    rows, cols = linear_sum_assignment(cost, maximize=maximize)
    # A valid assignment: one pair per row of the smaller side, no column twice, rows sorted.
    assert len(rows) == len(cols) == min(cost.shape)
    assert list(rows) == sorted(set(rows.tolist()))
    assert len(set(cols.tolist())) == len(cols)
    assert all(0 <= c < cost.shape[1] for c in cols.tolist())
    ref_rows, ref_cols = scipy_assignment(cost, maximize=maximize)
    ours, best = cost[rows, cols].sum(), cost[ref_rows, ref_cols].sum()
    scale = max(1.0, float(np.abs(cost).max(initial=0.0))) * max(1, min(cost.shape))
    assert ours == pytest.approx(best, rel=1e-9, abs=1e-12 * scale)


@settings(max_examples=400, deadline=None)
@given(
    cost=shapes.flatmap(lambda shape: arrays(np.float64, shape, elements=values)),
    maximize=st.booleans(),
)
def test_property_the_total_equals_scipys(cost: np.ndarray, maximize: bool) -> None:
    assert_same_optimum(cost, maximize)


@pytest.mark.parametrize("shape", [(300, 300), (40, 300), (300, 40), (1, 50), (50, 1), (120, 121)])
@pytest.mark.parametrize("kind", ["floats", "small integers", "zeros"])
def test_large_and_degenerate_matrices_match_scipy(shape: tuple[int, int], kind: str) -> None:
    rng = np.random.default_rng(sum(shape))
    if kind == "floats":
        cost = rng.random(shape)
    elif kind == "small integers":
        cost = rng.integers(0, 4, shape).astype(np.float64)
    else:
        cost = np.zeros(shape)
    for maximize in (False, True):
        assert_same_optimum(cost, maximize)


def test_matching_shape_with_dummy_columns_matches_scipy() -> None:
    # The shape the matching builds: fits of 0 to 9 in halves, plus dummy columns worth more
    # than any selection, which must all be taken.
    rng = np.random.default_rng(7)
    fits = rng.integers(0, 19, (60, 45)) / 2
    bonus = fits.max() * 45 + 1.0
    cost = np.hstack([fits, np.full((60, 25), bonus)])
    rows, cols = linear_sum_assignment(cost, maximize=True)
    assert (cols >= 45).sum() == 25
    assert_same_optimum(cost, maximize=True)


def test_integer_and_list_input() -> None:
    rows, cols = linear_sum_assignment([[4, 1, 3], [2, 0, 5], [3, 2, 2]])
    assert rows.tolist() == [0, 1, 2] and cols.tolist() == [1, 0, 2]


@pytest.mark.parametrize(
    "bad", [np.array([1.0, 2.0]), np.array([[1.0, np.nan]]), np.array([[np.inf, 1.0]])]
)
def test_a_matrix_that_is_not_2d_or_not_finite_is_refused(bad: np.ndarray) -> None:
    with pytest.raises(ValueError):
        linear_sum_assignment(bad)


def test_costs_of_a_million_and_more_are_solved_exactly() -> None:
    # lap's C code treats 1,000,000 as infinity; unscaled, it gets this one wrong.
    cost = np.array([[3, -1, -1, 1], [-5, 3, 4, -5], [1, 4, -4, -4]]) * 1e12
    rows, cols = linear_sum_assignment(cost, maximize=True)
    assert cost[rows, cols].sum() == 11e12
    assert_same_optimum(cost, maximize=True)


def test_values_near_the_float_limits() -> None:
    cost = np.array([[1e308, -1e308], [-1e308, 1e308]])
    assert linear_sum_assignment(cost)[1].tolist() == [1, 0]
    assert linear_sum_assignment(cost, maximize=True)[1].tolist() == [0, 1]
