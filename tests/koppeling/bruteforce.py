"""The optimum of a tiny instance by trying every plan: the reference the solvers must match."""

from __future__ import annotations

import itertools

from doorstroom.koppeling.core.domain import Beleid, Instantie
from doorstroom.koppeling.core.score import UitkomstVoorspeller, scoreblok


def optimum(instantie: Instantie, beleid: Beleid, uitkomst: UitkomstVoorspeller | None = None) -> float:
    """Max over all plans of Σ persons × score − penalty × unlinked persons − overflow penalty.

    Every constraint holds; the batch share ``capaciteit`` is soft (each person above it costs
    ``beleid.overschrijding_boete``) and ``maximum`` hard.
    """
    blok = scoreblok(instantie, instantie.huishoudens, beleid, uitkomst)
    keuzes = [
        [-1, *[g for g in range(len(instantie.gemeenten)) if blok.toegestaan[h, g]]]
        for h in range(len(instantie.huishoudens))
    ]
    beste = float("-inf")
    for plan in itertools.product(*keuzes):
        if _haalbaar(instantie, plan):
            beste = max(beste, _waarde(instantie, beleid, blok.totaal, plan))
    return beste


def _haalbaar(instantie: Instantie, plan: tuple[int, ...]) -> bool:
    for g, gemeente in enumerate(instantie.gemeenten):
        leden = [h for h, keuze in zip(instantie.huishoudens, plan, strict=True) if keuze == g]
        if sum(h.grootte for h in leden) > gemeente.bovengrens:
            return False
        if gemeente.woningen is not None and not _woningen_passen(
            sorted(h.woningklasse for h in leden), gemeente.woningen
        ):
            return False
    return True


def _woningen_passen(klassen: list[int], woningen: tuple[int, int, int, int]) -> bool:
    """Assign largest households first to the smallest free dwelling that fits (exact for nesting)."""
    vrij = list(woningen)
    for klasse in sorted(klassen, reverse=True):
        passend = [k for k in range(klasse, 4) if vrij[k] > 0]
        if not passend:
            return False
        vrij[passend[0]] -= 1
    return True


def _waarde(instantie: Instantie, beleid: Beleid, totaal: object, plan: tuple[int, ...]) -> float:
    waarde = 0.0
    for h, (huishouden, g) in enumerate(zip(instantie.huishoudens, plan, strict=True)):
        if g < 0:
            waarde -= beleid.straf_onbekoppeld * huishouden.grootte
        else:
            waarde += huishouden.grootte * float(totaal[h, g])  # type: ignore[index]
    for g, gemeente in enumerate(instantie.gemeenten):
        personen = sum(h.grootte for h, keuze in zip(instantie.huishoudens, plan, strict=True) if keuze == g)
        waarde -= beleid.overschrijding_boete * max(0, personen - gemeente.capaciteit)
    return waarde
