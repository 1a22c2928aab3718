"""Spreiding endpoints (issue 13): reception places per province and municipality, the region view,
the locations register and the capacity estimates. Aggregates and facilities, no personal data; the
role rules are :mod:`doorstroom.spreiding.raadplegen`'s (a beheerder gets 403; locations only within
the caller's municipality or province, 404 outside)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from doorstroom.api.afhankelijkheden import EngineDep, GebruikerDep, PaginaDep
from doorstroom.api.lijsten import lijst
from doorstroom.api.problemen import documentatie
from doorstroom.api.schemas import Lijst, Uit
from doorstroom.spreiding import service as spreidingsdienst
from doorstroom.spreiding.service import Regiosoort
from doorstroom.values.domains import TAAKSTELLING_LANDELIJK
from doorstroom.values.gemeentecode import GEMEENTECODE_PATROON
from doorstroom.values.periode import PERIODE_PATROON, Periode

router = APIRouter(tags=["spreiding"])
FOUTEN = documentatie(400, 401, 403, 422, 500, 503)
Raming = Annotated[
    date | None,
    Query(description="Datum van de capaciteitsraming (zie /capaciteitsramingen); standaard de nieuwste."),
]
Peildatum = Annotated[
    date | None, Query(ge=date(2000, 1, 1), le=date(2100, 12, 31), description="Standaard vandaag.")
]


class Niveau(StrEnum):
    """Rows per province or per municipality."""

    provincie = "provincie"
    gemeente = "gemeente"


class Capaciteitsraming(Uit):
    """A published capacity estimate: national places with the date it was set."""

    datum: date
    totaal: int
    amv: int | None = None
    bron: str


class Opvangopgave(Uit):
    """Reception places a province or municipality must provide (Spreidingswet), durable places counted."""

    provincie: str
    gemeentecode: str | None = None
    gemeentenaam: str | None = None
    gemeenten: int | None = None
    inwoners: int
    correctiefactor: float
    exact: float
    opgave: int
    amv: int
    bestaand_duurzaam: int
    bestaand_amv: int
    nog_te_realiseren: int
    amv_nog_te_realiseren: int
    overschot: int
    aanbod: int | None = None
    verschil: int | None = None
    positie: str | None = None
    correctie_toegepast: bool


class Regio(Uit):
    """One region of the region view: reception required, present and occupied; housing and the match."""

    regio: str
    gemeenten: int
    inwoners: int
    plaatsen_nodig: int
    amv_nodig: int
    locaties: int
    plaatsen_aanwezig: int
    duurzaam_aanwezig: int
    amv_aanwezig: int
    verschil_plaatsen: int
    bezetting: int
    bezettingsgraad: float | None = None
    vergunninghouders_in_opvang: int
    taakstelling: int
    resterend: int
    huisvesting_in_regio: int
    buiten_regio: int
    ruimte_voor_anderen: int


class Opvanglocatie(Uit):
    """A reception location as registered now (its latest version)."""

    locatie_id: str
    naam: str
    soort: str
    gemeentecode: str
    gemeentenaam: str
    capaciteit: int
    bezetting: int
    vergunninghouders: int
    amv_capaciteit: int
    opening: date
    sluiting: date | None = None
    duurzaam: str | None = None
    voldoet_aan_criterium: str | None = None
    telt_als_duurzaam: str | None = None
    versie: int
    geregistreerd_op: str
    geregistreerd_door: str


class Locatieversie(Opvanglocatie):
    """One registered version of a location: who, when, why, and what it changed."""

    reden: str
    bron: str
    wijziging: str


def _pagina(request: Request, rijen: list[Any], pagina: Any) -> dict[str, Any]:
    return lijst(request, pagina.uit(rijen), len(rijen), pagina)


@router.get(
    "/capaciteitsramingen",
    response_model=Lijst[Capaciteitsraming],
    responses=documentatie(400, 401, 403, 500, 503),
)
def capaciteitsramingen(request: Request, gebruiker: GebruikerDep, pagina: PaginaDep) -> dict[str, Any]:
    """De ingebouwde capaciteitsramingen, oudste eerst (ramingen worden herzien: elke heeft een datum)."""
    rijen = [
        {"datum": r.datum, "totaal": r.totaal, "amv": r.amv, "bron": r.bron}
        for r in spreidingsdienst.ramingen_voor(gebruiker)
    ]
    return _pagina(request, rijen, pagina)


@router.get(
    "/opvangopgaven", response_model=Lijst[Opvangopgave], response_model_exclude_none=True, responses=FOUTEN
)
def opvangopgaven(
    request: Request,
    engine: EngineDep,
    gebruiker: GebruikerDep,
    pagina: PaginaDep,
    raming: Raming = None,
    niveau: Niveau = Niveau.provincie,
    peildatum: Peildatum = None,
) -> dict[str, Any]:
    """Opvangplaatsen per provincie of gemeente: naar inwoners verdeeld, in hele plaatsen.

    Bestaande duurzame plaatsen tellen mee.
    """
    spreiding = spreidingsdienst.opgaven(engine, gebruiker, raming, peildatum)
    rijen = spreiding.provincies if niveau is Niveau.provincie else spreiding.gemeenten
    return _pagina(request, [{k: v for k, v in r.items() if k != "plan"} for r in rijen], pagina)


@router.get("/regio-overzichten", response_model=Lijst[Regio], responses=FOUTEN)
def regio_overzichten(
    request: Request,
    engine: EngineDep,
    gebruiker: GebruikerDep,
    pagina: PaginaDep,
    indeling: Annotated[
        Regiosoort, Query(description="provincie, arbeidsmarktregio of coropgebied")
    ] = Regiosoort.provincie,
    raming: Raming = None,
    periode: Annotated[
        str | None,
        Query(
            pattern=PERIODE_PATROON,
            description="Halfjaar van de taakstelling; standaard dat van de peildatum.",
        ),
    ] = None,
    peildatum: Peildatum = None,
    taakstelling: Annotated[
        int | None,
        Query(
            ge=int(TAAKSTELLING_LANDELIJK.minimum),
            le=int(TAAKSTELLING_LANDELIJK.maximum),
            description="Landelijke taakstelling (personen) voor een halfjaar dat niet is vastgesteld.",
        ),
    ] = None,
) -> dict[str, Any]:
    """Opvang nodig, aanwezig en bezet naast de taakstelling per regio.

    Met de koppeling in de regio: hoeveel vergunninghouders in de regio van opvang gehuisvest kunnen worden.
    """
    overzicht = spreidingsdienst.regio(
        engine,
        gebruiker,
        indeling,
        raming,
        Periode.parse(periode) if periode else None,
        peildatum,
        taakstelling,
    )
    rijen = [
        {"regio": r[indeling.value], **{k: v for k, v in r.items() if k != indeling.value}}
        for r in overzicht.records
    ]
    return _pagina(request, rijen, pagina)


@router.get("/opvanglocaties", response_model=Lijst[Opvanglocatie], responses=FOUTEN)
def opvanglocaties(
    request: Request,
    engine: EngineDep,
    gebruiker: GebruikerDep,
    pagina: PaginaDep,
    open_op: Annotated[
        date | None,
        Query(
            alias="openOp",
            ge=date(1900, 1, 1),
            le=date(2100, 12, 31),
            description="Alleen locaties open op deze dag.",
        ),
    ] = None,
    gemeentecode: Annotated[str | None, Query(pattern=GEMEENTECODE_PATROON)] = None,
) -> dict[str, Any]:
    """Opvanglocaties binnen uw bereik (COA alle, provincie de eigen gemeenten, gemeente de eigen)."""
    return _pagina(request, spreidingsdienst.locaties(engine, gebruiker, open_op, gemeentecode), pagina)


@router.get(
    "/opvanglocaties/{locatieId}/versies",
    response_model=Lijst[Locatieversie],
    responses=documentatie(400, 401, 403, 404, 500, 503),
)
def locatieversies(
    request: Request,
    engine: EngineDep,
    gebruiker: GebruikerDep,
    pagina: PaginaDep,
    locatie_id: Annotated[str, Path(alias="locatieId", min_length=1, max_length=40)],
) -> dict[str, Any]:
    """Elke geregistreerde versie van een locatie: wie, wanneer, waarom en wat er veranderde."""
    return _pagina(request, spreidingsdienst.versies(engine, gebruiker, locatie_id), pagina)
