"""LP/MIP backends: HiGHS (default, in process) and OR-Tools (GLOP for LP, SCIP for MIP).

The ``highspy`` and ``ortools`` wheels each bundle their own ``libhighs.so.1``; loading both in one
process fails with an undefined-symbol error. HiGHS therefore runs in process (imported lazily) and
OR-Tools always runs in a fresh child process, so either backend works whatever was loaded before.
"""

from __future__ import annotations

import importlib
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from typing import Any, Protocol

import numpy as np
from scipy import sparse

from doorstroom.koppeling.model import FloatArray, Programma
from doorstroom.koppeling.result import SolveStatus


@dataclass(frozen=True)
class Oplossing:
    """Raw outcome of solving one program: values of the columns, objective, bound, duals."""

    status: SolveStatus
    x: FloatArray | None
    objectief: float
    grens: float
    rij_duaal: FloatArray | None = None


class LpSessie(Protocol):
    """An LP that can be re-solved after adding columns (warm start where the backend can)."""

    def los_op(self, tijdslimiet: float) -> Oplossing:
        """Solve (again); returns values of all columns so far, in the order they were added."""
        ...

    def voeg_toe(self, kosten: FloatArray, kolommen: sparse.csc_matrix) -> None:
        """Add columns with bounds [0, 1]."""
        ...


class Backend(Protocol):
    """Something that solves a :class:`Programma` (maximise) within a time limit."""

    naam: str

    def lp(self, programma: Programma) -> LpSessie:
        """An LP session for column generation, starting from ``programma``."""
        ...

    def los_op(
        self,
        programma: Programma,
        tijdslimiet: float,
        start: FloatArray | None = None,
        abs_gap: float = 0.0,
        doel: float | None = None,
    ) -> Oplossing:
        """Solve; ``start`` is an optional MIP start, ``abs_gap`` an absolute MIP stopping gap,
        ``doel`` an objective at which a MIP may stop (where the backend supports it)."""
        ...


CUTPOOL_LIMIET = 100
"""Soft limit on HiGHS's cut pool. The default (10,000) lets the root of the exact finish spend
most of its time separating knapsack cuts on the capacity rows before its RINS/RENS heuristics run;
with 100 the finish reaches a plan within the gap target about twice as fast (bench/koppeling.py,
national: finish 2.1-2.2 s instead of 4.0-4.4 s, same proven gap)."""


class HighsBackend:
    """HiGHS via ``highspy``: dual simplex for the LP (a vertex, hence few fractions), branch-and-cut."""

    naam = "highs"

    def __init__(self, threads: int = 2) -> None:
        self.threads = threads

    def los_op(
        self,
        programma: Programma,
        tijdslimiet: float,
        start: FloatArray | None = None,
        abs_gap: float = 0.0,
        doel: float | None = None,
    ) -> Oplossing:
        """Solve with HiGHS; duals are returned for LPs; a MIP stops once ``doel`` is reached."""
        highspy = _highspy()

        highs = self._highs(programma, tijdslimiet)
        highs.setOptionValue("mip_abs_gap", max(abs_gap, 1e-6))
        if doel is not None and programma.geheel:
            highs.setOptionValue("objective_target", float(doel))
        if start is not None and programma.geheel:
            highs.setSolution(_highs_solution(highspy, start))
        highs.run()
        return _highs_result(highspy, highs, programma.kosten, programma.geheel)

    def lp(self, programma: Programma) -> LpSessie:
        """A HiGHS LP kept in memory: added columns start nonbasic, the basis is reused."""
        return HighsLpSessie(self._highs(programma, 1.0), programma.kosten)

    def _highs(self, programma: Programma, tijdslimiet: float) -> Any:
        highspy = _highspy()

        highs = highspy.Highs()
        highs.setOptionValue("output_flag", False)
        highs.setOptionValue("time_limit", max(float(tijdslimiet), 0.01))
        highs.setOptionValue("threads", self.threads)
        highs.setOptionValue("mip_rel_gap", 1e-6)
        if not programma.geheel:
            highs.setOptionValue("solver", "simplex")
        else:
            highs.setOptionValue("mip_pool_soft_limit", CUTPOOL_LIMIET)
        highs.passModel(_highs_lp(highspy, programma))
        return highs


