"""The API application, mounted at ``/api/v1`` by :func:`doorstroom.server.create_app`.

The API's ``openapi.json`` is published at ``/api/v1/openapi.json`` without login (ADR
``/core/publish-openapi``), with CORS open for that document only.
"""

from __future__ import annotations

from typing import Any

from fastapi import Depends, FastAPI
from fastapi.openapi.utils import get_openapi
from sqlalchemy import Engine

from doorstroom.api import (
    API_VERSION,
    BASE_PATH,
    aanmeldingen,
    auditlog,
    beleid,
    gebeurtenissen,
    gemeenten,
    gezondheid,
    huishoudens,
    huisvesting,
    koppelruns,
    monitor,
    personen,
    signalen,
    spreiding,
    taakstellingen,
    termijnen,
    tvs,
)
from doorstroom.api.afhankelijkheden import bekende_parameters
from doorstroom.api.openapi import verfijn
from doorstroom.api.problemen import HANDLERS
from doorstroom.platform.settings import get_settings

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
        aanmeldingen.router,
        gebeurtenissen.router,
        termijnen.router,
        tvs.router,
        signalen.router,
        gemeenten.router,
        taakstellingen.router,
        koppelruns.router,
        spreiding.router,
        huisvesting.router,
        auditlog.router,
        gezondheid.router,
        monitor.router,
        beleid.router,
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
        # ADR /core/doc-openapi-contact asks name, url and e-mail; the e-mail is added after FastAPI's
        # model (which would want the email-validator package to accept it) and is the operator's.
        schema["info"]["contact"]["email"] = get_settings().api_contact_email
        api.openapi_schema = verfijn(schema)
    return api.openapi_schema
