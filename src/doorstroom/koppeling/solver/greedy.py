"""The greedy baseline: current practice, first come first served (the optimiser's first incumbent)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from doorstroom.koppeling.core.domain import Beleid, Instantie
from doorstroom.koppeling.core.result import KoppelingResult
from doorstroom.koppeling.core.score import Scoreblok, UitkomstVoorspeller
from doorstroom.koppeling.solver.koppelmodel import BLOK, IntArray, prijsvector, scoreblokken, woningmatrix
from doorstroom.koppeling.solver.lagrange import Prijzen, probleem, relaxatie
from doorstroom.koppeling.solver.stand import Plan, Stand, resultaat
from doorstroom.koppeling.solver.tijdsbudget import Tijdsbudget


class GreedySolver:
    """Current practice: first come, first served, to the municipality with most quota left.

    Households are taken in input (arrival) order; each goes to the allowed municipality with the
    largest remaining batch share that still has room and a fitting dwelling. If none has, it goes
    to the allowed one with the most room left up to its maximum (staff then exceed a batch share
    rather than leave a household unlinked, as the soft capacity intends). No bound is known.
    """

    naam = "greedy"

    def los_op(
        self,
        instantie: Instantie,
        beleid: Beleid,
        tijdslimiet: float = 60.0,
        uitkomst: UitkomstVoorspeller | None = None,
        prijzen: Mapping[str, float] | None = None,
    ) -> KoppelingResult:
        """Link households one by one; the score is only computed for the report."""
        budget = Tijdsbudget(tijdslimiet)
        blokken = scoreblokken(instantie, beleid, uitkomst)
        prob = probleem(instantie, beleid, blokken, prijsvector(instantie, prijzen))
        gemeente = greedy_keuze(instantie, blokken)
        nul = Prijzen.nul(prob)
        stand = Stand(Plan(gemeente, prob.objectief(gemeente)), relaxatie(prob, nul), nul)
        return resultaat(self.naam, instantie, beleid, blokken, stand, budget, grens=float("nan"))


def greedy_keuze(instantie: Instantie, blokken: Sequence[Scoreblok]) -> IntArray:
    """Municipality index per household (-1: no room left), first come first served."""
    rest = np.array([g.capaciteit for g in instantie.gemeenten], dtype=np.int64)
    boven = np.array([g.bovengrens for g in instantie.gemeenten], dtype=np.int64)
    woningen = woningmatrix(instantie)
    vanaf = np.cumsum(woningen[:, ::-1], axis=1)[:, ::-1] > 0
    keuze = np.full(len(instantie.huishoudens), -1, dtype=np.int64)
    for index, blok in enumerate(blokken):
        start = index * BLOK
        for row, huishouden in enumerate(instantie.huishoudens[start : start + BLOK]):
            k, grootte = huishouden.woningklasse, huishouden.grootte
            plekken = blok.toegestaan[row] & vanaf[:, k]
            g = _eerste_plek(plekken, rest, grootte)
            g = g if g >= 0 else _eerste_plek(plekken, boven, grootte)
            if g >= 0:
                keuze[start + row] = g
                rest[g] -= grootte
                boven[g] -= grootte
                rij = woningen[g]
                rij[k + int(np.flatnonzero(rij[k:] > 0)[0])] -= 1
                vanaf[g] = np.cumsum(rij[::-1])[::-1] > 0
    return keuze


def _eerste_plek(plekken: np.ndarray, rest: IntArray, grootte: int) -> int:
    """The allowed place with most room left in ``rest`` if it fits ``grootte`` (first on ties), else -1."""
    ruimte = np.where(plekken & (rest >= grootte), rest, -1)
    g = int(np.argmax(ruimte)) if len(ruimte) else -1
    return g if g >= 0 and ruimte[g] >= 0 else -1
