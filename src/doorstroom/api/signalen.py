"""``/signalen``: what needs the municipality's action, as CloudEvents from its outbox (issue 23)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from doorstroom.api.afhankelijkheden import EngineDep, GebruikerDep, PaginaDep
from doorstroom.api.lijsten import lijst
from doorstroom.api.problemen import documentatie
from doorstroom.api.schemas import Lijst, Signaal
from doorstroom.dossier import service as dossier

router = APIRouter(prefix="/signalen", tags=["signalen"])


@router.get("", response_model=Lijst[Signaal], responses=documentatie(400, 401, 403, 500, 503))
def lijst_signalen(
    request: Request, engine: EngineDep, gebruiker: GebruikerDep, pagina: PaginaDep
) -> dict[str, Any]:
    """Signalen voor uw gemeente, nieuwste eerst (CloudEvents, NL GOV-profiel): een nieuwe koppeling met
    de TVS-termijnen. Zonder persoonsgegevens; ``data.link`` haalt u op met uw eigen token."""
    data, totaal = dossier.signalen(engine, gebruiker, pagina)
    return lijst(request, data, totaal, pagina)
