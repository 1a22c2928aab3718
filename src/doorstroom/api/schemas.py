"""Response bodies of the API (request bodies are the services' own models in doorstroom.dossier)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic.alias_generators import to_camel

from doorstroom.dossier.service import Bsn, Vnummer
from doorstroom.values import afscherming

T = TypeVar("T")


def _afgeschermd(waarde: object) -> object:
    return afscherming.TEKST if waarde is None else waarde


Telling = Annotated[
    int | Literal["< 10"],
    BeforeValidator(_afgeschermd),
    Field(
        description="Aantal personen; '< 10' als het op minder dan tien personen rust die u niet mag zien."
    ),
]
"""A count of persons as the caller may see it (:mod:`doorstroom.values.afscherming`)."""


class Uit(BaseModel):
    """Base of response models: camelCase JSON names."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, serialize_by_alias=True)


class Persoon(Uit):
    """A person in the case file; ``bsn`` and ``vnummer`` only for roles that need them."""

    id: str
    geslachtsnaam: str
    voornamen: str | None = None
    geboortedatum: date
    geslacht: str | None = Field(default=None, description="BRP-geslachtsaanduiding: M, V of O (onbekend).")
    gemeentecode: str | None = None
    huishouden_id: str | None = None
    casemanager: str | None = None
    fase: str = Field(description="nieuw, opvang, gekoppeld, gehuisvest, inburgering of afgerond")
    in_opvang: bool
    versie: int = Field(description="Versienummer; ook de ETag.")
    aangemaakt_op: str
    vnummer: str | None = None
    bsn: str | None = None


class Huishouden(Uit):
    """A household and the ids of its members within the caller's scope."""

    id: str
    referentie: str | None = None
    gemeentecode: str | None = None
    leden: list[str]
    versie: int
    aangemaakt_op: str


class Gebeurtenis(Uit):
    """An event on a person's timeline, with its provenance."""

    id: str
    persoon_id: str
    soort: str
    datum: date
    gegevens: dict[str, Any]
    bron: str
    vervangt: str | None = None
    ingetrokken: bool
    toelichting: str | None = None
    vastgelegd_op: str
    vastgelegd_door: str


class Termijn(Uit):
    """An open legal deadline of one person, with whom it is for."""

    persoon_id: str
    naam: str = Field(description="Geslachtsnaam, voornamen.")
    huishouden_id: str | None = None
    huishouden: str | None = Field(None, description="COA-referentie van het huishouden.")
    fase: str
    gemeentecode: str | None = None
    casemanager: str | None = None
    regel: str
    omschrijving: str
    start: date
    vervaldatum: date
    status: str = Field(description="open, binnenkort of verlopen")
    bron: str = Field(description="Wettelijke bron van de regel.")


class TvsTijdlijn(Uit):
    """The TVS timeline of one linked household (COA's taakstellingvolgsysteem)."""

    huishouden_id: str | None = Field(default=None, description="Leeg voor een alleenstaande.")
    persoon_id: str = Field(description="Het eerste lid: de koppeling geldt voor het hele huishouden.")
    personen: int = Field(description="Leden binnen uw bereik.")
    gemeentecode: str
    koppeldatum: date
    aanbod_uiterlijk: date = Field(description="Woningaanbod uiterlijk: 10 weken na de koppeling.")
    aanbod: date | None = None
    verhuizing_uiterlijk: date = Field(description="2 weken na het aanbod, uiterlijk 3 maanden na koppeling.")
    huisvesting: date | None = None
    status: str = Field(description="op schema, te laat of verschoonbaar")
    reden: str


class Signaal(BaseModel):
    """A signal to a municipality as a CloudEvent (NL GOV profile, JSON); no personal data."""

    specversion: str
    id: str
    source: str
    type: str
    subject: str = Field(description="Id van het huishouden.")
    time: str
    datacontenttype: str
    data: dict[str, Any] = Field(description="Gemeentecode, koppeldatum, TVS-termijnen en een link.")


class Links(BaseModel):
    """Links to this, the next and the previous page."""

    self: str
    volgende: str | None = None
    vorige: str | None = None


class Lijst(Uit, Generic[T]):
    """A page of results."""

    resultaten: list[T]
    pagina: int
    pagina_grootte: int
    totaal_aantal: int
    totaal_paginas: int
    links: Links


class Aantallen(Uit):
    """Counts of a municipality's case files (no personal data)."""

    personen: Telling = 0
    in_opvang: Telling = 0
    per_fase: dict[str, Telling] = Field(default_factory=dict)
    termijnen: dict[str, Telling] | None = Field(default=None, description="Open termijnen per status.")


class Gemeente(Uit):
    """A municipality of the list in use, with case-file counts when within the caller's scope."""

    code: str
    naam: str
    provincie: str
    inwoners: int
    arbeidsmarktregio: str | None = None
    dossier: Aantallen | None = None


class Taakstelling(Uit):
    """A municipality's quota and realisation in a stored period."""

    periode: str
    gemeentecode: str
    gemeentenaam: str
    provincie: str
    taakstelling: int
    achterstand: int
    gecorrigeerde_taakstelling: int
    gerealiseerd: int
    resterend: int
    status: str
    peildatum: date


class Koppelrun(Uit):
    """A stored koppeling run."""

    run: int
    aangemaakt_op: str
    solver: str
    status: str
    gap: float | None = None
    synthetisch: bool
    voorstellen: int
    open: int
    opgeschoond_op: str | None = None


