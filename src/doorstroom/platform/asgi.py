"""What the API's and the web application's outermost ASGI layers share.

Both refuse a request body above their limit without reading it all (announced by
``Content-Length``, or counted while the application reads it, as a chunked upload must be:
:func:`begrensd_uitvoeren`), log a crash by exception type,
code locations and request id only (a database error's message can quote submitted personal
data), and log one line per request with the route template instead of the URL, so identifiers
stay out of the log (AVG; BIO logging without personal data).
"""

from __future__ import annotations

import logging
import time
import traceback
import uuid
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

from starlette.routing import Match

from doorstroom.platform import metrics

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class TeGroot(Exception):
    """The request body exceeded its limit while being read."""


def aangegeven_lengte(scope: Scope) -> int:
    """The body length the client announced (0 when absent or not a plausible number)."""
    tekst = dict(scope.get("headers") or []).get(b"content-length", b"0")
    return int(tekst) if tekst.isdigit() and len(tekst) < 19 else 0


async def begrensd_uitvoeren(
    app: ASGIApp,
    scope: Scope,
    receive: Receive,
    send: Send,
    maximum: int,
    te_groot: Callable[[Send], Awaitable[None]],
) -> None:
    """Run ``app`` while counting the body it reads; past ``maximum`` bytes the answer is ``te_groot``.

    A chunked body announces no length, so only counting finds it too large. The application learns
    it from :class:`TeGroot` raised by ``receive``, but may answer that itself: FastAPI turns any
    error while reading a body into *400 There was an error parsing the body*. Once the limit was
    passed, whatever the application answers or raises is the consequence of a cut body, so it is
    dropped and ``te_groot`` answers 413 (unless a response had already started, which cannot be
    taken back).
    """
    stand = {"gelezen": 0, "overschreden": False, "gestart": False}

    async def ontvang() -> Message:
        message = await receive()
        stand["gelezen"] += len(message.get("body", b""))
        if stand["gelezen"] > maximum:
            stand["overschreden"] = True
            raise TeGroot
        return message

    async def zend(message: Message) -> None:
        if stand["overschreden"]:
            return
        stand["gestart"] = stand["gestart"] or message["type"] == "http.response.start"
        await send(message)

    try:
        await app(scope, ontvang, zend)
    except Exception:
        if not stand["overschreden"]:
            raise
    if stand["overschreden"] and not stand["gestart"]:
        await te_groot(send)


METHODEN = ("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")
"""The methods a 405's ``Allow`` can name (RFC 9110 §9.3; TRACE and CONNECT are never served)."""


def toegestane_methoden(routes: Iterable[Any], scope: Scope) -> str:
    """The ``Allow`` header of a 405: every method some route serves at this path, not only those of
    the first route that matched the path (RFC 9110 §15.5.6: the target resource's methods).

    ``/personen`` has a GET and a POST route; Starlette answers 405 from the first partial match, so
    ``Allow`` said ``GET``. Each method is tried against the application's ``routes`` (the scope's
    own ``router`` is the outer server's, whose routes are the mounts); a full match allows it.
    """
    return ", ".join(
        methode
        for methode in METHODEN
        if any(route.matches({**scope, "method": methode})[0] is Match.FULL for route in routes)
    )


def referentie(scope: Scope) -> str:
    """A new request's reference, kept in the scope's state (``request.state.request_id``).

    The one reference of a request: the ``X-Request-Id`` header, the crash log line
    (:func:`log_crash`) and the error answer (API problem body, web error page) all carry it, so an
    administrator finds the log line a user quotes.
    """
    nieuw = uuid.uuid4().hex[:16]
    scope.setdefault("state", {})["request_id"] = nieuw
    return nieuw


def log_crash(log: logging.Logger, error: BaseException, request_id: str) -> None:
    """Log an unexpected exception by type and the last code locations, never its message.

    The reference is in the message itself, not only in a structured field: a text log (``doorstroom
    demo``) prints the message alone.
    """
    frames = [f"{f.filename}:{f.lineno} in {f.name}" for f in traceback.extract_tb(error.__traceback__)]
    log.error(
        "interne fout (referentie %s)",
        request_id,
        extra={"fout": type(error).__name__, "request_id": request_id, "frames": frames[-8:]},
    )


def log_verzoek(
    log: logging.Logger, scope: Scope, status: int, started: float, request_id: str, onbekend: str
) -> None:
    """One line per request: method, route template (``onbekend`` when no route matched), status,
    duration and request id; no URL, query string, body or user name. The same labels feed the
    request series of ``/metrics`` (application = the logger's last part, ``api`` or ``web``)."""
    template = getattr(scope.get("route"), "path", None) or onbekend
    seconden = time.perf_counter() - started
    metrics.verzoek(log.name.rsplit(".", 1)[-1], str(scope.get("method")), template, status, seconden)
    log.info(
        "verzoek",
        extra={
            "method": scope.get("method"),
            "route": template,
            "status": status,
            "ms": round(seconden * 1000, 1),
            "request_id": request_id,
        },
    )
