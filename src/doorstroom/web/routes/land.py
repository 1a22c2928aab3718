"""*Land in beeld*: every municipality's realisation for a period, as a map and a table."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from doorstroom.keten import service
from doorstroom.platform.clock import vandaag
from doorstroom.platform.errors import ConfigurationError, NotFound
from doorstroom.taakstelling.service import Schema
from doorstroom.values.periode import PERIODE_PATROON, Periode
from doorstroom.web import kaart
from doorstroom.web.sessie import GebruikerDep
from doorstroom.web.tabel import filter_rijen, sorteer
from doorstroom.web.weergeven import pagina

router = APIRouter()
KOLOMMEN = (
    "gemeentenaam",
    "provincie",
    "arbeidsmarktregio",
    "gecorrigeerde_taakstelling",
    "gerealiseerd",
    "resterend",
    "percentage",
    "status",
)
LEGENDA = [
    ("op-schema", "op schema"),
    ("licht-achter", "licht achter"),
    ("ver-achter", "ver achter"),
    ("geen", "geen gegevens of buiten uw bereik"),
]
Periodetekst = Annotated[str | None, Query(pattern=PERIODE_PATROON)]
Tekst = Annotated[str | None, Query(max_length=80)]


@router.get("/land")
def land(
    request: Request,
    gebruiker: GebruikerDep,
    periode: Periodetekst = None,
    provincie: Tekst = None,
    status: Annotated[Schema | None, Query()] = None,
    zoek: Tekst = None,
    sorteer_op: Annotated[str, Query(alias="sorteer", max_length=40)] = "gemeentenaam",
    aflopend: bool = False,
) -> Response:
    """The map coloured by schedule status, a sortable and filterable table, sums per region."""
    gekozen = Periode.parse(periode) if periode else Periode.containing(vandaag())
    try:
        beeld = service.landbeeld(request.app.state.engine, gebruiker, gekozen)
    except NotFound as error:
        return pagina(
            request, "land.html", titel="Land in beeld", periode=gekozen, beeld=None, melding=str(error)
        )
    rijen = filter_rijen(
        beeld.gemeenten,
        {"provincie": provincie, "status": status.value if status else None},
        zoek,
        "gemeentenaam",
    )
    rijen = sorteer(rijen, sorteer_op, aflopend, KOLOMMEN)
    try:
        grenzen = kaart.gemeentegrenzen()
        klassen = {
            str(r["gemeentecode"]): "kaart--" + str(r["status"]).replace(" ", "-") for r in beeld.gemeenten
        }
        titels = {
            str(r["gemeentecode"]): f"{r['gemeentenaam']}: {r['status']}, "
            f"{r['gerealiseerd']} van {r['gecorrigeerde_taakstelling']}"
            for r in beeld.gemeenten
        }
        vlakken, kaartfout = list(kaart.vlakken(grenzen, klassen, titels)), None
    except ConfigurationError as error:
        grenzen, vlakken, kaartfout = None, [], str(error)
    return pagina(
        request,
        "land.html",
        titel="Land in beeld",
        periode=gekozen,
        beeld=beeld,
        rijen=rijen,
        provincies=sorted({str(r["provincie"]) for r in beeld.gemeenten}),
        filters={"provincie": provincie or "", "status": status.value if status else "", "zoek": zoek or ""},
        sorteer_op=sorteer_op,
        aflopend=aflopend,
        kolommen=KOLOMMEN,
        statussen=[s.value for s in Schema],
        grenzen=grenzen,
        vlakken=vlakken,
        kaartfout=kaartfout,
        legenda=LEGENDA,
    )
