"""Scenario parameters of the chain forecast: values with unit, domain, uncertainty and provenance.

A scenario is a plain value. Every parameter carries its central value, its unit, the
distribution from which each Monte-Carlo path draws it, and where the number comes from: the
source and its date, and whether the value is *published*, *derived* from published figures by a
documented rule, *fitted* on a history (with its standard error), or a *judgement*. Outputs name
every judgement, so a planner knows which numbers to challenge.

Changes over time (an inflow shock from month 6, extra IND capacity from month 12, the published
taakstelling of each half year) are :class:`Wijziging` values, so the model sees each parameter as
a path value times a monthly factor plus a monthly addition.

This module is pure: no files are read here (see :mod:`doorstroom.prognose.scenario_io`).
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray

from doorstroom.values import domains
from doorstroom.values.domains import Domain
from doorstroom.values.maand import halfjaar, maand_labels

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


class Soort(StrEnum):
    """What kind of quantity a parameter is."""

    aantal = "aantal"  # persons, places or decisions (per month or as a stock)
    kans = "kans"  # probability or share; 0..1
    duur = "duur"  # mean sojourn in months; > 0
    bedrag = "bedrag"  # euro
    factor = "factor"  # dimensionless
    graad = "graad"  # realised / task ratio; may exceed 1
    saldo = "saldo"  # arrears (positive) or advance (negative), persons


class Verdeling(StrEnum):
    """Distribution from which each path draws a parameter once, at the start of the path."""

    vast = "vast"  # always the central value
    uniform = "uniform"  # between laag and hoog
    driehoek = "driehoek"  # triangular: laag, waarde (mode), hoog
    normaal = "normaal"  # mean waarde, standard deviation sd; clipped to the domain
    lognormaal = "lognormaal"  # median waarde, sd of the natural log
    inverse_chi = "inverse_chi"  # waarde · √(ν/χ²_ν): a standard deviation estimated from ν + 1 values


class Herkomst(StrEnum):
    """Where a number comes from; shown beside it in every output."""

    gepubliceerd = "gepubliceerd"  # a published figure, as published (source and date)
    afgeleid = "afgeleid"  # computed from published figures by a documented rule
    gefit = "gefit"  # estimated on a history file, with its standard error
    oordeel = "oordeel"  # a judgement: no published figure or fit supports it
    illustratief = "illustratief"  # an example value, not meant for decisions


LOG_SD = Domain("sd van de log, 0 tot en met 2", 0.0, 2.0, geheel=False)
"""Spread of a lognormal draw: 2 already spans a factor 50 between P5 and P95."""


@dataclass(frozen=True)
class Spec:
    """What the model expects of a named parameter, including its documented domain."""

    eenheid: str
    soort: Soort
    omschrijving: str
    domein: Domain


def _spec(eenheid: str, soort: Soort, omschrijving: str, domein: Domain | None = None) -> Spec:
    default = {
        Soort.aantal: domains.GEMIDDELD_AANTAL,
        Soort.kans: domains.FRACTIE,
        Soort.duur: domains.DUUR_MAANDEN,
        Soort.bedrag: domains.BEDRAG,
        Soort.graad: domains.REALISATIEGRAAD,
        Soort.saldo: domains.ACHTERSTAND,
    }
    return Spec(eenheid, soort, omschrijving, domein or default[soort])


A, K, D, B = Soort.aantal, Soort.kans, Soort.duur, Soort.bedrag
SPECS: dict[str, Spec] = {
    "eerste_aanvragen": _spec("personen/maand", A, "eerste asielaanvragen, niveau"),
    "nareizigers": _spec("personen/maand", A, "nareizigers (gezinshereniging)"),
    "herhaalde_aanvragen": _spec("personen/maand", A, "herhaalde asielaanvragen"),
    "instroom_dispersie": _spec(
        "vorm k", Soort.factor, "gamma-Poisson-vorm: kleiner = grilliger", domains.DISPERSIE
    ),
    "instroom_drift": _spec(
        "sd log/maand", Soort.factor, "maandelijkse toevalswandeling van het niveau", domains.DRIFT
    ),
    "nareizigers_drift": _spec(
        "sd log/maand",
        Soort.factor,
        "eigen toevalswandeling van nareizigers (niet boven instroom_drift: die van de aanvragen)",
        domains.DRIFT,
    ),
    "ind_capaciteit": _spec("beslissingen/maand", A, "IND-beslissingen per maand"),
    "ind_doorlooptijd": _spec("maanden", D, "gemiddelde tijd tot een zaak beslisrijp is"),
    "inwilligingspercentage": _spec("fractie", K, "aandeel inwilligingen"),
    "vertrektermijn": _spec("maanden", D, "gemiddelde tijd tot afgewezenen de opvang verlaten"),
    "taakstelling": _spec("personen/halfjaar", A, "landelijke taakstelling per halfjaar"),
    "realisatiegraad": _spec("fractie van de taak", Soort.graad, "gehuisvest / taakstelling met achterstand"),
    "realisatie_spreiding": _spec(
        "sd log/halfjaar",
        Soort.factor,
        "eigen schommeling van de realisatiegraad per halfjaar",
        domains.HALFJAAR_SD,
    ),
    "realisatie_drift": _spec(
        "sd log/halfjaar",
        Soort.factor,
        "toevalswandeling van het niveau van de realisatiegraad",
        domains.HALFJAAR_SD,
    ),
    "begin_achterstand": _spec("personen", Soort.saldo, "beginstand: achterstand op de taakstelling"),
    "inburgeringsplicht": _spec("fractie", K, "aandeel gehuisvesten met inburgeringsplicht"),
    "inburgering_duur": _spec("maanden", D, "gemiddelde duur van de inburgering"),
    "inburgering_geslaagd": _spec("fractie", K, "aandeel dat de inburgering haalt"),
    "coa_regulier": _spec("plaatsen", A, "reguliere COA-opvangplaatsen"),
    "coa_nood": _spec("plaatsen", A, "noodopvangplaatsen"),
    "flexbuffer": _spec("plaatsen", A, "flexibele bufferplaatsen"),
    "kosten_regulier": _spec("euro/plaats/dag", B, "kosten reguliere plaats"),
    "kosten_nood": _spec("euro/plaats/dag", B, "kosten noodopvangplaats"),
    "kosten_flex": _spec("euro/plaats/dag", B, "kosten bufferplaats"),
    "kosten_overloop": _spec("euro/persoon/dag", B, "kosten per persoon boven capaciteit"),
    "begin_ind_wachtrij": _spec("personen", A, "beginvoorraad: wacht op IND-besluit"),
    "begin_vergunninghouders_coa": _spec("personen", A, "beginvoorraad: wacht in COA"),
    "begin_afgewezen_coa": _spec("personen", A, "beginvoorraad: afgewezen in COA"),
    "begin_inburgering": _spec("personen", A, "beginvoorraad: in inburgering"),
}


@dataclass(frozen=True)
class Parameter:
    """One scenario parameter with its provenance.

    ``herkomst`` and ``bron``/``datum`` concern the central value; ``spreiding`` says where the
    distribution's width comes from (a fit's standard error, or a judgement).
    """

    naam: str
    waarde: float
    verdeling: Verdeling = Verdeling.vast
    laag: float | None = None
    hoog: float | None = None
    sd: float | None = None
    bron: str = ""
    herkomst: Herkomst = Herkomst.oordeel
    datum: str = ""
    spreiding: Herkomst | None = None
    vrijheidsgraden: float | None = None  # ν of an ``inverse_chi`` draw

    @property
    def spec(self) -> Spec:
        """The model's expectations of this parameter."""
        return SPECS[self.naam]

    @property
    def spreiding_herkomst(self) -> Herkomst | None:
        """Provenance of the spread: None for a fixed value, a judgement unless stated otherwise."""
        if self.verdeling is Verdeling.vast:
            return None
        return self.spreiding or Herkomst.oordeel

    def zonder_onzekerheid(self) -> Parameter:
        """The same parameter fixed at its central value (deterministic mode)."""
        return replace(self, verdeling=Verdeling.vast)


