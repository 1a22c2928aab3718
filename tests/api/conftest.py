"""API fixtures: the served application on the test database and one user per role and tenant."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from doorstroom.accounts import service as accounts
from doorstroom.accounts.domain import Rol
from doorstroom.server import create_app
from tests.gebruikers import SYSTEEM

GEBRUIKERS = {
    "utrecht": (Rol.gemeente, "GM0344", None),
    "amersfoort": (Rol.gemeente, "GM0307", None),
    "coa": (Rol.coa, None, None),
    "prov-utrecht": (Rol.provincie, None, "Utrecht"),
    "prov-groningen": (Rol.provincie, None, "Groningen"),
    "beheer": (Rol.beheerder, None, None),
}


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    """A client of the server application (API under /api/v1) on the test database."""
    with TestClient(create_app(engine), base_url="http://testserver") as test_client:
        yield test_client


@pytest.fixture
def tokens(engine: Engine) -> dict[str, str]:
    """A bearer token per user name of :data:`GEBRUIKERS`."""
    found = {}
    for naam, (rol, gemeente, provincie) in GEBRUIKERS.items():
        accounts.maak_gebruiker(engine, SYSTEEM, naam, rol, gemeente=gemeente, provincie=provincie)
        found[naam] = accounts.maak_token(engine, SYSTEEM, naam)[0]
    return found


@pytest.fixture
def als(tokens: dict[str, str]) -> dict[str, dict[str, str]]:
    """Authorization headers per user name."""
    return {naam: {"Authorization": f"Bearer {token}"} for naam, token in tokens.items()}
