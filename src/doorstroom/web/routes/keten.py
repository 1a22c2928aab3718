"""*Keten*: the home page — the chain for a chosen country, province or municipality."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from doorstroom.keten import service
from doorstroom.web.grafieken import ketenwaaiers
from doorstroom.web.sessie import GebruikerDep
from doorstroom.web.sjablonen import menu
from doorstroom.web.weergeven import pagina

router = APIRouter()


@router.get("/")
def keten(
    request: Request,
    gebruiker: GebruikerDep,
    blik: Annotated[str | None, Query(max_length=80)] = None,
    prognose: Annotated[int | None, Query(ge=1, le=2_147_483_647)] = None,
) -> Response:
    """People in reception, waiting for a home, housed, in integration; the forecast beside history."""
    eigen = menu(gebruiker)
    if eigen and eigen[0][1] != "/":
        return RedirectResponse(eigen[0][1], status_code=303)
    beeld = service.ketenbeeld(request.app.state.engine, gebruiker, blik, prognose)
    provincie = beeld.blik.waarde if beeld.blik.soort == "provincie" else None
    grafieken = ketenwaaiers(beeld.prognose, provincie, beeld.historie) if beeld.prognose else []
    return pagina(request, "keten.html", titel="Keten", beeld=beeld, grafieken=grafieken)
