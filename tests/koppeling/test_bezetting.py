"""Persons per municipality and overflow: one rule, the same answer from arrays and proposals."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings

from doorstroom.koppeling.core import bezetting
from doorstroom.koppeling.core.domain import Beleid, Instantie
from doorstroom.koppeling.core.validate import overschrijding
from doorstroom.koppeling.solver.registry import solver
from tests.koppeling.strategies import instanties


def test_persons_per_municipality_counts_persons_not_households() -> None:
    gemeente = np.array([0, 1, 0, -1, 2])
    grootte = np.array([3, 1, 2, 5, 4])
    assert bezetting.personen_per_gemeente(gemeente, grootte, 4).tolist() == [5, 1, 4, 0]
    assert bezetting.overschrijding(np.array([5, 1, 4, 0]), np.array([4, 1, 6, 0])).tolist() == [1, 0, 0, 0]


@settings(max_examples=25)
@given(instanties(max_huishoudens=8, max_gemeenten=4, zacht=True))
def test_result_overflow_is_the_rule_applied_to_its_proposals(instantie: Instantie) -> None:
    for naam in ("highs", "greedy"):
        result = solver(naam).los_op(instantie, Beleid(), 30)
        personen = bezetting.personen_per_code(result.assignments)
        assert result.overschrijding == bezetting.overschrijding_per_code(instantie.gemeenten, personen)
        assert result.overschrijding == overschrijding(instantie, result)
        ruimte = bezetting.ruimte_per_code(instantie.gemeenten, personen)
        assert all(boven >= 0 for _, boven in ruimte.values())
