"""Browser login through the municipality's identity provider: OpenID Connect, code flow with PKCE.

The steps (OpenID Connect Core 1.0 §3.1; RFC 7636 for PKCE; RFC 9700 §2.1.1 for state and nonce):

1. :func:`autorisatie_url` sends the browser to the provider's authorisation endpoint (from its
   discovery document) with ``state``, ``nonce`` and the S256 ``code_challenge`` of this login's
   verifier. The web layer keeps the three secrets (:class:`Stroom`) in a signed cookie.
2. The provider sends the browser back with ``code`` and ``state``; the web layer compares the
   state before anything else.
3. :func:`meld_aan` exchanges the code (with the verifier and, for a confidential client, the
   client secret) for an ID token, checks its signature against the provider's keys and its
   ``iss``, ``aud`` (the client id; ``azp`` when there are more), ``exp`` and ``nonce``, maps the
   claims to role and scope (:mod:`doorstroom.accounts.idp`) and opens a server-side session
   exactly like a password login (:mod:`doorstroom.accounts.sessies`).

Every refusal is a :class:`PermissionDenied` with a Dutch sentence for the login page; the reason
is logged by error type only, never a claim value.
"""

from __future__ import annotations

import base64
import hashlib
import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx2 as httpx
from joserfc.errors import JoseError
from sqlalchemy import Engine

from doorstroom.accounts import idp, oidc
from doorstroom.accounts.sessies import Sessie, open_sessie
from doorstroom.platform import audit
from doorstroom.platform.db import transaction
from doorstroom.platform.errors import PermissionDenied
from doorstroom.platform.settings import Settings, get_settings

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Stroom:
    """One login attempt's secrets: ``state`` (the answer is ours), ``nonce`` (the token is for this
    attempt) and the PKCE ``verifier`` (only who started the login can redeem the code)."""

    state: str
    nonce: str
    verifier: str


def ingeschakeld(settings: Settings | None = None) -> bool:
    """True when issuer, client id and redirect address are configured."""
    settings = settings or get_settings()
    return bool(settings.oidc_issuer and settings.oidc_client_id and settings.oidc_redirect_uri)


def knoptekst(settings: Settings | None = None) -> str:
    """The login page's button: ``Inloggen via <provider>``."""
    return f"Inloggen via {(settings or get_settings()).oidc_provider_name}"


def uitdaging(verifier: str) -> str:
    """The S256 code challenge of a verifier (RFC 7636 §4.2): base64url(SHA-256), no padding."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def autorisatie_url(stroom: Stroom, settings: Settings | None = None) -> str:
    """Where the browser goes to log in at the provider."""
    settings = settings or get_settings()
    eindpunt = str(_ontdekking(settings)["authorization_endpoint"])
    scopes = " ".join(dict.fromkeys(["openid", *settings.oidc_scopes.split()]))
    parameters = {
        "response_type": "code",
        "client_id": str(settings.oidc_client_id),
        "redirect_uri": str(settings.oidc_redirect_uri),
        "scope": scopes,
        "state": stroom.state,
        "nonce": stroom.nonce,
        "code_challenge": uitdaging(stroom.verifier),
        "code_challenge_method": "S256",
    }
    return f"{eindpunt}{'&' if '?' in eindpunt else '?'}{urlencode(parameters)}"


def meld_aan(
    engine: Engine, code: str, stroom: Stroom, settings: Settings | None = None
) -> tuple[str, Sessie]:
    """Redeem the code, verify the ID token, find or keep the account, open a session."""
    settings = settings or get_settings()
    claims = _id_token_claims(code, stroom, settings)
    gebruiker = idp.gebruiker(engine, claims, settings)
    with audit.acting_as(gebruiker.actor), transaction(engine, schrijven=True) as session:
        idp.vastleggen(session, gebruiker, str(claims["iss"]), str(claims["sub"]))
        return open_sessie(session, gebruiker, "aanmelding via identity provider")


def _id_token_claims(code: str, stroom: Stroom, settings: Settings) -> dict[str, Any]:
    client_id = str(settings.oidc_client_id)
    try:
        antwoord = _wissel_in(code, stroom.verifier, settings)
        claims = oidc.gecontroleerd(
            str(antwoord["id_token"]), settings, client_id, {"nonce": stroom.nonce}, oidc.SPELING_SECONDEN
        )
        if isinstance(claims.get("aud"), list) and len(claims["aud"]) > 1 and claims.get("azp") != client_id:
            raise ValueError("azp is niet deze client")
    except (JoseError, ValueError, TypeError, KeyError, httpx.HTTPError) as error:
        _log.info("oidc-aanmelding geweigerd", extra={"reden": type(error).__name__})
        raise PermissionDenied(
            f"Inloggen via {settings.oidc_provider_name} is niet gelukt. Probeer het opnieuw; "
            "blijft dit gebeuren, meld het dan bij de beheerder."
        ) from None
    return claims


def _wissel_in(code: str, verifier: str, settings: Settings) -> dict[str, Any]:
    """The token endpoint's answer for the code (client_secret_basic when a secret is set)."""
    gegevens = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": str(settings.oidc_redirect_uri),
        "code_verifier": verifier,
        "client_id": str(settings.oidc_client_id),
    }
    geheim = settings.oidc_client_secret
    toegang = (str(settings.oidc_client_id), geheim.get_secret_value()) if geheim else None
    eindpunt = str(_ontdekking(settings)["token_endpoint"])
    response = httpx.post(eindpunt, data=gegevens, auth=toegang, timeout=10.0)
    response.raise_for_status()
    antwoord = response.json()
    if not isinstance(antwoord, dict):
        raise ValueError("antwoord van het token-eindpunt is geen object")
    return antwoord


def _ontdekking(settings: Settings) -> dict[str, Any]:
    try:
        return oidc.ontdekking(settings)
    except (ValueError, TypeError, httpx.HTTPError) as error:
        _log.warning("oidc-discovery mislukt", extra={"reden": type(error).__name__})
        raise PermissionDenied(
            f"{settings.oidc_provider_name} is nu niet bereikbaar; probeer het later opnieuw."
        ) from None
