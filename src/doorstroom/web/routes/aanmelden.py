"""Login and logout."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from doorstroom.accounts import service as accounts
from doorstroom.platform.errors import PermissionDenied
from doorstroom.web.beveiliging import ontcijfer
from doorstroom.web.sessie import (
    SESSIECOOKIE,
    FormulierDep,
    aanmeldnonce,
    aanmeldtoken,
    aanmeldtoken_klopt,
    sessie_van,
    wis_sessie,
    zet_aanmeldcookie,
    zet_sessie,
)
from doorstroom.web.weergeven import pagina

router = APIRouter()
_log = logging.getLogger("doorstroom.web")


def _terug(tekst: str | None) -> str:
    """Only a path on this site (never another host: no open redirect)."""
    if not tekst or not tekst.startswith("/") or tekst.startswith("//") or "\\" in tekst or len(tekst) > 200:
        return "/"
    return tekst


def _formulier(
    request: Request, status: int = 200, melding: str = "", naam: str = "", terug: str = "/"
) -> Response:
    nonce, nieuw = aanmeldnonce(request)
    response = pagina(
        request,
        "aanmelden.html",
        status,
        titel="Aanmelden",
        melding=melding,
        gebruikersnaam=naam,
        terug=_terug(terug),
        aanmeldtoken=aanmeldtoken(request, nonce),
    )
    if nieuw:
        zet_aanmeldcookie(request, response, nonce)
    return response


@router.get("/aanmelden")
def aanmeldpagina(request: Request, terug: str = "/") -> Response:
    """The login form (a logged-in user goes on)."""
    if sessie_van(request) is not None:
        return RedirectResponse(_terug(terug), status_code=303)
    return _formulier(request, terug=terug)


@router.post("/aanmelden")
def aanmelden(
    request: Request,
    gebruikersnaam: Annotated[str, Form(max_length=100)] = "",
    wachtwoord: Annotated[str, Form(max_length=200)] = "",
    csrf: Annotated[str, Form(max_length=100)] = "",
    terug: Annotated[str, Form(max_length=300)] = "/",
) -> Response:
    """Check name and password (rate limited), start a session, go back to where the user was."""
    if not aanmeldtoken_klopt(request, csrf):
        return _formulier(
            request, 403, "Het formulier was verlopen; probeer het opnieuw.", gebruikersnaam, terug
        )
    adres = request.client.host if request.client else "onbekend"
    limiet = request.app.state.aanmeldlimiet
    wachten = limiet.toegestaan(gebruikersnaam, adres)
    if wachten is not None:
        response = _formulier(
            request,
            429,
            f"Te veel mislukte pogingen. Probeer het over {wachten // 60 + 1} minuten opnieuw.",
            gebruikersnaam,
            terug,
        )
        response.headers["Retry-After"] = str(wachten)
        return response
    try:
        gevonden = accounts.meld_aan(request.app.state.engine, gebruikersnaam, wachtwoord)
    except PermissionDenied as fout:  # the right password of a blocked account: say whom to ask
        _log.info("aanmelding geweigerd: account geblokkeerd")
        return _formulier(request, 403, str(fout), gebruikersnaam, terug)
    if gevonden is None:
        limiet.mislukt(gebruikersnaam, adres)
        _log.info("aanmelding mislukt")
        return _formulier(request, 401, "Gebruikersnaam of wachtwoord klopt niet.", gebruikersnaam, terug)
    response = RedirectResponse(_terug(terug), status_code=303)
    zet_sessie(request, response, gevonden[0])
    return response


@router.post("/afmelden")
def afmelden(request: Request, gebruiker: FormulierDep) -> Response:
    """End the session in the database and in the browser."""
    sessie_id = ontcijfer(request.app.state.geheim, request.cookies.get(SESSIECOOKIE))
    if sessie_id:
        accounts.meld_af(request.app.state.engine, sessie_id)
    response = RedirectResponse("/aanmelden", status_code=303)
    wis_sessie(response)
    return response
