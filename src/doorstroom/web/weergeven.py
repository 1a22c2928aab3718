"""Rendering a page or a partial, and the HTML answer to every error (never problem+json here)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePath
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from doorstroom.platform.asgi import toegestane_methoden
from doorstroom.platform.errors import (
    Busy,
    ConfigurationError,
    Conflict,
    InputError,
    NotFound,
    PermissionDenied,
    Problem,
    SchijfVol,
    Verouderd,
)
from doorstroom.values import validatie
from doorstroom.web.sessie import NietAangemeld, OngeldigFormulier
from doorstroom.web.sjablonen import context


def pagina(request: Request, sjabloon: str, status: int = 200, **waarden: Any) -> HTMLResponse:
    """``sjabloon`` rendered with the common context and ``waarden``."""
    sjablonen = request.app.state.sjablonen
    waarden.setdefault("omgeving_label", request.app.state.omgeving_label)
    return sjablonen.TemplateResponse(  # type: ignore[no-any-return]
        request, sjabloon, context(request, **waarden), status_code=status
    )


def problemen(fout: InputError) -> list[str]:
    """The problems of an input error as lines for a person (field first, never the value sent)."""
    return [_regel(p) for p in fout.problems]


def _regel(p: Problem) -> str:
    """A form's problem by its field; a file's by file name, row and column, so the user can find the
    cell in Excel (the server's temporary folder of an upload means nothing to them)."""
    if p.file is None and p.row is None:
        return f"{p.field}: {p.message}" if p.field else p.message
    return replace(p, file=PurePath(p.file).name if p.file else None).tekst()


def foutpagina(
    request: Request, status: int, titel: str, tekst: str, lijst: list[str] | None = None
) -> HTMLResponse:
    """An error page with the site's layout."""
    return pagina(request, "fout.html", status, titel=titel, tekst=tekst, problemen=lijst or [])


async def niet_aangemeld(request: Request, error: Exception) -> Response:
    """To the login page, and back here afterwards (a path on this site only)."""
    terug = request.url.path if request.method == "GET" else "/"
    if request.headers.get("hx-request"):
        return Response(status_code=401, headers={"HX-Redirect": "/aanmelden"})
    return RedirectResponse(f"/aanmelden?terug={terug}", status_code=303)


async def ongeldig_formulier(request: Request, error: Exception) -> Response:
    return foutpagina(
        request,
        403,
        "Formulier verlopen",
        "Dit formulier is verlopen of kwam niet van deze site. Open de pagina opnieuw en probeer het "
        "nog eens.",
    )


async def domeinfout(request: Request, error: Exception) -> Response:
    """The context's exceptions as pages: not found 404, no access 403, input 422, busy 503, disk full
    507."""
    if isinstance(error, NotFound):
        return foutpagina(request, 404, "Niet gevonden", str(error))
    if isinstance(error, PermissionDenied):
        return foutpagina(request, 403, "Geen toegang", f"Uw rol heeft hier geen toegang: {error}")
    if isinstance(error, InputError):
        return foutpagina(request, 422, "Invoer klopt niet", "Pas de invoer aan:", problemen(error))
    if isinstance(error, Conflict | Verouderd):
        return foutpagina(request, 409, "Conflict", str(error))
    if isinstance(error, Busy):
        return foutpagina(
            request,
            503,
            "Even bezet",
            "De database is bezet; er is niets opgeslagen. Probeer het zo nog eens.",
        )
    if isinstance(error, ConfigurationError):
        return foutpagina(request, 503, "Niet beschikbaar", str(error))
    if isinstance(error, SchijfVol):
        return foutpagina(
            request,
            507,
            "Schijf vol",
            "De schijf van de database is vol; er is niets opgeslagen. Meld het aan de beheerder en probeer "
            "het opnieuw als er weer ruimte is.",
        )
    raise error


async def ongeldig_verzoek(request: Request, error: Exception) -> Response:
    fouten = error.errors() if isinstance(error, RequestValidationError) else []
    lijst = [f"{validatie.veld(e)}: {validatie.reden(e)}" for e in fouten]
    return foutpagina(request, 400, "Ongeldig verzoek", "Het verzoek klopt niet:", lijst)


async def http_fout(request: Request, error: Exception) -> Response:
    status = error.status_code if isinstance(error, StarletteHTTPException) else 500
    if status == 404:
        return foutpagina(request, 404, "Niet gevonden", "Deze pagina bestaat niet.")
    if status == 405:
        pagina_ = foutpagina(request, 405, "Niet toegestaan", "Deze handeling kan hier niet.")
        pagina_.headers["Allow"] = toegestane_methoden(request.app.router.routes, request.scope)
        return pagina_
    return foutpagina(request, status, "Fout", "Het verzoek kon niet worden uitgevoerd.")


async def interne_fout(request: Request, error: Exception) -> Response:
    """A defect: the site's error page with the request's reference, the one its log line carries
    (:func:`doorstroom.platform.asgi.log_crash`); never the exception's message (it may quote personal
    data). Without this handler Starlette answered a plain 'Internal Server Error' without reference."""
    referentie = getattr(request.state, "request_id", None)
    tekst = "Er ging iets mis; er is niets half opgeslagen."
    if referentie:
        tekst += f" Meld referentie {referentie} aan de beheerder."
    return foutpagina(request, 500, "Er ging iets mis", tekst)


HANDLERS = {
    NietAangemeld: niet_aangemeld,
    OngeldigFormulier: ongeldig_formulier,
    NotFound: domeinfout,
    PermissionDenied: domeinfout,
    InputError: domeinfout,
    Busy: domeinfout,
    ConfigurationError: domeinfout,
    Conflict: domeinfout,
    Verouderd: domeinfout,
    SchijfVol: domeinfout,
    RequestValidationError: ongeldig_verzoek,
    StarletteHTTPException: http_fout,
    Exception: interne_fout,
}
