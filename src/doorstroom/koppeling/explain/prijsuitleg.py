"""Explain a price where it binds: which municipality was kept for later arrivals, and at what price.

A priced batch (:mod:`~doorstroom.koppeling.solver.geprijsd`) may place a household somewhere other than
where it scores highest, because that place's room is expected to be worth more to arrivals still
to come. The case worker must see that reason in the household's explanation (issue 14, item 3;
algorithm register: explainability), and the run's report must show every price with how it came
about. Pure: plain values in, Dutch sentences and rows out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import numpy as np

from doorstroom.koppeling.core.result import KoppelingResult
from doorstroom.koppeling.explain.uitleg import Uitleg
from doorstroom.koppeling.solver.koppelmodel import FloatArray
from doorstroom.koppeling.solver.prijsschatting import Schatting, Steekproef
from doorstroom.reference.core.lookup import label

MARGE = 1e-9


def vrijgehouden(
    codes: tuple[str, ...],
    huishoudens: tuple[str, ...],
    batch: Steekproef,
    result: KoppelingResult,
    prijzen: FloatArray,
) -> dict[str, int]:
    """Household id → index of the municipality kept away from it by its price.

    That is its best allowed municipality by score, when it was placed elsewhere, that place has
    a positive price, and after prices the place it got is at least as good: the price decided.
    """
    index = {code: i for i, code in enumerate(codes)}
    rij = {ident: r for r, ident in enumerate(huishoudens)}
    uit: dict[str, int] = {}
    for t in result.assignments:
        score = batch.score[rij[t.huishouden_id]]
        beste, gekozen = int(np.argmax(score)), index[t.gemeentecode]
        if beste == gekozen or prijzen[beste] <= 0 or score[beste] <= score[gekozen] + MARGE:
            continue
        if score[beste] - prijzen[beste] <= score[gekozen] - prijzen[gekozen] + MARGE:
            uit[t.huishouden_id] = beste
    return uit


def zin(code: str, namen: Mapping[str, str], prijs: float) -> str:
    """The sentence a case worker reads."""
    return (
        f"{label(code, dict(namen))} wordt vrijgehouden voor latere aankomsten die daar hoger scoren "
        f"(prijs {prijs:.2f} per persoon deze week)"
    )


def met_prijzen(
    uitleg: dict[str, Uitleg],
    weg: Mapping[str, int],
    codes: tuple[str, ...],
    namen: Mapping[str, str],
    prijzen: FloatArray,
) -> dict[str, Uitleg]:
    """The explanations with the binding price added where it decided the place."""
    return {
        ident: replace(u, reden=f"{u.reden}; {zin(codes[weg[ident]], namen, float(prijzen[weg[ident]]))}")
        if ident in weg
        else u
        for ident, u in uitleg.items()
    }


def prijsregels(
    codes: tuple[str, ...], namen: Mapping[str, str], schatting: Schatting, weg: Mapping[str, int]
) -> list[dict[str, object]]:
    """Every positive price with how it came about, highest first: the run's price report."""
    aantal = np.bincount(np.array(list(weg.values()), dtype=np.int64), minlength=len(codes))
    regels = [
        {
            "gemeentecode": code,
            "gemeentenaam": namen.get(code, ""),
            "prijs": round(float(schatting.prijzen[g]), 4),
            "bindend": int(schatting.bindend[g]),
            "scenarios": schatting.scenarios,
            "spreiding": round(float(schatting.spreiding[g]), 4),
            "vrijgehouden": int(aantal[g]),
        }
        for g, code in enumerate(codes)
        if schatting.prijzen[g] > 0
    ]
    return sorted(regels, key=lambda r: (-float(r["prijs"]), str(r["gemeentecode"])))  # type: ignore[arg-type]


def toelichting(regel: Mapping[str, object]) -> str:
    """One price explained in a line: which municipality, what value, from how many scenarios."""
    plaats = label(str(regel["gemeentecode"]), {str(regel["gemeentecode"]): str(regel["gemeentenaam"])})
    return (
        f"{plaats}: prijs {regel['prijs']:.2f} per persoon, positief in {regel['bindend']} van "
        f"{regel['scenarios']} scenario's (spreiding {regel['spreiding']:.2f}); "
        f"{regel['vrijgehouden']} huishoudens van deze batch elders geplaatst"
    )
