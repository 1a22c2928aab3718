"""A small OpenID Connect provider for tests, on loopback: discovery, JWKS, a login page, tokens.

Written with joserfc (the project's JOSE library) on the standard library's HTTP server, so the
login is tested against a real provider over HTTP, never a network one. It does what a municipal
identity provider does for Doorstroom: shows a login page, hands out a one-time code bound to the
client, redirect address and PKCE challenge, and exchanges that code (with the right verifier and
client secret) for a signed ID token carrying the configured claims. ``verander`` lets a test make
it misbehave (a wrong nonce, another audience, another key) to see Doorstroom refuse.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

CLIENT_ID = "doorstroom-test"
CLIENT_SECRET = "provider-geheim-" + "p" * 32


@dataclass
class Provider:
    """The provider's state: its key, the user's claims, open codes and what a test changed."""

    issuer: str = ""
    sleutel: RSAKey = field(
        default_factory=lambda: RSAKey.generate_key(2048, {"kid": "test-1"}, private=True)
    )
    claims: dict[str, Any] = field(default_factory=dict)
    verander: dict[str, Any] = field(default_factory=dict)
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    verzoeken: list[dict[str, str]] = field(default_factory=list)

    def ontdekking(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
        }

    def id_token(self, nonce: str) -> str:
        nu = int(time.time())
        body = {"iss": self.issuer, "aud": CLIENT_ID, "iat": nu, "exp": nu + 300, "nonce": nonce}
        body |= self.claims | {k: v for k, v in self.verander.items() if k != "sleutel"}
        sleutel = self.verander.get("sleutel", self.sleutel)
        return jwt.encode({"alg": "RS256", "kid": "test-1"}, body, sleutel)

    def wissel_in(self, formulier: dict[str, str], basis: str | None) -> tuple[int, dict[str, Any]]:
        """The token endpoint: the code once, for its client, address and PKCE verifier."""
        verzoek = self.codes.pop(formulier.get("code", ""), None)
        verwacht = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if verzoek is None or formulier.get("grant_type") != "authorization_code":
            return 400, {"error": "invalid_grant"}
        if basis != verwacht:
            return 401, {"error": "invalid_client"}
        uitdaging = base64.urlsafe_b64encode(
            hashlib.sha256(formulier.get("code_verifier", "").encode()).digest()
        ).rstrip(b"=")
        if (
            uitdaging.decode() != verzoek["code_challenge"]
            or formulier.get("redirect_uri") != verzoek["redirect_uri"]
        ):
            return 400, {"error": "invalid_grant"}
        return 200, {
            "access_token": secrets.token_urlsafe(16),
            "token_type": "Bearer",
            "id_token": self.id_token(verzoek["nonce"]),
        }


def _handler(provider: Provider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # quiet in tests
            pass

        def _stuur(self, status: int, body: bytes, soort: str, extra: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", soort)
            self.send_header("Content-Length", str(len(body)))
            for naam, waarde in (extra or {}).items():
                self.send_header(naam, waarde)
            self.end_headers()
            self.wfile.write(body)

        def _json(self, status: int, data: object) -> None:
            self._stuur(status, json.dumps(data).encode(), "application/json")

        def do_GET(self) -> None:
            url = urlparse(self.path)
            if url.path == "/.well-known/openid-configuration":
                self._json(200, provider.ontdekking())
            elif url.path == "/jwks":
                self._json(200, KeySet([provider.sleutel]).as_dict(private=False))
            elif url.path == "/authorize":
                self._loginpagina({k: v[0] for k, v in parse_qs(url.query).items()})
            else:
                self._json(404, {"error": "not_found"})

        def _loginpagina(self, verzoek: dict[str, str]) -> None:
            provider.verzoeken.append(verzoek)
            velden = "".join(
                f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
                for k, v in verzoek.items()
            )
            pagina = (
                '<!doctype html><html lang="nl"><head><title>Gemeente Testdorp</title></head><body><main>'
                '<h1>Gemeente Testdorp: aanmelden</h1><form method="post" action="/authorize">'
                f'{velden}<button type="submit">Inloggen bij Testdorp</button></form></main></body></html>'
            )
            self._stuur(200, pagina.encode(), "text/html; charset=utf-8")

        def _formulier(self) -> dict[str, str]:
            lengte = int(self.headers.get("Content-Length", "0"))
            return {k: v[0] for k, v in parse_qs(self.rfile.read(lengte).decode()).items()}

        def do_POST(self) -> None:
            formulier = self._formulier()
            if self.path == "/authorize":
                code = secrets.token_urlsafe(16)
                provider.codes[code] = formulier
                terug = (
                    f"{formulier['redirect_uri']}?{urlencode({'code': code, 'state': formulier['state']})}"
                )
                self._stuur(302, b"", "text/plain", {"Location": terug})
            elif self.path == "/token":
                self._json(*provider.wissel_in(formulier, self.headers.get("Authorization")))
            else:
                self._json(404, {"error": "not_found"})

    return Handler


@contextmanager
def provider_op_loopback() -> Iterator[Provider]:
    """A provider serving on a free loopback port for the length of the ``with``."""
    provider = Provider()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(provider))
    provider.issuer = f"http://127.0.0.1:{server.server_address[1]}"
    draad = threading.Thread(target=server.serve_forever, daemon=True)
    draad.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()
