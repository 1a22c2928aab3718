"""The shared outermost layer (``platform/asgi.py``) over real HTTP: a body above the limit is a 413
whether the client announced its length or sent it in chunks (issue 19, item 5e)."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from sqlalchemy import Engine

from doorstroom.accounts import service as accounts
from doorstroom.accounts.domain import Rol
from doorstroom.api.middleware import MAX_BODY as API_MAX
from doorstroom.server import create_app
from doorstroom.web.middleware import MAX_BODY as WEB_MAX
from tests.gebruikers import SYSTEEM
from tests.server import gediend
from tests.web.conftest import GEHEIM

pytestmark = pytest.mark.parametrize("engine", ["sqlite"], indirect=True)


@pytest.fixture
def basis(engine: Engine) -> Iterator[str]:
    with gediend(create_app(engine, sessiegeheim=GEHEIM)) as url:
        yield url


@pytest.fixture
def token(engine: Engine) -> str:
    accounts.maak_gebruiker(engine, SYSTEEM, "utrecht", Rol.gemeente, gemeente="GM0344")
    return accounts.maak_token(engine, SYSTEEM, "utrecht")[0]


def _stukken(totaal: int, stuk: int = 64 * 1024) -> Iterator[bytes]:
    """``totaal`` bytes in chunks, as a client streaming an upload sends them (no Content-Length)."""
    verzonden = 0
    while verzonden < totaal:
        deel = min(stuk, totaal - verzonden)
        yield b"x" * deel
        verzonden += deel


def _post(basis: str, pad: str, body: object, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    verbinding = http.client.HTTPConnection(urlsplit(basis).netloc, timeout=60)
    try:
        verbinding.request("POST", pad, body=body, headers=headers)  # type: ignore[arg-type]
        antwoord = verbinding.getresponse()
        return antwoord.status, {k.lower(): v for k, v in antwoord.getheaders()}, antwoord.read()
    finally:
        verbinding.close()


def test_a_chunked_api_body_over_the_limit_is_413_with_the_one_problem_body(basis: str, token: str) -> None:
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    status, kop, body = _post(basis, "/api/v1/personen", _stukken(2 * API_MAX), headers)
    assert status == 413, body[:300]
    assert kop["content-type"] == "application/problem+json" and "x-request-id" in kop
    probleem = json.loads(body)
    assert probleem["status"] == 413 and probleem["instance"] == "/api/v1/personen"


def test_an_announced_api_body_over_the_limit_names_the_path_once(basis: str, token: str) -> None:
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    status, _, body = _post(basis, "/api/v1/personen", b"x" * (API_MAX + 1), headers)
    assert status == 413 and json.loads(body)["instance"] == "/api/v1/personen"


def test_a_chunked_api_body_under_the_limit_is_read_as_usual(basis: str, token: str) -> None:
    persoon = json.dumps({"geslachtsnaam": "Jansen", "geboortedatum": "1990-01-01", "gemeentecode": "GM0344"})
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    status, _, body = _post(basis, "/api/v1/personen", iter([persoon.encode()]), headers)
    assert status == 201, body[:300]


def _bestand_in_delen(grootte: int) -> Iterator[bytes]:
    """A multipart form with one CSV file of ``grootte`` bytes, streamed in chunks like a browser upload."""
    yield (
        b'--grens\r\nContent-Disposition: form-data; name="bestand"; filename="lijst.csv"\r\n'
        b"Content-Type: text/csv\r\n\r\n"
    )
    yield from _stukken(grootte, 1024 * 1024)
    yield b"\r\n--grens--\r\n"


def test_a_chunked_upload_over_the_web_limit_is_a_413_page(basis: str) -> None:
    headers = {"Content-Type": "multipart/form-data; boundary=grens"}
    status, kop, body = _post(basis, "/aanmelden", _bestand_in_delen(WEB_MAX + 1_000_000), headers)
    assert status == 413, body[:300]
    assert kop["content-type"].startswith("text/html") and "20 MB" in body.decode()
