"""The server ``doorstroom serve`` runs: the REST API at ``/api/v1`` and the web pages at ``/``.

The platform's probes and metrics (``/gezondheid/leeft``, ``/gezondheid/gereed``, ``/metrics``)
sit beside them (:mod:`doorstroom.monitoring`).

Both share one engine and the same services; each keeps its own outermost layer (bounded bodies,
headers, logs without personal data) and its own error rendering.
"""

from __future__ import annotations

from fastapi import FastAPI
from sqlalchemy import Engine

from doorstroom.api import BASE_PATH
from doorstroom.api.app import create_api
from doorstroom.api.middleware import ApiMiddleware
from doorstroom.api.problemen import HANDLERS
from doorstroom.monitoring import router as monitoring
from doorstroom.platform.db import make_engine
from doorstroom.web.app import create_web, met_middleware
from doorstroom.web.beveiliging import tijdelijk_of_ingesteld


def create_app(engine: Engine | None = None, *, sessiegeheim: str | None = None) -> FastAPI:
    """The server: the API at ``/api/v1`` and the web pages at ``/``, with headers and crash handling.

    ``sessiegeheim`` signs the web application's cookies; ``doorstroom serve`` passes the checked
    setting. Without it the configured secret is used, or, when none is set, a random one for this
    process only (sessions then end with the process; see docs/web.md).
    """
    engine = engine or make_engine()
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None, redirect_slashes=False)
    app.state.engine = engine
    app.include_router(monitoring)  # before the web app's mount at / (first match wins)
    app.mount(BASE_PATH, ApiMiddleware(create_api(engine)))
    app.mount("/", met_middleware(create_web(engine, sessiegeheim or tijdelijk_of_ingesteld())))
    for exception, handler in HANDLERS.items():
        app.add_exception_handler(exception, handler)
    return app
