"""The one number rule: what ``16.500``, ``12,5`` and ``1.234`` mean, on the command line and in files."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doorstroom.values import domains
from doorstroom.values.number_text import (
    DECIMAL_COMMA,
    DECIMAL_POINT,
    NumberTextError,
    format_csv,
    format_nl,
    parse_number,
)

GEWICHT, PERSONEN, FRACTIE = domains.GEWICHT, domains.PERSONEN, domains.FRACTIE


@pytest.mark.parametrize(
    ("text", "domain", "decimal", "value"),
    [
        ("16500", PERSONEN, None, 16500),
        ("16.500", PERSONEN, None, 16500),  # whole persons: the dot can only group thousands
        ("16 500", PERSONEN, None, 16500),
        ("1.234.567", PERSONEN, None, 1234567),
        ("1,234,567", PERSONEN, None, 1234567),
        ("12,5", GEWICHT, None, 12.5),
        ("1,234", GEWICHT, None, 1.234),  # a single comma is always a decimal comma
        ("12.5", GEWICHT, None, 12.5),
        ("0.123", GEWICHT, None, 0.123),  # 0.123 cannot group thousands
        ("1.234,5", GEWICHT, None, 1234.5),
        ("1,234.5", GEWICHT, None, 1234.5),
        ("1.234", FRACTIE, None, 1.234),  # neither reading fits: the decimal reading is reported
        ("1.234", GEWICHT, DECIMAL_COMMA, 1234),  # a semicolon CSV: the Dutch dialect
        ("1.234", GEWICHT, DECIMAL_POINT, 1.234),  # a comma CSV: the program dialect
        ("-3", domains.SALDO_PERSONEN, None, -3),
        ("+3", PERSONEN, None, 3),
        ("1e5", PERSONEN, None, 100000),
        (" 7 ", PERSONEN, None, 7),
        ("12,0", PERSONEN, None, 12),
    ],
)
def test_readings(text: str, domain: domains.Domain, decimal: str | None, value: float) -> None:
    try:
        assert parse_number(text, domain, decimal=decimal) == value
    except NumberTextError as error:  # only the FRACTIE case: out of the domain, as a decimal
        assert domain is FRACTIE and "groter dan 1" in str(error)


def test_the_ambiguous_thousand_is_an_error_saying_how_to_write_it() -> None:
    with pytest.raises(NumberTextError, match=r"dubbelzinnig: schrijf 1234 .* of 1,234"):
        parse_number("1.234", GEWICHT)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "-",
        "abc",
        "١٢",
        "²",
        "1_000",
        "1.23.4",
        "1,5.3,2",
        "nan",
        "inf",
        "1e400",
        "1 2",
        "--1",
        "1..2",
        "0x10",
    ],
)
def test_not_numbers(text: str) -> None:
    with pytest.raises(NumberTextError):
        parse_number(text, GEWICHT)


@pytest.mark.parametrize("text", ["100000000000000000000", "9" * 500, "-1", "20000001", "12,5"])
def test_outside_the_domain_says_which(text: str) -> None:
    with pytest.raises(NumberTextError) as raised:
        parse_number(text, PERSONEN)
    message = str(raised.value)
    assert "geheel" in message or PERSONEN.omschrijving in message
    assert len(message) < 200  # a 500-digit number is shortened, not printed


def test_whole_domains_give_ints_even_for_big_seeds() -> None:
    value = parse_number("9223372036854775807", domains.SEED)
    assert value == 2**63 - 1 and isinstance(value, int)


@given(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.sampled_from([DECIMAL_COMMA, DECIMAL_POINT])
)
def test_what_we_write_in_a_dialect_reads_back_in_that_dialect(value: float, decimal: str) -> None:
    domain = domains.Domain("test", -1e7, 1e7, geheel=False)
    written = format_csv(value, decimal)
    assert "," not in written if decimal == DECIMAL_POINT else "." not in written
    assert math.isclose(parse_number(written, domain, decimal=decimal), value, rel_tol=1e-5, abs_tol=1e-9)


@given(st.integers(min_value=0, max_value=20_000_000))
def test_dutch_display_of_persons_reads_back(value: int) -> None:
    assert parse_number(format_nl(value), PERSONEN) == value


def test_dutch_display() -> None:
    assert format_nl(16500) == "16.500" and format_nl(1234.5, 1) == "1.234,5" and format_nl(-3) == "-3"
