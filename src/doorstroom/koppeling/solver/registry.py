"""The one list of the koppeling's solvers and their default time limit, read by the CLI, API and web.

``highs`` (the default) and ``ortools`` are the optimiser on an exact backend
(:mod:`~doorstroom.koppeling.solver.exact`); ``greedy`` is current practice, the baseline every
report compares with (:mod:`~doorstroom.koppeling.solver.greedy`). Every solver returns a
:class:`~doorstroom.koppeling.core.result.KoppelingResult` with a valid plan, never an exception
for a hard or slow instance.
"""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Mapping
from typing import Protocol

from doorstroom.koppeling.core.domain import Beleid, Instantie
from doorstroom.koppeling.core.result import KoppelingResult, SolveStatus
from doorstroom.koppeling.core.score import UitkomstVoorspeller
from doorstroom.koppeling.solver.backends.base import Backend
from doorstroom.koppeling.solver.backends.highs import HighsBackend
from doorstroom.koppeling.solver.backends.ortools import OrtoolsBackend
from doorstroom.koppeling.solver.exact import ExacteSolver
from doorstroom.koppeling.solver.greedy import GreedySolver
from doorstroom.platform import metrics

__all__ = ["KoppelingResult", "SolveStatus", "Solver", "available_solvers", "installed_solvers", "solver"]

SOLVERS = ("highs", "ortools", "greedy")
"""Every solver a user may choose, the default first."""

STANDAARD_SOLVER = SOLVERS[0]

TIJDSLIMIET = 60.0
"""Seconds a run may compute unless the user says otherwise (plus the documented overhead)."""

PAKKETTEN = {"highs": "highspy", "ortools": "ortools"}
"""The Python package each exact backend needs."""


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


def backend(naam: str) -> Backend:
    """A new backend called ``naam`` (``highs`` or ``ortools``); close it with ``sluit``."""
    if naam == "highs":
        return HighsBackend()
    if naam == "ortools":
        return OrtoolsBackend()
    raise ValueError(f"unknown backend {naam!r}")


def installed_solvers() -> tuple[str, ...]:
    """Exact backends whose Python package is installed (tests parametrise over these)."""
    return tuple(naam for naam, pakket in PAKKETTEN.items() if importlib.util.find_spec(pakket))


def available_solvers() -> tuple[str, ...]:
    """The solvers this installation can run, in the order of :data:`SOLVERS` (greedy always)."""
    return tuple(naam for naam in SOLVERS if naam not in PAKKETTEN or naam in installed_solvers())


def solver(naam: str) -> Solver:
    """The solver called ``naam``: ``highs`` (default), ``ortools`` or ``greedy``; every run counted."""
    if naam == "greedy":
        return GemetenSolver(GreedySolver())
    if naam in ("highs", "ortools"):
        return GemetenSolver(ExacteSolver(naam, lambda: backend(naam)))
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
