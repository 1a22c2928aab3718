"""Security of the web application: the session secret, signed cookies, and the response headers.

* The secret (``DOORSTROOM_SESSION_SECRET``) signs the session cookie (so a forged id never reaches
  the database) and the login form's CSRF cookie. ``doorstroom serve`` refuses to start in
  ``productie`` without one, or with a short or well-known one; in ``ontwikkeling`` and ``demo`` a
  random secret per process is used when none is set.
* Headers (OWASP Secure Headers): a Content Security Policy without inline scripts or styles and
  with ``frame-ancestors 'none'``, no caching of pages (they can hold personal data), no sniffing,
  no referrer, HSTS.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from doorstroom.platform.errors import ConfigurationError
from doorstroom.platform.settings import Settings, get_settings

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"strict-transport-security", b"max-age=31536000"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


def sessiegeheim(settings: Settings) -> str:
    """The configured secret (its strength checked by the settings); a random one outside productie;
    ConfigurationError when productie has none."""
    gegeven = settings.session_secret.get_secret_value() if settings.session_secret else None
    if gegeven is None:
        if settings.environment == "productie":
            raise ConfigurationError(
                "zet DOORSTROOM_SESSION_SECRET (minstens 32 willekeurige tekens) voordat de webapplicatie "
                "start; of DOORSTROOM_ENVIRONMENT=ontwikkeling voor een tijdelijk geheim (docs/web.md)"
            )
        return secrets.token_urlsafe(48)
    return gegeven


def onderteken(geheim: str, waarde: str) -> str:
    """``waarde`` with its HMAC-SHA256, for a cookie."""
    return f"{waarde}.{_mac(geheim, waarde)}"


def ontcijfer(geheim: str, cookie: str | None) -> str | None:
    """The value of a signed cookie, or None when missing or forged."""
    if not cookie or "." not in cookie or len(cookie) > 200:
        return None
    waarde, mac = cookie.rsplit(".", 1)
    return waarde if hmac.compare_digest(mac, _mac(geheim, waarde)) else None


def _mac(geheim: str, waarde: str) -> str:
    return hmac.new(geheim.encode(), waarde.encode(), hashlib.sha256).hexdigest()[:43]


def gelijk(a: str | None, b: str | None) -> bool:
    """Constant-time comparison of two tokens (False when either is missing)."""
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


def tijdelijk_of_ingesteld() -> str:
    """The configured secret (checked), or a random one for this process when none is configured."""
    settings = get_settings()
    if settings.session_secret is None:
        return secrets.token_urlsafe(48)
    return sessiegeheim(settings)
