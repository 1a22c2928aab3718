"""Issue 20, item 6 in the browser: a form sent twice stores one event, a case worker can be assigned,
and a page's error summary stands under its heading."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from httpx2 import Response
from sqlalchemy import Engine

from doorstroom.accounts.domain import Gebruiker, Rol
from doorstroom.dossier import service
from doorstroom.platform.paging import Pagina, Volgorde
from tests.web.conftest import formtoken, meld_aan

UTRECHT = Gebruiker("utrecht", Rol.gemeente, gemeentecode="GM0344")
SJABLONEN = Path(__file__).resolve().parents[2] / "src" / "doorstroom" / "web" / "templates"
PARTICIPATIE = {"soort": "participatie", "datum": "2026-01-15", "g_soort": "werk"}


@pytest.fixture
def persoon(web: TestClient, gebruikers: dict[str, str]) -> str:
    """A person Utrecht opened through the form, with Utrecht logged in."""
    meld_aan(web, "utrecht")
    velden = {"geslachtsnaam": "de Vries", "geboortedatum": "1990-05-01"}
    antwoord = web.post(
        "/dossier/personen",
        data={"csrf": formtoken(web.get("/dossier").text), **velden},
        follow_redirects=False,
    )
    assert antwoord.status_code == 303, antwoord.text[:300]
    return antwoord.headers["location"].rsplit("/", 1)[1]


def _formulier(web: TestClient, persoon: str) -> dict[str, str]:
    """The hidden fields of the event form as the person's page renders it."""
    pagina = web.get(f"/dossier/personen/{persoon}").text
    sleutel = re.search(r'name="sleutel" value="([^"]+)"', pagina)
    assert sleutel, "het formulier draagt geen sleutel"
    return {"csrf": formtoken(pagina), "sleutel": sleutel.group(1)}


def _aantal(engine: Engine, persoon: str) -> int:
    return service.gebeurtenissen(engine, UTRECHT, {"persoon_id": persoon}, Volgorde(), Pagina())[1]


def test_the_same_form_sent_twice_stores_one_event(web: TestClient, engine: Engine, persoon: str) -> None:
    formulier = {**_formulier(web, persoon), **PARTICIPATIE}
    for _ in range(2):
        antwoord = web.post(
            f"/dossier/personen/{persoon}/gebeurtenissen", data=formulier, follow_redirects=False
        )
        assert antwoord.status_code == 303 and antwoord.headers["location"].endswith("#tijdlijn")
    assert _aantal(engine, persoon) == 1


def test_each_rendering_of_the_form_has_its_own_key(web: TestClient, engine: Engine, persoon: str) -> None:
    eerste, tweede = _formulier(web, persoon), _formulier(web, persoon)
    assert eerste["sleutel"] != tweede["sleutel"]
    for formulier in (eerste, tweede):
        web.post(f"/dossier/personen/{persoon}/gebeurtenissen", data={**formulier, **PARTICIPATIE})
    assert _aantal(engine, persoon) == 2


def test_a_sent_form_sent_again_with_other_content_is_refused(
    web: TestClient, engine: Engine, persoon: str
) -> None:
    formulier = _formulier(web, persoon)
    web.post(f"/dossier/personen/{persoon}/gebeurtenissen", data={**formulier, **PARTICIPATIE})
    anders = {**formulier, **PARTICIPATIE, "datum": "2026-01-16"}
    antwoord = web.post(f"/dossier/personen/{persoon}/gebeurtenissen", data=anders)
    assert antwoord.status_code == 422 and "al verstuurd" in antwoord.text
    assert _aantal(engine, persoon) == 1


def _casemanager(web: TestClient, persoon: str, naam: str, versie: str | None = None) -> Response:
    pagina = web.get(f"/dossier/personen/{persoon}").text
    gelezen = re.search(r'name="versie" value="(\d+)"', pagina)
    assert gelezen, "geen formulier voor de casemanager"
    velden = {"csrf": formtoken(pagina), "versie": versie or gelezen.group(1), "casemanager": naam}
    return web.post(f"/dossier/personen/{persoon}/casemanager", data=velden, follow_redirects=False)


def test_a_case_worker_is_assigned_changed_and_cleared_on_the_person_page(
    web: TestClient, engine: Engine, persoon: str
) -> None:
    antwoord = _casemanager(web, persoon, "klantmanager1")
    assert antwoord.status_code == 303
    assert service.persoon(engine, UTRECHT, persoon)["casemanager"] == "klantmanager1"
    assert ">klantmanager1</td>" in web.get("/dossier").text
    _casemanager(web, persoon, "klantmanager2")
    assert service.persoon(engine, UTRECHT, persoon)["casemanager"] == "klantmanager2"
    _casemanager(web, persoon, "")
    assert service.persoon(engine, UTRECHT, persoon)["casemanager"] is None


def test_a_case_worker_chosen_on_a_stale_page_is_shown_not_stored(
    web: TestClient, engine: Engine, persoon: str
) -> None:
    _casemanager(web, persoon, "klantmanager1")
    antwoord = _casemanager(web, persoon, "klantmanager2", versie="1")
    assert antwoord.status_code == 409 and "intussen gewijzigd" in antwoord.text
    assert service.persoon(engine, UTRECHT, persoon)["casemanager"] == "klantmanager1"


def test_a_case_worker_that_is_no_user_name_is_named_at_its_field(web: TestClient, persoon: str) -> None:
    antwoord = _casemanager(web, persoon, "Jan Jansen")
    assert antwoord.status_code == 422 and "casemanager:" in antwoord.text


@pytest.mark.parametrize(
    "sjabloon", sorted(p.name for p in SJABLONEN.glob("*.html") if "{{ foutenlijst(" in p.read_text())
)
def test_every_error_summary_stands_right_under_its_page_heading(sjabloon: str) -> None:
    regels = [r.strip() for r in (SJABLONEN / sjabloon).read_text().splitlines() if r.strip()]
    kop = next(i for i, r in enumerate(regels) if r.startswith("<h1"))
    assert regels[kop + 1] == "{{ foutenlijst(fouten) }}", regels[kop : kop + 2]


def test_the_housing_plans_import_error_is_shown_under_the_heading(
    web: TestClient, gebruikers: dict[str, str]
) -> None:
    meld_aan(web, "utrecht")
    token = formtoken(web.get("/huisvesting/GM0344").text)
    antwoord = web.post("/huisvesting/GM0344/aanbod", data={"csrf": token, "reden": "eerste"})
    assert antwoord.status_code == 422
    assert antwoord.text.index("<h1") < antwoord.text.index('id="foutmelding"')
