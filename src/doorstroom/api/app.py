"""The API application (mounted at ``/api/v1``) and the server application that hosts it.

``create_app`` is what ``doorstroom serve`` runs: the API under ``/api/v1`` and, once the web app
exists, the web pages beside it (issue 12 mounts them in :func:`create_app`). Both share one engine
and the same services; the API's ``openapi.json`` is published at ``/api/v1/openapi.json`` without
login (ADR ``/core/publish-openapi``), with CORS open for that document only.
"""

from __future__ import annotations

from typing import Any

from fastapi import Depends, FastAPI
from fastapi.openapi.utils import get_openapi
from sqlalchemy import Engine

from doorstroom.api import (
    API_VERSION,
    BASE_PATH,
    auditlog,
    gebeurtenissen,
    gemeenten,
    gezondheid,
    huishoudens,
    koppelruns,
    personen,
    spreiding,
    taakstellingen,
    termijnen,
)
from doorstroom.api.afhankelijkheden import bekende_parameters
from doorstroom.api.middleware import ApiMiddleware
from doorstroom.api.openapi import verfijn
from doorstroom.api.problemen import HANDLERS
from doorstroom.db import make_engine

BESCHRIJVING = """Persoonsgericht dossier van vergunninghouders (opvang, koppeling, huisvesting, inburgering),
taakstellingen en koppelruns. Volgt de NL API Design Rules (Logius). Aanmelden met
`Authorization: Bearer <token>` (`doorstroom token aanmaken`). Zie docs/api.md."""


def create_api(engine: Engine) -> FastAPI:
    """The ``/api/v1`` application on ``engine``."""
    api = FastAPI(
        title="Doorstroom API",
        version=API_VERSION,
        description=BESCHRIJVING,
        openapi_url="/openapi.json",
        docs_url=None,
        redoc_url=None,
        redirect_slashes=False,
        contact={"name": "Doorstroom-beheer", "url": "https://github.com/doorstroom/doorstroom/issues"},
        license_info={"name": "EUPL-1.2", "identifier": "EUPL-1.2"},
        dependencies=[Depends(bekende_parameters)],
    )
    api.state.engine = engine
    for router in (
        personen.router,
        huishoudens.router,
        gebeurtenissen.router,
        termijnen.router,
        gemeenten.router,
        taakstellingen.router,
        koppelruns.router,
        spreiding.router,
        auditlog.router,
        gezondheid.router,
    ):
        api.include_router(router)
    for exception, handler in HANDLERS.items():
        api.add_exception_handler(exception, handler)
    api.openapi = lambda: _openapi(api)  # type: ignore[method-assign]
    return api


def _openapi(api: FastAPI) -> dict[str, Any]:
    if api.openapi_schema is None:
        schema = get_openapi(
            title=api.title,
            version=api.version,
            description=api.description,
            routes=api.routes,
            contact=api.contact,
            license_info=api.license_info,
            servers=[{"url": BASE_PATH}],
        )
        api.openapi_schema = verfijn(schema)
    return api.openapi_schema


def create_app(engine: Engine | None = None, *, sessiegeheim: str | None = None) -> FastAPI:
    """The server: the API at ``/api/v1`` and the web pages at ``/``, with headers and crash handling.

    ``sessiegeheim`` signs the web application's cookies; ``doorstroom serve`` passes the checked
    setting. Without it the configured secret is used, or, when none is set, a random one for this
    process only (sessions then end with the process; see docs/web.md).
    """
    from doorstroom.web.app import create_web, met_middleware
    from doorstroom.web.beveiliging import tijdelijk_of_ingesteld

    engine = engine or make_engine()
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None, redirect_slashes=False)
    app.state.engine = engine
    app.mount(BASE_PATH, ApiMiddleware(create_api(engine)))
    app.mount("/", met_middleware(create_web(engine, sessiegeheim or tijdelijk_of_ingesteld())))
    for exception, handler in HANDLERS.items():
        app.add_exception_handler(exception, handler)
    return app
