"""OpenID Connect for municipalities with an identity provider: verify the provider's ID/access token.

A municipality that runs an identity provider (ADFS, Keycloak, Entra ID) sends the provider's signed
JWT as bearer token instead of a Doorstroom token. The token is accepted when its signature matches
one of the provider's published keys (JWKS), ``iss`` is the configured issuer, ``aud`` holds the
configured audience and it has not expired; its ``sub`` must be linked to a local account
(``doorstroom gebruiker aanmaken --oidc-subject SUB``), which supplies role and scope. The provider
authenticates; Doorstroom authorises. JOSE handling is joserfc, the JOSE library of the Authlib
project (Authlib's own JOSE module delegates to it), so Authlib itself is not a dependency. A token
that carries role claims needs no linked account (:mod:`doorstroom.accounts.claims`, one rule with
the browser login of :mod:`doorstroom.accounts.oidc_aanmelding`).
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import httpx2 as httpx
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from joserfc.jwt import ClaimsOption

from doorstroom.platform.settings import Settings, get_settings

ALGORITMEN = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384"]
SLEUTEL_CACHE_SECONDEN = 300
_log = logging.getLogger(__name__)
_lock = threading.Lock()
SPELING_SECONDEN = 30
"""Clock difference allowed between the provider and this server for a login's ID token (``iat``
is set by the provider a moment ago; a bearer token for the API gets none)."""
_cache: dict[str, tuple[float, KeySet]] = {}
_documenten: dict[str, tuple[float, dict[str, Any]]] = {}


def ingeschakeld(settings: Settings | None = None) -> bool:
    """True when an issuer and audience are configured."""
    settings = settings or get_settings()
    return bool(settings.oidc_issuer and settings.oidc_audience)


def lijkt_op_jwt(tekst: str) -> bool:
    """A compact JWS has three base64url parts."""
    return tekst.count(".") == 2 and len(tekst) < 16_384


def verifieer(token: str, settings: Settings | None = None) -> tuple[str, str] | None:
    """(issuer, subject) of a valid provider token; None for anything else (never raises)."""
    claims = geldige_claims(token, settings)
    return None if claims is None else (str(claims["iss"]), str(claims["sub"]))


def geldige_claims(token: str, settings: Settings | None = None) -> dict[str, Any] | None:
    """The claims of a valid provider token (API bearer); None for anything else (never raises)."""
    settings = settings or get_settings()
    if not ingeschakeld(settings) or not lijkt_op_jwt(token):
        return None
    try:
        return gecontroleerd(token, settings, str(settings.oidc_audience))
    except (JoseError, ValueError, TypeError, KeyError, httpx.HTTPError) as error:
        _log.info("oidc-token geweigerd", extra={"reden": type(error).__name__})
        return None


def gecontroleerd(
    token: str, settings: Settings, audience: str, extra: dict[str, Any] | None = None, speling: int = 0
) -> dict[str, Any]:
    """The claims after checking signature (the provider's JWKS), ``iss``, ``aud``, ``exp`` and ``sub``
    (and ``extra`` claim values, such as the login's ``nonce``), allowing ``speling`` seconds of clock
    difference; raises JoseError otherwise."""
    decoded = jwt.decode(token, sleutels(settings), algorithms=ALGORITMEN)
    opties: dict[str, ClaimsOption] = {
        "iss": {"essential": True, "value": str(settings.oidc_issuer)},
        "aud": {"essential": True, "value": audience},
        "exp": {"essential": True},
        "sub": {"essential": True},
    }
    opties |= {naam: {"essential": True, "value": waarde} for naam, waarde in (extra or {}).items()}
    registry = jwt.JWTClaimsRegistry(now=None, leeway=speling, **opties)
    registry.validate(decoded.claims)
    return dict(decoded.claims)


def sleutels(settings: Settings) -> KeySet:
    """The provider's public keys, fetched from its JWKS and kept for five minutes."""
    url = jwks_url(settings)
    with _lock:
        cached = _cache.get(url)
        if cached and cached[0] > time.monotonic():
            return cached[1]
    keyset = KeySet.import_key_set(_json(url))
    with _lock:
        _cache[url] = (time.monotonic() + SLEUTEL_CACHE_SECONDEN, keyset)
    return keyset


def jwks_url(settings: Settings) -> str:
    """The configured JWKS address, else the one in the issuer's discovery document."""
    if settings.oidc_jwks_url:
        return settings.oidc_jwks_url
    return str(ontdekking(settings)["jwks_uri"])


def ontdekking(settings: Settings) -> dict[str, Any]:
    """The issuer's discovery document (OpenID Connect Discovery 1.0 §4), kept for five minutes.

    Its ``issuer`` must be the configured one exactly (§4.3), or an impostor's document could
    point the login at other endpoints.
    """
    issuer = str(settings.oidc_issuer)
    url = f"{issuer.rstrip('/')}/.well-known/openid-configuration"
    with _lock:
        cached = _documenten.get(url)
        if cached and cached[0] > time.monotonic():
            return cached[1]
    document = _json(url)
    if not isinstance(document, dict) or document.get("issuer") != issuer:
        raise ValueError("discovery document hoort niet bij de ingestelde issuer")
    with _lock:
        _documenten[url] = (time.monotonic() + SLEUTEL_CACHE_SECONDEN, document)
    return document


def _json(url: str) -> Any:
    response = httpx.get(url, timeout=5.0)
    response.raise_for_status()
    return response.json()


def vergeet_sleutels() -> None:
    """Drop cached keys (after a key rotation, and between tests)."""
    with _lock:
        _cache.clear()
        _documenten.clear()
