"""The local-level model on the log scale, fitted by its exact likelihood with both variances uncertain.

An inflow series, log-transformed and divided by its season, is ``x_t = μ_t + e_t`` with a level
that wanders, ``μ_t = μ_{t−1} + η_t`` (``η ~ N(0, σ_η²)``, the *drift*), and the period's own
noise ``e_t ~ N(0, σ_e²)``. A Kalman filter gives the exact Gaussian likelihood of the series for
given ``(σ_η, σ_e)`` and the level at its end with its variance. Few periods cannot pin the two
variances down, so they are not fixed at a point estimate: the likelihood is evaluated on a grid
with a flat prior on each standard deviation (the weakly informative choice for a variance
component, Gelman 2006, *Bayesian Analysis* 1(3)), which gives their posterior. A forecast that
draws the variances from it per path has bands that widen by themselves when the history is short
or contradictory, instead of trusting one estimate.

Published inflow is known per quarter only from 2018; earlier years are known as annual totals.
Both enter the same filter: an annual total observes the *mean* level of the year's periods (the
state keeps the last year's levels), with the noise of a mean of ``per_jaar`` periods. The log of a
mean is taken as the mean of the logs, which is accurate to the square of the within-year spread.

Pure NumPy, all grid points at once; the first observation only sets the level (diffuse start) and
does not count in the likelihood.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from doorstroom.prognose.core.scenario import FloatArray

RASTER = 48
"""Grid points per standard deviation (48 × 48 pairs)."""
MAX_SD = 1.5
"""Largest standard deviation on the grid, per period on the log scale: a factor 4.5 in one period's
noise or one period's level change, beyond anything in the Dutch series since 1995."""
DIFFUUS = 1e7
"""Variance of the unknown starting level (diffuse: the first observation sets it)."""


@dataclass(frozen=True)
class Posterior:
    """The grid of ``(σ_η, σ_e)`` pairs (per period), their posterior weights, and the filtered level
    at the end of the series given each pair (mean and variance of the log level)."""

    sigma_eta: FloatArray
    sigma_e: FloatArray
    gewicht: FloatArray
    niveau: FloatArray
    niveau_var: FloatArray
    waarnemingen: int

    def niveau_voorspelling(self) -> tuple[float, float]:
        """Mean and variance of the end level with the variances integrated out."""
        mean = float(np.sum(self.gewicht * self.niveau))
        spread = self.niveau_var + (self.niveau - mean) ** 2
        return mean, float(np.sum(self.gewicht * spread))

    def log_momenten(self, sd: FloatArray) -> tuple[float, float]:
        """Posterior mean and standard deviation of ``log(sd)`` for a grid of standard deviations."""
        logs = np.log(sd)
        mean = float(np.sum(self.gewicht * logs))
        return mean, float(np.sqrt(np.sum(self.gewicht * (logs - mean) ** 2)))

    def kwantiel(self, values: FloatArray, kans: float) -> float:
        """Posterior quantile of a quantity given per grid point."""
        order = np.argsort(values, kind="stable")
        cumulative = np.cumsum(self.gewicht[order])
        index = min(int(np.searchsorted(cumulative, kans)), len(order) - 1)
        return float(values[order][index])


def raster(punten: int = RASTER, grootste: float = MAX_SD) -> tuple[FloatArray, FloatArray]:
    """Every pair of standard deviations on an even grid ``(grootste/punten)·(½, 1½, …)``."""
    values = (np.arange(punten) + 0.5) * grootste / punten
    eta, noise = np.meshgrid(values, values, indexing="ij")
    return eta.ravel(), noise.ravel()


def posterior(x: FloatArray, jaar: NDArray[np.bool_], per_jaar: int, grootste: float = MAX_SD) -> Posterior:
    """Posterior of the variances and the end level for observations ``x`` (NaN: none that period).

    ``jaar[t]`` marks an observation of the mean level of periods ``t − per_jaar + 1 .. t`` (an
    annual total), otherwise ``x[t]`` observes period ``t`` itself. ``grootste`` bounds both
    standard deviations (the flat prior's range). Trailing NaNs let the level walk on unobserved
    up to the period before a forecast.
    """
    sigma_eta, sigma_e = raster(grootste=grootste)
    lags = per_jaar if bool(np.any(jaar & np.isfinite(x))) else 1
    loglik, level, variance = _filter(x, jaar, lags, sigma_eta, sigma_e)
    weights = np.exp(loglik - loglik.max())
    return Posterior(sigma_eta, sigma_e, weights / weights.sum(), level, variance, int(np.isfinite(x).sum()))


def _filter(
    x: FloatArray, jaar: NDArray[np.bool_], lags: int, sigma_eta: FloatArray, sigma_e: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Log-likelihood, end level and its variance per grid point; the state holds ``lags`` levels."""
    grid = len(sigma_eta)
    mean = np.zeros((grid, lags))
    cov = np.full((grid, lags, lags), DIFFUUS)
    shift = np.concatenate(([0], np.arange(lags - 1)))
    loglik = np.zeros(grid)
    seen = False
    for t, value in enumerate(x):
        if t > 0:
            mean = mean[:, shift]
            cov = cov[:, shift][:, :, shift]
            cov[:, 0, 0] += sigma_eta**2
        if not np.isfinite(value):
            continue
        h, noise = _observation(bool(jaar[t]), lags, sigma_e)
        term = _update(mean, cov, h, noise, float(value))
        loglik += term if seen else 0.0
        seen = True
    return loglik, mean[:, 0], cov[:, 0, 0]


def _observation(annual: bool, lags: int, sigma_e: FloatArray) -> tuple[FloatArray, FloatArray]:
    """What one observation sees of the state, and its noise variance."""
    if annual:
        return np.full(lags, 1.0 / lags), sigma_e**2 / lags
    h = np.zeros(lags)
    h[0] = 1.0
    return h, sigma_e**2


def _update(mean: FloatArray, cov: FloatArray, h: FloatArray, noise: FloatArray, value: float) -> FloatArray:
    """Kalman update in place; returns the observation's log-likelihood per grid point."""
    ph = cov @ h
    variance = ph @ h + noise
    innovation = value - mean @ h
    gain = ph / variance[:, None]
    mean += gain * innovation[:, None]
    cov -= gain[:, :, None] * ph[:, None, :]
    result: FloatArray = -0.5 * (np.log(2.0 * np.pi * variance) + innovation**2 / variance)
    return result
