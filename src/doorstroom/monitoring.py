"""What a platform asks of a running server: is it alive, is it ready, and its metrics.

* ``GET /gezondheid/leeft`` (liveness): the process answers; no database call, so a slow or
  unreachable database never makes Kubernetes restart a healthy process.
* ``GET /gezondheid/gereed`` (readiness): the database answers and stands at this version's schema
  (:mod:`doorstroom.platform.gereedheid`); 503 otherwise, so no traffic reaches a server whose
  migration job has not run.
* ``GET /metrics``: Prometheus text format (:mod:`doorstroom.platform.metrics`), only with
  ``Authorization: Bearer <DOORSTROOM_METRICS_TOKEN>``; without that setting it does not exist
  (404). Series carry route templates and counts, never identifiers or user names, but request
  volumes per route still tell an outsider how the service is used (BIO 12.4: restrict monitoring).

These live outside ``/api/v1``: they are the platform's doors, not part of the API contract.
"""

from __future__ import annotations

import hmac

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, Gauge, generate_latest

from doorstroom.platform import metrics
from doorstroom.platform.gereedheid import auditregels, gereedheid
from doorstroom.platform.settings import get_settings

router = APIRouter()
GEEN_CACHE = {"cache-control": "no-store"}

AUDITREGELS = Gauge(
    "doorstroom_audit_lines",
    "Lines in the audit trail (the chain head); read from the database at every scrape.",
    registry=metrics.REGISTRY,
)
GEREED = Gauge(
    "doorstroom_ready",
    "1 when the database answers at this version's schema (the readiness probe), else 0.",
    registry=metrics.REGISTRY,
)


@router.get("/gezondheid/leeft", include_in_schema=False)
def leeft() -> Response:
    """Liveness: the process answers."""
    return JSONResponse({"status": "ok"}, headers=GEEN_CACHE)


@router.get("/gezondheid/gereed", include_in_schema=False)
def gereed(request: Request) -> Response:
    """Readiness: database reachable and migrations current (200), else 503 with the reason."""
    stand = gereedheid(request.app.state.engine)
    body = {
        "status": "gereed" if stand.gereed else "niet gereed",
        "database": "bereikbaar" if stand.bereikbaar else "onbereikbaar",
        "migraties": "actueel" if stand.gereed else "niet actueel" if stand.bereikbaar else "onbekend",
    }
    return JSONResponse(body, status_code=200 if stand.gereed else 503, headers=GEEN_CACHE)


@router.get("/metrics", include_in_schema=False)
def metriek(request: Request) -> Response:
    """The Prometheus series, for the configured bearer token only."""
    token = get_settings().metrics_token
    if token is None:
        return PlainTextResponse("niet gevonden\n", status_code=404, headers=GEEN_CACHE)
    if not _token_klopt(request.headers.get("authorization", ""), token.get_secret_value()):
        headers = {**GEEN_CACHE, "www-authenticate": 'Bearer realm="metrics"'}
        return PlainTextResponse("niet aangemeld\n", status_code=401, headers=headers)
    engine = request.app.state.engine
    regels = auditregels(engine)
    if regels is not None:
        AUDITREGELS.set(regels)
    GEREED.set(1 if gereedheid(engine).gereed else 0)
    return Response(generate_latest(metrics.REGISTRY), media_type=CONTENT_TYPE_LATEST, headers=GEEN_CACHE)


def _token_klopt(kop: str, verwacht: str) -> bool:
    schema, _, gegeven = kop.partition(" ")
    return schema.lower() == "bearer" and hmac.compare_digest(gegeven.strip().encode(), verwacht.encode())
