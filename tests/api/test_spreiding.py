"""Spreiding endpoints (issue 13 item 5): the distribution, the region view, the locations register and
the capacity estimates, under the role rules (every chain role reads aggregates; locations only within
the caller's scope; a beheerder gets no figures)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from doorstroom.reference.io import embedded_gemeenten
from doorstroom.spreiding import register
from tests.spreiding.conftest import schrijf_csv, synthetische_locaties

API = "/api/v1"
PROVINCIE = {g.code: g.provincie for g in embedded_gemeenten()}


def alles(client: TestClient, pad: str, headers: dict[str, str]) -> list[dict[str, Any]]:
    """Every result of a paged list, following its pages."""
    rijen: list[dict[str, Any]] = []
    pagina = 1
    while True:
        scheiding = "&" if "?" in pad else "?"
        antwoord = client.get(f"{API}{pad}{scheiding}pagina={pagina}&paginaGrootte=100", headers=headers)
        assert antwoord.status_code == 200, antwoord.text
        body = antwoord.json()
        rijen += body["resultaten"]
        if pagina >= body["totaalPaginas"]:
            return rijen
        pagina += 1


@pytest.fixture
def locaties(engine: Engine, tmp_path: Path) -> list[dict[str, object]]:
    rijen = synthetische_locaties()
    register.importeer(engine, schrijf_csv(tmp_path / "locaties.csv", rijen), "test")
    return rijen


def test_estimates_are_dated_inputs_and_the_default_is_the_newest(
    client: TestClient, als: dict[str, dict[str, str]]
) -> None:
    ramingen = alles(client, "/capaciteitsramingen", als["utrecht"])
    assert {(r["datum"], r["totaal"]) for r in ramingen} >= {("2024-02-01", 96000)}
    assert [r["datum"] for r in ramingen] == sorted(r["datum"] for r in ramingen)
    standaard = alles(client, "/opvangopgaven", als["coa"])
    assert sum(r["opgave"] for r in standaard) == ramingen[-1]["totaal"]


@pytest.mark.parametrize("naam", ["utrecht", "coa", "prov-groningen"])
def test_the_distribution_sums_exactly_at_both_levels(
    client: TestClient, als: dict[str, dict[str, str]], naam: str
) -> None:
    provincies = alles(client, "/opvangopgaven?raming=2024-02-01", als[naam])
    assert len(provincies) == 12 and sum(r["opgave"] for r in provincies) == 96000
    gemeenten = alles(client, "/opvangopgaven?raming=2024-02-01&niveau=gemeente", als[naam])
    assert sum(r["opgave"] for r in gemeenten) == 96000
    for provincie in provincies:
        eigen = [g for g in gemeenten if g["provincie"] == provincie["provincie"]]
        assert sum(g["opgave"] for g in eigen) == provincie["opgave"], provincie["provincie"]
        assert sum(g["amv"] for g in eigen) == provincie["amv"], provincie["provincie"]
    assert all(not r["correctieToegepast"] for r in provincies)


def test_the_region_view_shows_required_present_and_the_match_per_region(
    client: TestClient, als: dict[str, dict[str, str]], locaties: list[dict[str, object]]
) -> None:
    niet_vastgesteld = client.get(f"{API}/regio-overzichten?periode=2027-1", headers=als["coa"])
    assert niet_vastgesteld.status_code == 422
    assert [p["name"] for p in niet_vastgesteld.json()["invalidParams"]] == ["taakstelling"]
    assert "--" not in niet_vastgesteld.text
    regios = alles(
        client, "/regio-overzichten?raming=2024-02-01&periode=2027-1&taakstelling=16000", als["prov-utrecht"]
    )
    assert len(regios) == 12 and sum(r["plaatsenNodig"] for r in regios) == 96000
    open_ = [r for r in locaties if not r["sluiting"] or str(r["sluiting"]) > "2026-11-24"]
    assert sum(r["locaties"] for r in regios) <= len(locaties) and sum(r["locaties"] for r in regios) > 0
    assert sum(r["plaatsenAanwezig"] for r in regios) <= sum(int(str(r["capaciteit"])) for r in locaties)
    assert len(open_) > 0
    for regio in regios:
        assert regio["verschilPlaatsen"] == regio["plaatsenAanwezig"] - regio["plaatsenNodig"]
        assert regio["huisvestingInRegio"] + regio["buitenRegio"] == regio["vergunninghoudersInOpvang"]
    corop = alles(
        client, "/regio-overzichten?indeling=coropgebied&raming=2024-02-01&taakstelling=14000", als["coa"]
    )
    assert len(corop) > 12 and sum(r["plaatsenNodig"] for r in corop) == 96000


def test_locations_only_within_the_callers_scope(
    client: TestClient, als: dict[str, dict[str, str]], locaties: list[dict[str, object]]
) -> None:
    alle = alles(client, "/opvanglocaties", als["coa"])
    assert {r["locatieId"] for r in alle} == {str(r["locatie_id"]) for r in locaties}
    provincie = alles(client, "/opvanglocaties", als["prov-utrecht"])
    assert provincie and all(PROVINCIE[r["gemeentecode"]] == "Utrecht" for r in provincie)
    assert {r["locatieId"] for r in provincie} == {
        str(r["locatie_id"]) for r in locaties if PROVINCIE[str(r["gemeente"])] == "Utrecht"
    }
    assert all(r["gemeentecode"] == "GM0344" for r in alles(client, "/opvanglocaties", als["utrecht"]))
    buiten = next(str(r["locatie_id"]) for r in locaties if PROVINCIE[str(r["gemeente"])] != "Utrecht")
    assert (
        client.get(f"{API}/opvanglocaties/{buiten}/versies", headers=als["prov-utrecht"]).status_code == 404
    )
    versies = alles(client, f"/opvanglocaties/{buiten}/versies", als["coa"])
    assert versies[0]["versie"] == 1 and versies[0]["reden"] == "test"


def test_a_beheerder_gets_no_figures_and_bad_parameters_are_a_400(
    client: TestClient, als: dict[str, dict[str, str]]
) -> None:
    for pad in ("/capaciteitsramingen", "/opvangopgaven", "/regio-overzichten", "/opvanglocaties"):
        assert client.get(f"{API}{pad}", headers=als["beheer"]).status_code == 403, pad
        assert client.get(f"{API}{pad}").status_code == 401, pad
    for pad in (
        "/opvangopgaven?niveau=wijk",
        "/regio-overzichten?indeling=wijk",
        "/regio-overzichten?periode=2026-3",
        "/opvanglocaties?gemeentecode=Utrecht",
        "/opvanglocaties?openOp=gisteren",
        "/regio-overzichten?taakstelling=-1",
    ):
        antwoord = client.get(f"{API}{pad}", headers=als["coa"])
        assert antwoord.status_code == 400, (pad, antwoord.text)
        assert antwoord.headers["content-type"] == "application/problem+json"


def test_a_rule_broken_names_the_domain_field_without_command_line_syntax(
    client: TestClient, als: dict[str, dict[str, str]]
) -> None:
    """Issue 20: the API named ``--raming`` and advised ``doorstroom`` commands."""
    antwoord = client.get(f"{API}/opvangopgaven?raming=2020-01-01", headers=als["coa"])
    assert antwoord.status_code == 422
    body = antwoord.json()
    assert [p["name"] for p in body["invalidParams"]] == ["raming"]
    assert "--" not in antwoord.text and "doorstroom " not in antwoord.text
    assert "geen capaciteitsraming van 2020-01-01" in body["invalidParams"][0]["reason"]


def test_a_request_outside_the_schema_is_answered_in_dutch(
    client: TestClient, als: dict[str, dict[str, str]]
) -> None:
    """Issue 20: ``String should match pattern '^20[0-9]{2}-[12]$'`` and ``Input should be ...``."""
    antwoord = client.get(f"{API}/regio-overzichten?periode=2026-3&indeling=gemeente", headers=als["coa"])
    assert antwoord.status_code == 400
    redenen = {p["name"]: p["reason"] for p in antwoord.json()["invalidParams"]}
    assert redenen["periode"] == "geef een periode als 2026-1 (eerste) of 2026-2 (tweede halfjaar)"
    assert redenen["indeling"].startswith("kies uit 'provincie'") and " of " in redenen["indeling"]
    assert "should" not in antwoord.text and "Input" not in antwoord.text