class HighsLpSessie:
    """Column generation on one HiGHS instance (warm-started dual/primal simplex)."""

    def __init__(self, highs: Any, kosten: FloatArray) -> None:
        self.highs = highs
        self.kosten = kosten

    def los_op(self, tijdslimiet: float) -> Oplossing:
        """Re-solve from the current basis."""
        highspy = _highspy()

        verbruikt = float(self.highs.getRunTime())  # HiGHS counts its time limit per instance
        self.highs.setOptionValue("time_limit", verbruikt + max(float(tijdslimiet), 0.01))
        self.highs.run()
        return _highs_result(highspy, self.highs, self.kosten, False)

    def voeg_toe(self, kosten: FloatArray, kolommen: sparse.csc_matrix) -> None:
        """Add columns in one call."""
        nul, een = np.zeros(len(kosten)), np.ones(len(kosten))
        self.highs.addCols(
            len(kosten), kosten, nul, een, kolommen.nnz, kolommen.indptr[:-1], kolommen.indices, kolommen.data
        )
        self.kosten = np.concatenate([self.kosten, kosten])


def _highspy() -> Any:
    """The ``highspy`` module, imported only when HiGHS is used (see the module docstring)."""
    return importlib.import_module("highspy")


def _highs_lp(highspy: Any, programma: Programma) -> Any:
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


def _highs_solution(highspy: Any, start: FloatArray) -> Any:
    solution = highspy.HighsSolution()
    solution.col_value = list(start)
    solution.value_valid = True
    return solution


def _highs_result(highspy: Any, highs: Any, kosten: FloatArray, geheel: bool) -> Oplossing:
    model_status = highs.getModelStatus()
    solution = highs.getSolution()
    info = highs.getInfo()
    if not solution.value_valid:
        return Oplossing(SolveStatus.error, None, float("nan"), float("inf"))
    x = np.asarray(solution.col_value, dtype=np.float64)
    objectief = float(kosten @ x)
    optimal = model_status == highspy.HighsModelStatus.kOptimal
    if geheel:
        grens = float(info.mip_dual_bound)
        return Oplossing(SolveStatus.optimal if optimal else SolveStatus.feasible, x, objectief, grens)
    duals = np.asarray(solution.row_dual, dtype=np.float64) if solution.dual_valid else None
    return Oplossing(SolveStatus.optimal if optimal else SolveStatus.error, x, objectief, objectief, duals)


class OrtoolsBackend:
    """OR-Tools linear solver: GLOP for LPs, SCIP for MIPs, run in a fresh child process."""

    naam = "ortools"

    def los_op(
        self,
        programma: Programma,
        tijdslimiet: float,
        start: FloatArray | None = None,
        abs_gap: float = 0.0,
        doel: float | None = None,
    ) -> Oplossing:
        """Solve in a spawned process (see the module docstring for why); SCIP ignores the start
        and the objective target, so it always proves its own gap."""
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            return pool.submit(_ortools_solve, programma, tijdslimiet).result()

    def lp(self, programma: Programma) -> LpSessie:
        """No warm start across processes: every solve starts from the full program."""
        return HerbouwSessie(self, programma)


class HerbouwSessie:
    """An LP session that rebuilds the program on every solve (for backends without warm start)."""

    def __init__(self, backend: Backend, programma: Programma) -> None:
        self.backend = backend
        self.programma = programma

    def los_op(self, tijdslimiet: float) -> Oplossing:
        """Solve the program with all columns added so far."""
        return self.backend.los_op(self.programma, tijdslimiet)

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


def _ortools_solve(programma: Programma, tijdslimiet: float) -> Oplossing:
    from ortools.linear_solver import pywraplp

    solver = pywraplp.Solver.CreateSolver("SCIP" if programma.geheel else "GLOP")
    solver.SetTimeLimit(int(max(tijdslimiet, 0.01) * 1000))
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


def _ortools_kolommen(solver: Any, programma: Programma) -> list[Any]:
    maak = solver.IntVar if programma.geheel else solver.NumVar
    return [
        maak(float(lo), float(hi), f"c{j}")
        for j, (lo, hi) in enumerate(zip(programma.kolom_onder, programma.kolom_boven, strict=True))
    ]


def _ortools_rijen(solver: Any, programma: Programma, kolommen: list[Any]) -> list[Any]:
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
) -> Oplossing:
    klasse = pywraplp.Solver
    if status not in (klasse.OPTIMAL, klasse.FEASIBLE):
        return Oplossing(SolveStatus.error, None, float("nan"), float("inf"))
    x = np.array([kolom.solution_value() for kolom in kolommen])
    objectief = float(programma.kosten @ x)
    result_status = SolveStatus.optimal if status == klasse.OPTIMAL else SolveStatus.feasible
    if programma.geheel:
        grens = float(solver.Objective().BestBound())
        return Oplossing(result_status, x, objectief, grens)
    duals = np.array([rij.dual_value() for rij in rijen])
    return Oplossing(result_status, x, objectief, objectief, duals)


def backend(naam: str) -> Backend:
    """The backend called ``naam`` (``highs`` or ``ortools``)."""
    backends: dict[str, Backend] = {"highs": HighsBackend(), "ortools": OrtoolsBackend()}
    if naam not in backends:
        raise ValueError(f"unknown backend {naam!r}")
    return backends[naam]
