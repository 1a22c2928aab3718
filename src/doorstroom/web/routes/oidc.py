"""Login through the municipality's identity provider (OpenID Connect, code flow with PKCE).

The browser keeps one login attempt in a signed cookie (``doorstroom_oidc``: a random id and the
page to return to; HttpOnly, SameSite=Lax so it comes along on the provider's redirect back, only
sent to ``/aanmelden/oidc``). ``state``, ``nonce`` and the PKCE verifier are HMACs of that id with
the server's secret: nothing is kept on the server between the two requests, any replica can finish
the login, and nobody without the secret can compute the verifier. The protocol itself is
:mod:`doorstroom.accounts.oidc_aanmelding`.
"""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from doorstroom.accounts import service as accounts
from doorstroom.accounts.service import Stroom
from doorstroom.platform.errors import PermissionDenied
from doorstroom.web.beveiliging import gelijk, onderteken, ontcijfer
from doorstroom.web.routes.aanmelden import _formulier as aanmeldformulier
from doorstroom.web.routes.aanmelden import _terug
from doorstroom.web.sessie import zet_sessie

router = APIRouter()
STROOMCOOKIE = "doorstroom_oidc"
PAD = "/aanmelden/oidc"
VERLOPEN = "De aanmelding via de identity provider is verlopen of onderbroken; probeer het opnieuw."


def _stroom(geheim: str, stroom_id: str) -> Stroom:
    """The attempt's state, nonce and verifier: HMACs of its id (43 hex characters each)."""
    state, nonce, pkce = (
        onderteken(geheim, f"oidc-{doel}:{stroom_id}").rsplit(".", 1)[1]
        for doel in ("state", "nonce", "pkce")
    )
    return Stroom(state, nonce, pkce)


@router.get(PAD)
def begin(request: Request, terug: str = "/") -> Response:
    """Send the browser to the identity provider."""
    if not accounts.oidc_ingeschakeld():
        return aanmeldformulier(request, 404, "Inloggen via een identity provider is niet ingesteld.")
    stroom_id, terug = secrets.token_urlsafe(24), _terug(terug)
    terug = terug if len(terug) <= 100 else "/"
    try:
        url = accounts.autorisatie_url(_stroom(request.app.state.geheim, stroom_id))
    except PermissionDenied as fout:
        return aanmeldformulier(request, 503, str(fout), terug=terug)
    response = RedirectResponse(url, status_code=303)
    response.set_cookie(
        STROOMCOOKIE,
        onderteken(request.app.state.geheim, f"{stroom_id}|{terug}"),
        max_age=600,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https" or bool(request.app.state.veilige_cookies),
        path=PAD,
    )
    return response


@router.get(f"{PAD}/terug")
def terugkomst(
    request: Request,
    code: str = Query("", max_length=2000),
    state: str = Query("", max_length=200),
    error: str = Query("", max_length=200),
) -> Response:
    """Finish the login: check state, redeem the code, open the session, go where the user was."""
    bewaard = ontcijfer(request.app.state.geheim, request.cookies.get(STROOMCOOKIE))
    if bewaard is None or "|" not in bewaard or not accounts.oidc_ingeschakeld():
        return _weiger(request, 400, VERLOPEN)
    stroom_id, terug = bewaard.split("|", 1)
    stroom = _stroom(request.app.state.geheim, stroom_id)
    if error:
        return _weiger(request, 401, "De identity provider heeft de aanmelding niet voltooid.", terug)
    if not code or not gelijk(state, stroom.state):
        return _weiger(request, 400, VERLOPEN, terug)
    try:
        sessie_id, _ = accounts.meld_aan_via_idp(request.app.state.engine, code, stroom)
    except PermissionDenied as fout:
        return _weiger(request, 403, str(fout), terug)
    response = RedirectResponse(_terug(terug), status_code=303)
    zet_sessie(request, response, sessie_id)
    response.delete_cookie(STROOMCOOKIE, path=PAD)
    return response


def _weiger(request: Request, status: int, melding: str, terug: str = "/") -> Response:
    response = aanmeldformulier(request, status, melding, terug=terug)
    response.delete_cookie(STROOMCOOKIE, path=PAD)
    return response
