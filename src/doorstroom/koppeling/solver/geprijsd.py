"""A batch placed with prices for what is still to come (issue 14): scores, prices, the priced solve.

The pro-rated batch share (:mod:`~doorstroom.koppeling.core.capaciteit`) guesses how much of each
municipality's room a week may use. The priced method gives the batch *all* remaining room as a
hard limit instead, and a price per person on it estimated from the arrivals still expected
(:mod:`~doorstroom.koppeling.solver.prijsschatting`): room that later arrivals are expected to value
more is kept for them, room nobody is expected to miss is used now. Pure: plain values in and out.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from doorstroom.koppeling.core import evenwicht
from doorstroom.koppeling.core.domain import Beleid, Huishouden, Instantie
from doorstroom.koppeling.core.result import KoppelingResult
from doorstroom.koppeling.core.score import UitkomstVoorspeller, scoreblok
from doorstroom.koppeling.solver import scenario_lp
from doorstroom.koppeling.solver.koppelmodel import BLOK, FloatArray
from doorstroom.koppeling.solver.prijsschatting import Instelling, Schatting, Steekproef, plafond, schatting
from doorstroom.koppeling.solver.registry import solver

BEWAARD_PER_HUISHOUDEN = 20
"""Best allowed municipalities kept per household when a batch is stored as a sample for later
batches (enough for the scenario LP, which keeps as many; the rest scores −inf)."""


@dataclass(frozen=True)
class GeprijsdeRun:
    """The priced batch: the solver's result, the prices it was given and how they were estimated."""

    instantie: Instantie
    result: KoppelingResult
    schatting: Schatting
    prijs_seconden: float
    afweging: evenwicht.Afweging | None = None

    def prijzen(self) -> dict[str, float]:
        """Price per person by municipality code (only positive prices)."""
        return {
            g.code: float(p)
            for g, p in zip(self.instantie.gemeenten, self.schatting.prijzen, strict=True)
            if p > 0
        }


def scores(
    instantie: Instantie,
    huishoudens: Sequence[Huishouden],
    beleid: Beleid,
    uitkomst: UitkomstVoorspeller | None = None,
) -> Steekproef:
    """Households as score rows against the instance's municipalities (−inf where a hard rule forbids)."""
    rijen = []
    for start in range(0, len(huishoudens), BLOK):
        blok = scoreblok(instantie, huishoudens[start : start + BLOK], beleid, uitkomst)
        rijen.append(np.where(blok.toegestaan, blok.totaal, -np.inf))
    score = np.vstack(rijen) if rijen else np.zeros((0, len(instantie.gemeenten)))
    return Steekproef(score, np.array([h.grootte for h in huishoudens], dtype=np.int64))


def als_harde_ruimte(instantie: Instantie) -> Instantie:
    """The batch may use all remaining room (``bovengrens``) as a hard limit: prices replace the share."""
    return replace(
        instantie,
        gemeenten=tuple(replace(g, capaciteit=g.bovengrens, maximum=None) for g in instantie.gemeenten),
    )


def geprijsd(
    instantie: Instantie,
    beleid: Beleid,
    eerder: Sequence[Steekproef],
    instelling: Instelling,
    *,
    solver_naam: str = "highs",
    tijdslimiet: float = 60.0,
    uitkomst: UitkomstVoorspeller | None = None,
    evenwicht_marge: float | None = None,
) -> GeprijsdeRun:
    """Estimate prices from ``eerder`` (earlier arrivals) and this batch, then solve the batch with them;
    with ``evenwicht_marge``, scale the prices so the batch fares like the later arrivals within
    that margin (:mod:`~doorstroom.koppeling.core.evenwicht`).

    The batch itself is part of the pool: it is the most recent sample of who arrives.
    """
    begin = time.perf_counter()
    ruim = als_harde_ruimte(instantie)
    batch = scores(ruim, ruim.huishoudens, beleid, uitkomst)
    pool = Steekproef.samen([*eerder, batch], len(ruim.gemeenten))
    capaciteit = np.array([g.capaciteit for g in ruim.gemeenten], dtype=np.float64)
    hoogste = sum(beleid.gewichten.as_dict().values())  # every criterion lies in [0, 1]
    grens = plafond(beleid.straf_onbekoppeld, hoogste)
    schat = schatting(
        batch.score, batch.personen, capaciteit, pool, instelling, scenario_lp.prijzen,
        straf=beleid.straf_onbekoppeld, plafond=grens,
    )  # fmt: skip
    prijs_seconden = time.perf_counter() - begin
    beste = beste_scores(ruim, batch)

    def los(schaal: float) -> evenwicht.Plan[KoppelingResult]:
        vector = np.minimum(schat.prijzen * schaal, grens)
        prijzen = {g.code: float(p) for g, p in zip(ruim.gemeenten, vector, strict=True) if p > 0}
        result = solver(solver_naam).los_op(ruim, beleid, tijdslimiet, uitkomst, prijzen=prijzen)
        return _plan(ruim, beleid, result, schat.prijzen, beste)

    if evenwicht_marge is None:
        return GeprijsdeRun(ruim, los(1.0).result, schat, prijs_seconden)
    plan, afweging = evenwicht.weeg_af(los, schat.aandeel_later, evenwicht_marge)
    return GeprijsdeRun(ruim, plan.result, schat, prijs_seconden, afweging)


