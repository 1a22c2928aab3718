"""Scenario parameters of the chain forecast: values with unit, uncertainty and source.

A scenario is a plain value. Every parameter carries its central value, its unit, the
distribution from which each Monte-Carlo path draws it, and a note on where the number comes
from. Changes over time (an inflow shock from month 6, extra IND capacity from month 12, a higher
taakstelling) are :class:`Wijziging` values, so the model sees each parameter as a path value
times a monthly factor plus a monthly addition.

This module is pure: no files are read here (see :mod:`doorstroom.prognose.scenario_io`).
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]


class Soort(StrEnum):
    """What kind of quantity a parameter is; decides which values are valid."""

    aantal = "aantal"  # persons, places or decisions; >= 0
    kans = "kans"  # probability or share; 0..1
    duur = "duur"  # months; > 0
    bedrag = "bedrag"  # euro; >= 0
    factor = "factor"  # dimensionless, >= 0


class Verdeling(StrEnum):
    """Distribution from which each path draws a parameter once, at the start of the path."""

    vast = "vast"  # always the central value
    uniform = "uniform"  # between laag and hoog
    driehoek = "driehoek"  # triangular: laag, waarde (mode), hoog
    normaal = "normaal"  # mean waarde, standard deviation sd; clipped to the valid range
    lognormaal = "lognormaal"  # median waarde, sd of the natural log


@dataclass(frozen=True)
class Spec:
    """What the model expects of a named parameter."""

    eenheid: str
    soort: Soort
    omschrijving: str


SPECS: dict[str, Spec] = {
    "eerste_aanvragen": Spec("personen/maand", Soort.aantal, "eerste asielaanvragen, niveau"),
    "nareizigers": Spec("personen/maand", Soort.aantal, "nareizigers (gezinshereniging)"),
    "herhaalde_aanvragen": Spec("personen/maand", Soort.aantal, "herhaalde asielaanvragen"),
    "instroom_dispersie": Spec("vorm k", Soort.factor, "gamma-Poisson-vorm: kleiner = grilliger"),
    "instroom_drift": Spec("sd log/maand", Soort.factor, "maandelijkse toevalswandeling van het niveau"),
    "ind_capaciteit": Spec("beslissingen/maand", Soort.aantal, "IND-beslissingen per maand"),
    "ind_doorlooptijd": Spec("maanden", Soort.duur, "gemiddelde tijd tot een zaak beslisrijp is"),
    "inwilligingspercentage": Spec("fractie", Soort.kans, "aandeel inwilligingen"),
    "vertrektermijn": Spec("maanden", Soort.duur, "gemiddelde tijd tot afgewezenen de opvang verlaten"),
    "taakstelling": Spec("personen/halfjaar", Soort.aantal, "landelijke taakstelling per halfjaar"),
    "realisatiegraad": Spec("fractie", Soort.kans, "deel van de taakstelling dat gemeenten halen"),
    "inburgeringsplicht": Spec("fractie", Soort.kans, "aandeel gehuisvesten met inburgeringsplicht"),
    "inburgering_duur": Spec("maanden", Soort.duur, "gemiddelde duur van de inburgering"),
    "inburgering_geslaagd": Spec("fractie", Soort.kans, "aandeel dat de inburgering haalt"),
    "coa_regulier": Spec("plaatsen", Soort.aantal, "reguliere COA-opvangplaatsen"),
    "coa_nood": Spec("plaatsen", Soort.aantal, "noodopvangplaatsen"),
    "flexbuffer": Spec("plaatsen", Soort.aantal, "flexibele bufferplaatsen"),
    "kosten_regulier": Spec("euro/plaats/dag", Soort.bedrag, "kosten reguliere plaats"),
    "kosten_nood": Spec("euro/plaats/dag", Soort.bedrag, "kosten noodopvangplaats"),
    "kosten_flex": Spec("euro/plaats/dag", Soort.bedrag, "kosten bufferplaats"),
    "kosten_overloop": Spec("euro/persoon/dag", Soort.bedrag, "kosten per persoon boven capaciteit"),
    "begin_ind_wachtrij": Spec("personen", Soort.aantal, "beginvoorraad: wacht op IND-besluit"),
    "begin_vergunninghouders_coa": Spec("personen", Soort.aantal, "beginvoorraad: wacht in COA"),
    "begin_afgewezen_coa": Spec("personen", Soort.aantal, "beginvoorraad: afgewezen in COA"),
    "begin_inburgering": Spec("personen", Soort.aantal, "beginvoorraad: in inburgering"),
}


@dataclass(frozen=True)
class Parameter:
    """One scenario parameter; ``bron`` says where the number comes from (or 'illustratief')."""

    naam: str
    waarde: float
    verdeling: Verdeling = Verdeling.vast
    laag: float | None = None
    hoog: float | None = None
    sd: float | None = None
    bron: str = "illustratief"

    @property
    def spec(self) -> Spec:
        """The model's expectations of this parameter."""
        return SPECS[self.naam]

    def zonder_onzekerheid(self) -> Parameter:
        """The same parameter fixed at its central value (deterministic mode)."""
        return replace(self, verdeling=Verdeling.vast)


@dataclass(frozen=True)
class Wijziging:
    """A change of one parameter from month ``vanaf_maand`` (1 = first forecast month).

    Exactly one of ``factor`` (multiply), ``plus`` (add) or ``waarde`` (new central value; the path's
    relative uncertainty is kept) is set. ``tot_maand`` is inclusive; ``None`` means to the end.
    """

    parameter: str
    vanaf_maand: int
    tot_maand: int | None = None
    factor: float | None = None
    plus: float | None = None
    waarde: float | None = None
    toelichting: str = ""


