"""Issue 19, item 5: the API's smaller doors — each answered with the one error body, never a 500."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.test_api import API, assert_probleem, maak


def _participatie(client: TestClient, headers: dict[str, str], uren: str) -> Any:
    """A participation event whose ``urenPerWeek`` is the raw JSON number ``uren``."""
    pid = maak(client, headers)["id"]
    body = (
        f'{{"persoonId": "{pid}", "soort": "participatie", "datum": "2026-09-01", '
        f'"gegevens": {{"soort": "werk", "urenPerWeek": {uren}}}}}'
    )
    return client.post(
        f"{API}/gebeurtenissen", content=body, headers={**headers, "Content-Type": "application/json"}
    )


@pytest.mark.parametrize("uren", ["1" + "0" * 400, "-" + "1" + "0" * 400, "1e400", "169"])
def test_a_number_beyond_its_domain_is_a_problem_naming_the_field_never_a_500(
    client: TestClient, als: dict[str, dict[str, str]], uren: str
) -> None:
    body = assert_probleem(_participatie(client, als["utrecht"], uren), 400)
    assert [p["name"].rsplit(".", 2)[-2:] for p in body["invalidParams"]] == [["gegevens", "urenPerWeek"]], (
        body
    )
    assert "1" + "0" * 20 not in json.dumps(body)  # the value sent is not echoed in full


IF_MATCH = json.loads((Path(__file__).parent / "data" / "issue_19_if_match.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("geval", IF_MATCH["gevallen"], ids=lambda g: repr(g["if_match"]))
def test_if_match_compares_strongly(
    client: TestClient, als: dict[str, dict[str, str]], geval: dict[str, Any]
) -> None:
    """RFC 9110 §13.1.1: a weak entity-tag or a bare number never matches; '*' matches the current one."""
    persoon = maak(client, als["utrecht"])
    assert client.get(f"{API}/personen/{persoon['id']}", headers=als["utrecht"]).headers["etag"] == '"1"'
    antwoord = client.patch(
        f"{API}/personen/{persoon['id']}",
        json={"casemanager": "kees"},
        headers={**als["utrecht"], "If-Match": geval["if_match"].encode()},  # type: ignore[dict-item]
    )
    if geval["status"] == 412:
        assert_probleem(antwoord, 412)
    else:
        assert antwoord.status_code == 200, antwoord.text
        assert antwoord.headers["etag"] == '"2"'


def test_if_match_star_on_a_record_outside_scope_is_still_not_found(
    client: TestClient, als: dict[str, dict[str, str]]
) -> None:
    persoon = maak(client, als["utrecht"])
    antwoord = client.patch(
        f"{API}/personen/{persoon['id']}",
        json={"casemanager": "kees"},
        headers={**als["amersfoort"], "If-Match": "*"},
    )
    assert_probleem(antwoord, 404)


def _concreet(sjabloon: str) -> str:
    return re.sub(r"\{[^}]+\}", "x1", sjabloon)


def _past(sjabloon: str, pad: str) -> bool:
    return re.fullmatch(re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(sjabloon)), pad) is not None


def test_a_405_allows_every_method_of_its_path_on_every_api_path(
    client: TestClient, als: dict[str, dict[str, str]]
) -> None:
    """RFC 9110 §15.5.6: Allow lists the methods the target resource supports — all of them, not those
    of the first route that matched (``/personen`` said ``Allow: GET`` although POST exists)."""
    paden = client.get(f"{API}/openapi.json").json()["paths"]
    for sjabloon in paden:
        pad = _concreet(sjabloon)
        verwacht = {
            methode.upper()
            for ander, operaties in paden.items()
            if _past(ander, pad)
            for methode in operaties
        }
        methode = next(m for m in ("DELETE", "PUT", "PATCH", "POST", "GET") if m not in verwacht)
        antwoord = client.request(methode, f"{API}{pad}", headers=als["utrecht"])
        assert_probleem(antwoord, 405)
        assert set(antwoord.headers["allow"].split(", ")) == verwacht, (sjabloon, antwoord.headers["allow"])


@pytest.mark.parametrize("bsn", ["123456789", "000000000", "111222334"])
def test_a_search_by_a_bsn_failing_the_eleven_test_is_a_400_naming_bsn(
    client: TestClient, als: dict[str, dict[str, str]], bsn: str
) -> None:
    """docs/api.md promised 400 for a BSN failing the eleven-test; the search answered 200 []."""
    body = assert_probleem(
        client.post(f"{API}/personen/_zoek", json={"bsn": bsn}, headers=als["utrecht"]), 400
    )
    assert [p["name"] for p in body["invalidParams"]] == ["bsn"]
    assert "elfproef" in body["invalidParams"][0]["reason"] and bsn not in json.dumps(body)


def test_a_search_by_a_valid_bsn_still_finds_the_person(
    client: TestClient, als: dict[str, dict[str, str]]
) -> None:
    from tests.dossier import factories

    bsn = factories.bsn()
    persoon = maak(client, als["utrecht"], bsn=bsn)
    gevonden = client.post(f"{API}/personen/_zoek", json={"bsn": bsn}, headers=als["utrecht"])
    assert gevonden.status_code == 200 and [p["id"] for p in gevonden.json()] == [persoon["id"]]


def test_the_audit_check_of_the_api_holds_the_chain_against_the_anchors(
    client: TestClient,
    als: dict[str, dict[str, str]],
    engine: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from doorstroom.accounts import service
    from doorstroom.accounts.domain import Gebruiker
    from doorstroom.platform.settings import get_settings
    from tests.platform.test_audit_anker import _staart_afsnijden

    monkeypatch.setenv("DOORSTROOM_AUDIT_ANKER", str(tmp_path / "ankers.jsonl"))
    get_settings.cache_clear()
    maak(client, als["utrecht"])
    service.auditanker(engine, Gebruiker.systeem("test"))
    heel = client.get(f"{API}/audit/controle", headers=als["beheer"]).json()
    assert heel["intact"] and heel["ankers"] == 1
    _staart_afsnijden(engine, heel["regels"] - 1)
    gebroken = client.get(f"{API}/audit/controle", headers=als["beheer"]).json()
    assert not gebroken["intact"] and gebroken["anker"].endswith("ankers.jsonl rij 1")
