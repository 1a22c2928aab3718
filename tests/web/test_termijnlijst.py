"""The deadlines list says whom each deadline is for and sorts names as Dutch lists do; the person
search takes a name (issue 20, item 5: forty rows had to be opened one by one)."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from doorstroom.demo import laden
from doorstroom.platform.clock import vandaag
from doorstroom.values.naam import sorteernaam
from tests.web.conftest import formtoken, meld_aan

NAAM = re.compile(r'scope="row"><a class="utrecht-link" href="/dossier/personen/[0-9a-f-]{36}">([^<]+)</a>')


@pytest.fixture
def demo(engine: Engine, gebruikers: dict[str, str]) -> None:
    laden.vul(engine, vandaag())


def _namen(pagina: str) -> list[str]:
    return [html.unescape(n) for n in NAAM.findall(pagina)]


def test_each_deadline_names_its_person_and_sorts_by_name(web: TestClient, demo: None) -> None:
    meld_aan(web, "utrecht")
    standaard = web.get("/dossier/termijnen")
    assert standaard.status_code == 200 and _namen(standaard.text)
    assert all(kop in standaard.text for kop in (">naam<", ">fase<", ">casemanager<", ">huishouden<"))
    op_naam = _namen(web.get("/dossier/termijnen?sorteer=naam").text)
    sleutels = [sorteernaam(*n.split(", ", 1)) for n in op_naam]
    assert sleutels == sorted(sleutels)
    aflopend = _namen(web.get("/dossier/termijnen?sorteer=naam&aflopend=true").text)
    terug = [sorteernaam(*n.split(", ", 1)) for n in aflopend]
    assert terug == sorted(terug, reverse=True) and terug[0] >= sleutels[-1]
    assert web.get("/dossier/termijnen?sorteer=bsn").status_code in (400, 422)


def test_a_case_worker_finds_a_person_by_name(web: TestClient, demo: None) -> None:
    meld_aan(web, "utrecht")
    naam = _namen(web.get("/dossier/termijnen?sorteer=naam").text)[0]
    geslachtsnaam = naam.split(", ", 1)[0]
    antwoord = web.post(
        "/dossier/zoek", data={"csrf": formtoken(web.get("/dossier").text), "naam": geslachtsnaam.upper()}
    )
    assert antwoord.status_code == 200
    gevonden = re.findall(
        r'<li><a class="utrecht-link" href="/dossier/personen/[0-9a-f-]{36}">([^<]+)</a>', antwoord.text
    )
    assert any(html.unescape(g).startswith(geslachtsnaam) for g in gevonden)
    leeg = web.post("/dossier/zoek", data={"csrf": formtoken(web.get("/dossier").text), "naam": "   "})
    assert leeg.status_code == 422 and "geef een naam" in leeg.text


def test_the_municipality_page_names_each_person_waiting_for_a_home(web: TestClient, demo: None) -> None:
    meld_aan(web, "utrecht")
    pagina = web.get("/gemeente/GM0344").text
    sectie = pagina[pagina.index('id="wachtend"') :]
    namen = _namen(sectie[: sectie.index("</section>")])
    assert namen and all(", " in naam for naam in namen)
