"""The model's randomness: binomial moves, gamma-Poisson inflow, the drift of the inflow level.

With ``rng=None`` every draw is replaced by its expectation, which gives the deterministic path
that can be checked by hand.
"""

from __future__ import annotations

import numpy as np

from doorstroom.prognose.core.scenario import FloatArray

NORMAAL_VANAF = 100.0
"""Variance from which a binomial or Poisson draw uses the normal approximation (see Draws)."""


class Draws:
    """Randomness of the model; ``rng=None`` gives expectations (deterministic mode).

    Binomial and Poisson counts whose variance is at least :data:`NORMAAL_VANAF` are drawn from the
    normal approximation, rounded to whole persons and clipped to their range (a binomial never
    moves more persons than the stock holds); smaller ones are drawn exactly. At that variance the
    approximation's error in any probability is well under one percentage point, far below the
    parameter uncertainty, and it is several times faster for national stocks of thousands.
    The gamma multiplier of the inflow uses the Wilson–Hilferty cube-root approximation for shapes
    of at least 5 and the exact gamma below.
    """

    def __init__(self, rng: np.random.Generator | None) -> None:
        self.rng = rng
        self.hele = rng is not None

    def binomial(self, n: FloatArray, p: FloatArray) -> FloatArray:
        """How many of ``n`` persons make a move with probability ``p``."""
        p = np.clip(p, 0.0, 1.0)
        if self.rng is None:
            return n * p
        mean = n * p
        variance = mean * (1.0 - p)
        draws = np.rint(mean + np.sqrt(variance) * self.rng.standard_normal(n.shape))
        np.clip(draws, 0.0, n, out=draws)
        small = variance < NORMAAL_VANAF
        if small.any():
            exact = self.rng.binomial(n[small].astype(np.int64), np.broadcast_to(p, n.shape)[small])
            draws[small] = exact
        return draws

    def count(self, mean: FloatArray, shape: FloatArray) -> FloatArray:
        """Gamma-Poisson (negative binomial) count with mean ``mean`` and shape ``shape``."""
        if self.rng is None:
            return mean
        intensity = mean * self._gamma(shape)
        draws = np.rint(intensity + np.sqrt(intensity) * self.rng.standard_normal(intensity.shape))
        np.maximum(draws, 0.0, out=draws)
        small = intensity < NORMAAL_VANAF
        if small.any():
            draws[small] = self.rng.poisson(intensity[small])
        return draws

    def _gamma(self, shape: FloatArray) -> FloatArray:
        """Gamma(k, 1/k): mean 1, variance 1/k."""
        assert self.rng is not None
        ninth = 1.0 / (9.0 * shape)
        cube = 1.0 - ninth + np.sqrt(ninth) * self.rng.standard_normal(shape.shape)
        np.maximum(cube, 0.0, out=cube)
        draws: FloatArray = cube * cube * cube  # not ** 3: NumPy's power is many times slower
        small = shape < 5.0
        if small.any():
            draws[small] = self.rng.gamma(shape[small], 1.0 / shape[small])
        return draws

    def persons(self, x: FloatArray) -> FloatArray:
        """Stocks in whole persons when persons are whole."""
        return x.copy() if self.rng is None else np.rint(x)

    def whole(self, x: FloatArray) -> FloatArray:
        """Capacities in whole persons when persons are whole, exact values otherwise."""
        return x if self.rng is None else np.floor(x)

    def drift_step(self, sd: FloatArray) -> FloatArray:
        """One month of the log-level random walk: zero-mean steps, as in the fitted local-level
        model (:mod:`~doorstroom.prognose.core.lokaalniveau`), so the median level is kept."""
        if self.rng is None:
            return np.zeros_like(sd)
        step: FloatArray = self.rng.standard_normal(sd.shape) * sd
        return step
