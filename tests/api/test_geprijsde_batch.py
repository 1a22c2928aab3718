"""The priced weekly batch through the API (issue 23): a COA planner places this week's
households from the case file in the period's room, priced for who is still to come, without the
command line."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from doorstroom.taakstelling import service as taakstelling
from doorstroom.taakstelling.vaststelling import Vaststelverzoek
from doorstroom.values.periode import Periode
from tests.api.test_api import API, assert_probleem, maak
from tests.dossier import factories

WACHTEND = (
    ("verblijfsvergunning", {"soort": "asiel bepaalde tijd"}),
    ("verblijfplaats_azc", {"locatie": "azc Zeist", "gemeentecode": "GM0355"}),
)


@pytest.fixture(autouse=True)
def _vandaag() -> Any:
    with time_machine.travel("2026-11-24 10:00 +01:00", tick=True):
        yield


def _wachtend_huishouden(client: TestClient, coa: dict[str, str], referentie: str) -> None:
    huishouden = client.post(f"{API}/huishoudens", json={"referentie": referentie}, headers=coa).json()["id"]
    pid = maak(client, coa, vnummer=factories.vnummer(), huishoudenId=huishouden)["id"]
    for soort, gegevens in WACHTEND:
        body = {"persoonId": pid, "soort": soort, "datum": "2026-09-01", "gegevens": gegevens}
        assert client.post(f"{API}/gebeurtenissen", json=body, headers=coa).status_code == 201


def test_a_priced_batch_from_the_case_file_needs_the_fixed_period_and_is_stored_for_review(
    client: TestClient, engine: Engine, als: dict[str, dict[str, str]]
) -> None:
    coa = als["coa"]
    _wachtend_huishouden(client, coa, "H-PRIJS")
    body = {"solver": "highs", "tijdslimiet": 5, "methode": "geprijsd", "scenarios": 4}
    zonder = assert_probleem(client.post(f"{API}/koppelruns", json=body, headers=coa), 422)
    assert zonder["invalidParams"][0]["name"] == "periode"  # no taakstelling fixed for 2026-2 yet
    assert_probleem(client.post(f"{API}/koppelruns", json={**body, "methode": "gok"}, headers=coa), 400)
    assert_probleem(client.post(f"{API}/koppelruns", json={**body, "scenarios": 0}, headers=coa), 400)
    taakstelling.vaststellen(engine, Vaststelverzoek(Periode(2026, 2), 16500))
    antwoord = client.post(f"{API}/koppelruns", json=body, headers=coa)
    assert antwoord.status_code == 201, antwoord.text
    run = antwoord.json()
    assert (run["solver"], run["voorstellen"]) == ("highs", 1)
    voorstellen = client.get(f"{API}/koppelruns/{run['run']}/voorstellen", headers=coa).json()["resultaten"]
    assert [v["huishoudenId"] for v in voorstellen] == ["H-PRIJS"]
