"""LP/MIP backends that keep the run's deadline: HiGHS (default, in process) and OR-Tools (child).

This module holds what every backend shares (the outcome of a solve, the protocols, the child
processes that bound a solve, the factory); ``highs_backend`` and ``ortools_backend`` implement them.

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

import multiprocessing
import time
from contextlib import suppress
from dataclasses import dataclass
from enum import StrEnum
from multiprocessing.connection import Connection
from typing import Any, Protocol

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


def in_kind(functie: Any, argumenten: tuple[Any, ...], deadline: float) -> Oplossing:
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
    antwoord: object = None
    try:
        if ontvanger.poll(max(deadline + KIND_MARGE - time.perf_counter(), 0.0)):
            antwoord = ontvang(ontvanger)
        return antwoord if isinstance(antwoord, Oplossing) else GEEN
    finally:
        ontvanger.close()
        proces.join(AFSLUITEN if antwoord is not None else 0)  # no answer: no waiting either
        if proces.is_alive():
            proces.kill()
            proces.join()


def _kind_antwoordt(
    zender: Connection, functie: Any, argumenten: tuple[Any, ...]
) -> None:  # pragma: no cover
    """The child's part: solve and send the answer."""
    with suppress(OSError, EOFError):
        zender.send(functie(*argumenten))


def ontvang(verbinding: Connection) -> object:
    try:
        return verbinding.recv()
    except (OSError, EOFError):
        return None


def backend(naam: str) -> Backend:
    """A new backend called ``naam`` (``highs`` or ``ortools``); close it with ``sluit``."""
    from doorstroom.koppeling.highs_backend import HighsBackend
    from doorstroom.koppeling.ortools_backend import OrtoolsBackend

    if naam == "highs":
        return HighsBackend()
    if naam == "ortools":
        return OrtoolsBackend()
    raise ValueError(f"unknown backend {naam!r}")
