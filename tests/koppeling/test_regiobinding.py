"""``--regiobinding``: each policy changes exactly what it says (issue 7.1).

``gewicht`` weighs the reception region, ``hard`` makes it a rule, ``uit`` ignores it entirely.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from doorstroom.koppeling.core.domain import Beleid, Gewichten, Instantie, RegioBinding
from doorstroom.koppeling.core.harde_criteria import toegestaan
from doorstroom.koppeling.core.score import scoreblok
from doorstroom.koppeling.core.synthetic import synthetisch
from doorstroom.koppeling.solver.registry import solver
from doorstroom.reference.io import embedded_gemeenten
from tests.koppeling.strategies import instanties

GEWICHT, HARD, UIT = (Beleid(regio_binding=b) for b in RegioBinding)


def test_gewicht_and_uit_give_different_scores_on_300_synthetic_households() -> None:
    """On the code before the fix both policies gave identical totals (the weight stayed 3.0)."""
    instantie = synthetisch(embedded_gemeenten(), 300, seed=11)
    gewogen = scoreblok(instantie, instantie.huishoudens, GEWICHT)
    uit = scoreblok(instantie, instantie.huishoudens, UIT)
    assert not np.allclose(gewogen.totaal, uit.totaal)
    assert np.allclose(gewogen.totaal - uit.totaal, 3.0 * gewogen.criteria["regio"])
    assert not uit.criteria["regio"].any()
    assert np.array_equal(gewogen.toegestaan, uit.toegestaan)  # neither is a rule
    hard = scoreblok(instantie, instantie.huishoudens, HARD)
    assert hard.toegestaan.sum() < gewogen.toegestaan.sum()
    assert not (hard.toegestaan & ~gewogen.toegestaan).any()


def test_the_plan_changes_with_the_policy() -> None:
    instantie = synthetisch(embedded_gemeenten(), 120, seed=3)
    plannen = {b: solver("greedy").los_op(instantie, Beleid(regio_binding=b)) for b in RegioBinding}
    assert plannen[RegioBinding.gewicht].objective != plannen[RegioBinding.uit].objective


def _verhuis_opvangregio(instantie: Instantie, regio: str) -> Instantie:
    """Each reception location put in region ``regio``, at the same place (a new location code)."""
    locaties = dict(instantie.locaties)
    huishoudens = []
    for h in instantie.huishoudens:
        nieuw = f"OPVANG-{h.opvang_gemeente}"
        locaties[nieuw] = dataclasses.replace(instantie.locaties[h.opvang_gemeente], code=nieuw, regio=regio)
        huishoudens.append(dataclasses.replace(h, opvang_gemeente=nieuw))
    return dataclasses.replace(instantie, huishoudens=tuple(huishoudens), locaties=locaties)


@given(instanties(), st.sampled_from(["Noord", "Zuid", "Elders"]))
def test_uit_ignores_the_reception_region_entirely(instantie: Instantie, regio: str) -> None:
    verhuisd = _verhuis_opvangregio(instantie, regio)
    a = scoreblok(instantie, instantie.huishoudens, UIT)
    b = scoreblok(verhuisd, verhuisd.huishoudens, UIT)
    assert np.allclose(a.totaal, b.totaal)
    assert np.array_equal(a.toegestaan, b.toegestaan)


@given(instanties())
def test_uit_is_gewicht_with_a_zero_region_weight(instantie: Instantie) -> None:
    nul = Beleid(gewichten=Gewichten(regio=0.0))
    a = scoreblok(instantie, instantie.huishoudens, UIT)
    b = scoreblok(instantie, instantie.huishoudens, nul)
    assert np.allclose(a.totaal, b.totaal) and np.array_equal(a.toegestaan, b.toegestaan)


@given(instanties())
def test_hard_allows_only_the_reception_region_unless_a_tie_binds(instantie: Instantie) -> None:
    mask = toegestaan(instantie, instantie.huishoudens, HARD)
    for row, h in enumerate(instantie.huishoudens):
        for col, g in enumerate(instantie.gemeenten):
            if mask[row, col] and h.binding_gemeente is None:
                assert g.regio == instantie.opvang_regio(h)
