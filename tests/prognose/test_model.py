"""The chain model: conservation of people nationally and across provinces, hand-computed paths,
housing that follows the taakstelling and carries arrears, changes over time."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doorstroom.prognose.core.model import FloatArray, Regios
from doorstroom.prognose.core.montecarlo import Paden, simuleer
from doorstroom.prognose.core.reeksen import REGIO_SERIES, STOCKS
from doorstroom.prognose.core.scenario import Scenario, Wijziging
from tests.prognose.strategies import maak_scenario, regios, scenarios

SUMMED = (
    "ind_wachtrij",
    "vergunninghouders_coa",
    "afgewezen_coa",
    "coa_bezetting",
    "huisvesting_totaal",
    "achterstand",
)
"""Provincial series whose national value is their sum."""


def _people(paths: Paden) -> FloatArray:
    """Everyone in a stock minus everyone who came in: constant if nobody is created or lost."""
    total = sum((paths[name] for name in STOCKS), np.zeros_like(paths["kosten"]))
    return total - np.cumsum(paths["instroom_totaal"], axis=1)


def _start_total(scenario: Scenario, whole: bool) -> float:
    names = [n for n in scenario.parameters if n.startswith("begin_") and n != "begin_achterstand"]
    values = [scenario.waarde(n) for n in names]
    return float(sum(np.rint(values) if whole else values))


@settings(max_examples=40, deadline=None)
@given(scenario=scenarios(), provinces=regios(), seed=st.integers(0, 2**32 - 1))
def test_people_are_conserved_nationally_and_across_provinces(
    scenario: Scenario, provinces: Regios, seed: int
) -> None:
    paths = simuleer(scenario, paden=8, seed=seed, regios=provinces)
    np.testing.assert_array_equal(_people(paths), _start_total(scenario, whole=True))
    for name in (*STOCKS, "coa_bezetting"):
        assert (paths[name] >= 0).all(), name
    for name in ("ind_wachtrij", "vergunninghouders_coa", "afgewezen_coa", "coa_bezetting"):
        assert (paths.regionaal[name] >= 0).all(), name
        assert np.all(paths.regionaal[name] == np.rint(paths.regionaal[name])), f"{name}: whole persons"


@settings(max_examples=40, deadline=None)
@given(scenario=scenarios(), provinces=regios(), seed=st.integers(0, 2**32 - 1))
def test_provinces_add_up_to_the_national_paths(scenario: Scenario, provinces: Regios, seed: int) -> None:
    paths = simuleer(scenario, paden=8, seed=seed, regios=provinces)
    for name in SUMMED:
        np.testing.assert_allclose(paths.regionaal[name].sum(axis=0), paths[name], atol=1e-6, err_msg=name)
    moved_in = paths.regionaal["koppeling_naar_regio"].sum(axis=0)
    np.testing.assert_array_equal(moved_in, paths.regionaal["koppeling_uit_regio"].sum(axis=0))
    np.testing.assert_array_equal(moved_in, paths["koppeling_buiten_regio"])


@settings(max_examples=40, deadline=None)
@given(scenario=scenarios(), provinces=regios())
def test_people_are_conserved_on_the_expected_path(scenario: Scenario, provinces: Regios) -> None:
    paths = simuleer(scenario, deterministisch=True, regios=provinces)
    np.testing.assert_allclose(_people(paths), _start_total(scenario, whole=False), rtol=1e-9, atol=1e-6)
    for name in STOCKS:
        assert (paths[name] >= -1e-9).all(), name
    for name in SUMMED:
        np.testing.assert_allclose(paths.regionaal[name].sum(axis=0), paths[name], atol=1e-6, err_msg=name)


def test_deterministic_mode_reproduces_the_hand_computed_path() -> None:
    """Two months of the HAND scenario, worked out on paper (see docs/prognose.md)."""
    paths = simuleer(maak_scenario(), deterministisch=True)
    expected: dict[str, list[float]] = {
        "instroom_totaal": [110, 110],
        "beslissingen": [40, 50],  # month 1: 80/2 ready; month 2: 70 ready, capacity 50
        "inwilligingen": [24, 30],
        "ind_wachtrij": [140, 190],
        "taak_maand": [20, 20],  # 120 / 6, no arrears
        "huisvesting_uit_coa": [10, 10],  # room 20 minus 10 nareizigers
        "vergunninghouders_coa": [44, 64],
        "vertrek": [10, 11.5],
        "afgewezen_coa": [46, 54.5],
        "start_inburgering": [10, 10],
        "inburgering_geslaagd": [8, 8],
        "inburgering": [100, 100],
        "coa_bezetting": [230, 308.5],
        "overschrijding": [0, 38.5],
        "kosten": [31 * 310, 28 * (310 + 385)],
    }
    for name, values in expected.items():
        np.testing.assert_allclose(paths[name][0], values, err_msg=name)


def test_arrears_carry_into_the_next_half_year() -> None:
    """Nobody waiting: only the 10 nareizigers a month are housed against a task of 20, so 60 of the
    first half year's 120 carry over and July's task is 120/6 + 60/6 = 30 (Huisvestingswet 2014)."""
    values = {"begin_vergunninghouders_coa": 0.0, "inwilligingspercentage": 0.0}
    paths = simuleer(maak_scenario(values, maanden=8), deterministisch=True)
    np.testing.assert_allclose(paths["taak_maand"][0], [20] * 6 + [30, 30])
    np.testing.assert_allclose(paths["huisvesting_totaal"][0], [10] * 8)
    np.testing.assert_allclose(paths["achterstand"][0][[0, 5, 6]], [10, 60, 70])


def test_realisation_rate_scales_the_room() -> None:
    paths = simuleer(maak_scenario({"realisatiegraad": 0.75}, maanden=2), deterministisch=True)
    np.testing.assert_allclose(paths["huisvesting_uit_coa"][0], [5, 5])  # 0.75 · 20 − 10


def test_a_forecast_starting_mid_half_year_spreads_arrears_over_the_months_left() -> None:
    scenario = maak_scenario({"begin_achterstand": 40.0}, maanden=3)
    scenario = Scenario(scenario.naam, "2026-03", 3, scenario.parameters)
    paths = simuleer(scenario, deterministisch=True)
    np.testing.assert_allclose(paths["taak_maand"][0], [30, 30, 30])  # 20 + 40 / 4 months left


def test_room_left_in_one_province_houses_permit_holders_waiting_in_another() -> None:
    """All reception is in R0, all population (and so all taakstelling) in R1: every permit holder
    housed is linked outside the region."""
    provinces = Regios(("R0", "R1"), np.array([1.0, 0.0]), np.array([0.0, 1.0]), np.array([1.0, 0.0]))
    values = {"begin_vergunninghouders_coa": 100.0, "nareizigers": 0.0}
    paths = simuleer(maak_scenario(values, maanden=2), deterministisch=True, regios=provinces)
    np.testing.assert_allclose(paths["koppeling_buiten_regio"][0], [20, 20])
    np.testing.assert_allclose(paths.regionaal["koppeling_uit_regio"][0, 0], [20, 20])
    np.testing.assert_allclose(paths.regionaal["huisvesting_totaal"][1, 0], [20, 20])
    np.testing.assert_allclose(paths.regionaal["vergunninghouders_coa"][1, 0], [0, 0])


def test_inflow_shock_from_month_six_multiplies_expected_inflow() -> None:
    shock = Wijziging("eerste_aanvragen", vanaf_maand=6, factor=1.5)
    paths = simuleer(maak_scenario(wijzigingen=(shock,), maanden=8), deterministisch=True)
    np.testing.assert_allclose(paths["instroom_eerste_aanvragen"][0], [100] * 5 + [150] * 3)


def test_extra_ind_capacity_and_higher_taakstelling_take_effect_when_planned() -> None:
    changes = (
        Wijziging("ind_capaciteit", vanaf_maand=3, plus=100),
        Wijziging("taakstelling", vanaf_maand=3, tot_maand=3, waarde=240),
    )
    values = {"ind_doorlooptijd": 1.0, "begin_vergunninghouders_coa": 1000.0}
    paths = simuleer(maak_scenario(values, changes, maanden=4), deterministisch=True)
    np.testing.assert_allclose(paths["beslissingen"][0], [50, 50, 150, 130])  # queue 130 in month 4
    np.testing.assert_allclose(paths["huisvesting_uit_coa"][0], [10, 10, 30, 10])


def test_a_change_of_the_realisation_rate_applies_from_its_month() -> None:
    change = Wijziging("realisatiegraad", vanaf_maand=2, waarde=0.5)
    paths = simuleer(
        maak_scenario({"begin_vergunninghouders_coa": 500.0}, (change,), maanden=2), deterministisch=True
    )
    np.testing.assert_allclose(paths["huisvesting_uit_coa"][0], [10, 0])  # 0.5 · 20 − 10


def test_season_shapes_inflow() -> None:
    season = (2.0,) + (1.0,) * 11
    paths = simuleer(maak_scenario(maanden=2, seizoen=season), deterministisch=True)
    np.testing.assert_allclose(paths["instroom_nareizigers"][0], [20, 10])


@pytest.mark.parametrize("paden", [1, 50])
def test_occupancy_is_the_sum_of_reception_stocks(paden: int) -> None:
    paths = simuleer(maak_scenario(maanden=6), paden=paden, seed=3)
    total = paths["ind_wachtrij"] + paths["vergunninghouders_coa"] + paths["afgewezen_coa"]
    np.testing.assert_array_equal(paths["coa_bezetting"], total)


def test_every_provincial_series_is_recorded() -> None:
    provinces = Regios(("A", "B"), np.array([0.5, 0.5]), np.array([0.3, 0.7]), np.array([0.5, 0.5]))
    paths = simuleer(maak_scenario(maanden=3), paden=4, seed=1, regios=provinces)
    assert set(paths.regionaal) == set(REGIO_SERIES)
    assert all(values.shape == (2, 4, 3) for values in paths.regionaal.values())
