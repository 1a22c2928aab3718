"""Default batch capacity: the remaining corrected taakstelling, pro-rated to the batch."""

from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doorstroom.koppeling.core.batchaandeel import batch_aandeel
from doorstroom.koppeling.core.capaciteit import uit_taakstelling as capaciteit_uit_taakstelling
from doorstroom.reference.core.domain import Gemeente
from doorstroom.values.periode import Periode

GEMEENTEN = [Gemeente(f"GM000{i}", f"G{i}", "Utrecht", 1000 * i) for i in range(1, 6)]
REGIO = {g.code: "Utrecht" for g in GEMEENTEN}


@given(st.lists(st.integers(0, 400), min_size=5, max_size=5), st.floats(0.001, 1.0))
def test_batch_capacity_is_a_whole_share_of_what_remains(rest: list[int], aandeel: float) -> None:
    resterend = {g.code: r for g, r in zip(GEMEENTEN, rest, strict=True)}
    gemeenten = capaciteit_uit_taakstelling(GEMEENTEN, resterend, aandeel, REGIO)
    capaciteit = {c.code: c.capaciteit for c in gemeenten}
    totaal = math.ceil(aandeel * sum(rest) - 1e-9)
    for code, cap in capaciteit.items():
        assert 0 <= cap <= resterend[code]
        # Hamilton: within one person of the exact share of the (rounded-up) batch total
        assert sum(rest) == 0 or abs(cap - totaal * resterend[code] / sum(rest)) < 1 + 1e-9
    assert sum(capaciteit.values()) >= aandeel * sum(rest) - 1e-6
    # the share is a soft target; the whole remaining quota is the hard maximum
    assert all(c.maximum == resterend[c.code] and c.bovengrens >= c.capaciteit for c in gemeenten)


def test_municipality_that_is_done_gets_nothing() -> None:
    resterend = {"GM0001": 0, "GM0002": 100, "GM0003": 0, "GM0004": 50, "GM0005": 50}
    capaciteit = {c.code: c.capaciteit for c in capaciteit_uit_taakstelling(GEMEENTEN, resterend, 0.1, REGIO)}
    assert capaciteit == {"GM0001": 0, "GM0002": 10, "GM0003": 0, "GM0004": 5, "GM0005": 5}


def test_share_outside_zero_one_is_misuse_of_the_rule() -> None:
    with pytest.raises(ValueError, match="aandeel"):
        capaciteit_uit_taakstelling(GEMEENTEN, {}, 1.5, REGIO)


def test_a_week_of_the_rest_of_the_period() -> None:
    periode = Periode(2026, 2)
    assert batch_aandeel(periode, date(2026, 12, 25)) == 1.0  # seven days or fewer left
    assert batch_aandeel(periode, date(2026, 12, 1)) == pytest.approx(7 / 31)
    assert batch_aandeel(periode, date(2026, 3, 1)) == pytest.approx(7 / 184)  # before the period
    assert batch_aandeel(periode, date(2027, 1, 2)) == 1.0
