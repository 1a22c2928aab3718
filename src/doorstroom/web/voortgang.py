"""The progress page and the polled progress partial of a background task (:mod:`.taken`).

A forecast and a koppeling run are both started as a task; both pages show the same progress and
send the browser on to the stored result once it is there, so the two routes share this one view.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from doorstroom.web.taken import Taak
from doorstroom.web.weergeven import pagina


def voortgangspagina(
    request: Request, taak: Taak, titel: str, terug: str, stand: str, resultaat: str
) -> Response:
    """The task's page while it runs (polling ``stand``); the result (``resultaat``) once done."""
    if taak.status == "klaar":
        return RedirectResponse(resultaat, status_code=303)
    return pagina(request, "taak.html", titel=titel, taak=taak, terug=terug, stand=stand)


def voortgangsstand(request: Request, taak: Taak, stand: str, resultaat: str) -> Response:
    """The partial htmx polls; when the task is done it tells the browser to go to ``resultaat``."""
    klaar = resultaat if taak.status == "klaar" else None
    response = pagina(request, "_taak.html", taak=taak, stand=stand, klaar=klaar)
    if klaar:
        response.headers["HX-Redirect"] = klaar
    return response
