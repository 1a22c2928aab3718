"""One error body for the whole API: RFC 9457 problem details (``application/problem+json``).

ADR ``/core/error-handling/problem-details``: every 4xx and 5xx carries ``status``, ``title`` and
``detail``; ``invalidParams`` lists every field problem at once (``/core/error-handling/all-errors``).
Status codes: schema and syntax errors of the request 400 (``/core/error-handling/invalid-input``),
a well-formed request that breaks a rule 422 (``InputError``), missing or invalid credentials 401,
a role that may not use the resource 403, a record outside the caller's scope 404 (never 403, so
its existence is not revealed), duplicates 409, a stale ``If-Match`` 412, a missing ``If-Match``
428, the database's disk full 507 (RFC 4918 §11.5: the server cannot store what is needed; nothing
was stored). Messages never echo submitted values: a rejected BSN is not repeated in the error.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from doorstroom.platform.asgi import toegestane_methoden
from doorstroom.platform.errors import (
    Busy,
    ConfigurationError,
    Conflict,
    DoorstroomError,
    InputError,
    NotFound,
    PermissionDenied,
    SchijfVol,
    Verouderd,
)
from doorstroom.values import validatie

MEDIA_TYPE = "application/problem+json"

TITELS = {
    400: "Ongeldige invoer",
    401: "Niet aangemeld",
    403: "Geen toegang",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Niet aanvaardbaar",
    409: "Conflict",
    412: "Versie verouderd",
    413: "Verzoek te groot",
    415: "Niet-ondersteund mediatype",
    422: "Invoer voldoet niet aan de regels",
    428: "If-Match ontbreekt",
    500: "Interne fout",
    503: "Dienst niet beschikbaar",
    507: "Opslag vol",
}


class OngeldigeParameter(BaseModel):
    """One field that is wrong: where (``name``) and why (``reason``); never the submitted value."""

    name: str = Field(description="Veld of parameter, bijvoorbeeld 'gegevens.leerroute'.")
    reason: str = Field(description="Wat er mis is, in het Nederlands.")
    row: int | None = Field(default=None, description="Rij in een geïmporteerd bestand (kop is rij 1).")


class Probleem(BaseModel):
    """RFC 9457 problem details; the one error body of every endpoint."""

    type: str = Field(default="about:blank", description="URI die het soort probleem aanduidt.")
    title: str = Field(description="Korte omschrijving van het soort probleem.")
    status: int = Field(description="HTTP-statuscode.")
    detail: str = Field(description="Uitleg van dit geval.")
    instance: str | None = Field(default=None, description="Het pad van het verzoek.")
    invalidParams: list[OngeldigeParameter] = Field(default_factory=list)


class Unauthenticated(Exception):
    """No or no valid bearer credentials (401)."""


class PreconditionRequired(Exception):
    """A write that needs ``If-Match`` was sent without it (428)."""


def antwoord(
    status: int,
    detail: str,
    request: Request | None = None,
    params: list[OngeldigeParameter] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """The problem response for ``status``."""
    probleem = Probleem(
        type=f"urn:doorstroom:probleem:{status}",
        title=TITELS.get(status, "Fout"),
        status=status,
        detail=detail,
        instance=request.url.path if request is not None else None,
        invalidParams=params or [],
    )
    body = probleem.model_dump(mode="json", exclude_none=True)
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


async def ongeldige_invoer(request: Request, error: Exception) -> JSONResponse:
    """400 for requests that do not match the schema, said in Dutch (:mod:`doorstroom.values.validatie`)
    and without the input values."""
    errors = error.errors() if isinstance(error, RequestValidationError) else []
    params = [OngeldigeParameter(name=validatie.veld(e), reason=validatie.reden(e)) for e in errors]
    return antwoord(400, "het verzoek voldoet niet aan het schema", request, params)


async def http_fout(request: Request, error: Exception) -> JSONResponse:
    """404 for unknown paths (also with a trailing slash), 405 for unknown methods, and the like."""
    status = error.status_code if isinstance(error, StarletteHTTPException) else 500
    headers = dict(error.headers or {}) if isinstance(error, StarletteHTTPException) else {}
    if status == 405:
        headers["Allow"] = toegestane_methoden(request.app.router.routes, request.scope)
    detail = {404: "deze resource bestaat niet", 405: "deze methode is hier niet toegestaan"}.get(
        status, "fout"
    )
    return antwoord(status, detail, request, headers=headers)


async def doorstroomfout(request: Request, error: Exception) -> JSONResponse:
    """Map the domain's exceptions to their status (a record that does not exist is 404 first)."""
    if isinstance(error, InputError) and not isinstance(error, NotFound):
        params = [
            OngeldigeParameter(name=p.field or "verzoek", reason=p.message, row=p.row) for p in error.problems
        ]
        return antwoord(422, "de invoer voldoet niet aan de regels", request, params)
    status = next((code for soort, code in _STATUS.items() if isinstance(error, soort)), 500)
    detail = str(error) if status != 500 else "interne fout"
    headers = {"Retry-After": "5"} if isinstance(error, Busy) else None
    return antwoord(status, detail, request, headers=headers)


_STATUS: dict[type, int] = {
    NotFound: 404,
    PermissionDenied: 403,
    Conflict: 409,
    Verouderd: 412,
    Busy: 503,
    ConfigurationError: 503,
    SchijfVol: 507,
}


async def interne_fout(request: Request, error: Exception) -> JSONResponse:
    """500 with the one problem body (never Starlette's plain text); the reference finds the log line,
    which names the exception type and code locations only (no values: they may be personal data)."""
    referentie = getattr(request.state, "request_id", None)
    detail = f"interne fout (referentie {referentie})" if referentie else "interne fout"
    return antwoord(500, detail, request)


async def niet_aangemeld(request: Request, error: Exception) -> JSONResponse:
    """401 with the challenge RFC 6750 asks for."""
    return antwoord(
        401,
        "stuur een geldig token: Authorization: Bearer <token>",
        request,
        headers={"WWW-Authenticate": "Bearer"},
    )


async def if_match_ontbreekt(request: Request, error: Exception) -> JSONResponse:
    """428: writes need the ETag of the version they change (RFC 6585)."""
    return antwoord(428, "stuur If-Match met de ETag van de versie die u wijzigt", request)


HANDLERS = {
    RequestValidationError: ongeldige_invoer,
    StarletteHTTPException: http_fout,
    DoorstroomError: doorstroomfout,
    Unauthenticated: niet_aangemeld,
    PreconditionRequired: if_match_ontbreekt,
    Exception: interne_fout,
}


def documentatie(*statussen: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI response entries for these statuses, all with the problem schema."""
    return {
        status: {"description": TITELS[status], "model": Probleem, "content": {MEDIA_TYPE: {}}}
        for status in statussen
    }
