"""The report of a run: quota filled, share in region, distance, scores per household type.

Every run's report is compared with the greedy baseline (current practice) on the same input, so a
reader sees what the optimiser gains and for whom (:func:`vergelijking`, :func:`regels`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from doorstroom.koppeling.core import bezetting
from doorstroom.koppeling.core.domain import Beleid, Huishouden, Instantie
from doorstroom.koppeling.core.eerlijkheid import groepen
from doorstroom.koppeling.core.result import KoppelingResult
from doorstroom.koppeling.core.score import afstanden_km


@dataclass(frozen=True)
class Rapport:
    """Aggregate figures of one result."""

    solver: str
    objective: float
    gekoppeld_personen: int
    onbekoppeld_huishoudens: int
    aandeel_in_regio: float
    gemiddelde_afstand_km: float
    per_soort: dict[str, dict[str, float]]
    vulgraad: dict[str, dict[str, object]]

    def as_dict(self) -> dict[str, object]:
        """JSON-ready figures."""
        return dict(self.__dict__)


def rapport(instantie: Instantie, beleid: Beleid, result: KoppelingResult) -> Rapport:
    """Quota filled, share in region, distance and score distribution per household type."""
    huishoudens = {h.id: h for h in instantie.huishoudens}
    index = {g.code: i for i, g in enumerate(instantie.gemeenten)}
    gekozen = [(huishoudens[t.huishouden_id], index[t.gemeentecode], t.score) for t in result.assignments]
    regio = [instantie.gemeenten[g].regio == instantie.opvang_regio(h) for h, g, _ in gekozen]
    afstand = [_afstand(instantie, h, g) for h, g, _ in gekozen]
    personen = np.array([h.grootte for h, _, _ in gekozen], dtype=float)
    return Rapport(
        solver=result.solver,
        objective=result.objective,
        gekoppeld_personen=int(personen.sum()),
        onbekoppeld_huishoudens=len(result.unassigned),
        aandeel_in_regio=float(np.average(regio, weights=personen)) if gekozen else 0.0,
        gemiddelde_afstand_km=float(np.nanmean(afstand)) if gekozen else 0.0,
        per_soort=_per_soort(instantie, result, huishoudens),
        vulgraad=_vulgraad(instantie, result),
    )


def _afstand(instantie: Instantie, huishouden: Huishouden, g: int) -> float:
    return float(afstanden_km(instantie, [huishouden])[0, g])


def _per_soort(
    instantie: Instantie, result: KoppelingResult, huishoudens: dict[str, Huishouden]
) -> dict[str, dict[str, float]]:
    """Score distribution per reporting group (:func:`~doorstroom.koppeling.core.eerlijkheid.groepen`:
    type by size, single parents, care needs); an unlinked household counts as score 0."""
    scores: dict[str, list[float]] = defaultdict(list)
    for t in result.assignments:
        for groep in groepen(huishoudens[t.huishouden_id]):
            scores[groep].append(t.score)
    for ident in result.unassigned:
        for groep in groepen(huishoudens[ident]):
            scores[groep].append(0.0)
    return {
        soort: {
            "huishoudens": float(len(waarden)),
            "gemiddeld": round(float(np.mean(waarden)), 3),
            "p10": round(float(np.percentile(waarden, 10)), 3),
            "mediaan": round(float(np.median(waarden)), 3),
            "p90": round(float(np.percentile(waarden, 90)), 3),
        }
        for soort, waarden in sorted(scores.items())
    }


def _vulgraad(instantie: Instantie, result: KoppelingResult) -> dict[str, dict[str, object]]:
    gekoppeld = bezetting.personen_per_code(result.assignments)
    return {
        g.code: {
            "gemeentenaam": g.naam,
            "capaciteit": float(g.capaciteit),
            "gekoppeld": float(gekoppeld[g.code]),
            "vulgraad": round(gekoppeld[g.code] / g.capaciteit, 3) if g.capaciteit else 0.0,
        }
        for g in instantie.gemeenten
    }


def vergelijking(optimaal: Rapport, basis: Rapport) -> list[dict[str, object]]:
    """The headline figures of two reports side by side (optimiser vs greedy baseline)."""
    velden = (
        "objective",
        "gekoppeld_personen",
        "onbekoppeld_huishoudens",
        "aandeel_in_regio",
        "gemiddelde_afstand_km",
    )
    return [
        {"maat": veld, optimaal.solver: getattr(optimaal, veld), basis.solver: getattr(basis, veld)}
        for veld in velden
    ]


def regels(rapporten: Sequence[Rapport]) -> list[dict[str, object]]:
    """The rows of a report table: the headline figures side by side, then each report's scores per
    household type (the table ``doorstroom koppeling rapport`` shows)."""
    rijen = vergelijking(*rapporten)
    for rapport in rapporten:
        rijen += [
            {"maat": f"score {soort} ({rapport.solver})", **cijfers}
            for soort, cijfers in rapport.per_soort.items()
        ]
    return rijen
