"""What a regime file holds, and what it may say: the schema of a dated rule set (issue 24).

A regime is one piece of law or policy in motion — the law in force, a bill, an announced plan —
with its status, dates and sources, and the parameters it sets for each context. Every parameter
section is optional and every field in it too: ``None`` means *this regime does not set it*. The
base regime (``soort = "basis"``) sets every field, so any combination starts from a complete rule
set (:mod:`doorstroom.beleid.core.combineren`).

Status is data, never assumed: ``in werking`` (law in force), ``wetsvoorstel`` (a bill before
parliament), ``voornemen`` (announced, no bill), ``ingetrokken`` (withdrawn). What could not be
confirmed from a primary source is listed in ``onbevestigd`` and shown wherever the regime is.

Numbers a forecast needs but no law sets (the share of subsidiary protection, the share meeting
the income requirement) are :class:`Aanname` values with their provenance: a *judgement* is marked
as one in every output.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from doorstroom.values.domains import BRON, NAAM, TOELICHTING, TextLimit

ID_PATROON = r"^[a-z0-9][a-z0-9-]{1,39}$"
"""A regime's id: lower case, digits and hyphens, 2 to 40 characters (used in URLs and options)."""


def _tekst(limit: TextLimit) -> AfterValidator:
    def check(value: str) -> str:
        problem = limit.problem(value)
        if problem:
            raise ValueError(problem)
        return value

    return AfterValidator(check)


Titel = Annotated[str, Field(min_length=1), _tekst(TextLimit("titel", 200))]
Tekst = Annotated[str, _tekst(TOELICHTING)]
Kenmerk = Annotated[str, Field(min_length=1), _tekst(NAAM)]
Link = Annotated[str, Field(pattern=r"^https://[^\s]+$"), _tekst(BRON)]
RegimeId = Annotated[str, Field(pattern=ID_PATROON)]
Maanden = Annotated[int, Field(ge=0, le=240)]
Fractie = Annotated[float, Field(ge=0.0, le=1.0)]


class Status(StrEnum):
    """Where a rule stands (early 2026 facts come with their status, never assumed)."""

    in_werking = "in werking"
    wetsvoorstel = "wetsvoorstel"
    voornemen = "voornemen"
    ingetrokken = "ingetrokken"


class Streng(BaseModel):
    """Base of every part of a regime file: unknown keys refused, immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Bron(Streng):
    """Where a regime comes from: a law, a Kamerstuk, the Staatscourant, a regulation, a letter."""

    soort: Literal[
        "wet", "kamerstuk", "staatscourant", "regeling", "eu-verordening", "kamerbrief", "publicatie"
    ]
    titel: Titel
    kenmerk: Kenmerk | None = None
    link: Link
    datum: date | None = None
    onbevestigd: bool = False


class Herkomst(StrEnum):
    """Where a forecast assumption comes from (as the prognose marks its parameters)."""

    wet = "wet"
    gepubliceerd = "gepubliceerd"
    oordeel = "oordeel"


class Aanname(Streng):
    """A number a forecast needs that the rule itself does not set, with its provenance."""

    waarde: Fractie
    herkomst: Herkomst
    toelichting: Tekst


class Wijziging(Streng):
    """A change of one forecast parameter from the regime's start (the prognose's own mechanism)."""

    parameter: Annotated[str, Field(pattern=r"^[a-z_]{2,40}$")]
    factor: Annotated[float, Field(ge=0.0, le=1000.0)] | None = None
    plus: Annotated[float, Field(ge=-1e7, le=1e7)] | None = None
    na_maanden: Maanden = 0
    herkomst: Herkomst
    toelichting: Tekst

    @model_validator(mode="after")
    def _een_soort(self) -> Wijziging:
        if (self.factor is None) == (self.plus is None):
            raise ValueError("geef precies een van factor of plus")
        return self


class Taakstellingsparameters(Streng):
    """Huisvestingswet 2014 art. 28-31 and what counts toward a municipality's housing of permit holders."""

    met_taakstelling: bool | None = None
    doorstroomlocatie_telt: bool | None = None
    sobere_opvang_telt: bool | None = None


Voorrang = Literal["toegestaan", "afgeschaft", "gemeentelijk"]
Statustype = Literal["vluchteling", "subsidiair"]


