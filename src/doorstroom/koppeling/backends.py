"""LP/MIP backends that keep the run's deadline: HiGHS (default, in process) and OR-Tools (child).

Both receive an absolute deadline (``time.perf_counter``) and must return by it:

* HiGHS runs in this process with one thread (a second thread on a two-core machine that another
  process keeps busy waits for a core and stalls the solve) and a wall-clock interrupt: its
  simplex, IPM and MIP callbacks stop it as soon as the deadline passes. It is created silent, so
  its banner never reaches standard output (issue 7, item 3).
* OR-Tools (GLOP for LPs, SCIP for MIPs) runs in a child process: its wheel bundles its own
  ``libhighs.so.1``, which cannot be loaded next to ``highspy`` in one process. The child is
  started once per run, answers every solve of that run, and is killed at the deadline if it has
  not answered, so it is bounded too.

A backend never raises for a slow or failed solve: it returns an :class:`Oplossing` whose
``afloop`` says what happened.
"""

from __future__ import annotations

import importlib
import multiprocessing
import time
from contextlib import suppress
from dataclasses import dataclass, replace
from enum import StrEnum
from multiprocessing.connection import Connection
from typing import Any, Protocol

import numpy as np
from scipy import sparse

from doorstroom.koppeling.model import FloatArray, Programma

GEEN_TIJD = 0.005
"""Below this many seconds a solve is not started: its answer could not arrive in time."""
OPSTART_KIND = 3.0
"""Seconds an OR-Tools child may take to start (spawn, import) before the run goes on without it."""
AFSLUITEN = 0.2
"""Seconds a child gets to exit before it is killed."""
KIND_MARGE = 0.05
"""Seconds after the deadline a MIP child may take to send its answer (it stops itself at the
deadline through HiGHS's interrupt when it can; otherwise it is killed)."""


class Afloop(StrEnum):
    """How one solve ended."""

    optimaal = "optimaal"
    """Solved to optimality (a MIP: within its gap settings)."""
    onderbroken = "onderbroken"
    """Stopped at the deadline or its own limit; ``x`` is a feasible solution (MIP) if present."""
    geen = "geen"
    """No usable solution (no time, an error, or interrupted before any solution)."""


@dataclass(frozen=True)
class Oplossing:
    """Raw outcome of one solve: values of the columns, objective, bound, row duals (LP)."""

    afloop: Afloop
    x: FloatArray | None
    objectief: float
    grens: float
    rij_duaal: FloatArray | None = None


GEEN = Oplossing(Afloop.geen, None, float("nan"), float("inf"))


class LpSessie(Protocol):
    """An LP that can be re-solved after adding columns (warm start where the backend can)."""

    def los_op(self, deadline: float) -> Oplossing:
        """Solve (again); returns values of all columns so far, in the order they were added."""
        ...

    def voeg_toe(self, kosten: FloatArray, kolommen: sparse.csc_matrix) -> None:
        """Add columns with bounds [0, 1]."""
        ...


class Backend(Protocol):
    """Something that solves a :class:`Programma` (maximise) before a deadline."""

    naam: str

    def lp(self, programma: Programma) -> LpSessie:
        """An LP session for column generation, starting from ``programma``."""
        ...

    def los_op(
        self,
        programma: Programma,
        deadline: float,
        start: FloatArray | None = None,
        abs_gap: float = 0.0,
        doel: float | None = None,
    ) -> Oplossing:
        """Solve by ``deadline``; ``start`` is an optional MIP start, ``abs_gap`` an absolute MIP
        stopping gap, ``doel`` an objective at which a MIP may stop (where supported)."""
        ...

    def sluit(self) -> None:
        """Release what the backend holds (a child process)."""
        ...


CUTPOOL_LIMIET = 100
"""Soft limit on HiGHS's cut pool. The default (10,000) lets the root of the exact finish spend
most of its time separating knapsack cuts on the capacity rows before its RINS/RENS heuristics run;
with 100 the finish reaches a plan within the gap target about twice as fast."""


