"""Fit every flow of the model to a history: inflow, IND decisions and grant rate, housing, departure.

Each fit returns :class:`Schatting` values — the estimate, its standard error, the columns and
periods it used, and the method — and :func:`toepassen` writes them into a scenario, marking each
parameter *gefit* and recording what was fitted from which file (``Scenario.kalibratie``). Periods
are months or quarters; rates are converted to months.

The fits themselves live in :mod:`~doorstroom.prognose.core.instroomfit` (inflow) and
:mod:`~doorstroom.prognose.core.ketenfit` (IND, housing, departure); their shared types in
:mod:`~doorstroom.prognose.core.fitbasis`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from doorstroom.platform.errors import InputError, Problem
from doorstroom.prognose.core import instroomfit, ketenfit
from doorstroom.prognose.core.fitbasis import Historie, NietTeFitten, Schatting
from doorstroom.prognose.core.scenario import SPECS, Herkomst, Kalibratie, Parameter, Scenario, Verdeling


@dataclass(frozen=True)
class Fit:
    """Everything fitted on one history, and what could not be fitted with the reason."""

    bestand: str
    schattingen: tuple[Schatting, ...]
    seizoen: tuple[float, ...] | None
    overgeslagen: tuple[str, ...]
    volgende_maand: str


def fit(historie: Historie) -> Fit:
    """Fit every flow the history's columns support; raise when none can be fitted."""
    estimates: list[Schatting] = []
    skipped: list[str] = []
    season: tuple[float, ...] | None = None
    for part in (_inflow_part, ketenfit.ind, ketenfit.huisvesting, ketenfit.vertrek):
        try:
            found, found_season = part(historie)
        except NietTeFitten as reason:
            skipped.append(str(reason))
            continue
        estimates += found
        season = found_season or season
    if not estimates:
        raise InputError([Problem(f"niets te fitten: {reason}", file=historie.bestand) for reason in skipped])
    return Fit(historie.bestand, tuple(estimates), season, tuple(skipped), historie.volgende_maand())


def _inflow_part(historie: Historie) -> tuple[list[Schatting], tuple[float, ...]]:
    fitted = instroomfit.instroom(historie)
    return list(fitted.schattingen), fitted.seizoen


def als_parameter(schatting: Schatting, bron: str, datum: str) -> Parameter:
    """The scenario parameter a fit gives, clipped to its domain, marked *gefit*."""
    domain = SPECS[schatting.parameter].domein
    value = float(np.clip(schatting.waarde, domain.minimum, domain.maximum))
    spread = bool(schatting.sd) or schatting.vrijheidsgraden is not None
    return Parameter(
        naam=schatting.parameter,
        waarde=value,
        verdeling=schatting.verdeling if spread else Verdeling.vast,
        sd=schatting.sd if schatting.sd else None,
        vrijheidsgraden=schatting.vrijheidsgraden,
        bron=f"gefit op {bron} ({', '.join(schatting.kolommen)}, {schatting.perioden}): {schatting.methode}",
        herkomst=Herkomst.gefit,
        datum=schatting.perioden.split(" t/m ")[-1],
        spreiding=Herkomst.gefit if spread else None,
    )


def toepassen(scenario: Scenario, gefit: Fit, start: str | None = None) -> Scenario:
    """The scenario with every fitted parameter replaced, recording each fit, from ``start`` on
    (default: the month after the history)."""
    parameters = dict(scenario.parameters)
    records = []
    for estimate in gefit.schattingen:
        records.append(
            Kalibratie(
                estimate.parameter,
                estimate.waarde,
                estimate.standaardfout,
                gefit.bestand,
                estimate.kolommen,
                estimate.perioden,
                estimate.waarnemingen,
                estimate.methode,
            )
        )
        if estimate.parameter in SPECS:
            parameters[estimate.parameter] = als_parameter(estimate, gefit.bestand, gefit.volgende_maand)
    season = gefit.seizoen or scenario.seizoen
    season_source = f"gefit op {gefit.bestand}" if gefit.seizoen else scenario.seizoen_bron
    return replace(
        scenario,
        start=start or gefit.volgende_maand,
        parameters=parameters,
        seizoen=season,
        seizoen_bron=season_source,
        kalibratie=(*scenario.kalibratie, *records),
    )
