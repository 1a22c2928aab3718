"""Solver outcomes as typed values: a status, the plan, the proven bound, prices and conflicts.

A run that cannot link everyone is not an exception: it is a result with status ``partial`` (or
``infeasible`` when nobody can be linked), the best plan for everyone else, and the named
constraints that conflict.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum


class SolveStatus(StrEnum):
    """How a run ended; the words mean exactly this (``docs/koppeling.md``, "Status").

    Every status comes with a valid plan (checked by ``validate``) and, where one is known, a
    proven bound and the gap to it.
    """

    optimal = "optimal"
    """Everyone is linked and the plan is proven within the gap target of the bound."""
    feasible = "feasible"
    """Everyone is linked; the gap target was not proven within the time limit (see ``gap``)."""
    partial = "partial"
    """Some households cannot be linked (conflicts named); the others are linked, optimised as far
    as ``gap`` says."""
    infeasible = "infeasible"
    """No household can be linked at all (conflicts named)."""


def status_van(gekoppeld: int, onbekoppeld: int, bewezen: bool) -> SolveStatus:
    """The status word of a plan: who is linked, and whether the gap target is proven."""
    if onbekoppeld and not gekoppeld:
        return SolveStatus.infeasible
    if onbekoppeld:
        return SolveStatus.partial
    return SolveStatus.optimal if bewezen else SolveStatus.feasible


@dataclass(frozen=True)
class Toewijzing:
    """One proposal: a household linked to a municipality with its score breakdown."""

    huishouden_id: str
    gemeentecode: str
    personen: int
    score: float
    criteria: dict[str, float]


@dataclass(frozen=True)
class Conflict:
    """A set of constraints that cannot all hold; ``huishoudens`` are the ones affected."""

    beperking: str
    toelichting: str
    huishoudens: tuple[str, ...] = ()


@dataclass(frozen=True)
class KoppelingResult:
    """The outcome of one solver run.

    ``objective`` is Σ persons × score − penalties; ``bound`` an upper bound on every plan's
    objective (LP relaxation, proven), ``gap`` = (bound − objective) / max(|bound|, 1).
    ``overschrijding`` maps a municipality code to the persons linked above its batch share
    (only municipalities with overflow appear). ``prijzen`` maps a municipality code to the price
    per person of its room (the capacity dual behind ``bound``, 0 where room is not scarce); the
    prices a run was given (``los_op(..., prijzen=...)``) are already part of ``objective``.
    """

    solver: str
    status: SolveStatus
    objective: float
    bound: float
    seconds: float
    assignments: tuple[Toewijzing, ...]
    unassigned: tuple[str, ...]
    conflicts: tuple[Conflict, ...] = ()
    details: dict[str, float] = field(default_factory=dict)
    overschrijding: dict[str, int] = field(default_factory=dict)
    prijzen: dict[str, float] = field(default_factory=dict)

    @property
    def overschrijding_personen(self) -> int:
        """Total persons linked above municipalities' batch shares."""
        return sum(self.overschrijding.values())

    @property
    def gap(self) -> float:
        """Relative optimality gap against the proven bound (0 for a proven optimum)."""
        return max(0.0, self.bound - self.objective) / max(abs(self.bound), 1.0)

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of ``doorstroom koppeling voorstel --format json``."""
        return {
            "solver": self.solver,
            "status": str(self.status),
            "objective": _eindig(self.objective, 6),
            "bound": _eindig(self.bound, 6),
            "gap": _eindig(self.gap, 8),
            "seconds": round(self.seconds, 3),
            "overschrijding_personen": self.overschrijding_personen,
            "overschrijding": dict(sorted(self.overschrijding.items())),
            "assignments": [
                {
                    "huishouden_id": t.huishouden_id,
                    "gemeentecode": t.gemeentecode,
                    "personen": t.personen,
                    "score": round(t.score, 4),
                    "criteria": t.criteria,
                }
                for t in self.assignments
            ],
            "unassigned": list(self.unassigned),
            "prijzen": {code: round(prijs, 6) for code, prijs in sorted(self.prijzen.items()) if prijs},
            "conflicts": [
                {"beperking": c.beperking, "toelichting": c.toelichting, "huishoudens": list(c.huishoudens)}
                for c in self.conflicts
            ],
        }


def _eindig(waarde: float, decimalen: int) -> float | None:
    """A finite value rounded for JSON; None for an unknown (NaN or infinite) bound or gap."""
    return round(waarde, decimalen) if math.isfinite(waarde) else None
