"""What every fit shares: a planner's history as plain data, one estimate with its standard error,
and the reason a flow could not be fitted (see :mod:`~doorstroom.prognose.core.calibration`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from doorstroom.prognose.core.scenario import FloatArray, Verdeling
from doorstroom.values.maand import maand_labels


@dataclass(frozen=True)
class Historie:
    """Consecutive periods and the series given for them (NaN where a cell was empty)."""

    bestand: str
    perioden: tuple[str, ...]
    maanden_per_periode: int
    reeksen: Mapping[str, FloatArray]

    @property
    def soort(self) -> str:
        """``maand`` or ``kwartaal``."""
        return "maand" if self.maanden_per_periode == 1 else "kwartaal"

    def tot(self, n: int) -> Historie:
        """The first ``n`` periods."""
        series = {k: v[:n] for k, v in self.reeksen.items()}
        return Historie(self.bestand, self.perioden[:n], self.maanden_per_periode, series)

    def eerste_maand(self, index: int) -> str:
        """``YYYY-MM`` of the first month of period ``index``."""
        label = self.perioden[index]
        if self.maanden_per_periode == 1:
            return label
        return f"{label[:4]}-{(int(label[-1]) - 1) * 3 + 1:02d}"

    def volgende_maand(self) -> str:
        """The month after the last period: where a forecast fitted on this history starts."""
        return maand_labels(self.eerste_maand(len(self.perioden) - 1), self.maanden_per_periode + 1)[-1]

    def omvang(self, first: int, last: int) -> str:
        """'2018-Q1 t/m 2024-Q4' for periods ``first`` .. ``last``."""
        return f"{self.perioden[first]} t/m {self.perioden[last]}"


INSTROOM = ("eerste_aanvragen", "nareizigers", "herhaalde_aanvragen")
MIN_PERIODEN = {1: 13, 3: 8}
"""Periods needed to fit the inflow: a year of months plus one, or two years of quarters."""


@dataclass(frozen=True)
class Schatting:
    """One fitted parameter: estimate, standard error and how it was obtained."""

    parameter: str
    waarde: float
    standaardfout: float
    kolommen: tuple[str, ...]
    perioden: str
    waarnemingen: int
    methode: str
    verdeling: Verdeling = Verdeling.vast
    sd: float | None = None
    vrijheidsgraden: float | None = None  # of an ``inverse_chi`` spread


class NietTeFitten(Exception):
    """A flow cannot be fitted from this history (missing columns or too few periods)."""


def aanwezig(historie: Historie, columns: Sequence[str]) -> bool:
    return all(c in historie.reeksen and bool(np.isfinite(historie.reeksen[c]).any()) for c in columns)


def aaneengesloten_einde(historie: Historie, columns: Sequence[str]) -> int:
    """Index of the first period of the longest run without gaps that ends at the last filled period."""
    filled = np.all([np.isfinite(historie.reeksen[c]) for c in columns], axis=0)
    last = int(np.flatnonzero(filled)[-1])
    first = last
    while first > 0 and filled[first - 1]:
        first -= 1
    return first
