"""Huisvesting endpoints (issue 25): a municipality's housing supply and plan, and the money table.

Aggregates and facilities, no personal data; the access rule decides (a municipality its own, a
province its municipalities, COA all; 404 outside the caller's scope, 403 for a role without the
permission). Figures resting on the case file are computed from at least ten persons for anyone who
may not see the persons (:mod:`doorstroom.huisvesting.core.invoer`).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from doorstroom.api.afhankelijkheden import EngineDep, GebruikerDep, PaginaDep
from doorstroom.api.lijsten import lijst
from doorstroom.api.problemen import documentatie
from doorstroom.api.schemas import Lijst, Uit
from doorstroom.huisvesting import service
from doorstroom.huisvesting.service import rijen
from doorstroom.platform.clock import lokale_tijd
from doorstroom.values.domains import PLANMAANDEN
from doorstroom.values.gemeentecode import GEMEENTECODE_PATROON

router = APIRouter(tags=["huisvesting"])
FOUTEN = documentatie(400, 401, 403, 404, 422, 500, 503)
Gemeentecode = Annotated[str, Path(pattern=GEMEENTECODE_PATROON)]


class Aanbodregel(Uit):
    """One line of a municipality's housing supply as registered now (its latest version)."""

    kenmerk: str
    naam: str
    soort: str
    eenheden: int
    personen: int
    plaatsen: int
    klasse: str
    beschikbaar: date
    einde: date | None = None
    status: str
    kosten_eenmalig: float | None = None
    kosten_per_maand: float | None = None
    bron: str
    versie: int
    geregistreerd_op: str
    geregistreerd_door: str
    reden: str


class Planmaand(Uit):
    """One month of the plan: need against supply over all classes, large households (5+) apart."""

    maand: str
    behoefte_nieuw: int
    behoefte: int
    behoefte_p10: int | None = None
    behoefte_p90: int | None = None
    huishoudens: int
    aanbod: int
    gehuisvest: int
    saldo: int
    tekort: int
    overschot: int
    behoefte_5plus: int
    aanbod_5plus: int
    tekort_5plus: int
    eindigt: int
    achter: str
    bron: str


class Regeling(Uit):
    """One financial arrangement with its amount, validity, source and mark (gepubliceerd/inschatting)."""

    sleutel: str
    regeling: str
    richting: str
    grondslag: str
    soorten: str
    bedrag: float
    bedrag_hoog: float | None = None
    aandeel: float | None = None
    eenheid: str
    geldig_van: date | None = None
    geldig_tot: date | None = None
    status: str
    bron: str
    toelichting: str


def _pagina(request: Request, rijen_: list[Any], pagina: Any) -> dict[str, Any]:
    return lijst(request, pagina.uit(rijen_), len(rijen_), pagina)


@router.get("/gemeenten/{gemeentecode}/woningaanbod", response_model=Lijst[Aanbodregel], responses=FOUTEN)
def woningaanbod(
    request: Request,
    engine: EngineDep,
    gebruiker: GebruikerDep,
    pagina: PaginaDep,
    gemeentecode: Gemeentecode,
) -> dict[str, Any]:
    """Het woningaanbod van een gemeente: elke regel zoals nu geregistreerd, met versie, wie en waarom."""
    versies = service.aanbod(engine, gebruiker, gemeentecode)
    return _pagina(request, rijen.aanbodrijen(versies, None, lokale_tijd), pagina)


@router.get("/gemeenten/{gemeentecode}/huisvestingsplan", response_model=Lijst[Planmaand], responses=FOUTEN)
def huisvestingsplan(
    request: Request,
    engine: EngineDep,
    gebruiker: GebruikerDep,
    pagina: PaginaDep,
    gemeentecode: Gemeentecode,
    maanden: Annotated[int, Query(ge=int(PLANMAANDEN.minimum), le=int(PLANMAANDEN.maximum))] = 12,
    meetellen: service.Meetellen = service.Meetellen.alles,
    scenario: service.Scenario = service.Scenario.midden,
) -> dict[str, Any]:
    """Aanbod tegen behoefte per maand (grote huishoudens apart), tekort en of de gemeente achter loopt."""
    verzoek = service.Planverzoek(gemeentecode, maanden=maanden, meetellen=meetellen, scenario=scenario)
    p = service.plan(engine, gebruiker, verzoek)
    return _pagina(request, rijen.maandrijen(p.plan, p.band), pagina)


@router.get("/regelingen", response_model=Lijst[Regeling], responses=FOUTEN)
def regelingen(
    request: Request, engine: EngineDep, gebruiker: GebruikerDep, pagina: PaginaDep
) -> dict[str, Any]:
    """De tabel met financiële regelingen in gebruik: bedrag, geldigheid, bron en status."""
    tabel = service.huidige_regelingen(engine, gebruiker)
    return _pagina(request, rijen.regelingrijen(tabel.regelingen), pagina)
