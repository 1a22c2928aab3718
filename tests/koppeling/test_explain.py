"""Explanations per proposal, the aggregate report and advice mode."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings

from doorstroom.koppeling.core.domain import Beleid, Instantie
from doorstroom.koppeling.explain import rapport as rapportage
from doorstroom.koppeling.explain import uitleg as explain
from doorstroom.koppeling.service import Verzoek, laad
from doorstroom.koppeling.solver.registry import solver
from tests.koppeling.strategies import instanties


@settings(max_examples=30)
@given(instanties())
def test_every_household_is_explained(instantie: Instantie) -> None:
    result = solver("highs").los_op(instantie, Beleid(), 30)
    uitleg = explain.uitleg(instantie, Beleid(), result)
    assert set(uitleg) == {h.id for h in instantie.huishoudens}
    for t in result.assignments:
        assert uitleg[t.huishouden_id].gemeentecode == t.gemeentecode
        assert abs(sum(uitleg[t.huishouden_id].bijdragen.values()) - t.score) < 1e-3
    for ident in result.unassigned:
        assert uitleg[ident].tekst.startswith("niet gekoppeld")


def test_reasons_name_full_alternative_or_criterion(invoer: tuple[Path, Path]) -> None:
    instantie = laad(Verzoek(*invoer))[0]
    result = solver("highs").los_op(instantie, Beleid(), 30)
    teksten = {h: u.tekst for h, u in explain.uitleg(instantie, Beleid(), result).items()}
    assert "geen andere gemeente toegestaan" in teksten["H3"]
    assert "beste alternatief" in teksten["H1"]


def test_report_compares_with_greedy(invoer: tuple[Path, Path]) -> None:
    instantie = laad(Verzoek(*invoer))[0]
    optimaal = rapportage.rapport(instantie, Beleid(), solver("highs").los_op(instantie, Beleid(), 30))
    basis = rapportage.rapport(instantie, Beleid(), solver("greedy").los_op(instantie, Beleid()))
    assert optimaal.objective >= basis.objective
    assert set(optimaal.vulgraad) == {g.code for g in instantie.gemeenten}
    assert {"alleenstaand", "gezin 2-4"} <= set(optimaal.per_soort)
    rijen = rapportage.vergelijking(optimaal, basis)
    assert rijen[0]["maat"] == "objective" and set(rijen[0]) == {"maat", "highs", "greedy"}


def test_advice_gives_top_three_allowed(invoer: tuple[Path, Path]) -> None:
    instantie = laad(Verzoek(*invoer))[0]
    adviezen = explain.advies(instantie, Beleid(), 3)
    h1 = [a for a in adviezen if a.huishouden_id == "H1"]
    assert [a.rang for a in h1] == [1, 2, 3]
    assert h1[0].score >= h1[1].score >= h1[2].score
    assert [a.gemeentecode for a in adviezen if a.huishouden_id == "H3"] == ["GM0014"]
