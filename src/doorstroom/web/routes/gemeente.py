"""*Gemeente*: quota, swaps, carry-over, realisation, waiting households, integration of a municipality."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from doorstroom.keten import service
from doorstroom.platform.clock import vandaag
from doorstroom.values.gemeentecode import GEMEENTECODE_PATROON
from doorstroom.values.periode import PERIODE_PATROON, Periode
from doorstroom.web.grafieken import staven
from doorstroom.web.sessie import GebruikerDep
from doorstroom.web.weergeven import pagina

router = APIRouter()
Periodetekst = Annotated[str | None, Query(pattern=PERIODE_PATROON)]


@router.get("/gemeente")
def kies_gemeente(request: Request, gebruiker: GebruikerDep) -> Response:
    """A user with one municipality in scope goes to its page; others choose from theirs."""
    keuzes = service.gemeentekeuzes(request.app.state.engine, gebruiker)
    if len(keuzes) == 1:
        return RedirectResponse(f"/gemeente/{keuzes[0].waarde}", status_code=303)
    return pagina(request, "gemeenten.html", titel="Gemeente kiezen", keuzes=keuzes)


@router.get("/gemeente/{code}")
def gemeente(
    request: Request,
    gebruiker: GebruikerDep,
    code: Annotated[str, Path(pattern=GEMEENTECODE_PATROON)],
    periode: Periodetekst = None,
) -> Response:
    """The municipality's page for a period (default: the current half year)."""
    gekozen = Periode.parse(periode) if periode else Periode.containing(vandaag())
    beeld = service.gemeentebeeld(request.app.state.engine, gebruiker, code, gekozen)
    grafiek = staven(
        "grafiek-per-maand",
        f"Gehuisvest per maand, {gekozen}",
        [r["maand"] for r in beeld.per_maand],
        [r["gehuisvest"] for r in beeld.per_maand],
        "gehuisvest",
    )
    return pagina(request, "gemeente.html", titel=beeld.gemeente["naam"], beeld=beeld, grafieken=[grafiek])