class HighsBackend:
    """HiGHS via ``highspy``: dual simplex for LPs (a vertex, hence few fractions), branch-and-cut."""

    naam = "highs"

    def los_op(
        self,
        programma: Programma,
        deadline: float,
        start: FloatArray | None = None,
        abs_gap: float = 0.0,
        doel: float | None = None,
    ) -> Oplossing:
        """Solve with HiGHS; duals are returned for LPs; a MIP stops once ``doel`` is reached.

        A MIP runs in a forked child that is killed at the deadline: HiGHS's MIP presolve and
        root do not look at the clock for long stretches (bench: 32 s of presolve and probing on
        a 104,000-column MIP under a 10 s limit), so only a separate process keeps the promise.
        """
        if deadline - time.perf_counter() < GEEN_TIJD:
            return GEEN
        if programma.geheel:
            return _in_kind(_highs_los_op, (programma, deadline, start, abs_gap, doel), deadline)
        return _highs_los_op(programma, deadline, start, abs_gap, doel)

    def lp(self, programma: Programma) -> LpSessie:
        """A HiGHS LP kept in memory: added columns start nonbasic, the basis is reused."""
        return HighsLpSessie(_highs(programma, time.perf_counter() + 1.0), programma.kosten)

    def sluit(self) -> None:
        """Nothing to release: HiGHS runs in process, a MIP's child ends with its solve."""


def _highs_los_op(
    programma: Programma, deadline: float, start: FloatArray | None, abs_gap: float, doel: float | None
) -> Oplossing:
    highs = _highs(programma, deadline)
    highs.setOptionValue("mip_abs_gap", max(abs_gap, 1e-6))
    if doel is not None and programma.geheel:
        highs.setOptionValue("objective_target", float(doel))
    if start is not None and programma.geheel:
        highs.setSolution(_highs_solution(start))
    highs.run()
    return _highs_result(highs, programma.kosten, programma.geheel)


def _in_kind(functie: Any, argumenten: tuple[Any, ...], deadline: float) -> Oplossing:
    """Run ``functie(*argumenten)`` in a forked child; GEEN if it has not answered by the deadline.

    Forking shares the program with the child without copying it up front. Where the platform
    cannot fork, the solve runs in this process (HiGHS's own limit then bounds it).
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return functie(*argumenten)  # type: ignore[no-any-return]
    context = multiprocessing.get_context("fork")
    ontvanger, zender = context.Pipe(duplex=False)
    proces = context.Process(target=_kind_antwoordt, args=(zender, functie, argumenten), daemon=True)
    proces.start()
    zender.close()
    try:
        if ontvanger.poll(max(deadline + KIND_MARGE - time.perf_counter(), 0.0)):
            antwoord = _ontvang(ontvanger)
            if isinstance(antwoord, Oplossing):
                return antwoord
        return GEEN
    finally:
        ontvanger.close()
        proces.join(AFSLUITEN if proces.exitcode is None else None)
        if proces.is_alive():
            proces.kill()
            proces.join()


def _kind_antwoordt(
    zender: Connection, functie: Any, argumenten: tuple[Any, ...]
) -> None:  # pragma: no cover
    """The child's part: solve and send the answer."""
    with suppress(OSError, EOFError):
        zender.send(functie(*argumenten))


def _highspy() -> Any:
    """The ``highspy`` module, imported only when HiGHS is used (see the module docstring)."""
    return importlib.import_module("highspy")


def _stille_highs() -> Any:
    """A ``highspy.Highs`` whose output is off before anything can print (no banner on stdout).

    ``Highs.__init__`` installs its callback dispatcher, and HiGHS prints its banner at that moment
    unless output is already off; turning it off first is the only place that precedes it.
    """
    highspy = _highspy()

    class StilleHighs(highspy.Highs):  # type: ignore[misc, name-defined]
        def enableCallbacks(self) -> None:
            self.setOptionValue("output_flag", False)
            super().enableCallbacks()

    return StilleHighs()


