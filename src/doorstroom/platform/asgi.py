"""What the API's and the web application's outermost ASGI layers share.

Both refuse a request body above their limit without reading it all (announced by
``Content-Length``, or counted while the application reads it), log a crash by exception type,
code locations and request id only (a database error's message can quote submitted personal
data), and log one line per request with the route template instead of the URL, so identifiers
stay out of the log (AVG; BIO logging without personal data).
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

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


def begrensd(receive: Receive, maximum: int) -> Receive:
    """``receive`` that raises :class:`TeGroot` once more than ``maximum`` body bytes arrived."""
    gelezen = 0

    async def ontvang() -> Message:
        nonlocal gelezen
        message = await receive()
        gelezen += len(message.get("body", b""))
        if gelezen > maximum:
            raise TeGroot
        return message

    return ontvang


def log_crash(log: logging.Logger, error: BaseException, request_id: str) -> None:
    """Log an unexpected exception by type and the last code locations, never its message."""
    frames = [f"{f.filename}:{f.lineno} in {f.name}" for f in traceback.extract_tb(error.__traceback__)]
    log.error(
        "interne fout", extra={"fout": type(error).__name__, "request_id": request_id, "frames": frames[-8:]}
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