class Dossierparameters(Streng):
    """The residence rules behind a person's file: status types, permits, nareis, housing priority."""

    statusstelsel: Literal["een", "twee"] | None = None
    vergunningsduur_maanden: Annotated[int, Field(ge=1, le=120)] | None = None
    permanente_vergunning: bool | None = None
    nareis_kerngezin: bool | None = None
    nareis_wachttijd_subsidiair_maanden: Maanden | None = None
    nareis_voorwaarden_subsidiair: bool | None = None
    voorrang: Voorrang | None = None


class Prognoseparameters(Streng):
    """What a forecast needs beyond the rules: assumptions, a nareis stop, changes of parameters."""

    aandeel_subsidiair: Aanname | None = None
    kerngezin_aandeel: Aanname | None = None
    voorwaarden_aandeel: Aanname | None = None
    realisatie_zonder_voorrang: Aanname | None = None
    nareisstop_maanden: Maanden | None = None
    wijziging: tuple[Wijziging, ...] = ()


class Koppelingparameters(Streng):
    """Whose expected nareizigers count for the size of the home a household needs."""

    nareis_in_woning: tuple[Statustype, ...] | None = None


class Spreidingparameters(Streng):
    """Reception places: distributed by law (Spreidingswet) or by voluntary provincial agreements."""

    verplicht: bool | None = None


SECTIES = ("taakstelling", "dossier", "prognose", "koppeling", "spreiding")
"""The contexts a regime sets parameters for, in the order every output lists them."""
AANNAMES = tuple(f"prognose.{naam}" for naam, veld in Prognoseparameters.model_fields.items()
                 if veld.annotation == Aanname | None)  # fmt: skip
"""Forecast assumptions: optional in every regime (the base too); a missing one has no effect."""


class Regime(Streng):
    """One dated rule set, as its file says (validated whole before anything uses or stores it)."""

    id: RegimeId
    titel: Titel
    soort: Literal["basis", "wijziging"] = "wijziging"
    status: Status
    begin: date | None = None
    eind: date | None = None
    samenvatting: Tekst
    bronnen: tuple[Bron, ...] = Field(min_length=1)
    onbevestigd: tuple[Tekst, ...] = ()
    vervangt: tuple[RegimeId, ...] = ()
    sluit_uit: tuple[RegimeId, ...] = ()
    taakstelling: Taakstellingsparameters = Taakstellingsparameters()
    dossier: Dossierparameters = Dossierparameters()
    prognose: Prognoseparameters = Prognoseparameters()
    koppeling: Koppelingparameters = Koppelingparameters()
    spreiding: Spreidingparameters = Spreidingparameters()

    @model_validator(mode="after")
    def _samenhang(self) -> Regime:
        if self.begin and self.eind and self.eind <= self.begin:
            raise ValueError("eind ligt niet na begin")
        if self.status is Status.in_werking and self.begin is None:
            raise ValueError("een regime in werking heeft een begindatum")
        if self.id in (*self.vervangt, *self.sluit_uit):
            raise ValueError("een regime kan zichzelf niet vervangen of uitsluiten")
        if self.soort == "basis":
            ontbrekend = [n for n, w in self.parameters().items() if w is None and n not in AANNAMES]
            if ontbrekend:
                raise ValueError(f"een basisregime stelt alles vast; ontbreekt: {', '.join(ontbrekend)}")
        return self

    def parameters(self) -> dict[str, object]:
        """Every scalar parameter as ``sectie.naam`` (changes of forecast parameters excluded)."""
        result: dict[str, object] = {}
        for sectie in SECTIES:
            for naam, waarde in getattr(self, sectie):
                if naam != "wijziging":
                    result[f"{sectie}.{naam}"] = waarde
        return result

    def gezet(self) -> dict[str, object]:
        """The parameters this regime sets (not ``None``)."""
        return {naam: waarde for naam, waarde in self.parameters().items() if waarde is not None}

    def geldend_op(self, datum: date) -> bool:
        """In force on ``datum``: status *in werking* and ``begin <= datum < eind``."""
        if self.status is not Status.in_werking or self.begin is None or datum < self.begin:
            return False
        return self.eind is None or datum < self.eind
