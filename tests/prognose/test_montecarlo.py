"""Monte Carlo: reproducibility, statistics, provinces, flex buffer, needed taakstelling."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from doorstroom.prognose import regions
from doorstroom.prognose.core.model import Regios
from doorstroom.prognose.core.montecarlo import bereken, simuleer
from doorstroom.prognose.core.scenario import Doelen, Scenario
from doorstroom.prognose.standaard import standaard
from tests.prognose.strategies import maak_scenario


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return replace(standaard(), maanden=24)


@pytest.fixture(scope="module")
def provinces() -> Regios:
    return regions.provincies(regions.standaard_opvang(standaard().start))


def test_same_seed_gives_the_same_result(scenario: Scenario, provinces: Regios) -> None:
    first = simuleer(scenario, paden=200, seed=7, regios=provinces)
    second = simuleer(scenario, paden=200, seed=7, regios=provinces)
    for name in first.nationaal:
        np.testing.assert_array_equal(first[name], second[name])
    for name in first.regionaal:
        np.testing.assert_array_equal(first.regionaal[name], second.regionaal[name])


def test_other_seed_gives_other_paths_with_the_same_statistics(scenario: Scenario) -> None:
    first = simuleer(scenario, paden=3000, seed=1)
    second = simuleer(scenario, paden=3000, seed=2)
    assert not np.array_equal(first["coa_bezetting"], second["coa_bezetting"])
    for name in ("instroom_totaal", "coa_bezetting", "vergunninghouders_coa", "inburgering"):
        width = np.quantile(first[name], 0.9, axis=0) - np.quantile(first[name], 0.1, axis=0)
        for q in (0.1, 0.5, 0.9):
            a, b = np.quantile(first[name], q, axis=0), np.quantile(second[name], q, axis=0)
            assert np.all(np.abs(a - b) <= 0.12 * width + 0.01 * np.abs(a) + 1), f"{name} P{q * 100:.0f}"


def test_mean_of_paths_follows_the_expected_path_for_linear_flows() -> None:
    """Without capacity limits the model is linear, so the path mean equals the expected path."""
    values = {
        "ind_capaciteit": 1e7,
        "taakstelling": 1e7,
        "instroom_dispersie": 20.0,
        "instroom_drift": 0.05,
        "eerste_aanvragen": 2000.0,
    }
    chosen = maak_scenario(values, maanden=12)
    paths = simuleer(chosen, paden=4000, seed=5)
    expected = simuleer(chosen, deterministisch=True)
    for name in ("instroom_totaal", "ind_wachtrij", "afgewezen_coa", "inburgering"):
        np.testing.assert_allclose(paths[name].mean(axis=0), expected[name][0], rtol=0.03, err_msg=name)


def test_quantiles_are_ordered_and_cover_every_series(scenario: Scenario, provinces: Regios) -> None:
    result = bereken(scenario, paden=300, seed=3, regios=provinces)
    assert len(result.maanden) == 24 and result.maanden[0] == scenario.start
    for name, q in result.kwantielen.items():
        assert q.shape == (3, 24), name
        assert (q[0] <= q[1]).all() and (q[1] <= q[2]).all(), name
    for name, q in result.regio_kwantielen.items():
        assert q.shape == (3, 12, 24), name
        assert (q[0] <= q[1]).all() and (q[1] <= q[2]).all(), name
    assert ((result.kans_overschrijding >= 0) & (result.kans_overschrijding <= 1)).all()
    assert result.regio_kans_overschrijding.shape == (12, 24)
    assert result.kosten_totaal[0] <= result.kosten_totaal[2]


def test_summaries_are_the_quantiles_of_the_kept_paths(scenario: Scenario, provinces: Regios) -> None:
    """bereken summarises on a second thread what simuleer keeps: both must agree exactly."""
    result = bereken(scenario, paden=200, seed=9, regios=provinces)
    paths = simuleer(scenario, paden=200, seed=9, regios=provinces)
    for name in paths.nationaal:
        expected = np.quantile(paths[name], (0.1, 0.5, 0.9), axis=0, method="inverted_cdf")
        np.testing.assert_array_equal(result.kwantielen[name], expected, err_msg=name)
    for name in result.regio_kwantielen:
        regional = np.quantile(paths.regionaal[name], (0.1, 0.5, 0.9), axis=1, method="inverted_cdf")
        np.testing.assert_array_equal(result.regio_kwantielen[name], regional, err_msg=name)
    exceeds = (paths["coa_bezetting"] > paths["capaciteit"]).mean(axis=0)
    np.testing.assert_allclose(result.kans_overschrijding, exceeds)


def test_flex_buffer_keeps_occupancy_under_capacity_with_the_chosen_probability(scenario: Scenario) -> None:
    result = bereken(scenario, paden=1000, seed=11)
    paths = simuleer(scenario, paden=1000, seed=11)
    base = np.floor(scenario.waarde("coa_regulier") + scenario.waarde("coa_nood"))
    always_under = (paths["coa_bezetting"] <= base + result.flexbuffer_horizon + 1e-6).all(axis=1)
    assert always_under.mean() == pytest.approx(scenario.doelen.kans, abs=0.005)
    monthly = paths["coa_bezetting"] <= base + result.flexbuffer_per_maand + 1e-6
    assert (monthly.mean(axis=0)[result.flexbuffer_per_maand > 0] >= scenario.doelen.kans).all()


def test_needed_taakstelling_brings_waiting_permit_holders_to_target() -> None:
    """On the expected path the needed task, planned, lands on the target (within the search's precision)."""
    values = {"begin_vergunninghouders_coa": 500.0, "ind_doorlooptijd": 1.0, "begin_achterstand": 30.0}
    chosen = replace(maak_scenario(values, maanden=12), doelen=Doelen(100.0, 6, 0.9))
    before = simuleer(chosen, deterministisch=True)
    needed = bereken(chosen, deterministisch=True).benodigde_taakstelling
    after = simuleer(chosen.met_waarde("taakstelling", needed.per_halfjaar), deterministisch=True)
    assert needed.maand == "2026-06"
    assert before["vergunninghouders_coa"][0, 5] > 100
    assert after["vergunninghouders_coa"][0, 5] == pytest.approx(100, abs=0.5)


def test_needed_taakstelling_is_met_on_the_chosen_share_of_paths(scenario: Scenario) -> None:
    result = bereken(scenario, paden=500, seed=4)
    needed = result.benodigde_taakstelling
    assert needed.mediaan <= needed.per_halfjaar and needed.onhaalbaar == 0
    paths = simuleer(
        replace(scenario, wijzigingen=()).met_waarde("taakstelling", needed.per_halfjaar), paden=500, seed=4
    )
    month = scenario.doelen.uiterlijk_maand - 1
    met = paths["vergunninghouders_coa"][:, month] <= needed.doel + 10
    assert met.mean() >= scenario.doelen.kans - 0.02


def test_needed_taakstelling_per_half_year_follows_the_glide_path(scenario: Scenario) -> None:
    result = bereken(scenario, paden=400, seed=6)
    tasks = result.benodigd_per_halfjaar
    assert [t.periode for t in tasks] == ["2026-1", "2026-2", "2027-1", "2027-2"]
    assert tasks[-1].doel == pytest.approx(scenario.doelen.wachtende_vergunninghouders)
    assert all(t.benodigd is not None and t.benodigd >= (t.mediaan or 0) for t in tasks)
    targets = [t.doel for t in tasks]
    assert targets == sorted(targets, reverse=True)  # from today's waiting stock down to the target


def test_unreachable_target_is_reported_not_a_warning(scenario: Scenario) -> None:
    """Permit holders granted in the target month cannot be housed in it: target 0 is unreachable."""
    chosen = replace(scenario, maanden=12, doelen=Doelen(0.0, 6, 0.9))
    result = bereken(chosen, paden=50, seed=1)
    needed = result.benodigde_taakstelling
    assert needed.onhaalbaar == 1.0 and needed.per_halfjaar == float("inf")
    assert result.benodigd_per_halfjaar[0].benodigd is None
