"""Fairness across the half year: outcomes by household type and by arrival week (issue 14, item 5).

Weekly batches must not leave later arrivals, or one kind of household, systematically worse off.
Per batch the outcomes are counted by household type (:attr:`Huishouden.soort`: single, without
children, family of 2–4, family of 5+) and for single parents and households with a care need
(:func:`groepen`, also used by the run report); counts only, so they
survive the removal of personal data after the retention term. The period report puts the batches
side by side. Pure: plain values in and out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from doorstroom.koppeling.core.domain import Huishouden, Instantie
from doorstroom.koppeling.core.result import KoppelingResult

VELDEN = ("huishoudens", "gekoppeld", "personen", "waarde", "keuze_waarde", "beste")
"""Counts per household type; ``keuze_waarde`` and ``beste``: Σ persons × score and Σ persons × best
allowed score of the linked households that had a choice (the evenwicht measure)."""
ZORG = "met zorgbehoefte"
EENOUDER = "eenoudergezin"
ALLE = "alle"


def per_soort(
    instantie: Instantie, result: KoppelingResult, beste: Mapping[str, float]
) -> list[dict[str, object]]:
    """The counts of :data:`VELDEN` per household type of one batch (``beste``: the best allowed
    score of each household with a choice)."""
    toewijzing = {t.huishouden_id: t for t in result.assignments}
    telling: dict[str, dict[str, float]] = {}
    for h in instantie.huishoudens:
        t = toewijzing.get(h.id)
        for groep in (ALLE, *groepen(h)):
            rij = telling.setdefault(groep, dict.fromkeys(VELDEN, 0))
            rij["huishoudens"] += 1
            if t is not None:
                rij["gekoppeld"] += 1
                rij["personen"] += t.personen
                rij["waarde"] += t.personen * t.score
                if h.id in beste:  # households with a choice: their score against their best
                    rij["keuze_waarde"] += t.personen * t.score
                    rij["beste"] += t.personen * beste[h.id]
    return [
        {"soort": groep, **{k: _getal(v) for k, v in rij.items()}} for groep, rij in sorted(telling.items())
    ]


def groepen(huishouden: Huishouden) -> Iterable[str]:
    """The groups a household is reported in (issue 14, item 5: size, single parents, care needs):
    its type by size (:attr:`Huishouden.soort`), and also ``eenoudergezin`` (one adult with
    children) and ``met zorgbehoefte`` where they apply, so these groups overlap the types."""
    yield huishouden.soort
    if len(huishouden.volwassenen) == 1 and huishouden.kinderen > 0:
        yield EENOUDER
    if huishouden.zorg is not None:
        yield ZORG


def _getal(waarde: float) -> float | int:
    return round(waarde, 4) if isinstance(waarde, float) and not waarde.is_integer() else int(waarde)


def overzicht(batches: Sequence[tuple[int, Sequence[Mapping[str, object]]]]) -> list[dict[str, object]]:
    """Rows per batch (arrival week, in order) and household type: share linked, score per person,
    and the share of their best the linked got (empty for batches stored before it was counted)."""
    rijen = []
    for nummer, tellingen in batches:
        for rij in tellingen:
            huishoudens, gekoppeld = int(rij["huishoudens"]), int(rij["gekoppeld"])  # type: ignore[call-overload]
            personen, waarde = float(rij["personen"]), float(rij["waarde"])  # type: ignore[arg-type]
            rijen.append({
                "batch": nummer, "soort": rij["soort"], "huishoudens": huishoudens, "gekoppeld": gekoppeld,
                "aandeel_gekoppeld": round(gekoppeld / huishoudens, 4) if huishoudens else None,
                "score_per_persoon": round(waarde / personen, 4) if personen else None,
                "aandeel_van_beste": _aandeel(rij.get("keuze_waarde"), rij.get("beste")),
            })  # fmt: skip
    return rijen


def _aandeel(waarde: object, beste: object) -> float | None:
    """Score as a share of the best; None without households with a choice, or for rows stored
    before it was counted."""
    if not isinstance(waarde, int | float) or not isinstance(beste, int | float) or beste <= 0:
        return None
    return round(waarde / beste, 4)
