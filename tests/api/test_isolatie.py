"""Tenant isolation per endpoint: another municipality gets 404 or an empty list, a province never a
personal field. Every path of the OpenAPI document is listed here, so a new endpoint fails this test
until someone says how it must behave for another tenant."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from doorstroom.koppeling import service as koppeling
from tests.dossier import factories

API = "/api/v1"
OPEN = {"If-Match": '"0"'}
"""The precondition of a decision on a proposal nobody decided on yet."""
HUISHOUDENS = """huishouden_id,volwassenen,kinderen,opleidingen,sectoren,opvang_gemeente,\
binding_gemeente,binding,netwerk_gemeenten,zorg,voorkeur_regio
H1,1,0,hoger,zorg,GM0363,,,,,
H2,2,2,middelbaar|basis,bouw|-,GM0599,,,GM0344,,Utrecht
"""
CAPACITEIT = """gemeentecode,capaciteit,woningen_1,woningen_2,woningen_3_4,woningen_5plus,zorg,onderwijs
GM0363,4,2,1,1,0,dialyse,hbo|mbo|nieuwkomersonderwijs
GM0344,4,1,0,1,0,,hbo
"""


@dataclass
class Utrecht:
    """Records of GM0344 that no other tenant may see."""

    persoon: str
    bsn: str
    naam: str
    huishouden: str
    gebeurtenis: str
    run: int


@pytest.fixture
def utrecht(
    client: TestClient, als: dict[str, dict[str, str]], engine: Engine, csv_file: Callable[[str, str], Path]
) -> Utrecht:
    headers = als["utrecht"]
    huishouden = client.post(f"{API}/huishoudens", json={"referentie": "H2"}, headers=headers).json()["id"]
    naam, bsn = "Zeldzaamnaam", factories.bsn()
    persoon = client.post(
        f"{API}/personen",
        json=factories.persoon(geslachtsnaam=naam, bsn=bsn, huishoudenId=huishouden),
        headers=headers,
    ).json()["id"]
    event = client.post(
        f"{API}/gebeurtenissen",
        json={
            "persoonId": persoon,
            "soort": "koppeling",
            "datum": "2026-10-01",
            "gegevens": {"gemeentecode": "GM0344"},
        },
        headers=headers,
    ).json()
    verzoek = koppeling.Verzoek(
        csv_file("h.csv", HUISHOUDENS), csv_file("c.csv", CAPACITEIT), solver="greedy"
    )
    run_id = koppeling.voorstel(verzoek, engine).run_id
    assert run_id is not None
    return Utrecht(persoon, bsn, naam, huishouden, event["id"], run_id)


def _verzoeken(u: Utrecht) -> dict[str, list[tuple[str, str, dict[str, Any] | None]]]:
    """Per OpenAPI path: the requests that touch Utrecht's records."""
    nieuw_event = {"persoonId": u.persoon, "soort": "brede_intake", "datum": "2026-10-02"}
    return {
        "/personen": [("GET", "/personen", None), ("GET", "/personen?gemeentecode=GM0344", None)],
        "/personen/_zoek": [("POST", "/personen/_zoek", {"bsn": u.bsn})],
        "/personen/{persoonId}": [
            ("GET", f"/personen/{u.persoon}", None),
            ("PATCH", f"/personen/{u.persoon}", {"casemanager": "x-y"}),
        ],
        "/personen/{persoonId}/inzage": [("GET", f"/personen/{u.persoon}/inzage", None)],
        "/aanmeldingen": [("GET", "/aanmeldingen", None)],
        "/aanmeldingen/{aanmeldingId}/besluit": [
            ("POST", f"/aanmeldingen/{u.persoon}/besluit", {"toekennen": True, "toelichting": "zelfde"})
        ],
        "/huishoudens": [("GET", "/huishoudens", None)],
        "/huishoudens/{huishoudenId}": [("GET", f"/huishoudens/{u.huishouden}", None)],
        "/gebeurtenissen": [
            ("GET", f"/gebeurtenissen?persoonId={u.persoon}", None),
            ("POST", "/gebeurtenissen", nieuw_event),
        ],
        "/gebeurtenissen/{gebeurtenisId}": [("GET", f"/gebeurtenissen/{u.gebeurtenis}", None)],
        "/gebeurtenissen/{gebeurtenisId}/intrekkingen": [
            ("POST", f"/gebeurtenissen/{u.gebeurtenis}/intrekkingen", {"toelichting": "fout"})
        ],
        "/termijnen": [("GET", "/termijnen", None), ("GET", "/termijnen?gemeentecode=GM0344", None)],
        "/signalen": [("GET", "/signalen", None)],
        "/tvs-tijdlijnen": [
            ("GET", "/tvs-tijdlijnen", None),
            ("GET", "/tvs-tijdlijnen?gemeentecode=GM0344&peildatum=2026-12-01", None),
        ],
        "/gemeenten": [("GET", "/gemeenten?provincie=Utrecht&paginaGrootte=100", None)],
        "/gemeenten/{gemeentecode}": [("GET", "/gemeenten/GM0344", None)],
        "/taakstellingen": [("GET", "/taakstellingen?periode=2026-2", None)],
        "/koppelruns": [("GET", "/koppelruns", None), ("POST", "/koppelruns", {"solver": "greedy"})],
        "/koppelruns/{runId}/voorstellen": [("GET", f"/koppelruns/{u.run}/voorstellen", None)],
        "/koppelruns/{runId}/voorstellen/{huishoudenId}/beoordelingen": [
            ("POST", f"/koppelruns/{u.run}/voorstellen/H2/beoordelingen", {"toelichting": "akkoord"})
        ],
        "/audit": [("GET", "/audit", None)],
        "/audit/controle": [("GET", "/audit/controle", None)],
        "/gezondheid": [("GET", "/gezondheid", None)],
        "/beleidsregimes": [("GET", "/beleidsregimes?geldendOp=2026-07-01", None)],
        "/beleidsregimes/{regimeId}": [("GET", "/beleidsregimes/wet-2024", None)],
        "/capaciteitsramingen": [("GET", "/capaciteitsramingen", None)],
        "/opvangopgaven": [("GET", "/opvangopgaven?niveau=gemeente&paginaGrootte=100", None)],
        "/regio-overzichten": [("GET", "/regio-overzichten?taakstelling=14000", None)],
        "/opvanglocaties": [("GET", "/opvanglocaties?gemeentecode=GM0344", None)],
        "/opvanglocaties/{locatieId}/versies": [("GET", "/opvanglocaties/SYN-01-0/versies", None)],
        "/monitor/indicatoren": [("GET", "/monitor/indicatoren", None)],
        "/monitor/indicatoren/{naam}/cijfers": [("GET", "/monitor/indicatoren/cohort/cijfers", None)],
        "/gemeenten/{gemeentecode}/woningaanbod": [("GET", "/gemeenten/GM0344/woningaanbod", None)],
        "/gemeenten/{gemeentecode}/huisvestingsplan": [("GET", "/gemeenten/GM0344/huisvestingsplan", None)],
        "/regelingen": [("GET", "/regelingen", None)],
    }


