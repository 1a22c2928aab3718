"""The plan's web page: a municipality its own, a province its municipalities', every chart with a table."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from doorstroom.accounts.domain import Gebruiker, Rol
from doorstroom.huisvesting import service
from tests.web.conftest import formtoken, meld_aan, meld_af

KOP = "kenmerk;naam;soort;aantal;personen;beschikbaar per;einddatum;status;bron\n"
RIJEN = (
    "A1;Noord;sociale huur;2;1;1-1-2026;;beschikbaar;corporatie\n"
    "A2;Flex;flexwoning;3;6;1-1-2026;1-1-2040;plan;raad\n"
)


def test_the_plan_page_shows_charts_with_tables_in_dutch_and_keeps_the_boundary(
    engine: Engine, web: TestClient, gebruikers: dict[str, str], csv_file: Callable[[str, str], Path]
) -> None:
    utrecht = Gebruiker("utrecht", Rol.gemeente, gemeentecode="GM0344")
    service.importeer(engine, utrecht, "GM0344", csv_file("aanbod.csv", KOP + RIJEN), "test")
    meld_aan(web, "utrecht")
    keuze = web.get("/huisvesting", follow_redirects=False)
    assert keuze.status_code == 303 and keuze.headers["location"] == "/huisvesting/GM0344"
    pagina = web.get("/huisvesting/GM0344?maanden=6").text
    assert pagina.count('class="grafiek"') == 2 and pagina.count("Tabel bij deze grafiek") == 2
    assert "Huisvestingsplan Utrecht" in pagina and "Grote huishoudens" in pagina and "Flex" in pagina
    assert web.get("/huisvesting/GM0307").status_code == 404
    assert web.get("/huisvesting/GM0344?maanden=99").status_code in (400, 422)
    meld_af(web)
    meld_aan(web, "prov-utrecht")
    assert web.get("/huisvesting/GM0344").status_code == 200
    assert web.get("/huisvesting/GM0014").status_code == 404
    lijst = web.get("/huisvesting").text
    assert "/huisvesting/GM0344" in lijst and "/huisvesting/GM0014" not in lijst and "Totaal" in lijst


def test_a_municipality_imports_its_supply_in_the_page_all_or_nothing(
    engine: Engine, web: TestClient, gebruikers: dict[str, str]
) -> None:
    meld_aan(web, "utrecht")
    pagina = web.get("/huisvesting/GM0344").text
    assert "Importeer aanbod" in pagina
    token = formtoken(pagina)
    fout = KOP + "A1;Noord;woonboot;2;1;1-1-2026;;beschikbaar;x\n"
    antwoord = web.post(
        "/huisvesting/GM0344/aanbod",
        data={"csrf": token, "reden": "eerste"},
        files={"bestand": ("aanbod.csv", fout.encode(), "text/csv")},
    )
    assert antwoord.status_code == 422 and "rij 2" in antwoord.text and "woonboot" in antwoord.text
    utrecht = Gebruiker("utrecht", Rol.gemeente, gemeentecode="GM0344")
    assert service.aanbod(engine, utrecht, "GM0344") == []
    goed = web.post(
        "/huisvesting/GM0344/aanbod",
        data={"csrf": token, "reden": "eerste"},
        files={"bestand": ("aanbod.csv", (KOP + RIJEN).encode(), "text/csv")},
    )
    assert goed.status_code == 200 and "2 nieuw" in goed.text
    assert [v.registratie.reden for v in service.aanbod(engine, utrecht, "GM0344")] == ["eerste", "eerste"]
    meld_af(web)
    meld_aan(web, "prov-utrecht")
    assert "Importeer aanbod" not in web.get("/huisvesting/GM0344").text
