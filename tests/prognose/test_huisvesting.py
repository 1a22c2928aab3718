"""The housing rule has one home, and the model and the needed taakstelling both follow it exactly."""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest

from doorstroom.prognose import benodigd, huisvesting
from doorstroom.prognose.montecarlo import BEWAARD, simuleer
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