@dataclass(frozen=True)
class Doelen:
    """Planning questions: the waiting permit holders target and the wanted certainty."""

    wachtende_vergunninghouders: float = 5000.0
    uiterlijk_maand: int = 24
    kans: float = 0.9


@dataclass(frozen=True)
class Scenario:
    """A complete forecast scenario."""

    naam: str
    start: str  # first forecast month, YYYY-MM
    maanden: int
    parameters: Mapping[str, Parameter]
    seizoen: tuple[float, ...] = (1.0,) * 12  # inflow factor per calendar month, Jan..Dec
    seizoen_bron: str = "illustratief"
    wijzigingen: tuple[Wijziging, ...] = ()
    doelen: Doelen = field(default_factory=Doelen)
    beschrijving: str = ""

    def waarde(self, naam: str) -> float:
        """Central value of a parameter."""
        return self.parameters[naam].waarde

    def deterministisch(self) -> Scenario:
        """The scenario with every uncertainty switched off."""
        fixed = {naam: p.zonder_onzekerheid() for naam, p in self.parameters.items()}
        fixed["instroom_drift"] = replace(fixed["instroom_drift"], waarde=0.0)
        return replace(self, parameters=fixed)

    def met_waarde(self, naam: str, waarde: float) -> Scenario:
        """The scenario with a new central value of one parameter, its spread scaled along."""
        return replace(self, parameters={**self.parameters, naam: _rescale(self.parameters[naam], waarde)})


def _rescale(parameter: Parameter, waarde: float) -> Parameter:
    ratio = waarde / parameter.waarde if parameter.waarde else 1.0

    def scale(value: float | None) -> float | None:
        return None if value is None else value * ratio

    relative = parameter.verdeling is Verdeling.lognormaal  # its sd is already relative
    sd = parameter.sd if relative else scale(parameter.sd)
    return replace(parameter, waarde=waarde, laag=scale(parameter.laag), hoog=scale(parameter.hoog), sd=sd)


def maand_labels(start: str, maanden: int) -> list[str]:
    """Month labels ``YYYY-MM`` from ``start`` on."""
    year, month = (int(part) for part in start.split("-"))
    labels = []
    for offset in range(maanden):
        y, m = divmod(month - 1 + offset, 12)
        labels.append(f"{year + y:04d}-{m + 1:02d}")
    return labels


def kalender(start: str, maanden: int) -> tuple[NDArray[np.int64], FloatArray]:
    """Calendar month index (0 = January) and number of days of each forecast month."""
    labels = maand_labels(start, maanden)
    months = np.array([int(label[5:]) - 1 for label in labels], dtype=np.int64)
    days = np.array(
        [calendar.monthrange(int(label[:4]), int(label[5:]))[1] for label in labels], dtype=np.float64
    )
    return months, days


def profiel(scenario: Scenario, naam: str, maanden: int) -> tuple[FloatArray, FloatArray]:
    """Monthly factor and addition of one parameter, from the scenario's changes in order."""
    factor = np.ones(maanden)
    plus = np.zeros(maanden)
    central = scenario.waarde(naam)
    for change in (w for w in scenario.wijzigingen if w.parameter == naam):
        months = slice(change.vanaf_maand - 1, change.tot_maand)
        if change.factor is not None:
            factor[months] *= change.factor
            plus[months] *= change.factor
        elif change.plus is not None:
            plus[months] += change.plus
        elif change.waarde is not None:
            relative = central > 0 and bool(np.isfinite(change.waarde / central))
            factor[months] = change.waarde / central if relative else 0.0
            plus[months] = 0.0 if relative else change.waarde
    return factor, plus


def trek(parameter: Parameter, rng: np.random.Generator | None, paden: int) -> FloatArray:
    """Draw the parameter for each path; ``rng=None`` or ``vast`` gives the central value.

    Draws are clipped to the valid range of the parameter's kind (a probability stays in 0..1,
    a count stays non-negative, a duration stays positive).
    """
    if rng is None or parameter.verdeling is Verdeling.vast:
        return np.full(paden, parameter.waarde)
    draws = _draw(parameter, rng, paden)
    low, high = _bounds(parameter.spec.soort)
    return np.clip(draws, low, high)


def _draw(parameter: Parameter, rng: np.random.Generator, paden: int) -> FloatArray:
    p = parameter
    if p.verdeling is Verdeling.uniform:
        return rng.uniform(_req(p.laag), _req(p.hoog), paden)
    if p.verdeling is Verdeling.driehoek:
        low, high = _req(p.laag), _req(p.hoog)
        return rng.triangular(low, p.waarde, high, paden) if high > low else np.full(paden, p.waarde)
    if p.verdeling is Verdeling.normaal:
        return rng.normal(p.waarde, _req(p.sd), paden)
    return p.waarde * np.exp(rng.normal(0.0, _req(p.sd), paden))


def _req(value: float | None) -> float:
    if value is None:  # scenario_io validates this; reaching here is a programming error
        raise ValueError("distribution bound missing")
    return value


def _bounds(soort: Soort) -> tuple[float, float]:
    if soort is Soort.kans:
        return 0.0, 1.0
    if soort is Soort.duur:
        return 1e-6, np.inf
    return 0.0, np.inf
