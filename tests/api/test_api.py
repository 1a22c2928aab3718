"""The REST API as clients use it: design rules, errors, paging, ETags, and a day of case work."""

from __future__ import annotations

import threading
from typing import Any

import pytest
import time_machine
from fastapi.testclient import TestClient

from tests.dossier import factories
from tests.gebruikers import SYSTEEM

API = "/api/v1"
PROBLEEM_VELDEN = {"type", "title", "status", "detail", "instance", "invalidParams"}


@pytest.fixture(autouse=True)
def _vandaag() -> Any:
    with time_machine.travel("2026-11-24 10:00 +01:00", tick=True):
        yield


def maak(client: TestClient, headers: dict[str, str], **body: Any) -> dict[str, Any]:
    response = client.post(f"{API}/personen", json=factories.persoon(**body), headers=headers)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def assert_probleem(response: Any, status: int) -> dict[str, Any]:
    """The one error body of the whole API (RFC 9457)."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["api-version"] == "1.0.0"
    body = response.json()
    assert set(body) <= PROBLEEM_VELDEN and {"type", "title", "status", "detail"} <= set(body)
    assert body["status"] == status
    return body  # type: ignore[no-any-return]


def test_the_error_body_is_the_same_for_404_405_400_401_403_412_422_428(
    client: TestClient, als: dict[str, dict[str, str]]
) -> None:
    utrecht = als["utrecht"]
    persoon = maak(client, utrecht)
    pad = f"{API}/personen/{persoon['id']}"
    assert_probleem(client.get(f"{API}/bestaat-niet", headers=utrecht), 404)
    assert_probleem(client.delete(f"{API}/personen", headers=utrecht), 405)
    assert_probleem(client.get(f"{API}/personen?paginaGrootte=0", headers=utrecht), 400)
    assert_probleem(client.get(f"{API}/personen"), 401)
    assert_probleem(client.get(f"{API}/personen", headers=als["prov-utrecht"]), 403)
    assert_probleem(client.patch(pad, json={"casemanager": "anna"}, headers=utrecht), 428)
    assert_probleem(
        client.patch(pad, json={"casemanager": "anna"}, headers={**utrecht, "If-Match": '"7"'}), 412
    )
    fout = assert_probleem(
        client.post(
            f"{API}/personen",
            json={"geslachtsnaam": "X", "geboortedatum": "1990-01-01", "gemeentecode": "GM0307"},
            headers=utrecht,
        ),
        422,
    )
    assert fout["invalidParams"][0]["name"] == "gemeentecode"
    assert_probleem(
        client.post(
            f"{API}/personen", content="geslachtsnaam=X", headers={**utrecht, "Content-Type": "text/plain"}
        ),
        415,
    )
    groot = '{"geslachtsnaam": "' + "x" * 1_100_000 + '"}'
    json_headers = {**utrecht, "Content-Type": "application/json"}
    assert_probleem(client.post(f"{API}/personen", content=groot, headers=json_headers), 413)


def test_validation_errors_never_echo_submitted_personal_data(
    client: TestClient, als: dict[str, dict[str, str]]
) -> None:
    body = factories.persoon(bsn="123456789", geboortedatum="1990-01-01", geslachtsnaam="Uniekenaam")
    response = client.post(f"{API}/personen", json=body, headers=als["utrecht"])
    fout = assert_probleem(response, 400)
    assert "123456789" not in response.text and "Uniekenaam" not in response.text
    assert fout["invalidParams"][0]["name"] == "bsn"


def test_trailing_slash_is_404_not_a_redirect_and_every_response_has_api_version(
    client: TestClient, als: dict[str, dict[str, str]]
) -> None:
    response = client.get(f"{API}/personen/", headers=als["utrecht"], follow_redirects=False)
    assert_probleem(response, 404)
    ok = client.get(f"{API}/personen", headers=als["utrecht"])
    assert ok.status_code == 200 and ok.headers["api-version"] == "1.0.0"
    assert ok.headers["cache-control"] == "no-store" and ok.headers["x-frame-options"] == "DENY"


def test_openapi_document_is_public_and_follows_the_design_rules(client: TestClient) -> None:
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200 and response.headers["api-version"] == "1.0.0"
    document = response.json()
    assert document["info"]["version"] == "1.0.0" and document["servers"] == [{"url": "/api/v1"}]
    for path, operations in document["paths"].items():
        assert not path.endswith("/") and all(
            segment == segment.lower() or segment.startswith("{") for segment in path.split("/")
        ), path
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query":
                    assert parameter["name"][0].islower() and "_" not in parameter["name"], parameter["name"]
            for status, entry in operation["responses"].items():
                assert "API-Version" in entry["headers"], (path, status)
                if int(status) >= 400:
                    assert list(entry["content"]) == ["application/problem+json"], (path, status)


def test_paging_filtering_and_sorting(client: TestClient, als: dict[str, dict[str, str]]) -> None:
    for naam, datum in (("Bakker", "1980-01-01"), ("Aydin", "1990-01-01"), ("Claes", "1970-01-01")):
        maak(
            client,
            als["utrecht"],
            geslachtsnaam=naam,
            geboortedatum=datum,
            casemanager="anna" if naam != "Claes" else None,
        )
    page = client.get(f"{API}/personen?sorteer=geslachtsnaam&paginaGrootte=2", headers=als["utrecht"]).json()
    assert [p["geslachtsnaam"] for p in page["resultaten"]] == ["Aydin", "Bakker"]
    assert (page["totaalAantal"], page["totaalPaginas"]) == (3, 2) and "volgende" in page["links"]
    tweede = client.get(page["links"]["volgende"], headers=als["utrecht"]).json()
    assert [p["geslachtsnaam"] for p in tweede["resultaten"]] == ["Claes"]
    oudste = client.get(
        f"{API}/personen?sorteer=-geboortedatum&casemanager=anna", headers=als["utrecht"]
    ).json()
    assert [p["geslachtsnaam"] for p in oudste["resultaten"]] == ["Aydin", "Bakker"]
    fout = assert_probleem(client.get(f"{API}/personen?sorteer=naam", headers=als["utrecht"]), 400)
    assert "geslachtsnaam" in fout["invalidParams"][0]["reason"]  # closest valid field suggested


def test_etag_and_if_match_prevent_lost_updates(client: TestClient, als: dict[str, dict[str, str]]) -> None:
    persoon = maak(client, als["utrecht"])
    pad = f"{API}/personen/{persoon['id']}"
    etag = client.get(pad, headers=als["utrecht"]).headers["etag"]
    eerste = client.patch(pad, json={"casemanager": "anna"}, headers={**als["utrecht"], "If-Match": etag})
    assert eerste.status_code == 200 and eerste.headers["etag"] == '"2"'
    tweede = client.patch(pad, json={"casemanager": "bram"}, headers={**als["utrecht"], "If-Match": etag})
    assert_probleem(tweede, 412)
    assert client.get(pad, headers=als["utrecht"]).json()["casemanager"] == "anna"


def test_concurrent_updates_one_wins_the_other_gets_412(
    client: TestClient, als: dict[str, dict[str, str]]
) -> None:
    persoon = maak(client, als["utrecht"])
    pad = f"{API}/personen/{persoon['id']}"
    statuses: list[int] = []
    barrier = threading.Barrier(4)

    def update(naam: str) -> None:
        barrier.wait()
        response = client.patch(
            pad, json={"casemanager": naam}, headers={**als["utrecht"], "If-Match": '"1"'}
        )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=update, args=(f"cm{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 412, 412, 412]
    assert client.get(pad, headers=als["utrecht"]).json()["versie"] == 2


def test_search_by_bsn_goes_in_the_body_and_coa_never_sees_a_bsn(
    client: TestClient, als: dict[str, dict[str, str]]
) -> None:
    bsn, vnummer = factories.bsn(), factories.vnummer()
    persoon = maak(client, als["utrecht"], bsn=bsn, vnummer=vnummer)
    gevonden = client.post(f"{API}/personen/_zoek", json={"bsn": bsn}, headers=als["utrecht"]).json()
    assert [p["id"] for p in gevonden] == [persoon["id"]] and gevonden[0]["bsn"] == bsn
    coa_persoon = maak(client, als["coa"], vnummer=factories.vnummer())
    assert "bsn" not in coa_persoon and "vnummer" in coa_persoon
    assert_probleem(
        client.post(f"{API}/personen", json=factories.persoon(bsn=factories.bsn()), headers=als["coa"]), 403
    )


def test_a_day_of_case_work_from_koppeling_to_pip(client: TestClient, als: dict[str, dict[str, str]]) -> None:
    utrecht = als["utrecht"]
    pid = maak(client, utrecht)["id"]

    def event(soort: str, datum: str, **gegevens: Any) -> Any:
        return client.post(
            f"{API}/gebeurtenissen",
            json={"persoonId": pid, "soort": soort, "datum": datum, "gegevens": gegevens},
            headers=utrecht,
        )

    assert event("koppeling", "2026-08-01", gemeentecode="GM0344").status_code == 201
    assert event("huisvesting", "2026-09-01", gemeentecode="GM0344").status_code == 201
    assert (
        event(
            "inburgeringsplicht",
            "2026-09-01",
            indicatorInburgeringsplicht=True,
            doelgroep="Asielstatushouder",
        ).status_code
        == 201
    )
    te_vroeg = event("pip", "2026-10-01", leerroute="B")
    assert_probleem(te_vroeg, 422)
    assert event("brede_intake", "2026-09-20").status_code == 201
    assert_probleem(event("pip", "2026-10-01", leerroute="Z", niveau="B1"), 400)
    assert event("pip", "2026-10-01", leerroute="B", niveau="B1").status_code == 201
    termijnen = client.get(f"{API}/termijnen?gemeentecode=GM0344", headers=utrecht).json()["resultaten"]
    assert [(t["regel"], t["vervaldatum"]) for t in termijnen] == [("inburgeringstermijn", "2029-10-02")]
    persoon = client.get(f"{API}/personen/{pid}", headers=utrecht).json()
    assert persoon["fase"] == "inburgering"
    inzage = client.get(f"{API}/personen/{pid}/inzage", headers=utrecht).json()
    assert len(inzage["gebeurtenissen"]) == 5 and inzage["verwerkingen"]


def test_the_tvs_timeline_per_linked_household_within_scope(
    client: TestClient, als: dict[str, dict[str, str]]
) -> None:
    utrecht = als["utrecht"]
    pid = maak(client, utrecht)["id"]
    for soort, datum, gegevens in (
        ("koppeling", "2026-08-03", {"gemeentecode": "GM0344"}),
        ("woningaanbod", "2026-09-01", {}),
    ):
        body = {"persoonId": pid, "soort": soort, "datum": datum, "gegevens": gegevens}
        assert client.post(f"{API}/gebeurtenissen", json=body, headers=utrecht).status_code == 201
    pad = f"{API}/tvs-tijdlijnen?peildatum=2026-09-20"
    lijst = client.get(pad, headers=utrecht).json()
    assert lijst["totaalAantal"] == 1
    assert {
        k: lijst["resultaten"][0][k] for k in ("persoonId", "aanbodUiterlijk", "verhuizingUiterlijk")
    } == {
        "persoonId": pid,
        "aanbodUiterlijk": "2026-10-12",
        "verhuizingUiterlijk": "2026-09-15",
    }
    assert lijst["resultaten"][0]["status"] == "te laat"  # offered, not moved two weeks later
    assert client.get(f"{pad}&status=op%20schema", headers=utrecht).json()["totaalAantal"] == 0
    assert client.get(pad, headers=als["coa"]).json()["totaalAantal"] == 1
    assert client.get(pad, headers=als["amersfoort"]).json()["totaalAantal"] == 0
    assert_probleem(client.get(pad, headers=als["prov-utrecht"]), 403)
    assert_probleem(client.get(f"{pad}&status=vroeg", headers=utrecht), 400)


def test_coa_starts_a_koppeling_run_from_the_case_file_without_an_upload(
    client: TestClient, als: dict[str, dict[str, str]]
) -> None:
    coa = als["coa"]
    leeg = client.post(f"{API}/koppelruns", json={"solver": "greedy"}, headers=coa)
    assert assert_probleem(leeg, 422)["invalidParams"][0]["name"] == "huishoudens"  # nobody waiting
    huishouden = client.post(f"{API}/huishoudens", json={"referentie": "H-API"}, headers=coa).json()["id"]
    pid = maak(client, coa, vnummer=factories.vnummer(), huishoudenId=huishouden)["id"]
    for soort, gegevens in (
        ("verblijfsvergunning", {"soort": "asiel bepaalde tijd"}),
        ("verblijfplaats_azc", {"locatie": "azc Zeist", "gemeentecode": "GM0355"}),
    ):
        body = {"persoonId": pid, "soort": soort, "datum": "2026-09-01", "gegevens": gegevens}
        assert client.post(f"{API}/gebeurtenissen", json=body, headers=coa).status_code == 201
    assert_probleem(client.post(f"{API}/koppelruns", json={"solver": "greedy"}, headers=als["utrecht"]), 403)
    assert_probleem(client.post(f"{API}/koppelruns", json={"solver": "snel"}, headers=coa), 400)
    assert_probleem(client.post(f"{API}/koppelruns", json={"tijdslimiet": 0}, headers=coa), 400)
    antwoord = client.post(f"{API}/koppelruns", json={"solver": "greedy", "tijdslimiet": 5}, headers=coa)
    assert antwoord.status_code == 201, antwoord.text
    run = antwoord.json()
    assert (run["solver"], run["voorstellen"], run["open"]) == ("greedy", 1, 1)
    assert antwoord.headers["location"].endswith(f"/koppelruns/{run['run']}/voorstellen")
    voorstellen = client.get(f"{API}/koppelruns/{run['run']}/voorstellen", headers=coa).json()["resultaten"]
    assert [v["huishoudenId"] for v in voorstellen] == ["H-API"]
    assert client.get(f"{API}/signalen", headers=coa).json()["totaalAantal"] == 0
    pad = f"{API}/koppelruns/{run['run']}/voorstellen/H-API/beoordelingen"
    besluit = client.post(pad, json={"toelichting": "akkoord"}, headers={**coa, "If-Match": '"0"'})
    assert besluit.status_code == 201, besluit.text
    [signaal] = client.get(f"{API}/signalen", headers=coa).json()["resultaten"]
    assert signaal["type"] == "nl.doorstroom.koppeling.nieuw" and signaal["subject"] == huishouden
    assert signaal["data"]["gemeentecode"] == voorstellen[0]["gemeentecode"] and pid not in str(signaal)
    assert_probleem(client.get(f"{API}/signalen", headers=als["prov-utrecht"]), 403)


def test_health_needs_no_login(client: TestClient) -> None:
    response = client.get(f"{API}/gezondheid")
    assert response.status_code == 200 and response.json()["status"] == "ok"


def test_audit_endpoint_is_for_beheerder_only_and_reports_an_intact_chain(
    client: TestClient, als: dict[str, dict[str, str]]
) -> None:
    maak(client, als["utrecht"])
    assert_probleem(client.get(f"{API}/audit", headers=als["utrecht"]), 403)
    regels = client.get(f"{API}/audit?objecttype=persoon", headers=als["beheer"]).json()
    assert regels["totaalAantal"] >= 1 and regels["resultaten"][0]["actor"] == "gebruiker:utrecht"
    assert client.get(f"{API}/audit/controle", headers=als["beheer"]).json()["intact"] is True


def test_revoked_and_expired_tokens_are_refused(
    client: TestClient, engine: Any, als: dict[str, dict[str, str]]
) -> None:
    from doorstroom.accounts import service as accounts

    token, info = accounts.maak_token(engine, SYSTEEM, "utrecht", geldig_dagen=1)
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get(f"{API}/personen", headers=headers).status_code == 200
    with time_machine.travel("2026-11-26 10:00 +01:00"):
        assert_probleem(client.get(f"{API}/personen", headers=headers), 401)
    accounts.trek_token_in(engine, SYSTEEM, info.id)
    assert_probleem(client.get(f"{API}/personen", headers=headers), 401)


def test_taakstellingen_show_move_ins_from_the_file_within_the_callers_scope(
    client: TestClient, engine: Any, als: dict[str, dict[str, str]]
) -> None:
    from doorstroom.taakstelling import service as taakstelling
    from doorstroom.taakstelling.vaststelling import Vaststelverzoek
    from doorstroom.values.periode import Periode

    taakstelling.vaststellen(engine, Vaststelverzoek(Periode.parse("2026-2"), 16500))
    pid = maak(client, als["utrecht"])["id"]
    body = {
        "persoonId": pid,
        "soort": "huisvesting",
        "datum": "2026-10-01",
        "gegevens": {"gemeentecode": "GM0344"},
    }
    assert client.post(f"{API}/gebeurtenissen", json=body, headers=als["utrecht"]).status_code == 201
    eigen = client.get(f"{API}/taakstellingen?periode=2026-2&gemeentecode=GM0344", headers=als["utrecht"])
    assert [(r["gemeentecode"], r["gerealiseerd"]) for r in eigen.json()["resultaten"]] == [("GM0344", 1)]
    # quota and realisation are public (issue 20 item 9): every municipality's, for each chain role
    for wie in ("utrecht", "amersfoort", "prov-utrecht", "coa"):
        alle = client.get(f"{API}/taakstellingen?periode=2026-2", headers=als[wie]).json()
        assert alle["totaalAantal"] > 300, wie
    beheer = client.get(f"{API}/taakstellingen?periode=2026-2", headers=als["beheer"]).json()
    assert beheer["totaalAantal"] == 0
    assert_probleem(client.get(f"{API}/taakstellingen?periode=2027-1", headers=als["utrecht"]), 404)
