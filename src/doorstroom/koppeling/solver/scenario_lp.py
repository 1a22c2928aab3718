"""The scenario LP: what one municipality's remaining room is worth, given one set of arrivals.

For pricing capacity only the fractional (LP) koppeling is needed. Per person it is a
transportation problem: household h supplies ``personen[h]`` persons (a weighted, sampled household
may stand for several real ones, so supplies need not be whole), a person of h placed at g adds
``score[h, g]``, a person left unlinked costs ``straf``, and g takes at most ``capaciteit[g]``
persons. Because a household's value and its use of room both scale with its size, the per-person
form is exactly the LP relaxation of the koppeling's integer program without dwellings (the
benchmark's and the period runs' setting; dwellings are checked by the batch solve itself).

The dual of a capacity row is the price of one person's room at g: how much the optimal value of
the scenario would fall if g had one place less. LP duality makes it ≥ 0 (Dantzig, *Linear
Programming and Extensions*, 1963, ch. 6; for this use: Ahani et al., *Operations Research* 2024).

The LP starts from each household's ``kandidaten`` best allowed municipalities and adds pairs by
column generation until no pair left out could improve it, so its duals are exact. HiGHS's simplex
solves it in this process (warm-started after each round of columns), independent of the batch
solver's backend: the LP is small (draws × a few candidates) and the simplex returns exact duals.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from doorstroom.koppeling.solver.backends.highs import highspy_module, stille_highs
from doorstroom.koppeling.solver.koppelmodel import FloatArray, IntArray
from doorstroom.koppeling.solver.prijsschatting import KANDIDATEN, Scenarioprijzen


@dataclass(frozen=True)
class LpUitkomst:
    """Prices per person of every municipality's room, and the LP's optimal value.

    ``laag`` and ``hoog`` are the lowest and highest optimal price of each row (equal unless the
    room exactly fits); ``prijzen`` lies between them (see :data:`VOORRANG`). ``later``: Σ persons ×
    score and Σ persons × best allowed score of the households after the batch, as the plan links them.
    """

    prijzen: FloatArray
    waarde: float
    laag: FloatArray
    hoog: FloatArray
    later: tuple[float, float] = (0.0, 0.0)


def los_scenario_op(
    score: FloatArray,
    personen: FloatArray,
    capaciteit: FloatArray,
    straf: float,
    kandidaten: int = KANDIDATEN,
    batch: int = 0,
) -> LpUitkomst:
    """Solve the per-person LP over every allowed pair; ``score`` is −inf where a pair is not allowed.

    Raises ``RuntimeError`` only when HiGHS fails on this always-feasible LP (leaving a person
    unlinked is always allowed).
    """
    return los_scenarios_op(score, personen[None, :], capaciteit, straf, kandidaten, batch)[0]


def los_scenarios_op(
    score: FloatArray,
    personen: FloatArray,
    capaciteit: FloatArray,
    straf: float,
    kandidaten: int = KANDIDATEN,
    batch: int = 0,
) -> list[LpUitkomst]:
    """One LP per row of ``personen`` (scenarios × households: persons each household stands for in
    that scenario, 0 where it is not drawn); the first ``batch`` rows are the batch being placed
    (see :func:`kies_prijs`).

    Column generation on a warm-started simplex: start from each household's ``kandidaten`` best
    pairs, then add the pairs whose reduced value (score − household dual − capacity price) is
    positive, until none is; the duals are then those of the whole LP, not of a pruned one.
    """
    return [_een_scenario(score, rij, capaciteit, straf, kandidaten, batch) for rij in personen]


def _een_scenario(
    score: FloatArray, personen: FloatArray, capaciteit: FloatArray, straf: float, kandidaten: int, batch: int
) -> LpUitkomst:
    """The LP of the households with persons in this scenario: its value, and the price per row
    chosen in its optimal range, found with a little more room (the lowest prices, and the plan
    the batch follows) and a little less (the highest), on one warm-started model."""
    actief = personen > 0
    score, personen, batch = score[actief], personen[actief], int(actief[:batch].sum())
    n, g = score.shape
    if n == 0 or g == 0:
        return LpUitkomst(np.zeros(g), 0.0, np.zeros(g), np.zeros(g))
    model = _Model(_lp(n, capaciteit, straf), score)
    model.highs.changeRowsBounds(n, np.arange(n, dtype=np.int32), personen, personen)
    model.voeg_toe(*_kandidaten(score, kandidaten))
    _, waarde = model.optimaal(capaciteit)
    plan, later = model.plan_van(batch), model.later_dan(batch)
    laag, _ = model.optimaal(capaciteit + MARGE)
    hoog, _ = model.optimaal(np.maximum(capaciteit - MARGE, 0.0))
    prijzen = np.where(capaciteit > 0, kies_prijs(laag, hoog, score[:batch], plan), laag)
    return LpUitkomst(prijzen, waarde, laag, hoog, later)


def kies_prijs(laag: FloatArray, hoog: FloatArray, score: FloatArray, plan: FloatArray) -> FloatArray:
    """A price in each row's optimal range [laag, hoog] that makes the batch follow the LP's plan.

    Where the range is one point the price is unique. Where it is wider (the room exactly fits),
    every price in it is optimal, but at its ends a household of the batch can be indifferent
    between its place in the LP (``plan``: its persons per municipality) and another one, and the
    batch solve may pick the other. So: a row where the LP places none of the batch is priced high
    enough that no household of the batch prefers it (its lowest price plus the batch's spread of
    scores, never above the highest); a row where it places some starts at its lowest price and is
    raised a step (:data:`VOORRANG`) while a household of the batch likes it at least as well as its
    own place in the plan. Raising one row can make the batch's households there look elsewhere,
    so this repeats; each row is raised at most once.
    """
    breed = hoog - laag > 1e-9
    stap = np.where(breed, np.minimum(VOORRANG, (hoog - laag) / 2), 0.0)
    batch_daar = (plan > MARGE).any(axis=0)
    hoog_genoeg = np.minimum(laag + _spreiding(score) + VOORRANG, hoog - stap)
    prijs = np.where(breed & ~batch_daar, hoog_genoeg, laag)
    verhoogd = ~(breed & batch_daar)
    for _ in range(len(prijs)):
        gewild = tegen_het_plan(score, plan, prijs) & ~verhoogd
        if not gewild.any():
            break
        prijs, verhoogd = prijs + np.where(gewild, stap, 0.0), verhoogd | gewild
    return prijs


def tegen_het_plan(score: FloatArray, plan: FloatArray, prijs: FloatArray) -> npt.NDArray[np.bool_]:
    """Rows that a household of the batch, at ``prijs``, likes at least as well as the worst of its
    places in the plan while the plan puts none of its persons there (a tie the solve may break
    against the plan)."""
    waarde = score - prijs[None, :]
    eigen = np.greater(plan, MARGE)
    gekoppeld = np.any(eigen, axis=1)
    slechtste = np.where(eigen, waarde, np.inf).min(axis=1, initial=np.inf)
    gelijk = (waarde >= slechtste[:, None] - 1e-9) & ~eigen & gekoppeld[:, None]
    return np.asarray(gelijk.any(axis=0), dtype=np.bool_)


def _spreiding(score: FloatArray) -> float:
    """Largest difference between two allowed scores of the batch (0 without a batch)."""
    eindig = score[np.isfinite(score)]
    return float(eindig.max() - eindig.min()) if eindig.size else 0.0


MARGE = 1e-5
"""Persons of room added and taken away to find the lowest and highest optimal price of a row."""
VOORRANG = 0.01
"""How far inside its optimal range a price that is not unique is taken (see :func:`kies_prijs`)."""


class _Model:
    """One scenario's HiGHS model, with the pairs added so far (in column order)."""

    def __init__(self, highs: Any, score: FloatArray) -> None:
        self.highs, self.score = highs, score
        self.n = score.shape[0]
        self.aanwezig = np.zeros(score.shape, dtype=bool)
        self.paar_h = np.zeros(0, dtype=np.int64)
        self.paar_g = np.zeros(0, dtype=np.int64)

    def voeg_toe(self, paar_h: IntArray, paar_g: IntArray) -> None:
        """Add pair columns: one person of h placed at g (rows h and n + g)."""
        rijen = np.stack([paar_h, self.n + paar_g], axis=1).astype(np.int32)
        _kolommen(self.highs, self.score[paar_h, paar_g], rijen, np.ones(rijen.shape))
        self.aanwezig[paar_h, paar_g] = True
        self.paar_h, self.paar_g = (
            np.concatenate([self.paar_h, paar_h]),
            np.concatenate([self.paar_g, paar_g]),
        )

    def optimaal(self, ruimte: FloatArray) -> tuple[FloatArray, float]:
        """Prices and value of the whole LP with ``ruimte``, by column generation."""
        g = len(ruimte)
        self.highs.changeRowsBounds(g, self.n + np.arange(g, dtype=np.int32), np.full(g, -np.inf), ruimte)
        for _ in range(RONDES):
            prijzen, rest = _los(self.highs, self.n)
            nieuw_h, nieuw_g = _positief(self.score - rest[:, None] - prijzen[None, :], self.aanwezig)
            if not len(nieuw_h):
                break
            self.voeg_toe(nieuw_h, nieuw_g)
        return prijzen, float(self.highs.getInfo().objective_function_value)

    def plan_van(self, batch: int) -> FloatArray:
        """Persons of each of the first ``batch`` households per municipality in the current solution."""
        x = np.asarray(self.highs.getSolution().col_value, dtype=np.float64)[self.n :]
        van = self.paar_h < batch
        plan = np.zeros((batch, self.score.shape[1]))
        np.add.at(plan, (self.paar_h[van], self.paar_g[van]), x[van])
        return plan

    def later_dan(self, batch: int) -> tuple[float, float]:
        """Σ persons × score and Σ persons × best allowed score of the households after the first
        ``batch`` in the current solution."""
        x = np.asarray(self.highs.getSolution().col_value, dtype=np.float64)[self.n :]
        later = self.paar_h >= batch
        beste = self.score.max(axis=1)  # a pair that is not allowed scores -inf
        personen = x[later]
        score = self.score[self.paar_h[later], self.paar_g[later]]
        return float(personen @ score), float(personen @ beste[self.paar_h[later]])


