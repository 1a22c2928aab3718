"""Who is asking, and is the form theirs: the session cookie, the CSRF check, the login cookie.

The session cookie holds the session id signed with the secret (:mod:`doorstroom.web.beveiliging`);
the session itself lives in the database (:mod:`doorstroom.accounts.sessies`). Every POST must carry
the session's CSRF token (form field ``csrf`` or header ``X-CSRF-Token`` for htmx) and come from this
site (``Sec-Fetch-Site``/``Origin``, when the browser sends them). The login form, shown before any
session exists, carries a signed double-submit token instead.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Request
from starlette.responses import Response

from doorstroom.accounts import service as accounts
from doorstroom.accounts.service import Gebruiker, Sessie
from doorstroom.web.beveiliging import gelijk, onderteken, ontcijfer

SESSIECOOKIE = "doorstroom_sessie"
AANMELDCOOKIE = "doorstroom_aanmelden"


class NietAangemeld(Exception):
    """No valid session: the browser is sent to the login page."""


class OngeldigFormulier(Exception):
    """A POST without this session's CSRF token, or from another site (403)."""


def _geheim(request: Request) -> str:
    return str(request.app.state.geheim)


def sessie_van(request: Request) -> Sessie | None:
    """The session of this request, looked up once."""
    if "sessie" not in request.state._state:
        sessie_id = ontcijfer(_geheim(request), request.cookies.get(SESSIECOOKIE))
        request.state.sessie = accounts.sessie(request.app.state.engine, sessie_id) if sessie_id else None
    return request.state.sessie  # type: ignore[no-any-return]


def vereist(request: Request) -> Sessie:
    """The session; NietAangemeld without one."""
    sessie = sessie_van(request)
    if sessie is None:
        raise NietAangemeld
    return sessie


SessieDep = Annotated[Sessie, Depends(vereist)]


def gebruiker(sessie: SessieDep) -> Gebruiker:
    """The logged-in user."""
    return sessie.gebruiker


GebruikerDep = Annotated[Gebruiker, Depends(gebruiker)]


def _zelfde_site(request: Request) -> bool:
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = request.headers.get("origin")
    return origin is None or origin == f"{request.url.scheme}://{request.url.netloc}"


async def controleer_formulier(request: Request, sessie: SessieDep) -> Gebruiker:
    """The user of a POST whose CSRF token is this session's (OngeldigFormulier otherwise)."""
    token = request.headers.get("x-csrf-token")
    if token is None:
        form = await request.form()
        token = str(form.get("csrf") or "")
    if not _zelfde_site(request) or not gelijk(token, sessie.csrf):
        raise OngeldigFormulier
    return sessie.gebruiker


FormulierDep = Annotated[Gebruiker, Depends(controleer_formulier)]


def zet_sessie(request: Request, response: Response, sessie_id: str) -> None:
    """Give the browser its session cookie (HttpOnly, SameSite=Lax, Secure over https or in productie)."""
    response.set_cookie(
        SESSIECOOKIE,
        onderteken(_geheim(request), sessie_id),
        httponly=True,
        samesite="lax",
        secure=_veilig(request),
        path="/",
    )
    response.delete_cookie(AANMELDCOOKIE, path="/aanmelden")


def wis_sessie(response: Response) -> None:
    """Remove the session cookie from the browser."""
    response.delete_cookie(SESSIECOOKIE, path="/")


def _veilig(request: Request) -> bool:
    return request.url.scheme == "https" or bool(request.app.state.veilige_cookies)


def aanmeldnonce(request: Request) -> tuple[str, bool]:
    """This browser's login nonce from its signed cookie, or a new one (True: set the cookie)."""
    nonce = ontcijfer(_geheim(request), request.cookies.get(AANMELDCOOKIE))
    return (nonce, False) if nonce else (secrets.token_urlsafe(24), True)


def aanmeldtoken(request: Request, nonce: str) -> str:
    """The login form's CSRF token for ``nonce`` (an HMAC: it cannot be made without the secret)."""
    return onderteken(_geheim(request), "aanmelden:" + nonce).rsplit(".", 1)[1]


def zet_aanmeldcookie(request: Request, response: Response, nonce: str) -> None:
    """The signed login cookie (SameSite=Strict, only sent to /aanmelden)."""
    response.set_cookie(
        AANMELDCOOKIE,
        onderteken(_geheim(request), nonce),
        httponly=True,
        samesite="strict",
        secure=_veilig(request),
        path="/aanmelden",
    )


def aanmeldtoken_klopt(request: Request, token: str) -> bool:
    """Whether a login form's token belongs to this browser's login cookie (and the site is ours)."""
    nonce = ontcijfer(_geheim(request), request.cookies.get(AANMELDCOOKIE))
    if nonce is None or not _zelfde_site(request):
        return False
    return gelijk(token, aanmeldtoken(request, nonce))
