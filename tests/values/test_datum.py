"""The one rule that reads a date from a row: every import's dates said the same way, at row and column."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doorstroom.files.tabular import Row
from doorstroom.platform.errors import InputError, Problem
from doorstroom.values.datum import datumveld

JAREN = range(1900, 2101)


def rij(waarde: str) -> Row:
    return Row("k.csv", 4, {"geboortedatum": waarde})


def probleem(waarde: str, jaren: range = JAREN) -> Problem:
    with pytest.raises(InputError) as fout:
        datumveld(rij(waarde), "geboortedatum", jaren)
    (gevonden,) = fout.value.problems
    assert (gevonden.file, gevonden.row, gevonden.field) == ("k.csv", 4, "geboortedatum")
    return gevonden


@given(st.dates(date(1900, 1, 1), date(2100, 12, 31)), st.sampled_from(["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]))
def test_every_accepted_notation_reads_back_its_date(dag: date, notatie: str) -> None:
    assert datumveld(rij(dag.strftime(notatie)), "geboortedatum", JAREN) == dag


def test_a_day_that_does_not_exist_is_said_so_at_its_row_and_column() -> None:
    assert "geen bestaande datum" in probleem("31-02-1990").message
    assert "geen bestaande datum" in probleem("2026-02-30").message


def test_text_that_is_no_date_shows_how_to_write_one() -> None:
    assert probleem("gisteren").message == "'gisteren' is geen datum (schrijf 2026-03-01 of 1-3-2026)"


def test_a_year_outside_the_range_names_the_range() -> None:
    assert probleem("1-1-1999", range(2000, 2101)).message == "1-1-1999 ligt niet tussen 2000 en 2100"


def test_an_empty_optional_field_is_none_and_a_required_one_a_problem() -> None:
    assert datumveld(rij(""), "geboortedatum", JAREN, required=False) is None
    assert probleem("").message == "waarde ontbreekt"