def _zonder_links(response: Any) -> str:
    """The body without the links, which repeat the caller's own query."""
    body = response.json()
    if isinstance(body, dict):
        body.pop("links", None)
    return json.dumps(body)


def _stuur(
    client: TestClient, headers: dict[str, str], methode: str, pad: str, body: dict[str, Any] | None
) -> Any:
    extra = (
        {"If-Match": '"1"'} if methode == "PATCH" else ({"If-Match": '"0"'} if "beoordelingen" in pad else {})
    )
    return client.request(methode, API + pad, json=body, headers={**headers, **extra})


def test_every_endpoint_is_covered(client: TestClient, utrecht: Utrecht) -> None:
    paths = set(client.get(f"{API}/openapi.json").json()["paths"])
    assert paths == set(_verzoeken(utrecht))


def test_another_municipality_never_sees_or_changes_utrechts_records(
    client: TestClient, als: dict[str, dict[str, str]], utrecht: Utrecht
) -> None:
    for pad, verzoeken in _verzoeken(utrecht).items():
        for methode, url, body in verzoeken:
            response = _stuur(client, als["amersfoort"], methode, url, body)
            assert response.status_code in (200, 201, 403, 404, 422), (
                pad,
                methode,
                response.status_code,
                response.text,
            )
            geheimen = [utrecht.naam, utrecht.bsn]  # an error may repeat the id the caller sent itself
            if response.status_code < 300:
                geheimen += [utrecht.persoon, utrecht.huishouden, utrecht.gebeurtenis]
            assert not any(geheim in _zonder_links(response) for geheim in geheimen), (pad, methode)
            if "{" in pad and pad.startswith(("/personen", "/huishoudens", "/gebeurtenissen")):
                assert response.status_code == 404, (pad, methode, response.status_code)


