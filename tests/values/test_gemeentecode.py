"""The one rule that reads a municipality from a row: by CBS code or by CBS name, always giving the code."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doorstroom.files.tabular import Row
from doorstroom.platform.errors import InputError, Problem
from doorstroom.reference.service import embedded_gemeenten
from doorstroom.values.gemeentecode import codes_met_naam, gemeentecode

GEMEENTEN = {g.code: g.naam for g in embedded_gemeenten()}
EENDUIDIG = sorted(
    (code, naam) for code, naam in GEMEENTEN.items() if codes_met_naam(naam, GEMEENTEN) == [code]
)


def rij(waarde: str) -> Row:
    return Row("lijst.csv", 7, {"gemeentecode": waarde})


def probleem(waarde: str) -> Problem:
    with pytest.raises(InputError) as fout:
        gemeentecode(rij(waarde), GEMEENTEN)
    (gevonden,) = fout.value.problems
    assert (gevonden.file, gevonden.row, gevonden.field) == ("lijst.csv", 7, "gemeentecode")
    return gevonden


@pytest.mark.parametrize(
    ("tekst", "code"),
    [
        ("GM0344", "GM0344"),
        (" gm0344 ", "GM0344"),
        ("344", "GM0344"),
        ("Utrecht", "GM0344"),
        ("UTRECHT", "GM0344"),
        ("'s-Hertogenbosch", "GM0796"),
        ("\u2019S-HERTOGENBOSCH", "GM0796"),
        ("Den Bosch", "GM0796"),
        ("den haag", "GM0518"),
        ("Súdwest-Fryslân", "GM1900"),
        ("sudwest-fryslan", "GM1900"),
    ],
)
def test_a_code_or_a_name_gives_the_code(tekst: str, code: str) -> None:
    assert gemeentecode(rij(tekst), GEMEENTEN) == code


@given(st.sampled_from(EENDUIDIG), st.randoms(use_true_random=False))
def test_any_casing_of_a_cbs_name_gives_its_code(gemeente: tuple[str, str], toeval: random.Random) -> None:
    code, naam = gemeente
    geschreven = "".join(c.upper() if toeval.random() < 0.5 else c.lower() for c in naam)
    assert gemeentecode(rij(f" {geschreven} "), GEMEENTEN) == code


def test_an_unknown_name_is_refused_at_its_row_and_column_with_the_closest_names() -> None:
    gevonden = probleem("Utreht")
    assert gevonden.message.startswith("onbekende gemeente 'Utreht'") and "Utrecht" in gevonden.message


def test_an_ambiguous_name_names_the_municipalities_it_could_be() -> None:
    namen = {"GM0373": "Bergen (NH.)", "GM0893": "Bergen (L.)", "GM0344": "Utrecht"}
    with pytest.raises(InputError) as fout:
        gemeentecode(rij("bergen"), namen)
    tekst = fout.value.problems[0].message
    assert "niet eenduidig" in tekst and "GM0373" in tekst and "GM0893" in tekst


def test_a_name_outside_the_list_in_use_is_not_found() -> None:
    with pytest.raises(InputError) as fout:
        gemeentecode(rij("Amsterdam"), {"GM0344": "Utrecht"})
    assert "onbekende gemeente 'Amsterdam'" in fout.value.problems[0].message


def test_a_malformed_code_is_said_to_be_one() -> None:
    assert "geen CBS-gemeentecode" in probleem("GM034").message


def test_a_code_that_is_gone_names_the_list() -> None:
    assert "staat niet in de gemeentelijst in gebruik" in probleem("GM9999").message
