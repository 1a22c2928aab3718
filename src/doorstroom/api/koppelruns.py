"""``/koppelruns``: koppeling runs, their proposals, and decisions on them (COA)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request, Response

from doorstroom.api.afhankelijkheden import EngineDep, GebruikerDep, IfMatch, PaginaDep, verwachte_versie
from doorstroom.api.lijsten import lijst
from doorstroom.api.problemen import documentatie
from doorstroom.api.schemas import Besluit, Koppelrun, Lijst, Voorstel
from doorstroom.dossier import service as dossier
from doorstroom.dossier.service import Beoordeling, NieuweKoppelrun

router = APIRouter(prefix="/koppelruns", tags=["koppelruns"])
FOUTEN = documentatie(400, 401, 403, 404, 500, 503)
RunId = Annotated[int, Path(alias="runId", ge=1, le=2_147_483_647)]


@router.get("", response_model=Lijst[Koppelrun], responses=FOUTEN)
def lijst_runs(
    request: Request, engine: EngineDep, gebruiker: GebruikerDep, pagina: PaginaDep
) -> dict[str, Any]:
    """Opgeslagen koppelruns, nieuwste eerst (alleen COA)."""
    deel = dossier.koppelruns(engine, gebruiker, pagina)
    return lijst(request, deel.rijen, deel.totaal, pagina)


@router.post(
    "",
    status_code=201,
    response_model=Koppelrun,
    responses=documentatie(400, 401, 403, 415, 422, 500, 503),
)
def start_run(
    verzoek: NieuweKoppelrun, request: Request, engine: EngineDep, gebruiker: GebruikerDep, response: Response
) -> dict[str, Any]:
    """Start een koppelrun over de huishoudens met vergunning in de opvang die nog niet gekoppeld zijn,
    uit het dossier (geen upload); solver en tijdslimiet als bij ``doorstroom koppeling voorstel``."""
    run = dossier.koppelrun_uit_dossier(engine, gebruiker, verzoek)
    response.headers["Location"] = f"{request.scope.get('root_path', '')}/koppelruns/{run['run']}/voorstellen"
    return run


@router.get("/{runId}/voorstellen", response_model=Lijst[Voorstel], responses=FOUTEN)
def lijst_voorstellen(
    run_id: RunId, request: Request, engine: EngineDep, gebruiker: GebruikerDep, pagina: PaginaDep
) -> dict[str, Any]:
    """De voorstellen van een run met hun beoordeling en uitleg."""
    voorstellen = dossier.koppelvoorstellen(engine, gebruiker, run_id)
    return lijst(request, pagina.uit(voorstellen), len(voorstellen), pagina)


@router.post(
    "/{runId}/voorstellen/{huishoudenId}/beoordelingen",
    status_code=201,
    response_model=Besluit,
    responses=documentatie(400, 401, 403, 404, 412, 415, 422, 428, 500, 503),
)
def beoordeel(
    run_id: RunId,
    huishouden_id: Annotated[str, Path(alias="huishoudenId", max_length=40)],
    besluit: Beoordeling,
    engine: EngineDep,
    gebruiker: GebruikerDep,
    if_match: IfMatch = None,
) -> dict[str, Any]:
    """Accepteer een voorstel, of wijk af met een andere gemeente; een toelichting is altijd verplicht.

    Stuur in ``If-Match`` het aantal besluiten dat u zag (``besluiten`` van het voorstel, als ETag:
    ``"0"`` voor een open voorstel). Besliste intussen een ander, dan volgt 412 en wordt niets
    vastgelegd; zo wint van twee gelijktijdige besluiten er één. Dezelfde service en controles als
    ``doorstroom koppeling beoordeel``.
    """
    versie = verwachte_versie(if_match)
    return dossier.beoordeel_voorstel(engine, gebruiker, run_id, huishouden_id, besluit, versie)
