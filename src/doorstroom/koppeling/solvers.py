"""Solvers of the koppeling: exact (HiGHS default, OR-Tools second) and the greedy baseline.

Every solver returns a :class:`KoppelingResult` value; an infeasible instance gives status
``infeasible`` with the relaxed plan and named conflicts, never an exception.
"""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from doorstroom.koppeling import decompose
from doorstroom.koppeling.backends import backend
from doorstroom.koppeling.diagnose import conflicten_voor
from doorstroom.koppeling.domain import Beleid, Instantie
from doorstroom.koppeling.model import BLOK, IntArray, Koppelmodel, bouw_model, scoreblokken, woningmatrix
from doorstroom.koppeling.result import KoppelingResult, SolveStatus, Toewijzing
from doorstroom.koppeling.score import Scoreblok, UitkomstVoorspeller

__all__ = ["KoppelingResult", "SolveStatus", "Solver", "installed_solvers", "solver"]

RESERVE = 0.05
"""Share of the time limit kept for turning the plan into explained proposals."""


class Solver(Protocol):
    """Anything that turns an instance and a policy into a :class:`KoppelingResult`."""

    naam: str

    def los_op(
        self,
        instantie: Instantie,
        beleid: Beleid,
        tijdslimiet: float = 60.0,
        uitkomst: UitkomstVoorspeller | None = None,
    ) -> KoppelingResult:
        """Solve; ``tijdslimiet`` is in seconds."""
        ...


class ExacteSolver:
    """The integer program solved by LP → fix → exact finish (see :mod:`decompose`)."""

    def __init__(self, naam: str) -> None:
        self.naam = naam
        self.backend = backend(naam)

    def los_op(
        self,
        instantie: Instantie,
        beleid: Beleid,
        tijdslimiet: float = 60.0,
        uitkomst: UitkomstVoorspeller | None = None,
    ) -> KoppelingResult:
        """Build the pruned model, solve it, and turn the plan into proposals."""
        return self.los_op_met_model(instantie, beleid, tijdslimiet, uitkomst)[0]

    def los_op_met_model(
        self,
        instantie: Instantie,
        beleid: Beleid,
        tijdslimiet: float = 60.0,
        uitkomst: UitkomstVoorspeller | None = None,
    ) -> tuple[KoppelingResult, Koppelmodel]:
        """As :meth:`los_op`, also returning the final model (the benchmark hands it to CBC).

        The time limit covers the whole run; a small share is kept for writing the proposals.
        """
        begin = time.perf_counter()
        blokken = scoreblokken(instantie, beleid, uitkomst)
        model = bouw_model(instantie, beleid, blokken)
        rest = tijdslimiet * (1 - RESERVE) - (time.perf_counter() - begin)
        model, plan = decompose.los_op(instantie, beleid, model, self.backend, rest, blokken)
        if plan.status is SolveStatus.error:
            return _fout(self.naam, time.perf_counter() - begin), model
        plan.details["pairs"] = float(len(model.paar_h))
        gemeente = model_keuze(model, plan.keuze)
        args = (plan.status, plan.grens, begin, plan.details, blokken)
        return resultaat(self.naam, instantie, beleid, gemeente, *args), model


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
    ) -> KoppelingResult:
        """Link households one by one; the score is only computed for the report."""
        begin = time.perf_counter()
        blokken = scoreblokken(instantie, beleid, uitkomst)
        gemeente = greedy_keuze(instantie, blokken)
        return resultaat(
            self.naam, instantie, beleid, gemeente, SolveStatus.feasible, float("nan"), begin, {}, blokken
        )


def greedy_keuze(instantie: Instantie, blokken: Sequence[Scoreblok]) -> IntArray:
    """Municipality index per household (-1: no room left), first come first served."""
    rest = np.array([g.capaciteit for g in instantie.gemeenten], dtype=np.int64)
    boven = np.array([g.bovengrens for g in instantie.gemeenten], dtype=np.int64)
    woningen = woningmatrix(instantie)
    keuze = np.full(len(instantie.huishoudens), -1, dtype=np.int64)
    for index, blok in enumerate(blokken):
        start = index * BLOK
        for row, huishouden in enumerate(instantie.huishoudens[start : start + BLOK]):
            k = huishouden.woningklasse
            woning = blok.toegestaan[row] & (woningen[:, k:].sum(axis=1) > 0)
            g = _eerste_plek(woning, rest, huishouden.grootte)
            g = g if g >= 0 else _eerste_plek(woning, boven, huishouden.grootte)
            if g >= 0:
                keuze[start + row] = g
                rest[g] -= huishouden.grootte
                boven[g] -= huishouden.grootte
                woningen[g, k + int(np.flatnonzero(woningen[g, k:] > 0)[0])] -= 1
    return keuze


