"""Half-year periods: parsing, boundaries, elapsed months."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doorstroom.platform.errors import InputError
from doorstroom.values.periode import Periode


def test_parse_and_boundaries() -> None:
    p = Periode.parse("2026-2")
    assert (p.start, p.end, p.supervision_date, str(p)) == (
        date(2026, 7, 1),
        date(2026, 12, 31),
        date(2027, 1, 1),
        "2026-2",
    )
    assert p.previous() == Periode(2026, 1) and p.next() == Periode(2027, 1)


@pytest.mark.parametrize("text", ["2026-3", "2026-0", "26-1", "2026/1", "", "2026-1x", "1999-1"])
def test_bad_period_names_the_option(text: str) -> None:
    with pytest.raises(InputError) as info:
        Periode.parse(text, field="--periode")
    assert info.value.problems[0].field == "--periode"


@given(st.dates(min_value=date(2001, 1, 1), max_value=date(2099, 12, 31)))
def test_elapsed_months_in_range_and_monotone(day: date) -> None:
    p = Periode.containing(day)
    assert p.contains(day)
    assert 0 <= p.elapsed_months(day) <= 5
    assert p.elapsed_months(p.supervision_date) == 6
    assert p.elapsed_months(p.start) == 0
