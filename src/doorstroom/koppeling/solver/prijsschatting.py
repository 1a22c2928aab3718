"""Prices for the rest of the period: what a municipality's room is worth to the arrivals still to come.

COA links weekly. A batch solved on its own spends the best places on whoever arrives first. This
module estimates, before a batch, a price per person for every municipality's remaining room
(issue 14; method after Ahani, Gölz, Procaccia, Teytelboym & Trapp, "Dynamic placement in refugee
resettlement", *Operations Research* 2024, and Bansak & Paulson, "Outcome-driven dynamic refugee
assignment with allocation balancing", *Operations Research* 2024):

1. draw ``scenarios`` sets of future households from a pool of earlier arrivals (the period's
   earlier batches, a user's history file, the batch itself), with replacement; a scenario holds
   at most ``trekking`` draws, each standing for ``verwacht / trekking`` households, so it has the
   expected volume of the rest of the period;
2. solve the LP of *this batch plus the scenario* against the remaining room
   (:mod:`~doorstroom.koppeling.solver.scenario_lp`); its capacity duals are the scenario's prices;
3. average the prices over the scenarios. The batch is then solved with these prices on capacity
   (``los_op(..., prijzen=...)``): a place goes to this week's household only if it scores more
   there than the room is expected to be worth later.

Pure: plain arrays in and out (the LP solver is passed in), deterministic for a seed (NumPy's
PCG64 seeded with ``seed``). A price is capped at ``plafond``: no price may make leaving a
household unlinked look better than linking it (the penalty for an unlinked person exceeds every
score), so prices never cost a household its place when the hard rules leave one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from doorstroom.koppeling.solver.koppelmodel import FloatArray, IntArray


@dataclass(frozen=True)
class Scenarioprijzen:
    """What the scenarios' LPs return: the capacity duals (scenarios × municipalities) and, per
    scenario, how well its later households fare in the LP's plan: ``later[s] = (Σ persons × score,
    Σ persons × their household's best allowed score)`` over the persons it links (the level the
    *evenwicht* option aims at, :mod:`~doorstroom.koppeling.core.evenwicht`)."""

    prijzen: FloatArray
    later: FloatArray

    def aandeel_later(self) -> float | None:
        """Later arrivals' score as a share of their best, over all scenarios (None: nobody linked)."""
        beste = float(self.later[:, 1].sum())
        return float(self.later[:, 0].sum()) / beste if beste > 0 else None


ScenarioLp = Callable[[FloatArray, FloatArray, FloatArray, float, int, int], Scenarioprijzen]
"""Solves the scenarios' LPs (scores of every household, persons per scenario × household, room,
penalty per unlinked person, candidates per household, how many leading households are the
batch): :func:`doorstroom.koppeling.solver.scenario_lp.prijzen`."""
KANDIDATEN = 6
"""Best allowed municipalities per household the scenario LP starts from (it adds more as needed)."""

SCENARIOS = 2
"""Scenarios per batch by default (the prices' spread is reported, so a user can judge it).

Two, not four: on the 16-week benchmark (seeds 1 and 2, idle) four scenarios gave 99.40 % and
99.23 % of hindsight at 1.22–1.27 s per batch, two gave 99.31 % and 99.15 % at 0.73–0.81 s, inside
issue 14's one second per batch; ``--scenarios`` buys the rest when time allows."""
TREKKING = 400
"""At most this many draws per scenario; each then stands for several expected households."""


@dataclass(frozen=True)
class Steekproef:
    """Earlier arrivals as score rows against the run's municipalities (−inf: not allowed)."""

    score: FloatArray
    personen: IntArray

    def __len__(self) -> int:
        return len(self.personen)

    def met_keuze(self) -> npt.NDArray[np.bool_]:
        """Rows allowed in more than one municipality: households with a choice of place."""
        return np.asarray(np.isfinite(self.score).sum(axis=1) > 1, dtype=np.bool_)

    def trekbaar(self) -> Steekproef:
        """The rows a scenario may draw: those with a choice (:meth:`met_keuze`).

        A household tied to one municipality (family, reunification, a contract, a study place)
        is tied by a personal fact: a later arrival is not tied to the *same* place. Drawing it
        many times would make that one municipality look full and its price jump to the ceiling.
        """
        houden = self.met_keuze()
        return Steekproef(self.score[houden], self.personen[houden])

    @classmethod
    def samen(cls, delen: Sequence[Steekproef], gemeenten: int) -> Steekproef:
        """Several pools as one."""
        if not delen:
            return cls(np.zeros((0, gemeenten)), np.zeros(0, dtype=np.int64))
        return cls(np.vstack([d.score for d in delen]), np.concatenate([d.personen for d in delen]))


@dataclass(frozen=True)
class Scenario:
    """One set of future households: distinct pool rows with the persons they stand for."""

    score: FloatArray
    personen: FloatArray


