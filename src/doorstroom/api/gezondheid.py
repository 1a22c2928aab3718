"""``/gezondheid``: is the service up and its database reachable at the right schema (no login)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from doorstroom.api import API_VERSION
from doorstroom.api.afhankelijkheden import EngineDep
from doorstroom.api.schemas import Gezondheid
from doorstroom.platform.gereedheid import gereedheid

router = APIRouter(tags=["gezondheid"])


@router.get(
    "/gezondheid",
    response_model=Gezondheid,
    responses={503: {"model": Gezondheid, "description": "Niet gereed"}},
)
def gezondheid(engine: EngineDep) -> Any:
    """``ok`` met 200 als de database bereikbaar is en op het schema van deze versie staat; anders 503."""
    stand = gereedheid(engine)
    if not stand.bereikbaar:
        return JSONResponse(
            {"status": "niet gereed", "database": "onbereikbaar", "versie": API_VERSION}, status_code=503
        )
    body = {
        "status": "ok" if stand.gereed else "niet gereed",
        "database": "bereikbaar",
        "schemaVersie": stand.revisie,
        "versie": API_VERSION,
    }
    return JSONResponse(body, status_code=200 if stand.gereed else 503)