OPTIONEEL: dict[str, Parameter] = {
    "nareizigers_drift": Parameter(
        "nareizigers_drift",
        0.0,
        bron="niet opgegeven: nareizigers volgen de toevalswandeling van de aanvragen (instroom_drift)",
    ),
    "realisatie_drift": Parameter(
        "realisatie_drift",
        0.0,
        bron="niet opgegeven: het niveau van de realisatiegraad ligt vast, alleen halfjaren schommelen",
    ),
}
"""Parameters added after scenario files were first written: a file without them keeps the meaning
it had (nareizigers then follow the applications' drift, as before ``nareizigers_drift`` existed;
the realisation level stays put, as before ``realisatie_drift`` existed)."""


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
class Kalibratie:
    """What one fit estimated, from which file and rows, and how uncertain it is."""

    parameter: str
    waarde: float
    standaardfout: float
    bestand: str
    kolommen: tuple[str, ...]
    perioden: str  # first and last period used, e.g. "2018-Q1 t/m 2024-Q3"
    waarnemingen: int
    methode: str


@dataclass(frozen=True)
class Scenario:
    """A complete forecast scenario."""

    naam: str
    start: str  # first forecast month, YYYY-MM
    maanden: int
    parameters: Mapping[str, Parameter]
    seizoen: tuple[float, ...] = (1.0,) * 12  # inflow factor per calendar month, Jan..Dec
    seizoen_bron: str = "geen seizoen"
    wijzigingen: tuple[Wijziging, ...] = ()
    doelen: Doelen = field(default_factory=Doelen)
    beschrijving: str = ""
    kalibratie: tuple[Kalibratie, ...] = ()

    def waarde(self, naam: str) -> float:
        """Central value of a parameter."""
        return self.parameters[naam].waarde

    def oordelen(self) -> list[str]:
        """Parameters whose value or spread is a judgement or an example, in :data:`SPECS` order."""
        loose = {Herkomst.oordeel, Herkomst.illustratief}
        return [
            naam
            for naam, p in self.parameters.items()
            if p.herkomst in loose or p.spreiding_herkomst in loose
        ]

    def illustratief(self) -> bool:
        """Whether any value is only an example."""
        return any(p.herkomst is Herkomst.illustratief for p in self.parameters.values())

    def deterministisch(self) -> Scenario:
        """The scenario with every uncertainty switched off."""
        fixed = {naam: p.zonder_onzekerheid() for naam, p in self.parameters.items()}
        for drift in ("instroom_drift", "nareizigers_drift", "realisatie_drift"):
            fixed[drift] = replace(fixed[drift], waarde=0.0)
        fixed["realisatie_spreiding"] = replace(fixed["realisatie_spreiding"], waarde=0.0)
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
    return replace(
        parameter,
        waarde=waarde,
        laag=scale(parameter.laag),
        hoog=scale(parameter.hoog),
        sd=sd,
        herkomst=Herkomst.oordeel,
        bron=f"gevarieerd (was {parameter.waarde:g}: {parameter.bron})",
    )


