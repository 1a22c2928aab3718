"""HiGHS via ``highspy``, in process for LPs (wall-clock interrupt), in a forked child for MIPs.

See :mod:`doorstroom.koppeling.solver.backends.base` for the promise every backend keeps.
"""

from __future__ import annotations

import importlib
import time
from typing import Any

import numpy as np
from scipy import sparse

from doorstroom.koppeling.solver.backends.base import (
    GEEN,
    GEEN_TIJD,
    VRIJ,
    Afloop,
    Lopend,
    LpSessie,
    Mipopties,
    Oplossing,
    begin_in_kind,
    in_kind,
    meld_tussenstand,
)
from doorstroom.koppeling.solver.koppelmodel import FloatArray
from doorstroom.koppeling.solver.matrixvorm import Programma

CUTPOOL_LIMIET = 100
"""Soft limit on HiGHS's cut pool. The default (10,000) lets the root of the exact finish spend
most of its time separating knapsack cuts on the capacity rows before its RINS/RENS heuristics run;
with 100 the finish reaches a plan within the gap target about twice as fast."""


class HighsBackend:
    """HiGHS via ``highspy``: dual simplex for LPs (a vertex, hence few fractions), branch-and-cut."""

    naam = "highs"

    def los_op(self, programma: Programma, deadline: float, opties: Mipopties = VRIJ) -> Oplossing:
        """Solve with HiGHS; duals are returned for LPs; a MIP stops once ``doel`` is reached.

        A MIP runs in a forked child that is killed at the deadline: HiGHS's MIP presolve and
        root do not look at the clock for long stretches (bench: 32 s of presolve and probing on
        a 104,000-column MIP under a 10 s limit), so only a separate process keeps the promise.
        """
        if deadline - time.perf_counter() < GEEN_TIJD:
            return GEEN
        if programma.geheel:
            return in_kind(_highs_los_op, (programma, deadline, opties), deadline)
        return _highs_los_op(programma, deadline, opties)

    def begin(self, programma: Programma, deadline: float, opties: Mipopties = VRIJ) -> Lopend:
        """A MIP in a forked child that runs beside the caller until collected (or the deadline)."""
        if deadline - time.perf_counter() < GEEN_TIJD or not programma.geheel:
            return Lopend.klaar(self.los_op(programma, deadline, opties))
        return begin_in_kind(_highs_los_op, (programma, deadline, opties), deadline)

    def lp(self, programma: Programma, start: FloatArray | None = None) -> LpSessie:
        """A HiGHS LP kept in memory: added columns start nonbasic, the basis is reused.

        ``start`` (the column vector of a valid plan) becomes the first basis: the plan's pairs
        and unlinked slacks basic, the slacks of the shared rows basic. That basis is primal
        feasible, and dual simplex starting from it needs about a third of the iterations it needs
        from the slack basis (national benchmark: 5,800 instead of 16,500 for the first LP).
        """
        highs = _highs(programma, time.perf_counter() + 1.0)
        if start is not None:
            highs.setBasis(_basis(programma, start))
        return HighsLpSessie(highs, programma.kosten)

    def sluit(self) -> None:
        """Nothing to release: HiGHS runs in process, a MIP's child ends with its solve."""


def _highs_los_op(programma: Programma, deadline: float, opties: Mipopties) -> Oplossing:
    highs = _highs(programma, deadline)
    highs.setOptionValue("mip_abs_gap", max(opties.abs_gap, 1e-6))
    if opties.doel is not None and programma.geheel:
        highs.setOptionValue("objective_target", float(opties.doel))
    if opties.start is not None and programma.geheel:
        highs.setSolution(_highs_solution(opties.start))
    if programma.geheel:  # in a child: every better plan goes to the parent at once
        highs.cbMipImprovingSolution += _meld
    highs.run()
    return _highs_result(highs, programma.kosten, programma.geheel)


def _meld(event: Any) -> None:
    """Pass a better MIP plan on (``backends.meld_tussenstand``; nothing outside a child)."""
    meld_tussenstand(np.asarray(event.data_out.mip_solution), float(event.data_out.objective_function_value))


def highspy_module() -> Any:
    """The ``highspy`` module, imported only when HiGHS is used (see the module docstring)."""
    return importlib.import_module("highspy")


def stille_highs() -> Any:
    """A ``highspy.Highs`` whose output is off before anything can print (no banner on stdout).

    ``Highs.__init__`` installs its callback dispatcher, and HiGHS prints its banner at that moment
    unless output is already off; turning it off first is the only place that precedes it.
    """
    highspy = highspy_module()

    class StilleHighs(highspy.Highs):  # type: ignore[misc, name-defined]
        def enableCallbacks(self) -> None:
            self.setOptionValue("output_flag", False)
            super().enableCallbacks()

    return StilleHighs()


def _highs(programma: Programma, deadline: float) -> Any:
    highs = stille_highs()
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
    highspy = highspy_module()
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


def _basis(programma: Programma, start: FloatArray) -> Any:
    """The basis of a plan (see ``HighsBackend.lp``): one basic column per assignment row, and per
    shared row its slack, or the overflow column where the plan is above a batch share (the
    capacity row is then tight, its slack nonbasic at the upper bound)."""
    highspy = highspy_module()
    status = highspy.HighsBasisStatus
    n = int(np.count_nonzero(np.isfinite(programma.rij_onder)))  # the assignment rows come first
    basis_kolom = start > 0.5
    kolommen = np.where(basis_kolom, status.kBasic, status.kLower)
    rijen = np.full(programma.matrix.shape[0], status.kBasic, dtype=object)
    rijen[:n] = status.kLower
    capaciteit = np.array([n + i for i, rij in enumerate(programma.rijen) if rij.soort == "capaciteit"])
    if len(capaciteit):
        deel = programma.matrix[capaciteit].tocoo()  # an overflow column is the only negative entry
        boven = (deel.data < 0) & basis_kolom[deel.col]
        rijen[capaciteit[deel.row[boven]]] = status.kUpper
    basis = highspy.HighsBasis()
    basis.col_status = kolommen.tolist()
    basis.row_status = rijen.tolist()
    basis.valid = True
    basis.alien = True
    return basis


def _highs_solution(start: FloatArray) -> Any:
    solution = highspy_module().HighsSolution()
    solution.col_value = list(start)
    solution.value_valid = True
    return solution


def _highs_result(highs: Any, kosten: FloatArray, geheel: bool) -> Oplossing:
    status = highspy_module().HighsModelStatus
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
