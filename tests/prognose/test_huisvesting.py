"""The housing rule has one home, and the model and the needed taakstelling both follow it exactly."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import numpy as np
import pytest

from doorstroom.prognose.core import benodigd, huisvesting
from doorstroom.prognose.core.fitbasis import Schatting
from doorstroom.prognose.core.ketenfit import REALISATIE_MAX_SD, Realisatie, realisatiegraad
from doorstroom.prognose.core.montecarlo import BEWAARD, realisatie_trekkingen, simuleer
from doorstroom.prognose.core.scenario import Verdeling
from doorstroom.prognose.scenario_io import lees, schrijf
from doorstroom.prognose.standaard import standaard
from tests.prognose.strategies import maak_scenario

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "doorstroom" / "prognose"


def test_room_after_nareizigers_in_whole_persons() -> None:
    task = huisvesting.maandtaak(np.array([120.0]), 1.0, np.array([30.0]), 6.0)
    room = huisvesting.ruimte(task, np.array([0.9]))
    np.testing.assert_allclose(room, [22.5])  # 0.9 · (20 + 5)
    whole = huisvesting.beschikbare_ruimte(room, np.array([10.0]), hele=True)
    exact = huisvesting.beschikbare_ruimte(room, np.array([10.0]), hele=False)
    np.testing.assert_array_equal(huisvesting.uit_coa(np.array([100.0]), whole), [12])
    np.testing.assert_allclose(huisvesting.uit_coa(np.array([100.0]), exact), [12.5])
    np.testing.assert_array_equal(huisvesting.uit_coa(np.array([3.0]), whole), [3])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_needed_taakstelling_replays_the_models_housing_exactly(seed: int) -> None:
    """Issue 7 item 11: the bisection used a copy of the housing rule without whole-person rounding.
    Replaying the model's own taakstelling through the needed-taakstelling code gives the model's
    waiting permit holders to the person, on random paths."""
    values = {
        "begin_vergunninghouders_coa": 300.0,
        "taakstelling": 500.0,
        "realisatiegraad": 0.83,
        "realisatie_spreiding": 0.1,
        "begin_achterstand": 55.0,
        "inwilligingspercentage": 0.7,
    }
    scenario = maak_scenario(values, maanden=14)
    paths = simuleer(scenario, paden=50, seed=seed)
    stand = benodigd._begin(paths.invoer, hele=True)
    months = benodigd.Maanden.van(paths.invoer, {name: paths[name].T for name in BEWAARD})
    for month in range(1, 15):
        replay = benodigd._run(paths.invoer, months, stand, range(month), np.full(50, 500.0), hele=True)
        np.testing.assert_array_equal(replay.v, paths["vergunninghouders_coa"][:, month - 1])


def test_only_the_rule_module_computes_room() -> None:
    """No other module multiplies a task by the realisation rate or subtracts nareizigers from room."""
    for path in PACKAGE.glob("*.py"):
        if path.name == "huisvesting.py":
            continue
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        calls = {
            node.func.attr
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        }
        if "realisatiegraad" in source and ("ruimte" in calls or "uit_coa" in calls):
            assert "huisvesting." in source, path.name
        assert '/ 6.0 * inp.op("realisatiegraad"' not in source, path.name


PUBLISHED = [  # gerealiseerd / taak met achterstand, 2019-1 to 2023-1 (landelijk.csv)
    ("2019-1", 6372.0, 8934.0),
    ("2019-2", 6962.0, 8537.0),
    ("2020-1", 4987.0, 7192.0),
    ("2020-2", 7025.0, 8706.0),
    ("2021-1", 9596.0, 15144.0),
    ("2021-2", 12787.0, 16586.0),
    ("2022-1", 11934.0, 13748.0),
    ("2022-2", 17126.0, 15333.0),
    ("2023-1", 14296.0, 19418.0),
]


def _fit(tot: str | None = None) -> dict[str, Schatting]:
    halves = [Realisatie(p, housed, task) for p, housed, task in PUBLISHED]
    return {e.parameter: e for e in realisatiegraad(halves, "test", (), tot=tot)}


def test_realisation_fit_gives_level_spread_and_walk_on_the_log_scale() -> None:
    fitted = _fit()
    assert set(fitted) == {"realisatiegraad", "realisatie_spreiding", "realisatie_drift"}
    assert all(e.verdeling is Verdeling.lognormaal and e.sd for e in fitted.values())
    rates = np.array([housed / task for _, housed, task in PUBLISHED])
    assert rates.min() < fitted["realisatiegraad"].waarde < rates.max()
    assert 0 < fitted["realisatie_drift"].waarde < REALISATIE_MAX_SD
    assert 0 < fitted["realisatie_spreiding"].waarde < REALISATIE_MAX_SD


def test_a_stale_realisation_series_widens_the_level() -> None:
    """Half years without a published realisation between the last one and the forecast let the
    level walk on: the later the start, the less the 2023 figure says."""
    now, later = _fit("2023-1"), _fit("2025-2")
    assert now["realisatiegraad"].waarde == pytest.approx(later["realisatiegraad"].waarde)
    assert later["realisatiegraad"].sd > now["realisatiegraad"].sd  # type: ignore[operator]


def test_realisation_draws_keep_the_median_and_widen_with_the_walk() -> None:
    paths = 40_000
    values = {
        "realisatiegraad": np.full(paths, 0.8),
        "realisatie_spreiding": np.full(paths, 0.1),
        "realisatie_drift": np.full(paths, 0.1),
    }
    rates = realisatie_trekkingen(values, np.random.default_rng(5), 6)
    np.testing.assert_allclose(np.median(rates, axis=1), 0.8, rtol=0.02)
    spread = np.std(np.log(rates), axis=1)
    np.testing.assert_allclose(spread, np.sqrt(0.1**2 + np.arange(1, 7) * 0.1**2), rtol=0.05)
    fixed = {**values, "realisatie_drift": np.zeros(paths), "realisatie_spreiding": np.zeros(paths)}
    np.testing.assert_array_equal(realisatie_trekkingen(fixed, np.random.default_rng(5), 3), 0.8)
    np.testing.assert_array_equal(realisatie_trekkingen(values, None, 2), 0.8)


def test_a_scenario_file_without_realisatie_drift_keeps_a_fixed_level() -> None:
    text = schrijf(standaard()).replace("[parameters.realisatie_drift]", "[ongebruikt]")
    data = tomllib.loads(text)
    data.pop("ongebruikt")
    scenario = lees(data)
    assert scenario.parameters["realisatie_drift"].waarde == 0.0
