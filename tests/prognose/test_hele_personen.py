"""Dividing whole persons over provinces: exact totals, fair parts, never more than a stock holds."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from doorstroom.prognose.core.hele_personen import cumulatieve_aandelen, verdeel, verdeel_vast

stocks = st.lists(st.lists(st.integers(0, 5000), min_size=3, max_size=3), min_size=1, max_size=8)


@given(stocks=stocks, fraction=st.floats(0.0, 1.0))
def test_parts_add_up_and_never_exceed_the_stock_they_leave(stocks: list[list[int]], fraction: float) -> None:
    weights = np.array(stocks, dtype=np.float64)  # (provinces, paths)
    total = np.floor(weights.sum(axis=0) * fraction)
    parts = verdeel(total, weights, hele=True)
    np.testing.assert_array_equal(parts.sum(axis=0), total)
    assert np.all(parts == np.rint(parts)) and np.all(parts >= 0)
    assert np.all(parts <= weights)
    exact = np.divide(
        weights * total, weights.sum(axis=0), out=np.zeros_like(weights), where=weights.sum(axis=0) > 0
    )
    assert np.all(np.abs(parts - exact) < 1.0 + 1e-9)


@given(
    total=st.lists(st.integers(0, 10**6), min_size=1, max_size=5),
    shares=st.lists(st.floats(0.0, 5.0), min_size=1, max_size=12),
)
def test_fixed_shares_divide_exactly(total: list[int], shares: list[float]) -> None:
    shares[0] += 0.5
    totals = np.array(total, dtype=np.float64)
    parts = verdeel_vast(totals, cumulatieve_aandelen(np.array(shares)), hele=True)
    np.testing.assert_array_equal(parts.sum(axis=0), totals)
    assert np.all(parts >= 0)
    exact = np.array(shares)[:, None] / sum(shares) * totals
    assert np.all(np.abs(parts - exact) < 1.0 + 1e-6)


def test_zero_weights_still_place_everybody() -> None:
    parts = verdeel(np.array([5.0]), np.zeros((3, 1)), hele=True)
    assert parts.sum() == 5.0 and np.all(parts >= 0)


def test_expected_path_divides_exactly() -> None:
    parts = verdeel(np.array([10.0]), np.array([[1.0], [3.0]]), hele=False)
    np.testing.assert_allclose(parts[:, 0], [2.5, 7.5])
