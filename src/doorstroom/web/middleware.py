"""Headers on every page, an HTML page for every crash, bounded uploads, and access logs without ids.

A filter form's "alle" option and a text box left blank (the period of *Regio*, "leeg: de lopende
periode") send ``naam=``; every page reads an empty query parameter as not given, so it takes its
default instead of failing on an empty period or status (issue 20).

Pure ASGI, like the API's middleware, so it also covers errors raised while routing. Pages may hold
personal data, so nothing is cached (static files excepted) and log lines carry the route *template*
(``/dossier/personen/{persoon_id}``), never the URL, a query string or a form field.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote_plus

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
from doorstroom.web.beveiliging import HEADERS

Foutpagina = Callable[[int, str], bytes]

MAX_BODY = 20_000_000
"""Uploads (a koppeling list, a locations file) up to 20 MB; anything larger is refused unread."""

_log = logging.getLogger("doorstroom.web")


class WebMiddleware:
    """Wraps the web application (see module docstring); ``foutpagina`` renders an error page."""

    def __init__(self, app: ASGIApp, foutpagina: Foutpagina) -> None:
        self.app = app
        self.foutpagina = foutpagina

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        scope = {**scope, "query_string": zonder_lege_parameters(scope.get("query_string", b""))}
        request_id, started = referentie(scope), time.perf_counter()  # the error page reads it too
        state: dict[str, Any] = {"status": 500, "sent": False}
        statisch = str(scope.get("path", "")).startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["status"], state["sent"] = message["status"], True
                cache = b"public, max-age=3600" if statisch else b"no-store"
                eigen = {name for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in HEADERS if n not in eigen]
                message["headers"] = [
                    *message.get("headers", []),
                    *extra,
                    (b"cache-control", cache),
                    (b"x-request-id", request_id.encode()),
                ]
            await send(message)

        async def te_groot(zend: Send) -> None:
            await self._pagina(zend, 413, "Het bestand is groter dan 20 MB.")

        try:
            if aangegeven_lengte(scope) > MAX_BODY:
                await te_groot(send_with_headers)
            else:
                await begrensd_uitvoeren(self.app, scope, receive, send_with_headers, MAX_BODY, te_groot)
        except Exception as error:  # the last line of defence: never a traceback page
            log_crash(_log, error, request_id)
            if not state["sent"]:
                await self._pagina(send_with_headers, 500, f"Er ging iets mis (referentie {request_id}).")
        finally:
            onbekend = "/static" if statisch else "(onbekend pad)"  # static files log as one route
            log_verzoek(_log, scope, int(state["status"]), started, request_id, onbekend)

    async def _pagina(self, send: Send, status: int, tekst: str) -> None:
        body = self.foutpagina(status, tekst)
        headers = [
            (b"content-type", b"text/html; charset=utf-8"),
            (b"content-length", str(len(body)).encode()),
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def zonder_lege_parameters(query: bytes) -> bytes:
    """The query string without parameters whose value is empty or blank (``status=``, ``periode=+``)."""
    delen = [deel for deel in query.split(b"&") if deel]
    return b"&".join(deel for deel in delen if not _leeg(deel))


def _leeg(deel: bytes) -> bool:
    _naam, is_gelijk, waarde = deel.partition(b"=")
    return bool(is_gelijk) and not unquote_plus(waarde.decode("latin-1")).strip()
