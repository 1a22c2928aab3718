"""*Regio*: reception required, present and occupied beside housing per province, labour-market region
or COROP area, and the in-region match (issue 13): a map when boundaries are available, a table always."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from doorstroom.platform.errors import ConfigurationError
from doorstroom.reference.service import gemeenten_in_gebruik
from doorstroom.spreiding import service as spreiding
from doorstroom.spreiding.service import Regiosoort
from doorstroom.values.periode import PERIODE_PATROON, Periode
from doorstroom.web import kaart
from doorstroom.web.sessie import GebruikerDep
from doorstroom.web.weergeven import pagina

router = APIRouter()
LEGENDA = [
    ("neg", "te weinig plaatsen"),
    ("n0", "0–10 % meer dan nodig"),
    ("n1", "10–25 % meer"),
    ("n2", "25–50 % meer"),
    ("n3", "meer dan 50 % meer"),
    ("geen", "geen gegevens"),
]


def klasse(aanwezig: int, nodig: int) -> str:
    """The map colour of a region by places present against required."""
    if nodig <= 0:
        return "kaart--geen"
    verhouding = aanwezig / nodig - 1
    if verhouding < 0:
        return "kaart--neg"
    return "kaart--" + (
        "n0" if verhouding < 0.1 else "n1" if verhouding < 0.25 else "n2" if verhouding < 0.5 else "n3"
    )


@router.get("/regio")
def regio(
    request: Request,
    gebruiker: GebruikerDep,
    per: Annotated[Regiosoort, Query()] = Regiosoort.provincie,
    raming: Annotated[date | None, Query()] = None,
    periode: Annotated[str | None, Query(pattern=PERIODE_PATROON)] = None,
) -> Response:
    """The region view with its explanation lines, a map coloured by places present against required."""
    engine = request.app.state.engine
    overzicht = spreiding.regio(engine, gebruiker, per, raming, Periode.parse(periode) if periode else None)
    per_regio = {str(r[per.value]): r for r in overzicht.records}
    regio_van = {g.code: str(getattr(g, per.value) or "") for g in gemeenten_in_gebruik(engine)}
    try:
        grenzen = kaart.gemeentegrenzen()
        klassen, titels = {}, {}
        for code, naam in regio_van.items():
            rij = per_regio.get(naam)
            if rij is not None:
                klassen[code] = klasse(int(rij["plaatsen_aanwezig"]), int(rij["plaatsen_nodig"]))
                titels[code] = f"{naam}: {rij['plaatsen_aanwezig']} aanwezig, {rij['plaatsen_nodig']} nodig"
        vlakken, kaartfout = list(kaart.vlakken(grenzen, klassen, titels)), None
    except ConfigurationError as error:
        grenzen, vlakken, kaartfout = None, [], str(error)
    return pagina(
        request,
        "regio.html",
        titel="Regio",
        overzicht=overzicht,
        per=per.value,
        soorten=[s.value for s in Regiosoort],
        ramingen=spreiding.ramingen(),
        raming=raming or spreiding.standaard_raming(),
        periode=periode or "",
        grenzen=grenzen,
        vlakken=vlakken,
        kaartfout=kaartfout,
        legenda=LEGENDA,
    )
