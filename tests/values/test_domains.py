"""Every number and text read from a user stays inside its documented domain."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doorstroom.files.tabular import Row
from doorstroom.platform.errors import InputError
from doorstroom.values import domains


def _row(value: str) -> Row:
    return Row("bestand.csv", 7, {"veld": value})


@pytest.mark.parametrize(
    "raw", ["100000000000000000000", "1e308", "nan", "inf", "-1", "²", "١٦٥٠٠", "1_000", "GM١٢٣٤", "12.5"]
)
def test_bad_person_counts_are_refused_naming_row_and_field(raw: str) -> None:
    with pytest.raises(InputError) as raised:
        _row(raw).integer("veld", domain=domains.PERSONEN_GEMEENTE)
    problem = raised.value.problems[0]
    assert (problem.file, problem.row, problem.field) == ("bestand.csv", 7, "veld")


@pytest.mark.parametrize(("raw", "value"), [("0", 0), ("12", 12), ("12.0", 12), ("1000000", 1_000_000)])
def test_good_person_counts_are_read(raw: str, value: int) -> None:
    assert _row(raw).integer("veld", domain=domains.PERSONEN_GEMEENTE) == value


@pytest.mark.parametrize("raw", ["0,5", "0.5", "1", "0"])
def test_fractions_accept_decimal_comma_and_point(raw: str) -> None:
    assert 0 <= _row(raw).number("veld", domain=domains.FRACTIE) <= 1


@pytest.mark.parametrize("raw", ["1,5", "-0.1", "nan"])
def test_fractions_out_of_range_are_refused(raw: str) -> None:
    with pytest.raises(InputError):
        _row(raw).number("veld", domain=domains.FRACTIE)


@pytest.mark.parametrize("text", ["a\x00b", "x" * 41, "tab\there"])
def test_texts_that_do_not_fit_the_column_are_refused(text: str) -> None:
    with pytest.raises(InputError, match="veld 'veld'"):
        _row(text).text("veld", limit=domains.REFERENTIE)


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_a_domain_accepts_exactly_the_finite_whole_values_in_its_interval(value: float) -> None:
    domain = domains.KINDEREN
    inside = math.isfinite(value) and value.is_integer() and domain.minimum <= value <= domain.maximum
    assert (domain.problem(value) is None) == inside


ALLE_DOMEINEN = [d for d in vars(domains).values() if isinstance(d, domains.Domain)]


@pytest.mark.parametrize("domain", ALLE_DOMEINEN, ids=lambda d: d.omschrijving)
@pytest.mark.parametrize(
    "value", [10**400, -(10**400), 2**1024, 10**4000], ids=["1e400", "-1e400", "2^1024", "1e4000"]
)
def test_a_whole_number_too_large_for_a_float_is_refused_not_an_overflow(
    domain: domains.Domain, value: int
) -> None:
    """Issue 19: ``urenPerWeek`` 10**400 raised OverflowError (a 500): ``math.isfinite`` and ``float``
    cannot take an int beyond 1.8e308. Every domain refuses it with a Dutch message instead."""
    problem = domain.problem(value)
    assert problem is not None and ("groter" in problem or "kleiner" in problem), problem
    with pytest.raises(InputError) as raised:
        domain.check(value, field="urenPerWeek")
    assert raised.value.problems[0].field == "urenPerWeek"


@given(st.integers(min_value=-(10**500), max_value=10**500))
def test_a_domain_decides_every_whole_number_exactly(value: int) -> None:
    domain = domains.UREN_PER_WEEK
    assert (domain.problem(value) is None) == (domain.minimum <= value <= domain.maximum)