@dataclass(frozen=True)
class Kalender:
    """Calendar facts of each forecast month, for seasons, costs and half-year tasks."""

    maand: IntArray  # calendar month, 0 = January
    dagen: FloatArray  # days in the month
    halfjaar: IntArray  # index of the half year, 0 = the one the forecast starts in
    eerste: NDArray[np.bool_]  # the month opens a half year (or the forecast)
    laatste: NDArray[np.bool_]  # the month closes a half year (June, December)
    resterend: (
        FloatArray  # months of the half year from its first forecast month on (6, or fewer at the start)
    )
    perioden: tuple[str, ...]  # label of each half year, e.g. 2026-1


def kalender(start: str, maanden: int) -> Kalender:
    """The calendar of ``maanden`` forecast months from ``start``."""
    labels = maand_labels(start, maanden)
    months = np.array([int(label[5:]) - 1 for label in labels], dtype=np.int64)
    days = np.array(
        [calendar.monthrange(int(label[:4]), int(label[5:]))[1] for label in labels], dtype=np.float64
    )
    first = (months % 6 == 0) | (np.arange(maanden) == 0)
    index = np.cumsum(first) - 1
    left = np.where(np.arange(maanden) == 0, 6 - months[0] % 6, 6).astype(np.float64)
    remaining = left[np.flatnonzero(first)][index]
    periods = tuple(dict.fromkeys(halfjaar(label) for label in labels))
    return Kalender(months, days, index, first, months % 6 == 5, remaining, periods)


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

    Draws are clipped to the parameter's documented domain (a probability stays in 0..1, a count
    stays non-negative, a duration stays positive).
    """
    if rng is None or parameter.verdeling is Verdeling.vast:
        return np.full(paden, parameter.waarde)
    draws = _draw(parameter, rng, paden)
    domain = parameter.spec.domein
    return np.clip(draws, domain.minimum, domain.maximum)


def _draw(parameter: Parameter, rng: np.random.Generator, paden: int) -> FloatArray:
    p = parameter
    if p.verdeling is Verdeling.uniform:
        return rng.uniform(_req(p.laag), _req(p.hoog), paden)
    if p.verdeling is Verdeling.driehoek:
        low, high = _req(p.laag), _req(p.hoog)
        return rng.triangular(low, p.waarde, high, paden) if high > low else np.full(paden, p.waarde)
    if p.verdeling is Verdeling.normaal:
        return rng.normal(p.waarde, _req(p.sd), paden)
    if p.verdeling is Verdeling.inverse_chi:
        freedom = _req(p.vrijheidsgraden)
        return p.waarde * np.sqrt(freedom / rng.chisquare(freedom, paden))
    return p.waarde * np.exp(rng.normal(0.0, _req(p.sd), paden))


def _req(value: float | None) -> float:
    if value is None:  # scenario_check validates this; reaching here is a programming error
        raise ValueError("distribution bound missing")
    return value