def _eerste_plek(toegestaan: np.ndarray, rest: IntArray, grootte: int) -> int:
    """The allowed municipality with most room left in ``rest`` if it fits ``grootte``, else -1."""
    past = toegestaan & (rest >= grootte)
    return int(np.argmax(np.where(past, rest, -1))) if past.any() else -1


def resultaat(
    naam: str,
    instantie: Instantie,
    beleid: Beleid,
    gemeente: IntArray,
    status: SolveStatus,
    grens: float,
    begin: float,
    details: dict[str, float],
    blokken: Sequence[Scoreblok],
) -> KoppelingResult:
    """Proposals with their score breakdown, the objective and, if needed, the conflicts."""
    toewijzingen = _toewijzingen(instantie, gemeente, blokken)
    onbekoppeld = tuple(h.id for h, g in zip(instantie.huishoudens, gemeente, strict=True) if g < 0)
    straf = beleid.straf_onbekoppeld * sum(
        h.grootte for h, g in zip(instantie.huishoudens, gemeente, strict=True) if g < 0
    )
    overschreden = _overschrijding(instantie, gemeente)
    boete = beleid.overschrijding_boete * sum(overschreden.values())
    objectief = sum(t.personen * t.score for t in toewijzingen) - straf - boete
    conflicts = conflicten_voor(instantie, beleid, onbekoppeld) if onbekoppeld else ()
    if onbekoppeld and status is not SolveStatus.error:
        status = SolveStatus.infeasible
    return KoppelingResult(
        naam,
        status,
        objectief,
        grens,
        time.perf_counter() - begin,
        toewijzingen,
        onbekoppeld,
        conflicts,
        details,
        overschreden,
    )


def _overschrijding(instantie: Instantie, gemeente: IntArray) -> dict[str, int]:
    """Persons above the batch share per municipality code (only where positive)."""
    grootte = np.array([h.grootte for h in instantie.huishoudens], dtype=np.int64)
    bezet = np.bincount(
        gemeente[gemeente >= 0], weights=grootte[gemeente >= 0], minlength=len(instantie.gemeenten)
    )
    return {
        g.code: int(bezet[i]) - g.capaciteit
        for i, g in enumerate(instantie.gemeenten)
        if bezet[i] > g.capaciteit
    }


def _toewijzingen(
    instantie: Instantie, gemeente: IntArray, blokken: Sequence[Scoreblok]
) -> tuple[Toewijzing, ...]:
    result = []
    for index, blok in enumerate(blokken):
        start = index * BLOK
        deel = instantie.huishoudens[start : start + BLOK]
        for row, huishouden in enumerate(deel):
            g = int(gemeente[start + row])
            if g >= 0:
                criteria = {name: round(float(waarde[row, g]), 4) for name, waarde in blok.criteria.items()}
                code = instantie.gemeenten[g].code
                result.append(
                    Toewijzing(huishouden.id, code, huishouden.grootte, float(blok.totaal[row, g]), criteria)
                )
    return tuple(result)


def _fout(naam: str, seconden: float) -> KoppelingResult:
    return KoppelingResult(naam, SolveStatus.error, float("nan"), float("nan"), seconden, (), ())


def model_keuze(model: Koppelmodel, keuze: IntArray) -> IntArray:
    """Municipality index per household from a pair choice (-1 stays unlinked)."""
    result = np.full(len(keuze), -1, dtype=np.int64)
    result[keuze >= 0] = model.paar_g[keuze[keuze >= 0]]
    return result


def installed_solvers() -> tuple[str, ...]:
    """Exact backends whose Python package is installed (tests parametrise over these)."""
    return tuple(
        naam
        for naam, pakket in (("highs", "highspy"), ("ortools", "ortools"))
        if importlib.util.find_spec(pakket)
    )


def solver(naam: str) -> Solver:
    """The solver called ``naam``: ``highs`` (default), ``ortools`` or ``greedy``."""
    if naam == "greedy":
        return GreedySolver()
    if naam in ("highs", "ortools"):
        return ExacteSolver(naam)
    raise ValueError(f"unknown solver {naam!r}")