def _los(highs: Any, n: int) -> tuple[FloatArray, FloatArray]:
    """Solve; the capacity prices (≥ 0) and the households' duals."""
    highs.run()
    if highs.getModelStatus() != highspy_module().HighsModelStatus.kOptimal:
        raise RuntimeError(f"scenario LP not solved: {highs.modelStatusToString(highs.getModelStatus())}")
    duaal = np.asarray(highs.getSolution().row_dual, dtype=np.float64)
    return np.maximum(duaal[n:], 0.0), duaal[:n]


RONDES = 30
"""At most this many rounds of column generation (in practice a handful)."""
PER_RONDE = 5
"""At most this many new pairs per household and round (the most positive ones)."""


def prijzen(
    score: FloatArray,
    personen: FloatArray,
    capaciteit: FloatArray,
    straf: float,
    kandidaten: int = KANDIDATEN,
    batch: int = 0,
) -> Scenarioprijzen:
    """The capacity duals of :func:`los_scenarios_op`, one row per scenario, and the later
    households' level in each (the ``ScenarioLp``)."""
    uitkomsten = los_scenarios_op(score, personen, capaciteit, straf, kandidaten, batch)
    return Scenarioprijzen(
        np.array([u.prijzen for u in uitkomsten]).reshape(len(personen), len(capaciteit)),
        np.array([u.later for u in uitkomsten], dtype=np.float64).reshape(len(personen), 2),
    )


