"""Every page with the demo data, per role, on SQLite and PostgreSQL; forms that write, and their errors."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from doorstroom.demo import laden
from doorstroom.koppeling import service as koppeling
from doorstroom.platform.clock import vandaag
from tests.web.conftest import formtoken, meld_aan, meld_af, wacht_op_taak

GEMEENSCHAPPELIJK = [
    "/",
    "/land",
    "/land?sorteer=percentage&aflopend=true&provincie=Utrecht",
    "/gemeente/GM0344",
    "/regio",
    "/regio?per=coropgebied",
    "/scenario",
    "/scenario/prognoses/1",
    "/monitor",
    "/monitor?indicator=cohort&cohort=vergunning",
    "/beleid",
    "/beleid/vergelijk?a=wet-2024&b=nareisstop&maanden=6",
]
VERWACHT = {
    "utrecht": (
        [
            *GEMEENSCHAPPELIJK,
            "/dossier",
            "/dossier/termijnen",
            "/dossier/signalen",
            "/dossier/tvs",
            "/dossier/tvs?status=te+laat",
        ],
        ["/koppeling", "/beheer/gebruikers", "/dossier/aanmeldingen"],
    ),
    "coa": (
        [
            *GEMEENSCHAPPELIJK,
            "/koppeling",
            "/koppeling/runs/1",
            "/dossier",
            "/dossier/aanmeldingen",
            "/dossier/tvs",
            "/gemeente",
        ],
        ["/beheer/gebruikers"],
    ),
    "prov-utrecht": (
        [*GEMEENSCHAPPELIJK, "/gemeente"],
        ["/dossier", "/dossier/tvs", "/koppeling", "/koppeling/runs/1"],
    ),
    "beheer": (
        ["/beheer/gebruikers"],
        ["/land", "/dossier", "/regio", "/scenario", "/koppeling", "/monitor"],
    ),
}


@pytest.fixture
def demo(engine: Engine, gebruikers: dict[str, str]) -> None:
    laden.vul(engine, vandaag())


@pytest.mark.parametrize("naam", list(VERWACHT))
def test_each_role_opens_its_pages_and_is_refused_the_others(web: TestClient, demo: None, naam: str) -> None:
    meld_aan(web, naam)
    toegestaan, verboden = VERWACHT[naam]
    for pad in toegestaan:
        assert web.get(pad).status_code == 200, pad
    for pad in verboden:
        assert web.get(pad).status_code == 403, pad


def test_a_municipality_sees_only_its_own_residents(engine: Engine, web: TestClient, demo: None) -> None:
    meld_aan(web, "amersfoort")
    lijst = web.get("/dossier?fase=gekoppeld").text
    ids = re.findall(r'href="/dossier/personen/([0-9a-f-]{36})"', lijst)
    assert ids
    meld_af(web)
    meld_aan(web, "utrecht")
    assert web.get(f"/dossier/personen/{ids[0]}").status_code == 404
    assert web.get("/gemeente/GM0307").status_code == 404


def test_the_tvs_timeline_shows_a_municipality_its_own_linked_households(web: TestClient, demo: None) -> None:
    meld_aan(web, "utrecht")
    pagina = web.get("/dossier/tvs").text
    eigen = set(re.findall(r'href="/dossier/personen/([0-9a-f-]{36})"', pagina))
    assert eigen and "aanbod uiterlijk" in pagina and "GM0307" not in pagina
    statussen = re.findall(r'class="status status--[a-z-]+">([a-z ]+)</span>', pagina)
    assert statussen and set(statussen) <= {"op schema", "te laat", "verschoonbaar"}
    assert web.get("/dossier/tvs?status=morgen").status_code in (400, 422)
    meld_af(web)
    meld_aan(web, "amersfoort")
    anders = set(re.findall(r'href="/dossier/personen/([0-9a-f-]{36})"', web.get("/dossier/tvs").text))
    assert not eigen & anders


def test_a_province_gets_counts_and_never_a_name(web: TestClient, demo: None) -> None:
    meld_aan(web, "prov-utrecht")
    pagina = web.get("/gemeente/GM0344").text
    assert "Uw rol ziet alleen aantallen" in pagina and "/dossier/personen/" not in pagina
    assert web.get("/gemeente/GM0363").status_code == 404


def test_an_override_needs_a_reason_and_nothing_is_stored_without_one(
    engine: Engine, web: TestClient, demo: None
) -> None:
    meld_aan(web, "coa")
    pagina = web.get("/koppeling/runs/1").text
    huishouden = re.search(r'name="huishouden" value="([^"]+)"', pagina).group(1)  # type: ignore[union-attr]
    zonder = web.post(
        "/koppeling/runs/1/beoordelingen",
        data={
            "csrf": formtoken(pagina),
            "huishouden": huishouden,
            "besluit": "afwijken",
            "gemeente": "GM0344",
        },
    )
    assert zonder.status_code == 422 and "toelichting" in zonder.text
    assert not koppeling.geschiedenis(engine, 1)
    met = web.post(
        "/koppeling/runs/1/beoordelingen",
        data={
            "csrf": formtoken(pagina),
            "huishouden": huishouden,
            "besluit": "accepteren",
            "toelichting": "akkoord",
        },
    )
    assert met.status_code == 200 and "akkoord" in met.text
    assert [b["toelichting"] for b in koppeling.geschiedenis(engine, 1)] == ["akkoord"]


def test_an_event_that_breaks_the_rules_is_shown_at_the_form_and_not_stored(
    web: TestClient, demo: None
) -> None:
    meld_aan(web, "utrecht")
    lijst = web.get("/dossier?fase=gekoppeld").text
    persoon = re.search(r'href="/dossier/personen/([0-9a-f-]{36})"', lijst).group(1)  # type: ignore[union-attr]
    pagina = web.get(f"/dossier/personen/{persoon}").text
    fout = web.post(
        f"/dossier/personen/{persoon}/gebeurtenissen",
        data={
            "csrf": formtoken(pagina),
            "soort": "pip",
            "datum": vandaag().isoformat(),
            "g_leerroute": "O",
            "g_niveau": "A2",
        },
    )
    assert fout.status_code == 422 and "onderwijsroute" in fout.text
    assert "pip:" not in web.get(f"/dossier/personen/{persoon}").text


def test_a_scenario_with_a_bad_value_names_the_parameter(web: TestClient, demo: None) -> None:
    meld_aan(web, "prov-utrecht")
    token = formtoken(web.get("/scenario").text)
    antwoord = web.post(
        "/scenario", data={"csrf": token, "basis": "standaard", "p_inwilligingspercentage": "1,7"}
    )
    assert antwoord.status_code == 422 and "inwilligingspercentage" in antwoord.text


def test_a_scenario_runs_in_the_background_and_is_stored(web: TestClient, demo: None) -> None:
    meld_aan(web, "coa")
    token = formtoken(web.get("/scenario").text)
    start = web.post(
        "/scenario",
        data={
            "csrf": token,
            "basis": "standaard",
            "naam": "Test",
            "paden": "50",
            "maanden": "12",
            "seed": "7",
            "p_taakstelling": "20000",
        },
        follow_redirects=False,
    )
    assert start.status_code == 303
    resultaat_pad = wacht_op_taak(web, start.headers["location"])
    resultaat = web.get(resultaat_pad)
    assert resultaat.status_code == 200 and "Prognose: Test" in resultaat.text
    assert web.get(resultaat_pad + "/prognose.xlsx").content[:2] == b"PK"
    csv = web.get(resultaat_pad + "/kwantielen.csv")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert len(csv.text.splitlines()) > 12


def test_a_beheerder_creates_and_blocks_an_account(web: TestClient, demo: None) -> None:
    meld_aan(web, "beheer")
    token = formtoken(web.get("/beheer/gebruikers").text)
    gemaakt = web.post(
        "/beheer/gebruikers",
        data={
            "csrf": token,
            "gebruikersnaam": "nieuw1",
            "rol": "gemeente",
            "gemeente": "Zeist",
            "wachtwoord": "nog-een-lang-wachtwoord",
        },
    )
    assert "gebruiker nieuw1 aangemaakt" in gemaakt.text
    kort = web.post(
        "/beheer/gebruikers",
        data={"csrf": token, "gebruikersnaam": "nieuw2", "rol": "coa", "wachtwoord": "kort"},
    )
    assert kort.status_code == 422 and "12 tekens" in kort.text
    blokkering = {"csrf": token, "bevestiging": "blokkeren"}
    geblokkeerd = web.post("/beheer/gebruikers/nieuw1/blokkering", data=blokkering)
    assert geblokkeerd.status_code == 200 and "Gebruiker nieuw1 is geblokkeerd" in geblokkeerd.text


def test_a_region_view_for_a_period_without_taakstelling_says_what_is_missing(
    web: TestClient, demo: None
) -> None:
    meld_aan(web, "prov-utrecht")
    antwoord = web.get("/regio?periode=2027-1")
    assert antwoord.status_code == 422
    assert "geen landelijke taakstelling vastgesteld of bekend voor 2027-1" in antwoord.text
    assert "--taakstelling" not in antwoord.text


def test_the_monitor_shows_only_protected_aggregates_and_its_errors(web: TestClient, demo: None) -> None:
    meld_aan(web, "prov-utrecht")
    pagina = web.get("/monitor?indicator=koppeling_tot_huisvesting").text
    assert "Definitie." in pagina and "Tabel bij deze grafiek" in pagina
    assert "/dossier/personen/" not in pagina
    getallen = re.findall(r'utrecht-table__cell--numeric">([0-9.]+)</td>\s*<td', pagina)
    assert all(int(g.replace(".", "")) == 0 or int(g.replace(".", "")) >= 10 for g in getallen)
    assert web.get("/monitor?indicator=nationaliteit").status_code == 404
    assert web.get("/monitor?cohort=geboorte").status_code in (400, 422)


def test_two_regimes_side_by_side_name_both_and_a_bad_choice_is_shown_at_the_form(
    web: TestClient, demo: None
) -> None:
    meld_aan(web, "prov-utrecht")
    pagina = web.get("/beleid/vergelijk?a=wet-2024&b=tweestatusstelsel&maanden=6")
    assert pagina.status_code == 200
    assert "wet-2024 + tweestatusstelsel (GEEN GELDEND RECHT" in pagina.text
    assert "36703" in pagina.text
    onbekend = web.get("/beleid/vergelijk?a=bestaat-niet&b=wet-2024&maanden=6")
    assert onbekend.status_code == 200 and "Dit klopt nog niet" in onbekend.text
    assert "onbekende regime" in onbekend.text
    meld_af(web)
    meld_aan(web, "beheer")
    assert web.get("/beleid/vergelijk").status_code == 403


def test_coa_starts_a_run_from_the_case_file_without_an_upload(
    engine: Engine, web: TestClient, gebruikers: dict[str, str]
) -> None:
    from doorstroom.accounts.domain import Gebruiker, Rol
    from doorstroom.dossier import service as dossier

    coa = Gebruiker("coa", Rol.coa)
    huishouden = dossier.maak_huishouden(engine, coa, dossier.NieuwHuishouden(referentie="H-WEB"))
    persoon = dossier.maak_persoon(
        engine,
        coa,
        dossier.NieuwePersoon(
            geslachtsnaam="Jansen", geboortedatum="1990-01-01", huishoudenId=huishouden["id"]
        ),
    )
    for soort, gegevens in (
        ("verblijfsvergunning", {"soort": "asiel bepaalde tijd"}),
        ("verblijfplaats_azc", {"locatie": "azc Zeist", "gemeentecode": "GM0355"}),
    ):
        body = {"persoonId": persoon["id"], "soort": soort, "datum": "2026-09-01", "gegevens": gegevens}
        dossier.leg_vast(engine, coa, dossier.GEBEURTENISMODELLEN[soort].model_validate(body))
    meld_aan(web, "coa")
    pagina = web.get("/koppeling").text
    assert 'value="dossier"' in pagina
    data = {"csrf": formtoken(pagina), "bron": "dossier", "solver": "greedy"}
    start = web.post("/koppeling/runs", data=data, follow_redirects=False)
    assert start.status_code == 303, start.text
    resultaat_pad = wacht_op_taak(web, start.headers["location"])
    assert "H-WEB" in web.get(resultaat_pad).text
    zonder = web.post("/koppeling/runs", data={**data, "bron": "bestand"}, follow_redirects=False)
    assert zonder.status_code == 422 and "huishoudens" in zonder.text
