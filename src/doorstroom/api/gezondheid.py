"""``/gezondheid``: is the service up and its database reachable at the right schema (no login)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from alembic.script import ScriptDirectory
from fastapi import APIRouter
from fastapi.responses import JSONResponse

from doorstroom.api import API_VERSION
from doorstroom.api.afhankelijkheden import EngineDep
from doorstroom.api.schemas import Gezondheid
from doorstroom.platform.db import alembic_config, current_revision

router = APIRouter(tags=["gezondheid"])


@lru_cache(maxsize=1)
def _nieuwste_schema() -> str | None:
    """The newest migration shipped with this version (read once: it cannot change while running)."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


@router.get(
    "/gezondheid",
    response_model=Gezondheid,
    responses={503: {"model": Gezondheid, "description": "Niet gereed"}},
)
def gezondheid(engine: EngineDep) -> Any:
    """``ok`` met 200 als de database bereikbaar is en op het schema van deze versie staat; anders 503."""
    try:
        revisie = current_revision(engine)
    except Exception:  # any driver error means: not ready
        return JSONResponse(
            {"status": "niet gereed", "database": "onbereikbaar", "versie": API_VERSION}, status_code=503
        )
    gereed = revisie == _nieuwste_schema()
    body = {
        "status": "ok" if gereed else "niet gereed",
        "database": "bereikbaar",
        "schemaVersie": revisie,
        "versie": API_VERSION,
    }
    return JSONResponse(body, status_code=200 if gereed else 503)
