"""Solvers of the koppeling: the optimiser (HiGHS default, OR-Tools second) and the greedy baseline.

Every solver returns a :class:`KoppelingResult` value with a valid plan, never an exception for
a hard or slow instance. The optimiser keeps three promises (issue 7, item 4; ``docs/koppeling.md``):

* it returns within its time limit plus a small overhead, whatever the machine's load
  (:mod:`~doorstroom.koppeling.tijdsbudget`, and backends stopped at the deadline);
* its plan is never worse than the greedy baseline: the baseline is its first incumbent, and every
  later phase replaces the plan only by a better valid one;
* it reports a proven bound: every set of prices proves one (:mod:`~doorstroom.koppeling.lagrange`),
  from the first second on.

Phases, each only while time is left: scores → greedy baseline → first bound and prices
(subgradient) → local moves on the baseline (the first incumbent) → a greedy by reduced value plus
local moves → LP with pricing, fix, exact finish → the greedy again at the LP's prices → full MIP
(:mod:`~doorstroom.koppeling.decompose`) → neighbourhoods re-solved exactly while the gap is open
(:mod:`~doorstroom.koppeling.buurten`) → local moves on the best plan → the proposals.
"""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Mapping, Sequence
from typing import Protocol

import numpy as np

from doorstroom.koppeling import buurten, decompose, startplan
from doorstroom.koppeling.backends import backend
from doorstroom.koppeling.bezetting import overschrijding, personen_per_gemeente
from doorstroom.koppeling.diagnose import conflicten_voor
from doorstroom.koppeling.domain import Beleid, Instantie
from doorstroom.koppeling.lagrange import Prijzen, Probleem, probleem, relaxatie, subgradient
from doorstroom.koppeling.model import BLOK, FloatArray, IntArray, scoreblokken, woningmatrix
from doorstroom.koppeling.result import KoppelingResult, SolveStatus, Toewijzing, status_van
from doorstroom.koppeling.score import Scoreblok, UitkomstVoorspeller
from doorstroom.koppeling.tijdsbudget import Tijdsbudget
from doorstroom.platform import metrics

__all__ = ["KoppelingResult", "SolveStatus", "Solver", "installed_solvers", "solver"]

RESULTAAT_PER_HUISHOUDEN = 2.5e-5
"""Seconds per household to write the proposals and name conflicts on the reference machine
(national benchmark: 0.2 s for 8,000); that much, times the run's tempo, is kept from the limit."""
SUBGRADIENT_STAPPEN = 50
"""Projected subgradient steps for the first prices (each one pass over the score matrix). The
first LP's columns are the best pairs at these prices, so better first prices save whole pricing
rounds (national benchmark: 12 steps left the bound 5 % above the LP's and the LP needed four
rounds, 3.9 s of processor time; 50 steps, 0.4 s, leave it 1.7 % above and three rounds take 2 s)."""
SUBGRADIENT_AANDEEL = 0.15
"""At most this share of the time left goes to those steps."""
STARTPLAN_AANDEEL = 0.15
"""At most this share of the time left goes to the greedy by reduced value (and, after the LP, the
greedy at the LP's prices with its local moves)."""
ZETTEN_AANDEEL = 0.03
"""At most this share of the time left goes to local moves on the first incumbent. They are slow
(a Python pass per household) and the LP's plan supersedes them on every instance the LP finishes
(national benchmark: 0.6-1.3 s of moves for a plan at 72 % of the LP's); when it does not, the
moves at the end (polish) get the time instead."""


class Solver(Protocol):
    """Anything that turns an instance and a policy into a :class:`KoppelingResult`."""

    naam: str

    def los_op(
        self,
        instantie: Instantie,
        beleid: Beleid,
        tijdslimiet: float = 60.0,
        uitkomst: UitkomstVoorspeller | None = None,
        prijzen: Mapping[str, float] | None = None,
    ) -> KoppelingResult:
        """Solve within ``tijdslimiet`` seconds (wall clock, plus the documented overhead).

        ``prijzen`` (per municipality code, ≥ 0) is a cost per person of using that municipality's
        room, subtracted from every score there: the hook for pricing capacity by what is still
        to come (issue 14). The result's ``prijzen`` are the capacity prices this run proves.
        """
        ...


class ExacteSolver:
    """The optimiser: incumbent first, then LP → fix → exact finish (see the module docstring)."""

    def __init__(self, naam: str) -> None:
        backend(naam).sluit()  # an unknown name fails here, before any work
        self.naam = naam

    def los_op(
        self,
        instantie: Instantie,
        beleid: Beleid,
        tijdslimiet: float = 60.0,
        uitkomst: UitkomstVoorspeller | None = None,
        prijzen: Mapping[str, float] | None = None,
    ) -> KoppelingResult:
        """Solve; every phase is budgeted (module docstring)."""
        budget = Tijdsbudget(tijdslimiet)
        with budget.fase("scores"):
            blokken = scoreblokken(instantie, beleid, uitkomst)
            prob = probleem(instantie, beleid, blokken, prijsvector(instantie, prijzen))
        budget.ijk(prob.waarde.size, budget.fasen["scores"])
        budget.reserveer(budget.schat(RESULTAAT_PER_HUISHOUDEN * prob.n_huishoudens))
        with budget.fase("greedy"):
            basis = greedy_keuze(instantie, blokken)
        stand = _eerste_stand(prob, basis, budget)
        prijsplan = lambda: _prijsplan(prob, stand, budget)  # noqa: E731 (a phase handed to decompose)
        if stand.gap() > beleid.gap_doel and not budget.verlopen():
            uitvoerder = backend(self.naam)
            try:
                decompose.verbeter(prob, uitvoerder, budget, stand, beleid.gap_doel, prijsplan)
                with budget.fase("buurten"):
                    buurten.zoek(prob, uitvoerder, budget, stand, beleid.gap_doel)
            finally:
                uitvoerder.sluit()
        if not budget.verlopen():
            with budget.fase("polijsten"):
                lijst = startplan.kandidaten(stand.relaxatie.gereduceerd)
                stand.neem(prob, startplan.verbeter(prob, stand.plan.gemeente, lijst, budget.deadline))
        return _resultaat(self.naam, instantie, beleid, blokken, stand, budget)


