"""Web fixtures: the served application on the test database, one account (with password) per role."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from doorstroom.accounts import service as accounts
from doorstroom.accounts.domain import Rol
from doorstroom.server import create_app
from tests.gebruikers import SYSTEEM

WACHTWOORD = "een-lang-testwachtwoord"
GEBRUIKERS = {
    "utrecht": (Rol.gemeente, "GM0344", None),
    "amersfoort": (Rol.gemeente, "GM0307", None),
    "coa": (Rol.coa, None, None),
    "prov-utrecht": (Rol.provincie, None, "Utrecht"),
    "beheer": (Rol.beheerder, None, None),
}
GEHEIM = "tst-9fQ2vLx7Rk4Wz1Nb6Hd3Pm8Sc5Jy0Ga-uE"
"""A fixed session secret for tests only (strong enough for the settings' rule; never used elsewhere)."""


@pytest.fixture
def gebruikers(engine: Engine) -> dict[str, str]:
    """Accounts per role; their password is :data:`WACHTWOORD`."""
    for naam, (rol, gemeente, provincie) in GEBRUIKERS.items():
        accounts.maak_gebruiker(
            engine, SYSTEEM, naam, rol, gemeente=gemeente, provincie=provincie, wachtwoord_tekst=WACHTWOORD
        )
    return {naam: WACHTWOORD for naam in GEBRUIKERS}


@pytest.fixture
def web(engine: Engine) -> Iterator[TestClient]:
    """A browser-like client of the server application."""
    with TestClient(create_app(engine, sessiegeheim=GEHEIM), base_url="https://testserver") as client:
        yield client


def formtoken(html: str) -> str:
    """The CSRF token in a page's first form."""
    gevonden = re.search(r'name="csrf" value="([^"]+)"', html)
    assert gevonden, "geen formulier met csrf-token"
    return gevonden.group(1)


def meld_aan(client: TestClient, naam: str, wachtwoord: str = WACHTWOORD) -> None:
    """Log in through the login form, as a browser does."""
    token = formtoken(client.get("/aanmelden").text)
    antwoord = client.post(
        "/aanmelden",
        data={"gebruikersnaam": naam, "wachtwoord": wachtwoord, "csrf": token, "terug": "/"},
        follow_redirects=False,
    )
    assert antwoord.status_code == 303, antwoord.text[:300]


def meld_af(client: TestClient) -> None:
    """Log out through the header's logout form, as a browser user switching accounts does."""
    token = formtoken(client.get("/").text)
    antwoord = client.post("/afmelden", data={"csrf": token}, follow_redirects=False)
    assert antwoord.status_code == 303 and antwoord.headers["location"] == "/aanmelden"


def wacht_op_taak(client: TestClient, taak: str) -> str:
    """Poll a background task's page as htmx does, until it names the result page; return that."""
    for _ in range(600):
        stand = client.get(taak + "/stand")
        if "HX-Redirect" in stand.headers:
            return str(stand.headers["HX-Redirect"])
        time.sleep(0.1)
    raise AssertionError(f"taak {taak} werd niet binnen een minuut klaar")
