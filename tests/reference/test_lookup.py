"""Finding municipalities by code or name, and suggestions for unknown names."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doorstroom.platform.errors import InputError
from doorstroom.reference.core.lookup import find_gemeente, label, namen
from doorstroom.reference.io import embedded_gemeenten
from doorstroom.values.suggest import closest, fold, unknown_message

GEMEENTEN = list(embedded_gemeenten())


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("GM0344", "GM0344"),
        ("gm0344", "GM0344"),
        ("Utrecht", "GM0344"),
        ("  utrecht ", "GM0344"),
        ("Den Haag", "GM0518"),
        ("Hengelo", "GM0164"),
        ("Súdwest-Fryslân", "GM1900"),
        ("sudwest-fryslan", "GM1900"),
    ],
)
def test_finds_by_code_or_name(text: str, code: str) -> None:
    assert find_gemeente(text, GEMEENTEN).code == code


def test_ambiguous_name_lists_the_candidates() -> None:
    with pytest.raises(InputError) as raised:
        find_gemeente("Bergen", GEMEENTEN)
    assert "niet eenduidig" in str(raised.value)
    assert "Bergen (NH.)" in str(raised.value) and "Bergen (L.)" in str(raised.value)


def test_unknown_name_suggests_the_closest_first() -> None:
    with pytest.raises(InputError) as raised:
        find_gemeente("Utreht", GEMEENTEN, field="--gemeente")
    problem = raised.value.problems[0]
    assert problem.field == "--gemeente"
    assert problem.message.split("onder meer: ")[1].startswith("Utrecht")


def test_unknown_code_is_an_error() -> None:
    with pytest.raises(InputError):
        find_gemeente("GM9999", GEMEENTEN)


def test_region_suggestion_finds_the_cbs_spelling() -> None:
    assert closest("Friesland", ["Groningen", "Fryslân", "Drenthe", "Zeeland"])[0] == "Fryslân"
    assert "Fryslân" in unknown_message("regio", "Friesland", ["Fryslân", "Utrecht"])


def test_label_shows_the_name_beside_the_code() -> None:
    assert label("GM0344", namen(GEMEENTEN)) == "GM0344 Utrecht"
    assert label("GM9999", namen(GEMEENTEN)) == "GM9999"


@given(st.text(max_size=30))
def test_fold_is_idempotent_and_closest_returns_candidates(text: str) -> None:
    assert fold(fold(text)) == fold(text)
    options = ["Utrecht", "Fryslân", "Zeeland"]
    assert set(closest(text, options)) == set(options)


def test_every_embedded_municipality_has_its_regions() -> None:
    assert all(g.arbeidsmarktregio and g.coropgebied for g in GEMEENTEN)
    assert len({g.arbeidsmarktregio for g in GEMEENTEN}) == 35
    assert len({g.coropgebied for g in GEMEENTEN}) == 40
