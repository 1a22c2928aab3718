"""Quantiles of many rows equal NumPy's ``inverted_cdf``, whether counted or selected."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from doorstroom.prognose.core.kwantielen import per_rij


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    paths=st.integers(1, 300),
    spread=st.sampled_from([0.0, 3.0, 50.0, 1e5, 1e7]),
    fractional=st.booleans(),
    probabilities=st.lists(st.floats(0.0, 1.0), min_size=1, max_size=4),
)
def test_equal_to_numpy_inverted_cdf(
    seed: int, paths: int, spread: float, fractional: bool, probabilities: list[float]
) -> None:
    rng = np.random.default_rng(seed)
    rows = rng.normal(1000.0, spread, (7, paths))
    rows = rows if fractional else np.rint(rows)
    rows[0] = 0.0
    expected = np.quantile(rows, probabilities, axis=1, method="inverted_cdf")
    np.testing.assert_array_equal(per_rij(rows, probabilities), expected)
