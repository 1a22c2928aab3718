"""Headers on every response, a problem body for every crash, and structured access logs.

Pure ASGI (not BaseHTTPMiddleware) so it also wraps errors raised while routing:

- ``API-Version`` on every response (ADR ``/core/version-header``), and the security headers of
  ADR ``/core/transport/security-headers`` (no caching of personal data, no framing, no sniffing);
- an unexpected exception becomes a 500 problem body and is logged by type and request id only
  (a database error's message can contain the submitted values, i.e. personal data);
- writes must send JSON (ADR "validate content types"): another ``Content-Type`` is a 415, and a
  body over 1 MB is a 413 (no request may make the server read unbounded data);
- one JSON log line per request: method, route template (not the URL: ids stay out), status,
  duration, request id. No query strings, no bodies, no user names.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from doorstroom.api import API_VERSION
from doorstroom.api.problemen import MEDIA_TYPE, TITELS, Probleem
from doorstroom.platform.asgi import (
    ASGIApp,
    Message,
    Receive,
    Scope,
    Send,
    aangegeven_lengte,
    begrensd_uitvoeren,
    log_crash,
    log_verzoek,
    referentie,
)

_log = logging.getLogger("doorstroom.api")

VASTE_HEADERS = [
    (b"api-version", API_VERSION.encode()),
    (b"cache-control", b"no-store"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"),
    (b"referrer-policy", b"no-referrer"),
    (b"strict-transport-security", b"max-age=31536000"),
]
JSON_TYPES = ("application/json", "application/merge-patch+json", "application/problem+json")
MAX_BODY = 1_000_000


class ApiMiddleware:
    """Wraps the API application (see module docstring)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id, started = referentie(scope), time.perf_counter()  # the 500 handler reads it too
        state: dict[str, Any] = {"status": 500, "sent": False}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["status"], state["sent"] = message["status"], True
                message["headers"] = [
                    *message.get("headers", []),
                    *VASTE_HEADERS,
                    (b"x-request-id", request_id.encode()),
                ]
            await send(message)

        async def te_groot(zend: Send) -> None:
            await _probleem(zend, scope, 413, f"verzoek groter dan {MAX_BODY} bytes")

        try:
            if _verkeerd_mediatype(scope):
                await _probleem(send_with_headers, scope, 415, "stuur JSON (Content-Type: application/json)")
            elif aangegeven_lengte(scope) > MAX_BODY:
                await te_groot(send_with_headers)
            elif scope.get("method") in ("GET", "HEAD"):
                await self.app(scope, receive, send_with_headers)
            else:
                await begrensd_uitvoeren(self.app, scope, receive, send_with_headers, MAX_BODY, te_groot)
        except Exception as error:  # the last line of defence: nothing escapes as a traceback page
            log_crash(_log, error, request_id)
            if not state["sent"]:
                await _probleem(send_with_headers, scope, 500, f"interne fout (referentie {request_id})")
        finally:
            log_verzoek(_log, scope, int(state["status"]), started, request_id, "(onbekend pad)")


def _verkeerd_mediatype(scope: Scope) -> bool:
    if scope.get("method") not in ("POST", "PUT", "PATCH"):
        return False
    headers = dict(scope.get("headers") or [])
    length = headers.get(b"content-length", b"")
    if length in (b"", b"0") and b"transfer-encoding" not in headers:
        return False
    soort = headers.get(b"content-type", b"").decode("latin-1").split(";")[0].strip().lower()
    return soort not in JSON_TYPES


async def _probleem(send: Send, scope: Scope, status: int, detail: str) -> None:
    body = Probleem(
        type=f"urn:doorstroom:probleem:{status}",
        title=TITELS[status],
        status=status,
        detail=detail,
        instance=str(scope.get("path", "")),  # the full path: ASGI's path already holds the mount's root_path
    ).model_dump(mode="json", exclude_none=True)
    payload = json.dumps(body).encode()
    headers = [(b"content-type", MEDIA_TYPE.encode()), (b"content-length", str(len(payload)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})
