"""``/taakstellingen``: stored quotas and their realisation (no personal data)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from doorstroom import audit
from doorstroom.api.afhankelijkheden import EngineDep, GebruikerDep, PaginaDep
from doorstroom.api.lijsten import lijst
from doorstroom.api.problemen import documentatie
from doorstroom.api.schemas import Lijst, Taakstelling
from doorstroom.dossier import weergave
from doorstroom.reference.periode import Periode
from doorstroom.taakstelling import service as taakstelling

router = APIRouter(prefix="/taakstellingen", tags=["taakstellingen"])


def _taakstelling(periode: str, r: dict[str, Any]) -> dict[str, Any]:
    return {
        "periode": periode,
        "gemeentecode": r["gemeentecode"],
        "gemeentenaam": r["gemeentenaam"],
        "provincie": r["provincie"],
        "taakstelling": r["taakstelling"],
        "achterstand": r["achterstand"],
        "gecorrigeerdeTaakstelling": r["gecorrigeerde_taakstelling"],
        "gerealiseerd": r["gerealiseerd"],
        "resterend": r["resterend"],
        "status": r["status"],
        "peildatum": r["peildatum"],
    }


@router.get("", response_model=Lijst[Taakstelling], responses=documentatie(400, 401, 404, 422, 500, 503))
def lijst_taakstellingen(
    request: Request,
    engine: EngineDep,
    gebruiker: GebruikerDep,
    pagina: PaginaDep,
    periode: Annotated[str, Query(pattern=r"^20[0-9]{2}-[12]$", description="Halfjaar, zoals 2026-2.")],
    gemeentecode: Annotated[str | None, Query(pattern=r"^GM[0-9]{4}$")] = None,
    peildatum: Annotated[date | None, Query(description="Standaard vandaag binnen de periode.")] = None,
) -> dict[str, Any]:
    """Taakstelling en realisatie per gemeente; verhuizingen in het dossier tellen mee, nooit dubbel."""
    scope = weergave.bereik_voor(engine, gebruiker)
    vastgesteld = Periode.parse(periode)
    with audit.acting_as(gebruiker.actor):
        overzicht = taakstelling.toezicht(
            engine, vastgesteld, peildatum or taakstelling.standaard_peildatum(vastgesteld)
        )
    records = [
        _taakstelling(periode, r)
        for r in overzicht.records
        if scope.ziet_aggregaat(r["gemeentecode"]) and gemeentecode in (None, r["gemeentecode"])
    ]
    page = records[pagina.offset : pagina.offset + pagina.grootte]
    return lijst(request, page, len(records), pagina)
