"""Finishing the generated OpenAPI document to what the NL API Design Rules ask.

- every response documents the ``API-Version`` header (ADR ``/core/version-header``; the ADR linter
  checks 2xx/3xx, we document it on all);
- every 4xx/5xx response is ``application/problem+json`` with the one :class:`Probleem` schema;
- every operation documents 507 (the database's disk is full): even a read writes its audit line;
- FastAPI's own 422 validation entry is replaced by 400 (ADR ``/core/error-handling/invalid-input``);
- the servers entry carries the base path, so paths read ``/personen`` (as in DUO's specifications);
- schema names are UpperCamelCase (ADR linter rule ``nlgov:schema-camel-case``): Pydantic names a
  paged list ``Lijst_Persoon_``, published as ``LijstPersoon``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from doorstroom.api import API_VERSION
from doorstroom.api.problemen import MEDIA_TYPE, TITELS

VERSIE_HEADER = {
    "description": "Volledig versienummer van de API (MAJOR.MINOR.PATCH).",
    "schema": {"type": "string", "example": API_VERSION},
}
PROBLEEM_REF = {"$ref": "#/components/schemas/Probleem"}


def verfijn(schema: dict[str, Any]) -> dict[str, Any]:
    """Apply the ADR finishing touches to a generated document and return the finished one."""
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            _responses(operation.setdefault("responses", {}))
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    for naam in ("HTTPValidationError", "ValidationError"):
        schemas.pop(naam, None)
    return _kameelnamen(schema)


def _kameelnamen(schema: dict[str, Any]) -> dict[str, Any]:
    """Rename every schema whose name has other characters than letters and digits, with its refs."""
    namen = {
        naam: re.sub(r"[^A-Za-z0-9]", "", naam)
        for naam in schema["components"]["schemas"]
        if not re.fullmatch(r"[A-Za-z0-9]+", naam)
    }
    if not namen:
        return schema
    if botsing := set(namen.values()) & set(schema["components"]["schemas"]):
        raise ValueError(f"OpenAPI-schemanamen botsen na hernoemen: {sorted(botsing)}")
    tekst = json.dumps(schema)
    for oud, nieuw in namen.items():
        tekst = tekst.replace(f'"#/components/schemas/{oud}"', f'"#/components/schemas/{nieuw}"')
    hernoemd: dict[str, Any] = json.loads(tekst)
    schemas = hernoemd["components"]["schemas"]
    for oud, nieuw in namen.items():
        schemas[nieuw] = schemas.pop(oud)
    return hernoemd


def _responses(responses: dict[str, Any]) -> None:
    if "422" in responses and "content" in responses["422"]:
        schema = responses["422"]["content"].get("application/json", {}).get("schema", {})
        if schema.get("$ref", "").endswith("HTTPValidationError"):
            del responses["422"]
    responses.setdefault("400", {"description": TITELS[400]})
    responses.setdefault("500", {"description": TITELS[500]})
    responses.setdefault("507", {"description": TITELS[507]})  # every request may write (an audit line)
    for status, response in responses.items():
        if status.isdigit() and int(status) >= 400:
            response["content"] = {MEDIA_TYPE: {"schema": PROBLEEM_REF}}
            response["description"] = TITELS.get(int(status), response.get("description", "Fout"))
        response.setdefault("headers", {})["API-Version"] = VERSIE_HEADER
