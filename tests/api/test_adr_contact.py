"""What the official ADR linter asked of the served OpenAPI (docs/deployment.md#nl-api-design-rules):
a contact with name, url and e-mail (/core/doc-openapi-contact), schema names in UpperCamelCase."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from doorstroom.platform.settings import get_settings
from doorstroom.server import create_app


def test_the_openapi_contact_has_name_url_and_the_configured_email(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOORSTROOM_API_CONTACT_EMAIL", "servicedesk@gemeente.example")
    get_settings.cache_clear()
    with TestClient(create_app(engine)) as client:
        contact = client.get("/api/v1/openapi.json").json()["info"]["contact"]
    assert contact["email"] == "servicedesk@gemeente.example"
    assert contact["name"] and contact["url"].startswith("https://")


def test_every_schema_name_is_upper_camel_case(engine: Engine) -> None:
    """ADR nlgov:schema-camel-case: the paged lists were `Lijst_Persoon_` (15 linter warnings)."""
    with TestClient(create_app(engine)) as client:
        namen = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    afwijkend = [naam for naam in namen if not re.fullmatch(r"[A-Z][A-Za-z0-9]*", naam)]
    assert not afwijkend, afwijkend
    assert "LijstPersoon" in namen
