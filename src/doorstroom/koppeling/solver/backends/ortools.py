"""OR-Tools (GLOP for LPs, SCIP for MIPs) in one child process per run, killed at the deadline.

Its wheel bundles its own ``libhighs.so.1``, which cannot be loaded next to ``highspy`` in one
process; see :mod:`doorstroom.koppeling.solver.backends.base` for the promise every backend keeps.
"""

from __future__ import annotations

import importlib
import multiprocessing
import time
from contextlib import suppress
from dataclasses import replace
from multiprocessing.connection import Connection
from typing import Any

import numpy as np
from scipy import sparse

from doorstroom.koppeling.solver.backends.base import (
    AFSLUITEN,
    GEEN,
    GEEN_TIJD,
    OPSTART_KIND,
    VRIJ,
    Afloop,
    Backend,
    Lopend,
    LpSessie,
    Mipopties,
    Oplossing,
    ontvang,
)
from doorstroom.koppeling.solver.koppelmodel import FloatArray
from doorstroom.koppeling.solver.matrixvorm import Programma


class OrtoolsBackend:
    """OR-Tools linear solver: GLOP for LPs, SCIP for MIPs, in one child process per run."""

    naam = "ortools"

    def __init__(self) -> None:
        self.kind: _Kind | None = None

    def los_op(self, programma: Programma, deadline: float, opties: Mipopties = VRIJ) -> Oplossing:
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

    def begin(self, programma: Programma, deadline: float, opties: Mipopties = VRIJ) -> Lopend:
        """Solved now (the child process serves one solve at a time)."""
        return Lopend.klaar(self.los_op(programma, deadline, opties))

    def lp(self, programma: Programma, start: FloatArray | None = None) -> LpSessie:
        """No warm start across processes: every solve sends the full program (``start`` unused)."""
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
        if wachten > 0 and ouder.poll(wachten) and ontvang(ouder) == "klaar":
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
                antwoord = ontvang(self.verbinding)
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


def _ortools_werker(verbinding: Connection) -> None:  # pragma: no cover (runs in the child)
    """The child's loop: import OR-Tools once, then answer (programma, seconds) until None."""
    importlib.import_module("ortools.linear_solver.pywraplp")
    verbinding.send("klaar")
    while isinstance(vraag := ontvang(verbinding), tuple):
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