def _eerste_stand(prob: Probleem, basis: IntArray, budget: Tijdsbudget) -> decompose.Stand:
    """A first bound with rough prices, a greedy by reduced value at those prices, and brief local
    moves on the better of it and the baseline: the first incumbent (its pairs also seed the LP)."""
    with budget.fase("prijzen"):
        begin = budget.nu()
        nul = Prijzen.nul(prob)
        relax = relaxatie(prob, nul)
        stand = decompose.Stand(decompose.Plan(basis, prob.objectief(basis)), relax, nul)
        stappen = _stappen(budget, budget.nu() - begin)
        if stappen:
            stand.grens_uit(*subgradient(prob, nul, stand.plan.objectief, stappen))
    with budget.fase("startplan"):
        lijst = startplan.kandidaten(stand.relaxatie.gereduceerd)
        stand.neem(prob, startplan.greedy(prob, stand.relaxatie.gereduceerd, budget.tot(STARTPLAN_AANDEEL)))
        stand.neem(prob, startplan.verbeter(prob, stand.plan.gemeente, lijst, budget.tot(ZETTEN_AANDEEL)))
    return stand


def _prijsplan(prob: Probleem, stand: decompose.Stand, budget: Tijdsbudget) -> None:
    """A greedy by reduced value at the best prices so far (the LP's, when it ran), plus moves."""
    if budget.verlopen():
        return
    with budget.fase("prijsplan"):
        deadline = budget.tot(STARTPLAN_AANDEEL)
        lijst = startplan.kandidaten(stand.relaxatie.gereduceerd)
        plan = startplan.greedy(prob, stand.relaxatie.gereduceerd, deadline)
        stand.neem(prob, startplan.verbeter(prob, plan, lijst, deadline))


def _stappen(budget: Tijdsbudget, per_stap: float) -> int:
    """Subgradient steps that fit in their share of the time left."""
    return int(min(SUBGRADIENT_STAPPEN, SUBGRADIENT_AANDEEL * budget.over() / max(per_stap, 1e-6)))


def prijsvector(instantie: Instantie, prijzen: Mapping[str, float] | None) -> FloatArray | None:
    """Given capacity prices as a vector over the municipalities (0 where none is given)."""
    if prijzen is None:
        return None
    index = {g.code: i for i, g in enumerate(instantie.gemeenten)}
    onbekend = sorted(set(prijzen) - set(index))
    if onbekend or any(not np.isfinite(p) or p < 0 for p in prijzen.values()):
        raise ValueError(f"prijzen must be finite, ≥ 0 and for municipalities of the run: {onbekend[:5]}")
    vector = np.zeros(len(instantie.gemeenten))
    for code, prijs in prijzen.items():
        vector[index[code]] = prijs
    return vector


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
        stand = decompose.Stand(decompose.Plan(gemeente, prob.objectief(gemeente)), relaxatie(prob, nul), nul)
        return _resultaat(self.naam, instantie, beleid, blokken, stand, budget, grens=float("nan"))


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


def _resultaat(
    naam: str,
    instantie: Instantie,
    beleid: Beleid,
    blokken: Sequence[Scoreblok],
    stand: decompose.Stand,
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


def installed_solvers() -> tuple[str, ...]:
    """Exact backends whose Python package is installed (tests parametrise over these)."""
    return tuple(
        naam
        for naam, pakket in (("highs", "highspy"), ("ortools", "ortools"))
        if importlib.util.find_spec(pakket)
    )


def solver(naam: str) -> Solver:
    """The solver called ``naam``: ``highs`` (default), ``ortools`` or ``greedy``; every run counted."""
    if naam == "greedy":
        return GemetenSolver(GreedySolver())
    if naam in ("highs", "ortools"):
        return GemetenSolver(ExacteSolver(naam))
    raise ValueError(f"unknown solver {naam!r}")


class GemetenSolver:
    """A solver whose runs feed ``/metrics`` (count by status, wall-clock time; no household data)."""

    def __init__(self, binnen: Solver) -> None:
        self.binnen = binnen
        self.naam = binnen.naam

    def los_op(
        self,
        instantie: Instantie,
        beleid: Beleid,
        tijdslimiet: float = 60.0,
        uitkomst: UitkomstVoorspeller | None = None,
        prijzen: Mapping[str, float] | None = None,
    ) -> KoppelingResult:
        """Solve with the wrapped solver and record the run (a crash counts as status ``fout``)."""
        begin, status = time.perf_counter(), "fout"
        try:
            result = self.binnen.los_op(instantie, beleid, tijdslimiet, uitkomst, prijzen)
            status = str(result.status)
            return result
        finally:
            metrics.solverrun(self.naam, status, time.perf_counter() - begin)
