"""ADR /core/doc-openapi-contact: the served OpenAPI names a contact with name, url and e-mail (the
one error the official ADR linter reported; docs/deployment.md#nl-api-design-rules)."""

from __future__ import annotations

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
