"""OpenID Connect for municipalities with an identity provider: verify the provider's ID/access token.

A municipality that runs an identity provider (ADFS, Keycloak, Entra ID) sends the provider's signed
JWT as bearer token instead of a Doorstroom token. The token is accepted when its signature matches
one of the provider's published keys (JWKS), ``iss`` is the configured issuer, ``aud`` holds the
configured audience and it has not expired; its ``sub`` must be linked to a local account
(``doorstroom gebruiker aanmaken --oidc-subject SUB``), which supplies role and scope. The provider
authenticates; Doorstroom authorises. JOSE handling is joserfc, the JOSE library of the Authlib
project (Authlib's own JOSE module delegates to it), so Authlib itself is not a dependency. The web
application signs in with local accounts; an interactive OIDC login in the browser is not built.
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

from doorstroom.platform.settings import Settings, get_settings

ALGORITMEN = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384"]
SLEUTEL_CACHE_SECONDEN = 300
_log = logging.getLogger(__name__)
_lock = threading.Lock()
_cache: dict[str, tuple[float, KeySet]] = {}


def ingeschakeld(settings: Settings | None = None) -> bool:
    """True when an issuer and audience are configured."""
    settings = settings or get_settings()
    return bool(settings.oidc_issuer and settings.oidc_audience)


def lijkt_op_jwt(tekst: str) -> bool:
    """A compact JWS has three base64url parts."""
    return tekst.count(".") == 2 and len(tekst) < 16_384


def verifieer(token: str, settings: Settings | None = None) -> tuple[str, str] | None:
    """(issuer, subject) of a valid provider token; None for anything else (never raises)."""
    settings = settings or get_settings()
    if not ingeschakeld(settings) or not lijkt_op_jwt(token):
        return None
    try:
        decoded = jwt.decode(token, sleutels(settings), algorithms=ALGORITMEN)
        registry = jwt.JWTClaimsRegistry(
            iss={"essential": True, "value": str(settings.oidc_issuer)},
            aud={"essential": True, "value": str(settings.oidc_audience)},
            exp={"essential": True},
            sub={"essential": True},
        )
        registry.validate(decoded.claims)
    except (JoseError, ValueError, TypeError, httpx.HTTPError) as error:
        _log.info("oidc-token geweigerd", extra={"reden": type(error).__name__})
        return None
    return str(settings.oidc_issuer), str(decoded.claims["sub"])


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
    issuer = str(settings.oidc_issuer).rstrip("/")
    return str(_json(f"{issuer}/.well-known/openid-configuration")["jwks_uri"])


def _json(url: str) -> Any:
    response = httpx.get(url, timeout=5.0)
    response.raise_for_status()
    return response.json()


def vergeet_sleutels() -> None:
    """Drop cached keys (after a key rotation, and between tests)."""
    with _lock:
        _cache.clear()
