"""A crash's log line and its answer carry the same reference (issue 19, item 5k): ``doorstroom demo``
logs as text, and its line read "interne fout" without the reference the response gave; the web
application answered Starlette's plain "Internal Server Error", without any reference."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from doorstroom.accounts import service as accounts
from doorstroom.accounts.domain import Rol
from doorstroom.api.logboek import configureer
from doorstroom.dossier import service as dossier
from doorstroom.server import create_app
from tests.gebruikers import SYSTEEM
from tests.web.conftest import GEHEIM, WACHTWOORD, meld_aan

pytestmark = pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
GEHEIM_GEGEVEN = "Geheimnaam 123456782"


@pytest.fixture(params=["text", "json"])
def logregels(request: pytest.FixtureRequest) -> Iterator[io.StringIO]:
    """The server's log lines as ``doorstroom demo`` (text) and ``doorstroom serve`` (json) write them."""
    formaat = configureer(request.param)["formatters"]["standaard"]  # type: ignore[index]
    handler = logging.StreamHandler(io.StringIO())
    handler.setFormatter(formaat["()"]())
    logger = logging.getLogger("doorstroom")
    logger.addHandler(handler)
    vorig = logger.level
    logger.setLevel(logging.INFO)
    try:
        yield handler.stream  # type: ignore[misc]
    finally:
        logger.removeHandler(handler)
        logger.setLevel(vorig)


@pytest.fixture
def crash(monkeypatch: pytest.MonkeyPatch) -> None:
    """A defect in the person list, whose message quotes personal data (as a driver error can)."""

    def mislukt(*_: object, **__: object) -> None:
        raise RuntimeError(GEHEIM_GEGEVEN)

    monkeypatch.setattr(dossier, "personen", mislukt)


def _crashregel(log: io.StringIO) -> str:
    [regel] = [r for r in log.getvalue().splitlines() if "interne fout" in r]
    return regel


def test_the_api_log_line_names_the_reference_of_the_problem_body(
    engine: Engine, crash: None, logregels: io.StringIO
) -> None:
    accounts.maak_gebruiker(engine, SYSTEEM, "utrecht", Rol.gemeente, gemeente="GM0344")
    token = accounts.maak_token(engine, SYSTEEM, "utrecht")[0]
    with TestClient(create_app(engine, sessiegeheim=GEHEIM), raise_server_exceptions=False) as client:
        antwoord = client.get("/api/v1/personen", headers={"Authorization": f"Bearer {token}"})
    referentie = antwoord.headers["x-request-id"]
    assert (
        antwoord.status_code == 500 and antwoord.json()["detail"] == f"interne fout (referentie {referentie})"
    )
    regel = _crashregel(logregels)
    assert f"referentie {referentie}" in regel and GEHEIM_GEGEVEN not in logregels.getvalue()


def test_the_web_error_page_and_the_log_line_carry_the_same_reference(
    engine: Engine, crash: None, logregels: io.StringIO
) -> None:
    accounts.maak_gebruiker(
        engine, SYSTEEM, "utrecht", Rol.gemeente, gemeente="GM0344", wachtwoord_tekst=WACHTWOORD
    )
    with TestClient(
        create_app(engine, sessiegeheim=GEHEIM), base_url="https://testserver", raise_server_exceptions=False
    ) as web:
        meld_aan(web, "utrecht")
        antwoord = web.get("/dossier")
    assert antwoord.status_code == 500 and antwoord.headers["content-type"].startswith("text/html")
    gevonden = re.search(r"referentie ([0-9a-f]{16})", antwoord.text)
    assert gevonden is not None and gevonden.group(1) == antwoord.headers["x-request-id"]
    assert f"referentie {gevonden.group(1)}" in _crashregel(logregels)
    assert GEHEIM_GEGEVEN not in antwoord.text and GEHEIM_GEGEVEN not in logregels.getvalue()