@dataclass(frozen=True)
class Instelling:
    """How prices are estimated: volume still expected, number of scenarios, seed."""

    verwacht: float
    scenarios: int = SCENARIOS
    seed: int = 1
    trekking: int = TREKKING
    kandidaten: int = KANDIDATEN


@dataclass(frozen=True)
class Schatting:
    """Estimated prices per municipality with how they came about.

    ``prijzen[g]``: mean over scenarios of the capacity dual (per person), capped at the ceiling.
    ``bindend[g]``: in how many scenarios g's room had a positive price. ``spreiding[g]``: the
    standard deviation over scenarios. ``getrokken``: draws per scenario; ``verwacht``: households
    the scenarios stand for. ``aandeel_later``: the later arrivals' score as a share of their best
    in the scenarios' plans (:meth:`Scenarioprijzen.aandeel_later`; None without scenarios).
    """

    prijzen: FloatArray
    bindend: IntArray
    spreiding: FloatArray
    scenarios: int
    getrokken: int
    verwacht: float
    aandeel_later: float | None = None

    @classmethod
    def geen(cls, gemeenten: int, verwacht: float = 0.0) -> Schatting:
        """No prices: nothing is expected after this batch, or nothing to sample from."""
        return cls(
            np.zeros(gemeenten), np.zeros(gemeenten, dtype=np.int64), np.zeros(gemeenten), 0, 0, verwacht
        )


def trek(steekproef: Steekproef, instelling: Instelling) -> list[Scenario]:
    """The scenarios of future households, deterministic for ``instelling.seed``."""
    steekproef = steekproef.trekbaar()
    if len(steekproef) == 0 or instelling.verwacht <= 0 or instelling.scenarios <= 0:
        return []
    rng = np.random.default_rng(instelling.seed)
    trekking = max(1, min(int(np.ceil(instelling.verwacht)), instelling.trekking))
    gewicht = instelling.verwacht / trekking
    scenarios = []
    for _ in range(instelling.scenarios):
        rijen, aantal = np.unique(rng.integers(0, len(steekproef), trekking), return_counts=True)
        personen = steekproef.personen[rijen] * aantal * gewicht
        scenarios.append(Scenario(steekproef.score[rijen], personen.astype(np.float64)))
    return scenarios


def schat(
    batch_score: FloatArray,
    batch_personen: IntArray,
    capaciteit: FloatArray,
    scenarios: Sequence[Scenario],
    lp: ScenarioLp,
    *,
    straf: float,
    plafond: float,
    kandidaten: int = KANDIDATEN,
) -> Scenarioprijzen:
    """Prices per scenario (rows) from the LP of the batch plus that scenario against ``capaciteit``,
    capped at ``plafond``.

    The scenarios' households are stacked into one table; scenario s gives persons only to the
    batch and its own draws, so the LPs differ only in their right-hand sides.
    """
    score = np.vstack([batch_score, *(s.score for s in scenarios)])
    personen = np.zeros((len(scenarios), len(score)))
    personen[:, : len(batch_score)] = batch_personen
    begin = len(batch_score)
    for index, scenario in enumerate(scenarios):
        personen[index, begin : begin + len(scenario.personen)] = scenario.personen
        begin += len(scenario.personen)
    uitkomst = lp(score, personen, capaciteit, straf, kandidaten, len(batch_score))
    return Scenarioprijzen(np.minimum(uitkomst.prijzen, plafond), uitkomst.later)


def schatting(
    batch_score: FloatArray,
    batch_personen: IntArray,
    capaciteit: FloatArray,
    steekproef: Steekproef,
    instelling: Instelling,
    lp: ScenarioLp,
    *,
    straf: float,
    plafond: float,
) -> Schatting:
    """Draw the scenarios, solve their LPs, and average the duals into prices (module docstring)."""
    scenarios = trek(steekproef, instelling)
    if not scenarios:
        return Schatting.geen(capaciteit.size, max(instelling.verwacht, 0.0))
    uitkomst = schat(
        batch_score, batch_personen, capaciteit, scenarios, lp,
        straf=straf, plafond=plafond, kandidaten=instelling.kandidaten,
    )  # fmt: skip
    per_scenario = uitkomst.prijzen
    return Schatting(
        prijzen=per_scenario.mean(axis=0),
        bindend=(per_scenario > 1e-9).sum(axis=0).astype(np.int64),
        spreiding=per_scenario.std(axis=0),
        scenarios=len(scenarios),
        getrokken=max(1, min(int(np.ceil(instelling.verwacht)), instelling.trekking)),
        verwacht=instelling.verwacht,
        aandeel_later=uitkomst.aandeel_later(),
    )


def plafond(straf_per_persoon: float, hoogste_score: float) -> float:
    """The highest useful price: below it, linking a person anywhere still beats leaving them
    unlinked (a linked person adds ≥ 0 − price > −penalty)."""
    return max(straf_per_persoon - max(hoogste_score, 0.0), 0.0) * 0.999
