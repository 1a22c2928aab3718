"""LP/MIP backends that keep the run's deadline: HiGHS (default, in process) and OR-Tools (child).

This module holds what every backend shares (the outcome of a solve, the protocols, the child
processes that bound a solve); :mod:`~doorstroom.koppeling.solver.backends.highs` and
:mod:`~doorstroom.koppeling.solver.backends.ortools` implement them, and
:func:`doorstroom.koppeling.solver.registry.backend` makes one by name.

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
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from enum import StrEnum
from multiprocessing.connection import Connection
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
from scipy import sparse

from doorstroom.koppeling.solver.koppelmodel import FloatArray
from doorstroom.koppeling.solver.matrixvorm import Programma

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


@dataclass(frozen=True)
class Mipopties:
    """How a MIP may start and stop early: ``start`` a MIP start (the column vector of a valid plan),
    ``abs_gap`` an absolute stopping gap, ``doel`` an objective at which it may stop."""

    start: FloatArray | None = None
    abs_gap: float = 0.0
    doel: float | None = None


VRIJ = Mipopties()
"""No start and no early stop: the MIP runs to optimality or its deadline."""


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

    def lp(self, programma: Programma, start: FloatArray | None = None) -> LpSessie:
        """An LP session for column generation, starting from ``programma``; ``start`` (the
        column vector of a valid plan) may seed the first basis where the backend can."""
        ...

    def los_op(self, programma: Programma, deadline: float, opties: Mipopties = VRIJ) -> Oplossing:
        """Solve by ``deadline``; a MIP starts from and may stop early by ``opties`` (where supported)."""
        ...

    def begin(self, programma: Programma, deadline: float, opties: Mipopties = VRIJ) -> Lopend:
        """As :meth:`los_op`, but a backend that can returns at once and solves beside the caller
        (collect the answer with ``Lopend.uitkomst``)."""
        ...

    def sluit(self) -> None:
        """Release what the backend holds (a child process)."""
        ...


def in_kind(functie: Any, argumenten: tuple[Any, ...], deadline: float) -> Oplossing:
    """Run ``functie(*argumenten)`` in a forked child and wait for it (see :func:`begin_in_kind`)."""
    return begin_in_kind(functie, argumenten, deadline).uitkomst()


def begin_in_kind(functie: Any, argumenten: tuple[Any, ...], deadline: float) -> Lopend:
    """Start ``functie(*argumenten)`` in a forked child and return at once (:class:`Lopend`).

    Forking shares the program with the child without copying it up front. Where the platform
    cannot fork, the solve runs in this process now (HiGHS's own limit then bounds it).
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return Lopend.klaar(functie(*argumenten))
    context = multiprocessing.get_context("fork")
    ontvanger, zender = context.Pipe(duplex=False)
    proces = context.Process(target=_kind_antwoordt, args=(zender, functie, argumenten), daemon=True)
    proces.start()
    zender.close()
    return Lopend(proces, ontvanger, deadline)


@dataclass(frozen=True)
class Tussenstand:
    """A better plan a child found while it goes on: the columns at 1 (sparse, so it passes a pipe
    quickly) and its objective."""

    kolommen: npt.NDArray[np.int32]
    lengte: int
    objectief: float

    def oplossing(self) -> Oplossing:
        """As an interrupted solve's outcome (0/1 columns, no bound)."""
        x = np.zeros(self.lengte)
        x[self.kolommen] = 1.0
        return Oplossing(Afloop.onderbroken, x, self.objectief, float("inf"))


class Lopend:
    """A solve running in a forked child. It may run beside other work of the run (two cores);
    :meth:`uitkomst` collects its answer, or at the deadline kills it and returns the best plan it
    reported on the way (so a MIP stopped by the deadline is not lost)."""

    def __init__(self, proces: Any, ontvanger: Connection | None, deadline: float) -> None:
        self.proces, self.ontvanger, self.deadline = proces, ontvanger, deadline
        self.beste: Oplossing = GEEN
        self.antwoord: Oplossing | None = None

    @classmethod
    def klaar(cls, oplossing: Oplossing) -> Lopend:
        """A solve that already ended (no child)."""
        lopend = cls(None, None, 0.0)
        lopend.antwoord = oplossing
        return lopend

    def ververs(self) -> bool:
        """Read what the child sent so far without waiting; True once it has answered."""
        while self.antwoord is None and self._lees(0.0):
            pass
        return self.antwoord is not None

    def uitkomst(self) -> Oplossing:
        """The child's answer, waiting at most until the deadline; then the child is stopped."""
        while self.antwoord is None:
            rest = self.deadline + KIND_MARGE - time.perf_counter()
            if rest <= 0 or not self._lees(rest):
                break
        self.stop()
        return self.antwoord if self.antwoord is not None else self.beste

    def stop(self) -> None:
        """End the child (killed if it is still running) and close the pipe."""
        if self.proces is None or self.ontvanger is None:
            return
        self.ontvanger.close()
        self.proces.join(AFSLUITEN if self.antwoord is not None else 0)  # no answer: no waiting
        if self.proces.is_alive():
            self.proces.kill()
            self.proces.join()
        self.proces = None

    def _lees(self, wacht: float) -> bool:
        """Take one message if one comes within ``wacht`` seconds; False if none (or the child died)."""
        if self.ontvanger is None or self.proces is None:
            return False
        try:
            if not self.ontvanger.poll(wacht):
                return False
        except (OSError, EOFError):
            return False
        bericht = ontvang(self.ontvanger)
        if isinstance(bericht, Tussenstand):
            if self.beste.x is None or bericht.objectief > self.beste.objectief:
                self.beste = bericht.oplossing()
            return True
        if isinstance(bericht, Oplossing):
            self.antwoord = bericht
            return True
        return False  # the pipe closed without an answer: the child ended


_melder: Callable[[FloatArray, float], None] | None = None
"""Set in a child only: sends a :class:`Tussenstand` to the parent."""


def meld_tussenstand(x: FloatArray, objectief: float) -> None:
    """Report a better plan to the parent, if this process is a solving child (else nothing)."""
    if _melder is not None:
        with suppress(OSError, EOFError, ValueError):
            _melder(x, objectief)


def _kind_antwoordt(
    zender: Connection, functie: Any, argumenten: tuple[Any, ...]
) -> None:  # pragma: no cover
    """The child's part: solve (reporting better plans on the way) and send the answer."""
    global _melder

    def melder(x: FloatArray, objectief: float) -> None:
        kolommen = np.flatnonzero(np.asarray(x) > 0.5).astype(np.int32)
        zender.send(Tussenstand(kolommen, len(x), float(objectief)))

    _melder = melder
    with suppress(OSError, EOFError):
        zender.send(functie(*argumenten))


def ontvang(verbinding: Connection) -> object:
    try:
        return verbinding.recv()
    except (OSError, EOFError):
        return None
