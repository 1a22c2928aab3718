"""Monte Carlo over the chain model: draw parameters per path, run, summarise.

Each path draws every scenario parameter once from its distribution (parameter uncertainty) and
then meets month-to-month randomness in inflow and transitions (process uncertainty). All paths
share one seeded :class:`numpy.random.Generator`, so the same seed gives the same result.

The planners' questions answered here:

* P10/P50/P90 per month of every stock and flow;
* the probability that COA occupancy exceeds capacity;
* the *flex buffer*: extra places that keep occupancy under capacity with a chosen probability;
* the *needed taakstelling*: the half-year task that brings the waiting permit holders down to a
  target by a given month with that probability;
* the cost of the scenario.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from doorstroom.prognose.model import FloatArray, ModelInput, simulate
from doorstroom.prognose.scenario import SPECS, Scenario, kalender, maand_labels, profiel, trek

QUANTILES = (0.1, 0.5, 0.9)
DEFAULT_PADEN = 1000


@dataclass(frozen=True)
class BenodigdeTaakstelling:
    """Half-year taakstelling needed to reach ``doel`` waiting permit holders by ``maand``.

    ``per_halfjaar`` is met on a fraction ``kans`` of the paths; ``mediaan`` on half of them.
    ``onhaalbaar`` is the fraction of paths on which no taakstelling reaches the target (the last
    month's grants alone exceed it); when more than ``1 - kans`` are, ``per_halfjaar`` is infinite.
    Quantiles are taken without interpolation (``inverted_cdf``), so they are values of real paths.
    """

    doel: float
    maand: str
    kans: float
    per_halfjaar: float
    mediaan: float
    onhaalbaar: float


@dataclass(frozen=True)
class Resultaat:
    """Summary of a Monte-Carlo run; ``kwantielen[name]`` has rows P10, P50, P90 per month."""

    scenario: Scenario
    maanden: tuple[str, ...]
    paden: int
    seed: int | None
    kwantielen: Mapping[str, FloatArray]
    kans_overschrijding: FloatArray
    flexbuffer_per_maand: FloatArray
    flexbuffer_horizon: float
    benodigde_taakstelling: BenodigdeTaakstelling
    kosten_totaal: FloatArray  # P10, P50, P90 of the cost over the whole horizon


def invoer(scenario: Scenario, rng: np.random.Generator | None, paden: int, maanden: int) -> ModelInput:
    """Draw each parameter per path (in :data:`SPECS` order, for reproducibility)."""
    waarden = {naam: trek(scenario.parameters[naam], rng, paden) for naam in SPECS}
    profiles = {naam: profiel(scenario, naam, maanden) for naam in SPECS}
    months, days = kalender(scenario.start, maanden)
    return ModelInput(
        waarden=waarden,
        factor={naam: profile[0] for naam, profile in profiles.items()},
        plus={naam: profile[1] for naam, profile in profiles.items()},
        seizoen=np.asarray(scenario.seizoen, dtype=np.float64)[months],
        dagen=days,
    )


def simuleer(
    scenario: Scenario,
    *,
    paden: int = DEFAULT_PADEN,
    maanden: int | None = None,
    seed: int | None = None,
    deterministisch: bool = False,
    on_month: Callable[[int], None] | None = None,
) -> tuple[ModelInput, dict[str, FloatArray]]:
    """Run all paths; ``deterministisch`` switches every uncertainty off (one expected path)."""
    horizon = maanden or scenario.maanden
    rng = None if deterministisch else np.random.default_rng(seed)
    inp = invoer(scenario, rng, 1 if deterministisch else paden, horizon)
    return inp, simulate(inp, rng, on_month)


def bereken(
    scenario: Scenario,
    *,
    paden: int = DEFAULT_PADEN,
    maanden: int | None = None,
    seed: int | None = None,
    on_month: Callable[[int], None] | None = None,
) -> Resultaat:
    """Run the Monte Carlo and answer the planning questions of the scenario's ``doelen``."""
    inp, paths = simuleer(scenario, paden=paden, maanden=maanden, seed=seed, on_month=on_month)
    return samenvatten(scenario, inp, paths, seed)


def samenvatten(
    scenario: Scenario, inp: ModelInput, paths: Mapping[str, FloatArray], seed: int | None
) -> Resultaat:
    """Reduce simulated paths to the values planners read."""
    kans = scenario.doelen.kans
    per_month, horizon = flexbuffer(paths, inp, kans)
    return Resultaat(
        scenario=scenario,
        maanden=tuple(maand_labels(scenario.start, inp.maanden)),
        paden=inp.paden,
        seed=seed,
        kwantielen=kwantielen(paths),
        kans_overschrijding=kans_overschrijding(paths),
        flexbuffer_per_maand=per_month,
        flexbuffer_horizon=horizon,
        benodigde_taakstelling=benodigde_taakstelling(scenario, inp, paths),
        kosten_totaal=np.quantile(paths["kosten"].sum(axis=1), QUANTILES),
    )


def kwantielen(paths: Mapping[str, FloatArray]) -> dict[str, FloatArray]:
    """P10, P50 and P90 per month of every series (rows: quantile, columns: month)."""
    return {name: np.quantile(values, QUANTILES, axis=0) for name, values in paths.items()}


def kans_overschrijding(paths: Mapping[str, FloatArray]) -> FloatArray:
    """Fraction of paths on which COA occupancy exceeds capacity, per month."""
    exceeds = paths["coa_bezetting"] > paths["capaciteit"]
    return np.asarray(exceeds.mean(axis=0), dtype=np.float64)


def flexbuffer(paths: Mapping[str, FloatArray], inp: ModelInput, kans: float) -> tuple[FloatArray, float]:
    """Flex places needed on top of regular + emergency capacity, met with probability ``kans``.

    Occupancy does not depend on capacity in the model, so the buffer is the ``kans``-quantile of
    occupancy minus fixed capacity: per month, and over the whole horizon (the buffer that is
    enough in every month on a fraction ``kans`` of the paths).
    """
    flex = np.stack([inp.op("flexbuffer", t) for t in range(inp.maanden)], axis=1)
    shortfall = paths["coa_bezetting"] - (paths["capaciteit"] - flex)
    per_month = np.maximum(np.quantile(shortfall, kans, axis=0), 0.0)
    horizon = max(float(np.quantile(shortfall.max(axis=1), kans)), 0.0)
    return per_month, horizon


def benodigde_taakstelling(
    scenario: Scenario, inp: ModelInput, paths: Mapping[str, FloatArray]
) -> BenodigdeTaakstelling:
    """Solve, path by path, the constant half-year taakstelling that meets the target.

    Housing does not feed back into the IND, so each path's grants and nareizigers are fixed;
    the waiting stock at the target month falls monotonically in the taakstelling, which a
    vectorised bisection inverts on every path at once.
    """
    doelen = scenario.doelen
    month = min(doelen.uiterlijk_maand, inp.maanden)
    needed = _bisect(inp, paths, month, doelen.wachtende_vergunninghouders)
    return BenodigdeTaakstelling(
        doel=doelen.wachtende_vergunninghouders,
        maand=maand_labels(scenario.start, month)[-1],
        kans=doelen.kans,
        per_halfjaar=float(np.quantile(needed, doelen.kans, method="inverted_cdf")),
        mediaan=float(np.quantile(needed, 0.5, method="inverted_cdf")),
        onhaalbaar=float(np.mean(~np.isfinite(needed))),
    )


def _waiting_after(
    inp: ModelInput, paths: Mapping[str, FloatArray], months: int, task: FloatArray
) -> FloatArray:
    waiting = inp.waarden["begin_vergunninghouders_coa"].copy()
    for t in range(months):
        room = task / 6.0 * inp.op("realisatiegraad", t) - paths["instroom_nareizigers"][:, t]
        waiting = waiting - np.minimum(waiting, np.maximum(room, 0.0))
        waiting = waiting + paths["inwilligingen"][:, t]
    return waiting


def _bisect(inp: ModelInput, paths: Mapping[str, FloatArray], months: int, target: float) -> FloatArray:
    grants = paths["inwilligingen"][:, :months].sum(axis=1)
    family = paths["instroom_nareizigers"][:, :months].max(axis=1)
    rate = np.min([inp.op("realisatiegraad", t) for t in range(months)], axis=0)
    high = 6.0 * (inp.waarden["begin_vergunninghouders_coa"] + grants + family + 1.0)
    high = high / np.maximum(rate, 1e-3)
    reachable = _waiting_after(inp, paths, months, high) <= target + 1e-6
    low = np.zeros_like(high)
    for _ in range(40):
        middle = (low + high) / 2.0
        ok = _waiting_after(inp, paths, months, middle) <= target + 1e-6
        high = np.where(ok, middle, high)
        low = np.where(ok, low, middle)
    return np.where(reachable, high, np.inf)