def _highs(programma: Programma, deadline: float) -> Any:
    highs = _stille_highs()
    highs.setOptionValue("threads", 1)
    highs.setOptionValue("mip_rel_gap", 1e-6)
    _zet_deadline(highs, deadline)
    if not programma.geheel:
        highs.setOptionValue("solver", "simplex")
    else:
        highs.setOptionValue("mip_pool_soft_limit", CUTPOOL_LIMIET)
    highs.passModel(_highs_lp(programma))
    onderbreek = _onderbreker(highs)
    highs.cbSimplexInterrupt += onderbreek
    highs.cbIpmInterrupt += onderbreek
    highs.cbMipInterrupt += onderbreek
    return highs


def _zet_deadline(highs: Any, deadline: float) -> None:
    """HiGHS's own limit (counted per instance, so added to what it used) and our wall clock."""
    highs.deadline = deadline
    verbruikt = float(highs.getRunTime())
    highs.setOptionValue("time_limit", verbruikt + max(deadline - time.perf_counter(), GEEN_TIJD))


def _onderbreker(highs: Any) -> Any:
    """Callback that interrupts HiGHS once the wall clock passes ``highs.deadline``."""
    from weakref import proxy

    eigen = proxy(highs)

    def onderbreek(event: Any) -> None:
        if time.perf_counter() >= eigen.deadline:
            event.interrupt()

    return onderbreek


PRIMAAL, DUAAL = 4, 1
"""HiGHS ``simplex_strategy`` values."""
PRIMAAL_KOLOMMEN = 500
"""Up to this many added columns, a re-solve uses primal simplex (see ``HighsLpSessie.voeg_toe``)."""


class HighsLpSessie:
    """Column generation on one HiGHS instance (warm-started simplex)."""

    def __init__(self, highs: Any, kosten: FloatArray) -> None:
        self.highs = highs
        self.kosten = kosten

    def los_op(self, deadline: float) -> Oplossing:
        """Re-solve from the current basis, stopping at ``deadline``."""
        if deadline - time.perf_counter() < GEEN_TIJD:
            return GEEN
        _zet_deadline(self.highs, deadline)
        self.highs.run()
        return _highs_result(self.highs, self.kosten, False)

    def voeg_toe(self, kosten: FloatArray, kolommen: sparse.csc_matrix) -> None:
        """Add columns in one call; a few new columns are best handled by primal simplex.

        After ``addCols`` the basis stays primal feasible. HiGHS's dual simplex then redoes
        thousands of iterations however few columns came in; primal simplex needs about as many
        iterations as columns (national benchmark: 16 new columns, 20 iterations instead of 3,800).
        With many new columns dual simplex is faster again.
        """
        strategie = PRIMAAL if len(kosten) <= PRIMAAL_KOLOMMEN else DUAAL
        self.highs.setOptionValue("simplex_strategy", strategie)
        nul, een = np.zeros(len(kosten)), np.ones(len(kosten))
        self.highs.addCols(
            len(kosten), kosten, nul, een, kolommen.nnz, kolommen.indptr[:-1], kolommen.indices, kolommen.data
        )
        self.kosten = np.concatenate([self.kosten, kosten])


def _highs_lp(programma: Programma) -> Any:
    highspy = _highspy()
    lp = highspy.HighsLp()
    matrix = programma.matrix
    lp.num_col_, lp.num_row_ = matrix.shape[1], matrix.shape[0]
    lp.col_cost_ = programma.kosten
    lp.col_lower_, lp.col_upper_ = programma.kolom_onder, programma.kolom_boven
    lp.row_lower_, lp.row_upper_ = programma.rij_onder, programma.rij_boven
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = matrix.indptr
    lp.a_matrix_.index_ = matrix.indices
    lp.a_matrix_.value_ = matrix.data
    if programma.geheel:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * lp.num_col_
    return lp


def _highs_solution(start: FloatArray) -> Any:
    solution = _highspy().HighsSolution()
    solution.col_value = list(start)
    solution.value_valid = True
    return solution


def _highs_result(highs: Any, kosten: FloatArray, geheel: bool) -> Oplossing:
    status = _highspy().HighsModelStatus
    model_status = highs.getModelStatus()
    solution = highs.getSolution()
    if not solution.value_valid:
        return GEEN
    x = np.asarray(solution.col_value, dtype=np.float64)
    objectief = float(kosten @ x)
    afloop = Afloop.optimaal if model_status == status.kOptimal else Afloop.onderbroken
    if geheel:
        return Oplossing(afloop, x, objectief, float(highs.getInfo().mip_dual_bound))
    if afloop is not Afloop.optimaal:
        return GEEN  # an interrupted simplex gives neither a primal solution nor duals to trust
    duals = np.asarray(solution.row_dual, dtype=np.float64) if solution.dual_valid else None
    return Oplossing(afloop, x, objectief, objectief, duals)