def test_a_province_never_receives_a_personal_field(
    client: TestClient, als: dict[str, dict[str, str]], utrecht: Utrecht
) -> None:
    persoonsvelden = (
        '"geslachtsnaam"',
        '"voornamen"',
        '"geboortedatum"',
        '"bsn"',
        '"vnummer"',
        '"persoonId"',
        '"leden"',
    )
    for provincie in ("prov-utrecht", "prov-groningen"):
        for pad, verzoeken in _verzoeken(utrecht).items():
            for methode, url, body in verzoeken:
                response = _stuur(client, als[provincie], methode, url, body)
                assert response.status_code < 500, (pad, response.text)
                assert not any(veld in response.text for veld in persoonsvelden), (provincie, pad)
                assert utrecht.naam not in response.text and utrecht.bsn not in response.text


def test_the_province_sees_counts_of_its_own_municipalities_only(
    client: TestClient, als: dict[str, dict[str, str]], utrecht: Utrecht
) -> None:
    eigen = client.get(f"{API}/gemeenten/GM0344", headers=als["prov-utrecht"]).json()
    zelf = client.get(f"{API}/gemeenten/GM0344", headers=als["utrecht"]).json()
    assert eigen["dossier"]["personen"] == "< 10" and zelf["dossier"]["personen"] == 1
    assert zelf["dossier"]["termijnen"]["open"] + zelf["dossier"]["termijnen"]["binnenkort"] >= 1
    # each count the province sees is hidden below ten; a zero stays zero (how many are due depends on today)
    assert eigen["dossier"]["termijnen"] == {
        status: ("< 10" if aantal else 0) for status, aantal in zelf["dossier"]["termijnen"].items()
    }
    vreemd = client.get(f"{API}/gemeenten/GM0344", headers=als["prov-groningen"]).json()
    assert "dossier" not in vreemd


def test_coa_reviews_a_proposal_with_a_reason_and_the_file_shows_its_source(
    client: TestClient, als: dict[str, dict[str, str]], utrecht: Utrecht
) -> None:
    pad = f"{API}/koppelruns/{utrecht.run}/voorstellen/H2/beoordelingen"
    zonder = client.post(pad, json={}, headers=als["coa"])
    assert zonder.status_code == 400 and zonder.json()["invalidParams"][0]["name"] == "toelichting"
    zonder_versie = client.post(pad, json={"toelichting": "past bij netwerk"}, headers=als["coa"])
    assert zonder_versie.status_code == 428
    besluit = client.post(pad, json={"toelichting": "past bij netwerk"}, headers=als["coa"] | OPEN)
    assert besluit.status_code == 201, besluit.text
    assert besluit.json()["beoordeling"] == "geaccepteerd"
    events = client.get(
        f"{API}/gebeurtenissen?persoonId={utrecht.persoon}&soort=koppeling", headers=als["utrecht"]
    ).json()
    bronnen = {e["gegevens"].get("bron") for e in events["resultaten"]}
    assert "koppelvoorstel" in bronnen


def test_a_decision_and_the_files_koppeling_events_land_together_or_not_at_all(
    client: TestClient,
    als: dict[str, dict[str, str]],
    utrecht: Utrecht,
    engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """If recording the koppeling in the file fails, the decision is not stored either."""
    from doorstroom.dossier import koppelbesluit

    def mislukt(*_: object, **__: object) -> None:
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(koppelbesluit, "_in_dossier", mislukt)
    pad = f"{API}/koppelruns/{utrecht.run}/voorstellen/H2/beoordelingen"
    antwoord = client.post(pad, json={"toelichting": "past bij netwerk"}, headers=als["coa"] | OPEN)
    assert antwoord.status_code == 500
    assert antwoord.headers["content-type"].startswith("application/problem+json")
    assert antwoord.json()["detail"] == f"interne fout (referentie {antwoord.headers['x-request-id']})"
    assert koppeling.geschiedenis(engine, utrecht.run, "H2") == []


def test_the_runs_are_paged_by_the_database_newest_first(
    utrecht: Utrecht,
    client: TestClient,
    als: dict[str, dict[str, str]],
    engine: Engine,
    csv_file: Callable[[str, str], Path],
) -> None:
    """GET /koppelruns read every run to slice one page from it (issue 21); now the query pages."""
    verzoek = koppeling.Verzoek(
        csv_file("h.csv", HUISHOUDENS), csv_file("c.csv", CAPACITEIT), solver="greedy"
    )
    nieuwer = [koppeling.voorstel(verzoek, engine).run_id for _ in range(2)]
    pagina = client.get(f"{API}/koppelruns?paginaGrootte=2", headers=als["coa"]).json()
    assert [run["run"] for run in pagina["resultaten"]] == nieuwer[::-1]
    assert (pagina["totaalAantal"], pagina["totaalPaginas"]) == (3, 2)
    tweede = client.get(f"{API}/koppelruns?paginaGrootte=2&pagina=2", headers=als["coa"]).json()
    assert [run["run"] for run in tweede["resultaten"]] == [utrecht.run]
