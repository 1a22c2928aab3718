"""Fairness across the half year: outcomes by household type and by arrival week (issue 14, item 5).

Weekly batches must not leave later arrivals, or one kind of household, systematically worse off.
Per batch the outcomes are counted by household type (:attr:`Huishouden.soort`: single, without
children, family of 2–4, family of 5+) and for households with a care need; counts only, so they
survive the removal of personal data after the retention term. The period report puts the batches
side by side. Pure: plain values in and out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from doorstroom.koppeling.domain import Instantie
from doorstroom.koppeling.result import KoppelingResult

ZORG = "met zorgbehoefte"
ALLE = "alle"


def per_soort(instantie: Instantie, result: KoppelingResult) -> list[dict[str, object]]:
    """Households, linked, persons linked and Σ persons × score per household type of one batch."""
    toewijzing = {t.huishouden_id: t for t in result.assignments}
    telling: dict[str, dict[str, float]] = {}
    for h in instantie.huishoudens:
        t = toewijzing.get(h.id)
        for groep in _groepen(h.soort, h.zorg is not None):
            rij = telling.setdefault(groep, {"huishoudens": 0, "gekoppeld": 0, "personen": 0, "waarde": 0.0})
            rij["huishoudens"] += 1
            if t is not None:
                rij["gekoppeld"] += 1
                rij["personen"] += t.personen
                rij["waarde"] += t.personen * t.score
    return [
        {"soort": groep, **{k: _getal(v) for k, v in rij.items()}} for groep, rij in sorted(telling.items())
    ]


def _groepen(soort: str, zorg: bool) -> Iterable[str]:
    yield ALLE
    yield soort
    if zorg:
        yield ZORG


def _getal(waarde: float) -> float | int:
    return round(waarde, 4) if isinstance(waarde, float) and not waarde.is_integer() else int(waarde)


def overzicht(batches: Sequence[tuple[int, Sequence[Mapping[str, object]]]]) -> list[dict[str, object]]:
    """Rows per batch (arrival week, in order) and household type: share linked, score per person."""
    rijen = []
    for nummer, tellingen in batches:
        for rij in tellingen:
            huishoudens, gekoppeld = int(rij["huishoudens"]), int(rij["gekoppeld"])  # type: ignore[call-overload]
            personen, waarde = float(rij["personen"]), float(rij["waarde"])  # type: ignore[arg-type]
            rijen.append({
                "batch": nummer, "soort": rij["soort"], "huishoudens": huishoudens, "gekoppeld": gekoppeld,
                "aandeel_gekoppeld": round(gekoppeld / huishoudens, 4) if huishoudens else None,
                "score_per_persoon": round(waarde / personen, 4) if personen else None,
            })  # fmt: skip
    return rijen
