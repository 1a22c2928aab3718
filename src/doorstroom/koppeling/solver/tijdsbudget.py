"""The time limit of a run as a budget: wall clock measured inside, asked before every phase.

Why: a COA planner who gives ``--tijdslimiet 10`` must get an answer after about 10 seconds, also
when the machine is busy. Solver time limits alone do not promise that (HiGHS checks its own clock
between steps, and a second thread of it can wait for a core that another process holds). So the
run measures wall-clock time itself, hands every interruptible phase (an LP, a MIP, a local search)
only the time that is left, interrupts a backend at the deadline, and never starts a phase that it
cannot finish: phases that cannot be interrupted (building a program, turning the plan into
proposals) are estimated first from what this run has measured so far, and skipped when they do
not fit. A share of the limit (``reserve``) is kept for writing the proposals at the end.

The documented overhead (see ``docs/koppeling.md``) is what remains after the deadline: returning
from an interrupted backend and writing the result.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

MIN_RESERVE = 0.02
"""Seconds kept for the result at least (writing a handful of proposals)."""
SCORE_PER_CEL = 3.0e-7
"""Seconds to score one (household, municipality) pair on an idle reference machine (2 cores,
bench/koppeling.py). The scores are computed first; how much longer they took in this run is the
run's *tempo*, by which every estimate of a phase that cannot be interrupted is scaled."""


@dataclass
class Tijdsbudget:
    """Seconds of one run; ``reserve`` is kept for writing the result after the last phase."""

    limiet: float
    begin: float = field(default_factory=time.perf_counter)
    reserve: float = MIN_RESERVE
    fasen: dict[str, float] = field(default_factory=dict)
    tempo: float = 1.0
    """How much slower than the reference machine this run is going (≥ 1), see :meth:`ijk`."""

    @property
    def deadline(self) -> float:
        """Moment (``time.perf_counter``) at which the last phase must have stopped."""
        return self.begin + self.limiet - self.reserve

    def nu(self) -> float:
        """The clock every phase reads."""
        return time.perf_counter()

    def over(self) -> float:
        """Seconds left for phases (never negative)."""
        return max(0.0, self.deadline - self.nu())

    def verstreken(self) -> float:
        """Seconds since the run began."""
        return self.nu() - self.begin

    def verlopen(self) -> bool:
        """True once the phases' time is used up."""
        return self.nu() >= self.deadline

    def past(self, schatting: float) -> bool:
        """Whether a phase estimated to take ``schatting`` seconds can finish in time."""
        return schatting <= self.over()

    def ijk(self, cellen: int, seconden: float) -> None:
        """Set the tempo from the scoring phase: ``cellen`` pairs scored in ``seconden``."""
        self.tempo = max(1.0, seconden / max(cellen * SCORE_PER_CEL, 1e-3))

    def schat(self, referentie: float) -> float:
        """Seconds a phase that takes ``referentie`` on the reference machine takes now."""
        return referentie * self.tempo

    def tot(self, aandeel: float) -> float:
        """Deadline for a phase that may use ``aandeel`` of the time left (a share for one phase)."""
        return self.nu() + aandeel * self.over()

    def reserveer(self, seconden: float) -> None:
        """Keep ``seconden`` for writing the result (never more than half of the limit)."""
        self.reserve = min(max(seconden, MIN_RESERVE), 0.5 * self.limiet)

    @contextmanager
    def fase(self, naam: str) -> Iterator[None]:
        """Time a phase; the seconds are reported per phase in the result's details."""
        start = self.nu()
        try:
            yield
        finally:
            self.fasen[naam] = self.fasen.get(naam, 0.0) + self.nu() - start
