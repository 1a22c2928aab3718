"""User management in the browser (issue 20 item 10): blocking asks first and says who was blocked,
a blocked account can be unblocked, and a blocked user who logs in is told whom to ask."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from doorstroom.accounts import idp
from doorstroom.accounts import service as accounts
from tests.gebruikers import SYSTEEM
from tests.web.conftest import WACHTWOORD, formtoken, meld_aan, meld_af

GEBLOKKEERD = "Gebruiker utrecht is geblokkeerd"
GEDEBLOKKEERD = "Gebruiker utrecht is gedeblokkeerd"


def _actief(engine: Engine, naam: str) -> bool:
    return next(
        bool(g["actief"]) for g in accounts.gebruikers(engine, SYSTEEM) if g["gebruikersnaam"] == naam
    )


def _aanmelding(web: TestClient, naam: str, wachtwoord: str) -> tuple[int, str]:
    token = formtoken(web.get("/aanmelden").text)
    antwoord = web.post(
        "/aanmelden",
        data={"gebruikersnaam": naam, "wachtwoord": wachtwoord, "csrf": token, "terug": "/"},
        follow_redirects=False,
    )
    return antwoord.status_code, antwoord.text


def test_blocking_without_confirmation_only_asks(
    engine: Engine, web: TestClient, gebruikers: dict[str, str]
) -> None:
    meld_aan(web, "beheer")
    lijst = web.get("/beheer/gebruikers").text
    assert 'href="/beheer/gebruikers/utrecht/blokkering"' in lijst
    token = formtoken(lijst)
    antwoord = web.post("/beheer/gebruikers/utrecht/blokkering", data={"csrf": token}, follow_redirects=False)
    assert antwoord.status_code == 400 and "bevestig het blokkeren" in antwoord.text
    assert _actief(engine, "utrecht")


def test_a_confirmed_block_redirects_to_the_list_that_says_who_was_blocked(
    engine: Engine, web: TestClient, gebruikers: dict[str, str]
) -> None:
    meld_aan(web, "beheer")
    vraag = web.get("/beheer/gebruikers/utrecht/blokkering")
    assert vraag.status_code == 200 and "Ja, blokkeer utrecht" in vraag.text
    data = {"csrf": formtoken(vraag.text), "bevestiging": "blokkeren"}
    antwoord = web.post("/beheer/gebruikers/utrecht/blokkering", data=data, follow_redirects=False)
    assert antwoord.status_code == 303
    assert antwoord.headers["location"] == "/beheer/gebruikers?gedaan=geblokkeerd&wie=utrecht"
    assert not _actief(engine, "utrecht")
    assert GEBLOKKEERD in web.get(antwoord.headers["location"]).text


def test_a_crafted_message_link_announces_nothing(web: TestClient, gebruikers: dict[str, str]) -> None:
    meld_aan(web, "beheer")
    assert GEBLOKKEERD not in web.get("/beheer/gebruikers?gedaan=geblokkeerd&wie=utrecht").text
    assert "is gedeblokkeerd" not in web.get("/beheer/gebruikers?gedaan=gedeblokkeerd&wie=niemand").text


def test_the_confirmation_page_is_for_active_accounts_of_a_beheerder_only(
    engine: Engine, web: TestClient, gebruikers: dict[str, str]
) -> None:
    meld_aan(web, "beheer")
    assert web.get("/beheer/gebruikers/niemand/blokkering").status_code == 404
    accounts.blokkeer(engine, SYSTEEM, "coa")
    assert web.get("/beheer/gebruikers/coa/blokkering").status_code == 404
    meld_af(web)
    meld_aan(web, "utrecht")
    assert web.get("/beheer/gebruikers/amersfoort/blokkering").status_code == 403


def test_a_blocked_account_gets_an_unblock_button_that_gives_access_back(
    engine: Engine, web: TestClient, gebruikers: dict[str, str]
) -> None:
    accounts.blokkeer(engine, SYSTEEM, "utrecht")
    meld_aan(web, "beheer")
    lijst = web.get("/beheer/gebruikers").text
    assert 'action="/beheer/gebruikers/utrecht/deblokkering"' in lijst
    antwoord = web.post("/beheer/gebruikers/utrecht/deblokkering", data={"csrf": formtoken(lijst)})
    assert antwoord.status_code == 200 and GEDEBLOKKEERD in antwoord.text
    assert _actief(engine, "utrecht")
    again = web.post("/beheer/gebruikers/utrecht/deblokkering", data={"csrf": formtoken(lijst)})
    assert again.status_code == 422 and "niet geblokkeerd" in again.text
    meld_af(web)
    meld_aan(web, "utrecht")


def test_only_a_beheerder_unblocks_in_the_browser(
    engine: Engine, web: TestClient, gebruikers: dict[str, str]
) -> None:
    accounts.blokkeer(engine, SYSTEEM, "amersfoort")
    meld_aan(web, "utrecht")
    token = formtoken(web.get("/").text)
    assert web.post("/beheer/gebruikers/amersfoort/deblokkering", data={"csrf": token}).status_code == 403
    assert not _actief(engine, "amersfoort")


def test_a_blocked_user_is_told_so_only_with_the_right_password(
    engine: Engine, web: TestClient, gebruikers: dict[str, str]
) -> None:
    accounts.blokkeer(engine, SYSTEEM, "utrecht")
    status, pagina = _aanmelding(web, "utrecht", WACHTWOORD)
    assert status == 403 and idp.GEBLOKKEERD in pagina
    status, pagina = _aanmelding(web, "utrecht", "een-verkeerd-wachtwoord")
    assert status == 401 and "Gebruikersnaam of wachtwoord klopt niet." in pagina
    assert "geblokkeerd" not in pagina
