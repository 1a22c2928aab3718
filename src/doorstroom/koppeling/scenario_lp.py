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

from doorstroom.koppeling.highs_backend import _highspy, _stille_highs
from doorstroom.koppeling.model import FloatArray, IntArray
from doorstroom.koppeling.prijsschatting import KANDIDATEN


@dataclass(frozen=True)
class LpUitkomst:
    """Prices per person of every municipality's room, and the LP's optimal value."""

    prijzen: FloatArray
    waarde: float


def los_scenario_op(
    score: FloatArray,
    personen: FloatArray,
    capaciteit: FloatArray,
    straf: float,
    kandidaten: int = KANDIDATEN,
) -> LpUitkomst:
    """Solve the per-person LP over every allowed pair; ``score`` is −inf where a pair is not allowed.

    Column generation on one warm-started HiGHS simplex: start from each household's
    ``kandidaten`` best pairs, then add the pairs whose reduced value (score − household dual −
    capacity price) is positive, until none is. The duals are then those of the whole LP, not of
    a pruned one. Raises ``RuntimeError`` only when HiGHS fails on this always-feasible LP
    (leaving a person unlinked is always allowed).
    """
    n, g = score.shape
    if n == 0 or g == 0:
        return LpUitkomst(np.zeros(g), 0.0)
    highs = _lp(personen, capaciteit, straf)
    aanwezig = np.zeros(score.shape, dtype=bool)
    paar_h, paar_g = _kandidaten(score, kandidaten)
    for _ in range(RONDES):
        _voeg_toe(highs, score, paar_h, paar_g, n)
        aanwezig[paar_h, paar_g] = True
        highs.run()
        if highs.getModelStatus() != _highspy().HighsModelStatus.kOptimal:
            raise RuntimeError(f"scenario LP not solved: {highs.modelStatusToString(highs.getModelStatus())}")
        duaal = np.asarray(highs.getSolution().row_dual, dtype=np.float64)
        prijzen, rest = np.maximum(duaal[n:], 0.0), duaal[:n]
        paar_h, paar_g = _positief(score - rest[:, None] - prijzen[None, :], aanwezig)
        if not len(paar_h):
            break
    return LpUitkomst(prijzen, float(highs.getInfo().objective_function_value))


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
) -> FloatArray:
    """The capacity duals of :func:`los_scenario_op` (the price estimate's ``ScenarioLp``)."""
    return los_scenario_op(score, personen, capaciteit, straf, kandidaten).prijzen


def _lp(personen: FloatArray, capaciteit: FloatArray, straf: float) -> Any:
    """HiGHS with one row per household (= its persons), one per municipality (≤ its room), and
    the unlinked columns; pairs are added by :func:`_voeg_toe`. Silent: nothing on stdout."""
    highspy = _highspy()
    highs = _stille_highs()
    highs.setOptionValue("threads", 1)
    highs.setOptionValue("solver", "simplex")
    n, g = len(personen), len(capaciteit)
    onder = np.concatenate([personen, np.full(g, -highspy.kHighsInf)])
    boven = np.concatenate([personen, capaciteit]).astype(np.float64)
    highs.addRows(
        n + g, onder, boven, 0, np.zeros(n + g, dtype=np.int32), np.zeros(0, dtype=np.int32), np.zeros(0)
    )
    highs.changeObjectiveSense(highspy.ObjSense.kMaximize)
    _kolommen(highs, np.full(n, -straf), np.arange(n, dtype=np.int32)[:, None], np.ones((n, 1)))
    return highs


def _voeg_toe(highs: Any, score: FloatArray, paar_h: IntArray, paar_g: IntArray, n: int) -> None:
    """Add pair columns: one person of h placed at g (rows h and n + g)."""
    rijen = np.stack([paar_h, n + paar_g], axis=1).astype(np.int32)
    _kolommen(highs, score[paar_h, paar_g], rijen, np.ones(rijen.shape))


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
