"""Issue 19, item 5: the web application's smaller doors — a clear page or form error, never a 500."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from doorstroom.demo import laden
from doorstroom.platform.clock import vandaag
from tests.web.conftest import formtoken, meld_aan


@pytest.fixture
def demo(engine: Engine, gebruikers: dict[str, str]) -> None:
    laden.vul(engine, vandaag())


def _persoon(web: TestClient) -> tuple[str, str]:
    """A person of Utrecht's and the CSRF token of their page."""
    lijst = web.get("/dossier?fase=gekoppeld").text
    persoon = re.search(r'href="/dossier/personen/([0-9a-f-]{36})"', lijst).group(1)  # type: ignore[union-attr]
    return persoon, formtoken(web.get(f"/dossier/personen/{persoon}").text)


@pytest.mark.parametrize("uren", ["1" + "0" * 400, "-" + "9" * 400])
def test_hours_beyond_every_float_are_a_form_error_naming_the_field(
    web: TestClient, demo: None, uren: str
) -> None:
    meld_aan(web, "utrecht")
    persoon, token = _persoon(web)
    antwoord = web.post(
        f"/dossier/personen/{persoon}/gebeurtenissen",
        data={
            "csrf": token,
            "soort": "participatie",
            "datum": vandaag().isoformat(),
            "g_soort": "werk",
            "g_urenPerWeek": uren,
        },
    )
    assert antwoord.status_code == 422, antwoord.text[:500]
    assert "urenPerWeek" in antwoord.text and ("groter" in antwoord.text or "kleiner" in antwoord.text)
    assert "participatie:" not in web.get(f"/dossier/personen/{persoon}").text


def test_a_405_page_allows_every_method_of_the_path(web: TestClient) -> None:
    antwoord = web.request("DELETE", "/aanmelden")
    assert antwoord.status_code == 405 and antwoord.headers["allow"] == "GET, POST"


def test_a_search_by_a_bsn_failing_the_eleven_test_says_so_at_the_field(web: TestClient, demo: None) -> None:
    meld_aan(web, "utrecht")
    token = formtoken(web.get("/dossier").text)
    antwoord = web.post("/dossier/zoek", data={"csrf": token, "bsn": "123456789"})
    assert antwoord.status_code == 422 and "elfproef" in antwoord.text and "123456789" not in antwoord.text