class OrtoolsBackend:
    """OR-Tools linear solver: GLOP for LPs, SCIP for MIPs, in one child process per run."""

    naam = "ortools"

    def __init__(self) -> None:
        self.kind: _Kind | None = None

    def los_op(
        self,
        programma: Programma,
        deadline: float,
        start: FloatArray | None = None,
        abs_gap: float = 0.0,
        doel: float | None = None,
    ) -> Oplossing:
        """Solve in the child (see the module docstring); SCIP ignores the start and the
        objective target, so it always proves its own gap."""
        if deadline - time.perf_counter() < GEEN_TIJD:
            return GEEN
        if self.kind is None or not self.kind.levend():
            self.kind = _Kind.start(deadline)
        if self.kind is None:
            return GEEN
        oplossing = self.kind.vraag(programma, deadline)
        if oplossing is None:  # no answer by the deadline: the child was killed
            self.kind = None
            return GEEN
        return oplossing

    def lp(self, programma: Programma) -> LpSessie:
        """No warm start across processes: every solve sends the full program."""
        return HerbouwSessie(self, programma)

    def sluit(self) -> None:
        """Stop the child process."""
        if self.kind is not None:
            self.kind.stop()
            self.kind = None


class _Kind:
    """A child process that solves programs with OR-Tools until told to stop, killable any time."""

    def __init__(self, proces: multiprocessing.process.BaseProcess, verbinding: Connection) -> None:
        self.proces = proces
        self.verbinding = verbinding

    @classmethod
    def start(cls, deadline: float) -> _Kind | None:
        """Spawn the child; None when it is not ready before ``deadline`` (it is then killed)."""
        context = multiprocessing.get_context("spawn")
        ouder, kind = context.Pipe()
        proces = context.Process(target=_ortools_werker, args=(kind,), daemon=True)
        proces.start()
        kind.close()
        nieuw = cls(proces, ouder)
        wachten = min(deadline - time.perf_counter(), OPSTART_KIND)
        if wachten > 0 and ouder.poll(wachten) and _ontvang(ouder) == "klaar":
            return nieuw
        nieuw.stop()
        return None

    def levend(self) -> bool:
        """Whether the child still runs."""
        return self.proces.is_alive()

    def vraag(self, programma: Programma, deadline: float) -> Oplossing | None:
        """Send a solve; its answer, or None (and the child killed) when none came by the deadline."""
        try:
            self.verbinding.send((programma, max(deadline - time.perf_counter(), GEEN_TIJD)))
            if self.verbinding.poll(max(deadline - time.perf_counter(), 0.0)):
                antwoord = _ontvang(self.verbinding)
                if isinstance(antwoord, Oplossing):
                    return antwoord
        except (OSError, EOFError):
            pass
        self.stop()
        return None

    def stop(self) -> None:
        """Ask the child to stop; kill it if it does not exit promptly."""
        with suppress(OSError, EOFError):
            self.verbinding.send(None)
        self.proces.join(AFSLUITEN)
        if self.proces.is_alive():
            self.proces.kill()
            self.proces.join()
        self.verbinding.close()


def _ontvang(verbinding: Connection) -> object:
    try:
        return verbinding.recv()
    except (OSError, EOFError):
        return None


def _ortools_werker(verbinding: Connection) -> None:  # pragma: no cover (runs in the child)
    """The child's loop: import OR-Tools once, then answer (programma, seconds) until None."""
    importlib.import_module("ortools.linear_solver.pywraplp")
    verbinding.send("klaar")
    while isinstance(vraag := _ontvang(verbinding), tuple):
        programma: Programma = vraag[0]
        verbinding.send(_ortools_solve(programma, float(vraag[1])))


