"""Dividing whole persons over provinces: every person lands in exactly one province.

The Monte Carlo draws each national flow once (how many applicants arrive, how many cases the IND
decides, how many rejected applicants leave) and divides it over the provinces in proportion to a
weight: reception places for new applicants, the provincial stock for decisions and departures.
Rounding each share separately would create or lose people; this rule rounds the *cumulative*
shares instead, so the parts add up exactly to the total, each part is within one person of its
exact share, and no part exceeds its weight when the weights are the stocks the persons leave
(the exact share ``total·w/W`` is at most ``w`` when ``total <= W``, and the rounded part is
below the exact share plus one, hence at most ``w`` for whole ``w``).

In deterministic mode (``hele=False``) the exact shares are returned.

Arrays are laid out as (provinces, paths); the cumulative sums add rows in a short Python loop,
which NumPy runs far faster than ``cumsum`` along the first axis.
"""

from __future__ import annotations

import numpy as np

from doorstroom.prognose.core.scenario import FloatArray


def cumulatief(gewichten: FloatArray) -> FloatArray:
    """Running sums over the provinces (first axis)."""
    out = np.empty_like(gewichten)
    out[0] = gewichten[0]
    for row in range(1, gewichten.shape[0]):
        np.add(out[row - 1], gewichten[row], out=out[row])
    return out


def verdeel(totaal: FloatArray, gewichten: FloatArray, *, hele: bool) -> FloatArray:
    """Divide ``totaal`` (paths,) over provinces in proportion to ``gewichten`` (provinces, paths).

    Where all weights of a path are zero, the total (then normally zero too) goes to the provinces
    equally, so nobody is lost.
    """
    cumulative = cumulatief(gewichten)
    weight = cumulative[-1]
    empty = weight <= 0
    if empty.any():
        equal = np.arange(1, gewichten.shape[0] + 1, dtype=np.float64)[:, None]
        cumulative = np.where(empty, equal, cumulative)
        weight = np.where(empty, float(gewichten.shape[0]), weight)
    return _parts(cumulative, totaal / weight, totaal, hele)


def verdeel_vast(totaal: FloatArray, aandelen_cumulatief: FloatArray, *, hele: bool) -> FloatArray:
    """Divide ``totaal`` (paths,) by fixed shares given as cumulative fractions (provinces, 1)."""
    return _parts(aandelen_cumulatief, totaal, totaal, hele)


def cumulatieve_aandelen(aandelen: FloatArray) -> FloatArray:
    """Cumulative fractions (provinces, 1) of fixed shares, ending at exactly 1."""
    total = float(np.sum(aandelen))
    cumulative = np.cumsum(np.asarray(aandelen, dtype=np.float64)) / total
    cumulative[-1] = 1.0
    return cumulative[:, None]


def _parts(cumulative: FloatArray, scale: FloatArray, totaal: FloatArray, hele: bool) -> FloatArray:
    """Differences of the (rounded) cumulative bounds ``cumulative · scale``; the last bound is the total."""
    bounds = cumulative * scale
    if hele:
        bounds += 0.5
        np.floor(bounds, out=bounds)
    bounds[-1] = totaal  # exactly the total, whatever the floating point did
    for row in range(bounds.shape[0] - 1, 0, -1):  # differences in place, last row first
        np.subtract(bounds[row], bounds[row - 1], out=bounds[row])
    return bounds