def _plan(
    instantie: Instantie,
    beleid: Beleid,
    result: KoppelingResult,
    prijzen: FloatArray,
    beste: Mapping[str, float],
) -> evenwicht.Plan[KoppelingResult]:
    """A batch plan with its share of the best and its value at the (unscaled) prices."""
    prijs = {g.code: float(p) for g, p in zip(instantie.gemeenten, prijzen, strict=True)}
    grootte = {h.id: h.grootte for h in instantie.huishoudens}
    waarde = sum(t.personen * (t.score - prijs[t.gemeentecode]) for t in result.assignments)
    waarde -= beleid.straf_onbekoppeld * sum(grootte[h] for h in result.unassigned)
    return evenwicht.Plan(result, aandeel_van_beste(result, beste), waarde)


def aandeel_van_beste(result: KoppelingResult, beste: Mapping[str, float]) -> float:
    """Σ persons × score over Σ persons × best allowed score of the linked households with a choice
    (1 when there are none: nobody could have done better)."""
    met_keuze = [t for t in result.assignments if t.huishouden_id in beste]
    haalbaar = sum(t.personen * beste[t.huishouden_id] for t in met_keuze)
    return sum(t.personen * t.score for t in met_keuze) / haalbaar if haalbaar > 0 else 1.0


def beste_scores(instantie: Instantie, batch: Steekproef) -> dict[str, float]:
    """The best allowed score of each household that has a choice (more than one allowed
    municipality): the measure of :mod:`~doorstroom.koppeling.core.evenwicht`. A household tied to one
    place always gets its best; counting it would make a week full of ties look favoured, and the
    scenarios' later households are all households with a choice
    (:meth:`~doorstroom.koppeling.solver.prijsschatting.Steekproef.met_keuze`)."""
    beste = batch.score.max(axis=1, initial=-np.inf)
    keuze = batch.met_keuze()
    return {h.id: float(b) for h, b, k in zip(instantie.huishoudens, beste, keuze, strict=True) if k}


def bewaarbaar(steekproef: Steekproef, codes: Sequence[str]) -> list[dict[str, object]]:
    """A batch as stored sample rows: persons and the best allowed municipalities with their score.

    No household reference and no personal facts: only what later batches need to draw scenarios.
    """
    rijen: list[dict[str, object]] = []
    k = min(BEWAARD_PER_HUISHOUDEN, len(codes))
    for personen, rij in zip(steekproef.personen.tolist(), steekproef.score, strict=True):
        beste = [int(g) for g in np.argsort(-rij, kind="stable")[:k] if np.isfinite(rij[g])]
        rijen.append({"personen": personen, "scores": {codes[g]: round(float(rij[g]), 4) for g in beste}})
    return rijen


def uit_bewaard(rijen: Sequence[dict[str, object]], codes: Sequence[str]) -> Steekproef:
    """Stored sample rows back as score rows against ``codes`` (unknown municipalities are left out)."""
    index = {code: i for i, code in enumerate(codes)}
    score = np.full((len(rijen), len(codes)), -np.inf)
    personen = np.zeros(len(rijen), dtype=np.int64)
    for r, rij in enumerate(rijen):
        personen[r] = int(rij["personen"])  # type: ignore[call-overload]
        for code, waarde in dict(rij["scores"]).items():  # type: ignore[call-overload]
            if code in index:
                score[r, index[code]] = float(waarde)
    return Steekproef(score, personen)
