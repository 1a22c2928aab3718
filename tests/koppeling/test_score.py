"""The score: named criteria in [0, 1], the whole household counts, no protected attributes."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import numpy as np
from hypothesis import given

from doorstroom.koppeling.core.domain import CRITERIA, Beleid, Huishouden, Instantie, Opleiding, Volwassene
from doorstroom.koppeling.core.score import criteriumwaarden, scoreblok
from doorstroom.koppeling.service import Verzoek, laad
from tests.koppeling.conftest import HUISHOUDENS
from tests.koppeling.strategies import instanties

VERBODEN = (
    "nationaliteit",
    "religie",
    "etniciteit",
    "herkomst",
    "land",
    "taal",
    "geboorteland",
    "moedertaal",
)


@given(instanties())
def test_every_criterion_lies_in_unit_interval(instantie: Instantie) -> None:
    waarden = criteriumwaarden(instantie, instantie.huishoudens, Beleid())
    assert set(waarden) == set(CRITERIA)
    for matrix in waarden.values():
        assert matrix.shape == (len(instantie.huishoudens), len(instantie.gemeenten))
        assert np.all((matrix >= 0) & (matrix <= 1 + 1e-12))


@given(instanties())
def test_total_is_the_weighted_sum(instantie: Instantie) -> None:
    blok = scoreblok(instantie, instantie.huishoudens, Beleid())
    gewichten = Beleid().gewichten.as_dict()
    verwacht = sum(gewichten[c] * blok.criteria[c] for c in CRITERIA)
    assert np.allclose(blok.totaal, verwacht)


@given(instanties())
def test_every_adult_counts_not_only_the_most_employable(instantie: Instantie) -> None:
    """A second adult without work prospects lowers the labour-market criterion (mean, not max)."""
    huishouden = instantie.huishoudens[0]
    sterk = dataclasses.replace(huishouden, volwassenen=(Volwassene(Opleiding.hoger, "zorg"),))
    gezin = dataclasses.replace(sterk, volwassenen=(*sterk.volwassenen, Volwassene(Opleiding.geen, "bouw")))
    alleen = criteriumwaarden(instantie, [sterk], Beleid())["arbeidsmarkt"]
    samen = criteriumwaarden(instantie, [gezin], Beleid())["arbeidsmarkt"]
    bouw = {regio: instantie.vraag[(regio, "bouw")] for regio, _ in instantie.vraag}
    zorg = {regio: instantie.vraag[(regio, "zorg")] for regio, _ in instantie.vraag}
    for g, gemeente in enumerate(instantie.gemeenten):
        regio = gemeente.arbeidsmarktregio or ""
        assert samen[0, g] == np.float64((zorg[regio] + bouw[regio]) / 2)
        assert alleen[0, g] == zorg[regio]


@given(instanties())
def test_childrens_schooling_counts(instantie: Instantie) -> None:
    huishouden = dataclasses.replace(instantie.huishoudens[0], kinderen=3)
    waarden = criteriumwaarden(instantie, [huishouden], Beleid())["onderwijs"][0]
    for g, gemeente in enumerate(instantie.gemeenten):
        zonder = criteriumwaarden(
            dataclasses.replace(instantie, gemeenten=(dataclasses.replace(gemeente, onderwijs=frozenset()),)),
            [huishouden],
            Beleid(),
        )["onderwijs"][0, 0]
        if "nieuwkomersonderwijs" in gemeente.onderwijs:
            assert waarden[g] > zonder


def test_household_schema_has_no_protected_attribute() -> None:
    velden = [f.name for f in dataclasses.fields(Huishouden)] + [
        f.name for f in dataclasses.fields(Volwassene)
    ]
    assert not [veld for veld in velden if any(woord in veld.lower() for woord in VERBODEN)]


def test_protected_columns_in_the_csv_do_not_change_the_score(
    invoer: tuple[Path, Path], csv_file: Callable[[str, str], Path]
) -> None:
    regels = HUISHOUDENS.strip().splitlines()
    extra = [regels[0] + ",nationaliteit,religie,geboorteland"]
    extra += [regel + f",Land{i},Geloof{i},Land{i}" for i, regel in enumerate(regels[1:])]
    met = csv_file("met.csv", "\n".join(extra) + "\n")
    zonder_instantie = laad(Verzoek(invoer[0], invoer[1]))[0]
    met_instantie = laad(Verzoek(met, invoer[1]))[0]
    assert met_instantie.huishoudens == zonder_instantie.huishoudens
    a = scoreblok(met_instantie, met_instantie.huishoudens, Beleid()).totaal
    b = scoreblok(zonder_instantie, zonder_instantie.huishoudens, Beleid()).totaal
    assert np.array_equal(a, b)
