"""The municipality's inbox: the signals of its outbox as a page (issue 23).

A municipality learned of a new koppeling only by looking; the decision now writes a signal to its
outbox (:mod:`doorstroom.dossier.signalen`), which systems read at ``GET /api/v1/signalen``. This
page shows the same signals to the case worker, newest first, with the TVS due dates they carry.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from doorstroom.dossier import service as dossier
from doorstroom.platform.paging import Pagina
from doorstroom.web.sessie import GebruikerDep
from doorstroom.web.weergeven import pagina

router = APIRouter()
GROOTTE = 50
SOORTEN = {"nl.doorstroom.koppeling.nieuw": "nieuwe koppeling"}
"""Each signal's type in the user's words (the API keeps the CloudEvents type)."""


@router.get("/dossier/signalen")
def signalen(
    request: Request,
    gebruiker: GebruikerDep,
    pagina_nr: Annotated[int, Query(alias="pagina", ge=1, le=100_000)] = 1,
) -> Response:
    """The signals for the municipalities within scope, newest first, a page at a time."""
    rijen, totaal = dossier.signalen(request.app.state.engine, gebruiker, Pagina(pagina_nr, GROOTTE))
    return pagina(
        request,
        "signalen.html",
        titel="Meldingen",
        rijen=[{**r, "soortnaam": SOORTEN.get(str(r["type"]), str(r["type"]))} for r in rijen],
        totaal=totaal,
        nummer=pagina_nr,
        paginas=max(1, -(-totaal // GROOTTE)),
    )
