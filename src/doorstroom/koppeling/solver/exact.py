"""The optimiser of the koppeling: an exact backend (HiGHS default, OR-Tools second) within a time budget.

Every solver returns a :class:`KoppelingResult` value with a valid plan, never an exception for
a hard or slow instance. The optimiser keeps three promises (issue 7, item 4; ``docs/koppeling.md``):

* it returns within its time limit plus a small overhead, whatever the machine's load
  (:mod:`~doorstroom.koppeling.solver.tijdsbudget`, and backends stopped at the deadline);
* its plan is never worse than the greedy baseline: the baseline is its first incumbent, and every
  later phase replaces the plan only by a better valid one;
* it reports a proven bound: every set of prices proves one (:mod:`~doorstroom.koppeling.solver.lagrange`),
  from the first second on.

Phases, each only while time is left: scores → greedy baseline → first bound and prices
(subgradient) → local moves on the baseline (the first incumbent) → a greedy by reduced value plus
local moves → LP with pricing, fix, exact finish → the greedy again at the LP's prices → full MIP
(:mod:`~doorstroom.koppeling.solver.decompose`) → neighbourhoods re-solved exactly while the gap is open
(:mod:`~doorstroom.koppeling.solver.buurten`) → local moves on the best plan → the proposals.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from doorstroom.koppeling.core.domain import Beleid, Instantie
from doorstroom.koppeling.core.result import KoppelingResult
from doorstroom.koppeling.core.score import UitkomstVoorspeller
from doorstroom.koppeling.solver import buurten, decompose, startplan
from doorstroom.koppeling.solver.backends.base import Backend
from doorstroom.koppeling.solver.greedy import greedy_keuze
from doorstroom.koppeling.solver.koppelmodel import IntArray, prijsvector, scoreblokken
from doorstroom.koppeling.solver.lagrange import Prijzen, Probleem, probleem, relaxatie, subgradient
from doorstroom.koppeling.solver.stand import Plan, Stand, resultaat
from doorstroom.koppeling.solver.tijdsbudget import Tijdsbudget

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


class ExacteSolver:
    """The optimiser: incumbent first, then LP → fix → exact finish (see the module docstring)."""

    def __init__(self, naam: str, backend: Callable[[], Backend]) -> None:
        backend().sluit()  # an unknown or missing backend fails here, before any work
        self.naam, self.backend = naam, backend

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
            uitvoerder = self.backend()
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
        return resultaat(self.naam, instantie, beleid, blokken, stand, budget)


def _eerste_stand(prob: Probleem, basis: IntArray, budget: Tijdsbudget) -> Stand:
    """A first bound with rough prices, a greedy by reduced value at those prices, and brief local
    moves on the better of it and the baseline: the first incumbent (its pairs also seed the LP)."""
    with budget.fase("prijzen"):
        begin = budget.nu()
        nul = Prijzen.nul(prob)
        relax = relaxatie(prob, nul)
        stand = Stand(Plan(basis, prob.objectief(basis)), relax, nul)
        stappen = _stappen(budget, budget.nu() - begin)
        if stappen:
            stand.grens_uit(*subgradient(prob, nul, stand.plan.objectief, stappen))
    with budget.fase("startplan"):
        lijst = startplan.kandidaten(stand.relaxatie.gereduceerd)
        stand.neem(prob, startplan.greedy(prob, stand.relaxatie.gereduceerd, budget.tot(STARTPLAN_AANDEEL)))
        stand.neem(prob, startplan.verbeter(prob, stand.plan.gemeente, lijst, budget.tot(ZETTEN_AANDEEL)))
    return stand


def _prijsplan(prob: Probleem, stand: Stand, budget: Tijdsbudget) -> None:
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
