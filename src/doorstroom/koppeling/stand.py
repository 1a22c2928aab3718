"""The state of one optimiser run: the best plan so far, the lowest proven bound and its prices.

Every phase of the run (``startplan``, ``decompose``, ``afmaken``, ``buurten``) reads and improves
one :class:`Stand`; a plan replaces the one held only when it is valid and better, and a bound only
when it is lower, which is how the run keeps its promises (never below the greedy baseline, always a
proven bound; issue 7, item 4).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from doorstroom.koppeling.lagrange import Prijzen, Probleem, Relaxatie
from doorstroom.koppeling.model import IntArray


@dataclass
class Plan:
    """A plan over the dense problem: ``gemeente[h]`` is a municipality index or -1 (unlinked)."""

    gemeente: IntArray
    objectief: float


@dataclass
class Stand:
    """The best plan so far, the lowest proven bound, and the prices that prove it."""

    plan: Plan
    relaxatie: Relaxatie
    prijzen: Prijzen
    details: dict[str, float] = field(default_factory=dict)

    @property
    def grens(self) -> float:
        """The proven upper bound."""
        return self.relaxatie.grens

    def neem(self, probleem: Probleem, gemeente: IntArray) -> bool:
        """Keep ``gemeente`` if it is valid and better than the plan so far."""
        objectief = probleem.objectief(gemeente)
        if objectief > self.plan.objectief + 1e-9 and probleem.haalbaar(gemeente):
            self.plan = Plan(gemeente.copy(), objectief)
            return True
        return False

    def grens_uit(self, prijzen: Prijzen, relax: Relaxatie) -> None:
        """Keep the relaxation if it proves a lower bound."""
        if relax.grens < self.relaxatie.grens:
            self.relaxatie, self.prijzen = relax, prijzen

    def gap(self) -> float:
        """Relative gap of the plan to the bound."""
        return max(0.0, self.grens - self.plan.objectief) / max(abs(self.grens), 1.0)
