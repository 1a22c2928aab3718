"""The chain model: conservation of people, hand-computed deterministic paths, changes over time."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doorstroom.prognose.model import STOCKS, FloatArray
from doorstroom.prognose.montecarlo import simuleer
from doorstroom.prognose.scenario import Scenario, Wijziging
from tests.prognose.strategies import maak_scenario, scenarios


def _people(paths: dict[str, FloatArray]) -> FloatArray:
    """Everyone in a stock minus everyone who came in: constant if nobody is created or lost."""
    return sum((paths[name] for name in STOCKS), np.zeros_like(paths["kosten"])) - np.cumsum(
        paths["instroom_totaal"], axis=1
    )


def _start_total(scenario: Scenario, whole: bool) -> float:
    names = [n for n in scenario.parameters if n.startswith("begin_")]
    values = [scenario.waarde(n) for n in names]
    return float(sum(np.rint(values) if whole else values))


@settings(max_examples=40, deadline=None)
@given(scenario=scenarios(), seed=st.integers(0, 2**32 - 1))
def test_people_are_conserved_on_random_paths(scenario: Scenario, seed: int) -> None:
    _, paths = simuleer(scenario, paden=8, seed=seed)
    np.testing.assert_array_equal(_people(paths), _start_total(scenario, whole=True))
    for name in (*STOCKS, "coa_bezetting"):
        assert (paths[name] >= 0).all(), name


@settings(max_examples=40, deadline=None)
@given(scenario=scenarios())
def test_people_are_conserved_on_the_expected_path(scenario: Scenario) -> None:
    _, paths = simuleer(scenario, deterministisch=True)
    expected = _start_total(scenario, whole=False)
    np.testing.assert_allclose(_people(paths), expected, rtol=1e-9, atol=1e-6)
    for name in STOCKS:
        assert (paths[name] >= -1e-9).all(), name


def test_deterministic_mode_reproduces_the_hand_computed_path() -> None:
    """Two months of the HAND scenario, worked out on paper (see docs/prognose.md)."""
    _, paths = simuleer(maak_scenario(), deterministisch=True)
    expected: dict[str, list[float]] = {
        "instroom_totaal": [110, 110],
        "beslissingen": [40, 50],  # month 1: 80/2 ready; month 2: 70 ready, capacity 50
        "inwilligingen": [24, 30],
        "ind_wachtrij": [140, 190],
        "huisvesting_uit_coa": [10, 10],  # 120/6 - 10 nareizigers
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


def test_inflow_shock_from_month_six_multiplies_expected_inflow() -> None:
    shock = Wijziging("eerste_aanvragen", vanaf_maand=6, factor=1.5)
    _, paths = simuleer(maak_scenario(wijzigingen=(shock,), maanden=8), deterministisch=True)
    np.testing.assert_allclose(paths["instroom_eerste_aanvragen"][0], [100] * 5 + [150] * 3)


def test_extra_ind_capacity_and_higher_taakstelling_take_effect_when_planned() -> None:
    changes = (
        Wijziging("ind_capaciteit", vanaf_maand=3, plus=100),
        Wijziging("taakstelling", vanaf_maand=3, tot_maand=3, waarde=240),
    )
    values = {"ind_doorlooptijd": 1.0, "begin_vergunninghouders_coa": 1000.0}
    _, paths = simuleer(maak_scenario(values, changes, maanden=4), deterministisch=True)
    np.testing.assert_allclose(paths["beslissingen"][0], [50, 50, 150, 130])  # queue 130 in month 4
    np.testing.assert_allclose(paths["huisvesting_uit_coa"][0], [10, 10, 30, 10])


def test_season_shapes_inflow() -> None:
    season = (2.0,) + (1.0,) * 11
    _, paths = simuleer(maak_scenario(maanden=2, seizoen=season), deterministisch=True)
    np.testing.assert_allclose(paths["instroom_nareizigers"][0], [20, 10])


@pytest.mark.parametrize("paden", [1, 50])
def test_occupancy_is_the_sum_of_reception_stocks(paden: int) -> None:
    _, paths = simuleer(maak_scenario(maanden=6), paden=paden, seed=3)
    total = paths["ind_wachtrij"] + paths["vergunninghouders_coa"] + paths["afgewezen_coa"]
    np.testing.assert_array_equal(paths["coa_bezetting"], total)
