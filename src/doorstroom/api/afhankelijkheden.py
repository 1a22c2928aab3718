"""Request dependencies: the database engine, the authenticated user, ETags, paging and sorting."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import Depends, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine

from doorstroom.accounts import service as accounts
from doorstroom.accounts.service import Gebruiker
from doorstroom.api.problemen import PreconditionRequired, Unauthenticated
from doorstroom.platform.errors import Verouderd
from doorstroom.platform.paging import Pagina, Volgorde
from doorstroom.values.suggest import unknown_message

_bearer = HTTPBearer(
    auto_error=False, description="Token van `doorstroom token aanmaken`, of een OIDC-token."
)


async def bekende_parameters(request: Request) -> None:
    """Refuse query keys the operation does not define (a typo such as ``gemeenteCode`` would else
    silently return every record); the error names the valid keys, closest first."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    bekend = _querynamen(dependant)
    onbekend = sorted(set(request.query_params) - bekend)
    if onbekend:
        raise RequestValidationError(
            [
                {"loc": ("query", naam), "msg": unknown_message("parameter", naam, bekend or ["(geen)"])}
                for naam in onbekend
            ]
        )


def _querynamen(dependant: Any) -> set[str]:
    namen = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        namen |= _querynamen(sub)
    return namen


async def engine(request: Request) -> Engine:
    """The application's database engine."""
    return request.app.state.engine  # type: ignore[no-any-return]


EngineDep = Annotated[Engine, Depends(engine)]


def gebruiker(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Gebruiker:
    """The user behind the bearer token; 401 without a valid one."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthenticated
    found = accounts.authenticeer(request.app.state.engine, credentials.credentials)
    if found is None:
        raise Unauthenticated
    return found


GebruikerDep = Annotated[Gebruiker, Depends(gebruiker)]


def etag(versie: int) -> str:
    """The ETag of a version (strong; RFC 9110 §8.8.3)."""
    return f'"{versie}"'


IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description='ETag van de versie die u wijzigt, precies zoals ontvangen ("5"); W/"5" of 5 past nooit; '
        "* past op elke huidige versie.",
    ),
]


_STERKE_ETAG = re.compile(r'"(0|[1-9][0-9]{0,8})"')
"""A strong entity-tag as :func:`etag` writes it: a version, quoted, without ``W/``."""


def verwachte_versie(if_match: str | None) -> int | None:
    """The version an update expects, from ``If-Match``; 428 without it, 412 when nothing can match.

    RFC 9110 §13.1.1: If-Match compares *strongly*, so a weak tag (``W/"5"``) never matches, and a
    bare ``5`` is no entity-tag at all; the header is a list, and matches when one of its strong tags
    does. ``*`` matches any current representation: the update applies to the current version (None),
    and a record that does not exist (or lies outside the caller's scope) is still 404. A list with
    two different strong versions cannot name the one current version Doorstroom ever issued, so it
    is refused (412) rather than guessed. Called in the endpoint, after the request validated: a
    malformed body is a 400 first.
    """
    if if_match is None:
        raise PreconditionRequired
    if if_match.strip() == "*":
        return None
    versies = {
        int(gevonden.group(1))
        for deel in if_match.split(",")
        if (gevonden := _STERKE_ETAG.fullmatch(deel.strip()))
    }
    if len(versies) != 1:
        raise Verouderd(
            "If-Match noemt geen versie die kan kloppen: stuur de ETag precies zoals ontvangen "
            '(bijvoorbeeld "5", met aanhalingstekens, zonder W/), of *'
        )
    return versies.pop()


async def pagina(
    pagina: Annotated[int, Query(ge=1, le=1_000_000, description="Paginanummer, vanaf 1.")] = 1,
    pagina_grootte: Annotated[
        int, Query(alias="paginaGrootte", ge=1, le=100, description="Aantal resultaten per pagina (1-100).")
    ] = 20,
) -> Pagina:
    """Which page (ADR: camelCase query keys)."""
    return Pagina(pagina, pagina_grootte)


PaginaDep = Annotated[Pagina, Depends(pagina)]


def volgorde(tekst: str | None, toegestaan: dict[str, str]) -> Volgorde:
    """``sorteer=geslachtsnaam,-geboortedatum`` → sort keys; unknown fields are a 400-style error."""
    if not tekst:
        return Volgorde()
    sleutels, problems = [], []
    for deel in (d.strip() for d in tekst.split(",") if d.strip()):
        naam = deel.removeprefix("-")
        if naam not in toegestaan:
            problems.append(
                {"loc": ("query", "sorteer"), "msg": unknown_message("sorteerveld", naam, toegestaan)}
            )
        else:
            sleutels.append((toegestaan[naam], deel.startswith("-")))
    if problems:
        raise RequestValidationError(problems)
    return Volgorde(tuple(sleutels))


def sorteer_beschrijving(velden: Sequence[str]) -> str:
    """OpenAPI text for a ``sorteer`` parameter."""
    return "Sorteer op " + ", ".join(velden) + "; komma-gescheiden, '-' ervoor voor aflopend."
