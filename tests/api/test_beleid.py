"""``/beleidsregimes`` (issue 24): every role reads the regimes with status, dates and sources;
the filter on a date keeps law in force only; an unknown id is a 404 problem in Dutch."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

API = "/api/v1"


@pytest.mark.parametrize("rol", ["utrecht", "prov-utrecht", "beheer"])
def test_every_role_lists_the_regimes_with_status_and_sources(
    client: TestClient, als: dict[str, dict[str, str]], rol: str
) -> None:
    antwoord = client.get(f"{API}/beleidsregimes?paginaGrootte=50", headers=als[rol])
    assert antwoord.status_code == 200, antwoord.text
    regimes = {r["id"]: r for r in antwoord.json()["resultaten"]}
    assert regimes["wet-2024"]["geldendRecht"] is True
    assert regimes["tweestatusstelsel"]["status"] == "wetsvoorstel"
    assert regimes["tweestatusstelsel"]["geldendRecht"] is False
    assert regimes["tweestatusstelsel"]["parameters"]["dossier"]["vergunningsduurMaanden"] == 36
    assert all(r["bronnen"][0]["link"].startswith("https://") for r in regimes.values())


def test_on_a_date_only_the_law_in_force_then(client: TestClient, als: dict[str, dict[str, str]]) -> None:
    antwoord = client.get(f"{API}/beleidsregimes?geldendOp=2026-06-12", headers=als["utrecht"])
    ids = {r["id"] for r in antwoord.json()["resultaten"]}
    assert ids == {"wet-2024", "doorstroomlocaties", "eu-migratiepact"}


def test_one_regime_and_an_unknown_one(client: TestClient, als: dict[str, dict[str, str]]) -> None:
    een = client.get(f"{API}/beleidsregimes/nareisstop", headers=als["utrecht"])
    assert een.status_code == 200 and een.json()["status"] == "voornemen"
    onbekend = client.get(f"{API}/beleidsregimes/nareisstp", headers=als["utrecht"])
    assert onbekend.status_code in (400, 404)
    assert onbekend.headers["content-type"].startswith("application/problem+json")
    assert "nareisstop" in onbekend.text
    assert client.get(f"{API}/beleidsregimes").status_code == 401