def _lp(n: int, capaciteit: FloatArray, straf: float) -> Any:
    """HiGHS with one row per household (= its persons, set per scenario), one per municipality
    (≤ its room), and the unlinked columns; pairs are added by :func:`_voeg_toe`. Silent."""
    highspy = highspy_module()
    highs = stille_highs()
    highs.setOptionValue("threads", 1)
    highs.setOptionValue("solver", "simplex")
    g = len(capaciteit)
    onder = np.concatenate([np.zeros(n), np.full(g, -highspy.kHighsInf)])
    boven = np.concatenate([np.zeros(n), capaciteit]).astype(np.float64)
    highs.addRows(
        n + g, onder, boven, 0, np.zeros(n + g, dtype=np.int32), np.zeros(0, dtype=np.int32), np.zeros(0)
    )
    highs.changeObjectiveSense(highspy.ObjSense.kMaximize)
    _kolommen(highs, np.full(n, -straf), np.arange(n, dtype=np.int32)[:, None], np.ones((n, 1)))
    return highs


def _kolommen(highs: Any, kosten: FloatArray, rijen: npt.NDArray[np.int32], waarden: FloatArray) -> None:
    """Add columns with bounds [0, ∞), each with the same number of entries (one row of ``rijen``)."""
    aantal, per = rijen.shape
    highs.addCols(
        aantal, np.ascontiguousarray(kosten, dtype=np.float64), np.zeros(aantal), np.full(aantal, np.inf),
        aantal * per, (np.arange(aantal) * per).astype(np.int32), rijen.reshape(-1), waarden.reshape(-1),
    )  # fmt: skip


def _positief(gereduceerd: FloatArray, aanwezig: npt.NDArray[np.bool_]) -> tuple[IntArray, IntArray]:
    """Pairs not yet in the LP with a positive reduced value, at most ``PER_RONDE`` per household."""
    gereduceerd = np.where(np.isfinite(gereduceerd) & ~aanwezig, gereduceerd, -np.inf)
    k = min(PER_RONDE, gereduceerd.shape[1])
    beste = np.argpartition(-gereduceerd, k - 1, axis=1)[:, :k]
    h = np.repeat(np.arange(gereduceerd.shape[0], dtype=np.int64), k)
    g = beste.reshape(-1).astype(np.int64)
    houden = gereduceerd[h, g] > EPSILON
    return h[houden], g[houden]


EPSILON = 1e-7
"""A reduced value above this counts as positive (HiGHS's default optimality tolerance is 1e-7)."""


def _kandidaten(score: FloatArray, aantal: int) -> tuple[IntArray, IntArray]:
    """The ``aantal`` best allowed municipalities of every household, as (household, municipality) pairs."""
    n, g = score.shape
    k = min(aantal, g)
    beste = np.argpartition(-score, k - 1, axis=1)[:, :k]
    paar_h = np.repeat(np.arange(n, dtype=np.int64), k)
    paar_g = beste.reshape(-1).astype(np.int64)
    toegestaan = np.isfinite(score[paar_h, paar_g])
    return paar_h[toegestaan], paar_g[toegestaan]