class Voorstel(Uit):
    """A proposal of a run as it stands: the latest decision holds, earlier ones stay in its history."""

    huishouden_id: str
    gemeentecode: str | None = None
    gemeentenaam: str | None = None
    personen: int
    score: float | None = None
    beoordeling: str
    definitief: str | None = None
    definitief_naam: str | None = None
    besluiten: int = Field(
        default=0, description="Aantal besluiten tot nu toe; stuur het als ETag in If-Match bij een besluit."
    )
    door: str | None = None
    op: str | None = None
    uitleg: str


class Aanmeldingspersoon(Uit):
    """One of the two files of an aanmelding, shown only as far as needed to compare them."""

    id: str | None = None
    geslachtsnaam: str | None = None
    voornamen: str | None = None
    geboortedatum: date | None = None
    gemeentecode: str | None = None
    fase: str | None = None


class Aanmelding(Uit):
    """A file opened with a BSN or V-number that another file holds, and COA's decision on it."""

    id: str
    soort: str = Field(description="BSN of V-nummer")
    status: str = Field(description="open, toegekend, afgewezen of ingetrokken")
    gemeentecode: str | None = None
    aangevraagd_door: str
    aangevraagd_op: str
    nieuw: Aanmeldingspersoon
    bestaand: Aanmeldingspersoon
    besloten_door: str | None = None
    besloten_op: str | None = None
    toelichting: str | None = None


class Besluit(Uit):
    """One decision on a proposal, as appended to the run's history."""

    run: int
    huishouden_id: str
    besluit_id: int
    beoordeling: str
    voorgesteld: str | None = None
    voorgesteld_naam: str | None = None
    gemeentecode: str
    gemeentenaam: str | None = None
    door: str
    op: str
    toelichting: str | None = None


class Auditregel(Uit):
    """One line of the audit trail (references and field names, no personal data)."""

    id: int
    volgnummer: int
    moment: str
    actor: str
    actie: str
    objecttype: str
    objectref: str
    aantal: int
    velden: list[str]
    objecten: list[str]
    doel: str
    hash: str


class Auditcontrole(Uit):
    """Outcome of verifying the hash chain."""

    intact: bool
    regels: int
    kop_hash: str
    fout_id: int | None = None
    fout_volgnummer: int | None = None
    reden: str | None = None
    ankers: int = Field(
        default=0, description="Aantal ankers (DOORSTROOM_AUDIT_ANKER) waartegen gecontroleerd."
    )
    anker: str | None = Field(
        default=None, description="Het anker waar de keten niet bij past (plaats en rij)."
    )


class Gezondheid(Uit):
    """Liveness and readiness."""

    status: str = Field(
        description="ok, of 'niet gereed' als de database niet bereikbaar of niet gemigreerd is"
    )
    database: str
    schema_versie: str | None = None
    versie: str


class Zoekvraag(BaseModel):
    """Search by BSN, V-number or name: in the body, never in a URL (ADR no-sensitive-uris).

    A name finds the files whose name holds every word given, in any order and case, as Dutch lists
    file them (:mod:`doorstroom.values.naam`: "de vries" finds "de Vries, Sanne"), at most fifty.

    The BSN is checked by the one BSN rule (:mod:`doorstroom.dossier.bsn`, the eleven-test), as when a
    file is opened: a number that cannot be a BSN is a 400 naming ``bsn``, not an empty result.
    """

    model_config = ConfigDict(extra="forbid")

    bsn: Bsn | None = None
    vnummer: Vnummer | None = None
    naam: Annotated[str | None, Field(max_length=200)] = None


class Importresultaat(Uit):
    """What an import changed."""

    rijen: int
    nieuwe_personen: int
    nieuwe_huishoudens: int
    nieuwe_gebeurtenissen: int


class Monitorindicator(Uit):
    """An indicator of the monitor with its one definition (docs/monitor.md)."""

    naam: str
    titel: str
    soort: Literal["aantal", "aandeel", "mediaan"]
    eenheid: str
    definitie: str
    bron: str
    regel: str


class Monitorcijfer(Uit):
    """One protected figure: unit, group, persons (or why withheld) and the value."""

    jaar: int = Field(description="Cohortjaar.")
    eenheidsoort: Literal["gemeente", "grootteklasse", "provincie", "land"]
    eenheid: str = Field(description="Gemeentecode, grootteklasse, provincie of 'Nederland'.")
    uitsplitsing: Literal["totaal", "huishouden", "leeftijd", "geslacht"]
    groep: str
    personen: int | Literal["< 10", "afgeschermd"] = Field(
        description="Aantal personen; '< 10' onder de tien, 'afgeschermd' om een ander cijfer te beschermen."
    )
    waarde: float | None = Field(description="Procent, mediaan in dagen of aantal; leeg als afgeschermd.")


class Monitorverdeling(Uit):
    """Where the caller's municipality stands among the shown municipal figures of an area."""

    jaar: int
    eenheidsoort: Literal["grootteklasse", "provincie", "land"]
    eenheid: str
    gemeenten: int
    minimum: float | None = None
    kwartiel1: float | None = None
    mediaan: float | None = None
    kwartiel3: float | None = None
    maximum: float | None = None
    lager: int | None = None
    hoger: int | None = None


class Monitorcijfers(Uit):
    """One indicator's protected figures per cohort year, as the caller may see them."""

    indicator: Monitorindicator
    cohort: Literal["huisvesting", "vergunning"]
    peildatum: date
    eigen_gemeente: str | None = None
    cijfers: list[Monitorcijfer]
    vergelijkingen: list[Monitorverdeling]