class HerbouwSessie:
    """An LP session that re-sends the program on every solve (for backends without warm start)."""

    def __init__(self, backend: Backend, programma: Programma) -> None:
        self.backend = backend
        self.programma = programma

    def los_op(self, deadline: float) -> Oplossing:
        """Solve the program with all columns added so far."""
        return self.backend.los_op(self.programma, deadline)

    def voeg_toe(self, kosten: FloatArray, kolommen: sparse.csc_matrix) -> None:
        """Append the columns to the program."""
        prog = self.programma
        extra = len(kosten)
        self.programma = replace(
            prog,
            kosten=np.concatenate([prog.kosten, kosten]),
            kolom_onder=np.concatenate([prog.kolom_onder, np.zeros(extra)]),
            kolom_boven=np.concatenate([prog.kolom_boven, np.ones(extra)]),
            matrix=sparse.hstack([prog.matrix, kolommen], format="csc"),
        )


def _ortools_solve(programma: Programma, tijdslimiet: float) -> Oplossing:  # pragma: no cover
    from ortools.linear_solver import pywraplp

    solver = pywraplp.Solver.CreateSolver("SCIP" if programma.geheel else "GLOP")
    solver.SetTimeLimit(int(max(tijdslimiet, GEEN_TIJD) * 1000))
    solver.SetNumThreads(1)
    kolommen = _ortools_kolommen(solver, programma)
    rijen = _ortools_rijen(solver, programma, kolommen)
    objective = solver.Objective()
    for kolom, kosten in zip(kolommen, programma.kosten, strict=True):
        objective.SetCoefficient(kolom, float(kosten))
    objective.SetMaximization()
    parameters = pywraplp.MPSolverParameters()
    if programma.geheel:
        parameters.SetDoubleParam(parameters.RELATIVE_MIP_GAP, 1e-9)
    status = solver.Solve(parameters)
    return _ortools_result(pywraplp, solver, status, programma, kolommen, rijen)


def _ortools_kolommen(solver: Any, programma: Programma) -> list[Any]:  # pragma: no cover
    maak = solver.IntVar if programma.geheel else solver.NumVar
    return [
        maak(float(lo), float(hi), f"c{j}")
        for j, (lo, hi) in enumerate(zip(programma.kolom_onder, programma.kolom_boven, strict=True))
    ]


def _ortools_rijen(solver: Any, programma: Programma, kolommen: list[Any]) -> list[Any]:  # pragma: no cover
    matrix = programma.matrix.tocsr()
    rijen = []
    for i in range(matrix.shape[0]):
        lo = programma.rij_onder[i] if np.isfinite(programma.rij_onder[i]) else -solver.infinity()
        rij = solver.Constraint(float(lo), float(programma.rij_boven[i]))
        for j, waarde in zip(
            matrix.indices[matrix.indptr[i] : matrix.indptr[i + 1]],
            matrix.data[matrix.indptr[i] : matrix.indptr[i + 1]],
            strict=True,
        ):
            rij.SetCoefficient(kolommen[j], float(waarde))
        rijen.append(rij)
    return rijen


def _ortools_result(
    pywraplp: Any,
    solver: Any,
    status: int,
    programma: Programma,
    kolommen: list[Any],
    rijen: list[Any],
) -> Oplossing:  # pragma: no cover
    klasse = pywraplp.Solver
    if status not in (klasse.OPTIMAL, klasse.FEASIBLE):
        return GEEN
    x = np.array([kolom.solution_value() for kolom in kolommen])
    objectief = float(programma.kosten @ x)
    afloop = Afloop.optimaal if status == klasse.OPTIMAL else Afloop.onderbroken
    if programma.geheel:
        return Oplossing(afloop, x, objectief, float(solver.Objective().BestBound()))
    if afloop is not Afloop.optimaal:
        return GEEN
    duals = np.array([rij.dual_value() for rij in rijen])
    return Oplossing(afloop, x, objectief, objectief, duals)


def backend(naam: str) -> Backend:
    """A new backend called ``naam`` (``highs`` or ``ortools``); close it with ``sluit``."""
    if naam == "highs":
        return HighsBackend()
    if naam == "ortools":
        return OrtoolsBackend()
    raise ValueError(f"unknown backend {naam!r}")
