"""User management for the *beheerder*: list, create with a first password, block (after a confirmation
the server asks for), unblock, set a password.

Blocking and unblocking answer with a redirect to the list carrying a message key and the account's
name (Post/Redirect/Get: reloading the page repeats nothing); the list shows the message only when
the account's state bears it out, so a crafted link announces nothing. The access log records the
route, never the query string.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from doorstroom.accounts import service
from doorstroom.accounts.service import AANMAAKBARE_ROLLEN, Rol
from doorstroom.platform.errors import InputError, NotFound, Problem
from doorstroom.reference.service import embedded_provincies
from doorstroom.web.sessie import FormulierDep, GebruikerDep
from doorstroom.web.weergeven import pagina, problemen

router = APIRouter()

MELDINGEN = {
    "geblokkeerd": (
        False,
        "Gebruiker {wie} is geblokkeerd: de sessies zijn beëindigd en de tokens werken niet meer.",
    ),
    "gedeblokkeerd": (True, "Gebruiker {wie} is gedeblokkeerd en kan weer inloggen."),
}
"""Per message key: the account's state after the change (``actief``) and the message."""
BEVESTIGING = "blokkeren"
"""The value of the confirmation page's field: a block without it only shows that page."""

Sleutel = Annotated[str, Query(max_length=20)]
Naam = Annotated[str, Query(max_length=100)]


def _pagina(
    request: Request,
    gebruiker: Any,
    fouten: list[str],
    melding: str = "",
    status: int = 200,
    lijst: list[dict[str, object]] | None = None,
) -> Response:
    return pagina(
        request,
        "gebruikers.html",
        status,
        titel="Gebruikers",
        gebruikers=lijst if lijst is not None else service.gebruikers(request.app.state.engine, gebruiker),
        rollen=[r.value for r in AANMAAKBARE_ROLLEN],
        provincies=[p.naam for p in embedded_provincies()],
        fouten=fouten,
        melding=melding,
    )


def _melding(lijst: list[dict[str, object]], gedaan: str, wie: str) -> str:
    """The message of a redirect's key, when the named account is in the state the key says."""
    actief, tekst = MELDINGEN.get(gedaan, (None, ""))
    klopt = any(g["gebruikersnaam"] == wie and g["actief"] is actief for g in lijst)
    return tekst.format(wie=wie) if klopt else ""


def _gedaan(sleutel: str, naam: str) -> Response:
    """Back to the list, which says what was done (303: the browser fetches it with GET)."""
    query = urlencode({"gedaan": sleutel, "wie": service.normaliseer_gebruikersnaam(naam)})
    return RedirectResponse(f"/beheer/gebruikers?{query}", status_code=303)


@router.get("/beheer/gebruikers")
def gebruikers(request: Request, gebruiker: GebruikerDep, gedaan: Sleutel = "", wie: Naam = "") -> Response:
    """Every account, with the message of a block or unblock just done."""
    lijst = service.gebruikers(request.app.state.engine, gebruiker)
    return _pagina(request, gebruiker, [], _melding(lijst, gedaan, wie), lijst=lijst)


@router.post("/beheer/gebruikers")
async def maak_aan(request: Request, gebruiker: FormulierDep) -> Response:
    """Create an account with role, scope and first password."""
    form = {k: str(v).strip() for k, v in (await request.form()).items() if isinstance(v, str)}
    try:
        if form.get("rol") not in {r.value for r in AANMAAKBARE_ROLLEN}:
            raise InputError(Problem("kies een rol", field="rol"))
        if not form.get("wachtwoord"):
            raise InputError(Problem("geef een wachtwoord van minstens 12 tekens", field="wachtwoord"))
        service.maak_gebruiker(
            request.app.state.engine,
            gebruiker,
            form.get("gebruikersnaam", ""),
            Rol(form["rol"]),
            gemeente=form.get("gemeente") or None,
            provincie=form.get("provincie") or None,
            wachtwoord_tekst=form["wachtwoord"],
        )
    except InputError as error:
        return _pagina(request, gebruiker, problemen(error), status=422)
    return _pagina(request, gebruiker, [], f"gebruiker {form['gebruikersnaam']} aangemaakt")


def _bevestigpagina(request: Request, gebruiker: Any, naam: str, fouten: list[str], status: int) -> Response:
    """Asks to confirm blocking an active account (404 for a name that is not one)."""
    wie = service.normaliseer_gebruikersnaam(naam)
    lijst = service.gebruikers(request.app.state.engine, gebruiker)
    if not any(g["gebruikersnaam"] == wie and g["actief"] for g in lijst):
        raise NotFound(f"geen actieve gebruiker '{wie}'")
    return pagina(
        request,
        "blokkering.html",
        status,
        titel="Gebruiker blokkeren",
        wie=wie,
        fouten=fouten,
        bevestiging=BEVESTIGING,
    )


@router.get("/beheer/gebruikers/{naam}/blokkering")
def bevestig_blokkering(request: Request, gebruiker: GebruikerDep, naam: str) -> Response:
    """The confirmation step before blocking: what it does, and a button that does it."""
    return _bevestigpagina(request, gebruiker, naam, [], 200)


@router.post("/beheer/gebruikers/{naam}/blokkering")
async def blokkeer(request: Request, gebruiker: FormulierDep, naam: str) -> Response:
    """Block an account at once (its sessions end, its tokens stop), only when confirmed."""
    if (await request.form()).get("bevestiging") != BEVESTIGING:
        return _bevestigpagina(request, gebruiker, naam, ["bevestig het blokkeren met de knop"], 400)
    try:
        service.blokkeer(request.app.state.engine, gebruiker, naam)
    except InputError as error:
        return _pagina(request, gebruiker, problemen(error), status=422)
    return _gedaan("geblokkeerd", naam)


@router.post("/beheer/gebruikers/{naam}/deblokkering")
def deblokkeer(request: Request, gebruiker: FormulierDep, naam: str) -> Response:
    """Give a blocked account its access back (it logs in anew)."""
    try:
        service.deblokkeer(request.app.state.engine, gebruiker, naam)
    except InputError as error:
        return _pagina(request, gebruiker, problemen(error), status=422)
    return _gedaan("gedeblokkeerd", naam)


@router.post("/beheer/gebruikers/{naam}/wachtwoord")
async def wachtwoord(request: Request, gebruiker: FormulierDep, naam: str) -> Response:
    """Give an account a new password."""
    form = await request.form()
    try:
        service.zet_wachtwoord(request.app.state.engine, gebruiker, naam, str(form.get("wachtwoord") or ""))
    except InputError as error:
        return _pagina(request, gebruiker, problemen(error), status=422)
    return _pagina(request, gebruiker, [], f"wachtwoord van {naam} gezet")
