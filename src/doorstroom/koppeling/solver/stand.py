"""The state of one optimiser run: the best plan so far, the lowest proven bound and its prices.

Every phase of the run (``startplan``, ``decompose``, ``afmaken``, ``buurten``) reads and improves
one :class:`Stand`; a plan replaces the one held only when it is valid and better, and a bound only
when it is lower, which is how the run keeps its promises (never below the greedy baseline, always a
proven bound; issue 7, item 4). :func:`resultaat` turns the final state into the run's
:class:`~doorstroom.koppeling.core.result.KoppelingResult`, for the optimiser and the baseline alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from doorstroom.koppeling.core.bezetting import overschrijding, personen_per_gemeente
from doorstroom.koppeling.core.diagnose import conflicten_voor
from doorstroom.koppeling.core.domain import Beleid, Instantie
from doorstroom.koppeling.core.result import KoppelingResult, Toewijzing, status_van
from doorstroom.koppeling.core.score import Scoreblok
from doorstroom.koppeling.solver.koppelmodel import BLOK, IntArray
from doorstroom.koppeling.solver.lagrange import Prijzen, Probleem, Relaxatie
from doorstroom.koppeling.solver.tijdsbudget import Tijdsbudget


@dataclass
class Plan:
    """A plan over the dense problem: ``gemeente[h]`` is a municipality index or -1 (unlinked)."""

    gemeente: IntArray
    objectief: float


@dataclass
class Stand:
    """The best plan so far, the lowest proven bound, and the prices that prove it."""

    plan: Plan
    relaxatie: Relaxatie
    prijzen: Prijzen
    details: dict[str, float] = field(default_factory=dict)

    @property
    def grens(self) -> float:
        """The proven upper bound."""
        return self.relaxatie.grens

    def neem(self, probleem: Probleem, gemeente: IntArray) -> bool:
        """Keep ``gemeente`` if it is valid and better than the plan so far."""
        objectief = probleem.objectief(gemeente)
        if objectief > self.plan.objectief + 1e-9 and probleem.haalbaar(gemeente):
            self.plan = Plan(gemeente.copy(), objectief)
            return True
        return False

    def grens_uit(self, prijzen: Prijzen, relax: Relaxatie) -> None:
        """Keep the relaxation if it proves a lower bound."""
        if relax.grens < self.relaxatie.grens:
            self.relaxatie, self.prijzen = relax, prijzen

    def gap(self) -> float:
        """Relative gap of the plan to the bound."""
        return max(0.0, self.grens - self.plan.objectief) / max(abs(self.grens), 1.0)


def resultaat(
    naam: str,
    instantie: Instantie,
    beleid: Beleid,
    blokken: Sequence[Scoreblok],
    stand: Stand,
    budget: Tijdsbudget,
    grens: float | None = None,
) -> KoppelingResult:
    """Proposals with their score breakdown, the status, bound, prices and, if needed, conflicts."""
    gemeente = stand.plan.gemeente
    toewijzingen = _toewijzingen(instantie, gemeente, blokken)
    onbekoppeld = tuple(h.id for h, g in zip(instantie.huishoudens, gemeente, strict=True) if g < 0)
    bound = stand.grens if grens is None else grens
    bewezen = np.isfinite(bound) and stand.gap() <= beleid.gap_doel
    mask = np.vstack([b.toegestaan for b in blokken]) if blokken and onbekoppeld else None
    conflicts = conflicten_voor(instantie, beleid, onbekoppeld, mask) if onbekoppeld else ()
    capaciteit = np.array([g.capaciteit for g in instantie.gemeenten], dtype=np.int64)
    boven = overschrijding(stand_bezetting(instantie, gemeente), capaciteit)
    details = {**stand.details, **{f"{fase}_seconds": s for fase, s in budget.fasen.items()}}
    return KoppelingResult(
        naam,
        status_van(len(toewijzingen), len(onbekoppeld), bool(bewezen)),
        stand.plan.objectief,
        bound,
        budget.verstreken(),
        toewijzingen,
        onbekoppeld,
        conflicts,
        details,
        {g.code: int(boven[i]) for i, g in enumerate(instantie.gemeenten) if boven[i] > 0},
        {g.code: float(stand.prijzen.capaciteit[i]) for i, g in enumerate(instantie.gemeenten)}
        if grens is None
        else {},
    )


def stand_bezetting(instantie: Instantie, gemeente: IntArray) -> IntArray:
    """Persons per municipality index of a plan."""
    grootte = np.array([h.grootte for h in instantie.huishoudens], dtype=np.int64)
    return personen_per_gemeente(gemeente, grootte, len(instantie.gemeenten))


def _toewijzingen(
    instantie: Instantie, gemeente: IntArray, blokken: Sequence[Scoreblok]
) -> tuple[Toewijzing, ...]:
    result = []
    namen = list(blokken[0].criteria) if blokken else []
    for index, blok in enumerate(blokken):
        start = index * BLOK
        deel = instantie.huishoudens[start : start + BLOK]
        rijen = [row for row in range(len(deel)) if gemeente[start + row] >= 0]
        kolommen = gemeente[start + np.array(rijen, dtype=np.int64)]
        waarden = {naam: np.round(blok.criteria[naam][rijen, kolommen], 4).tolist() for naam in namen}
        totaal = blok.totaal[rijen, kolommen].tolist()
        for i, (row, g) in enumerate(zip(rijen, kolommen.tolist(), strict=True)):
            criteria = {naam: waarden[naam][i] for naam in namen}
            huishouden = deel[row]
            code = instantie.gemeenten[g].code
            result.append(Toewijzing(huishouden.id, code, huishouden.grootte, totaal[i], criteria))
    return tuple(result)
