"""Security of the web application: headers, cookies, CSRF, login throttling, session secret, logout."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from doorstroom.accounts import service as accounts
from doorstroom.platform.errors import ConfigurationError
from doorstroom.platform.settings import Settings, get_settings
from doorstroom.server import create_app
from doorstroom.web.beveiliging import sessiegeheim
from tests.gebruikers import SYSTEEM
from tests.web.conftest import GEHEIM, WACHTWOORD, formtoken, meld_aan


def test_pages_carry_a_strict_policy_without_inline_scripts_or_styles(web: TestClient) -> None:
    antwoord = web.get("/aanmelden")
    csp = antwoord.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert antwoord.headers["x-frame-options"] == "DENY"
    assert antwoord.headers["cache-control"] == "no-store"
    assert "<script>" not in antwoord.text and " style=" not in antwoord.text


def test_session_cookie_is_httponly_and_samesite_and_secure_in_productie(
    web: TestClient, gebruikers: dict[str, str]
) -> None:
    token = formtoken(web.get("/aanmelden").text)
    antwoord = web.post(
        "/aanmelden",
        data={"gebruikersnaam": "utrecht", "wachtwoord": WACHTWOORD, "csrf": token},
        follow_redirects=False,
    )
    cookie = next(
        c for c in antwoord.headers.get_list("set-cookie") if c.startswith("doorstroom_sessie=")
    ).lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" in cookie


def test_a_form_without_the_sessions_token_or_from_another_site_is_refused(
    web: TestClient, gebruikers: dict[str, str]
) -> None:
    meld_aan(web, "utrecht")
    token = formtoken(web.get("/dossier").text)
    assert (
        web.post("/dossier/personen", data={"geslachtsnaam": "X", "geboortedatum": "1990-01-01"}).status_code
        == 403
    )
    vreemd = web.post(
        "/dossier/personen",
        data={"csrf": token, "geslachtsnaam": "X", "geboortedatum": "1990-01-01"},
        headers={"Sec-Fetch-Site": "cross-site"},
    )
    assert vreemd.status_code == 403
    goed = web.post(
        "/dossier/personen",
        data={"csrf": token, "geslachtsnaam": "X", "geboortedatum": "1990-01-01"},
        follow_redirects=False,
    )
    assert goed.status_code == 303


def test_the_login_form_needs_its_own_token(web: TestClient, gebruikers: dict[str, str]) -> None:
    web.get("/aanmelden")
    antwoord = web.post(
        "/aanmelden", data={"gebruikersnaam": "utrecht", "wachtwoord": WACHTWOORD, "csrf": "vals"}
    )
    assert antwoord.status_code == 403 and "doorstroom_sessie" not in antwoord.headers.get("set-cookie", "")


def test_failed_logins_are_throttled_even_for_the_right_password_afterwards(
    web: TestClient, gebruikers: dict[str, str]
) -> None:
    for _ in range(5):
        token = formtoken(web.get("/aanmelden").text)
        fout = web.post(
            "/aanmelden", data={"gebruikersnaam": "utrecht", "wachtwoord": "fout-wachtwoord", "csrf": token}
        )
        assert fout.status_code == 401
    token = formtoken(web.get("/aanmelden").text)
    goed = web.post("/aanmelden", data={"gebruikersnaam": "utrecht", "wachtwoord": WACHTWOORD, "csrf": token})
    assert goed.status_code == 429 and int(goed.headers["retry-after"]) > 0


def test_logout_ends_the_session_in_the_database_not_only_in_the_browser(
    web: TestClient, gebruikers: dict[str, str]
) -> None:
    meld_aan(web, "utrecht")
    cookie = web.cookies.get("doorstroom_sessie")
    web.post("/afmelden", data={"csrf": formtoken(web.get("/dossier").text)})
    web.cookies.set("doorstroom_sessie", cookie or "")
    assert web.get("/dossier", follow_redirects=False).headers["location"].startswith("/aanmelden")


def test_blocking_a_user_ends_their_session_at_once(
    engine: Engine, web: TestClient, gebruikers: dict[str, str]
) -> None:
    meld_aan(web, "utrecht")
    assert web.get("/dossier").status_code == 200
    accounts.blokkeer(engine, SYSTEEM, "utrecht")
    assert web.get("/dossier", follow_redirects=False).status_code == 303


def test_a_forged_session_cookie_never_reaches_the_database(web: TestClient) -> None:
    web.cookies.set("doorstroom_sessie", "x" * 43 + ".vervalst")
    assert web.get("/", follow_redirects=False).headers["location"] == "/aanmelden?terug=/"


def test_login_goes_back_only_to_a_path_on_this_site(web: TestClient, gebruikers: dict[str, str]) -> None:
    token = formtoken(web.get("/aanmelden").text)
    antwoord = web.post(
        "/aanmelden",
        data={
            "gebruikersnaam": "utrecht",
            "wachtwoord": WACHTWOORD,
            "csrf": token,
            "terug": "//evil.example/",
        },
        follow_redirects=False,
    )
    assert antwoord.headers["location"] == "/"


@pytest.mark.parametrize("geheim", [None, "kort", "changeme"])
def test_productie_refuses_a_missing_short_or_known_secret(geheim: str | None) -> None:
    with pytest.raises(ConfigurationError):
        sessiegeheim(Settings(environment="productie", session_secret=geheim))


def test_outside_productie_a_random_secret_per_process_is_used() -> None:
    eerste = sessiegeheim(Settings(environment="ontwikkeling"))
    assert len(eerste) >= 32 and eerste != sessiegeheim(Settings(environment="ontwikkeling"))


def test_no_personal_data_in_urls_or_logs(
    web: TestClient, gebruikers: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    meld_aan(web, "utrecht")
    token = formtoken(web.get("/dossier").text)
    caplog.set_level(logging.INFO, logger="doorstroom")
    nieuw = web.post(
        "/dossier/personen",
        data={
            "csrf": token,
            "geslachtsnaam": "Geheimnaam",
            "geboortedatum": "1990-01-01",
            "vnummer": "1234567890",
        },
        follow_redirects=False,
    )
    assert "Geheimnaam" not in nieuw.headers["location"]
    zoek = web.post("/dossier/zoek", data={"csrf": token, "vnummer": "1234567890"})
    assert "Geheimnaam" in zoek.text and "1234567890" not in str(zoek.url)
    logtekst = " ".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    assert "Geheimnaam" not in logtekst and "1234567890" not in logtekst
    assert "/dossier/personen/{persoon_id}" in logtekst or "/dossier/personen" in logtekst


def test_serve_takes_the_configured_secret(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOORSTROOM_SESSION_SECRET", GEHEIM)
    get_settings.cache_clear()
    with TestClient(create_app(engine)) as client:
        assert client.get("/aanmelden").status_code == 200


def _probeer(web: TestClient, naam: str, wachtwoord: str) -> int:
    token = formtoken(web.get("/aanmelden").text)
    antwoord = web.post(
        "/aanmelden",
        data={"gebruikersnaam": naam, "wachtwoord": wachtwoord, "csrf": token},
        follow_redirects=False,
    )
    return antwoord.status_code


def test_the_throttle_counts_every_spelling_of_a_name_as_one(
    engine: Engine, web: TestClient, gebruikers: dict[str, str]
) -> None:
    """Five wrong guesses under five spellings exhaust the one allowance; a sixth spelling with the
    right password is refused too (429), instead of logging in with a fresh allowance."""
    for variant in [" coa", "coa ", "COA", "\tcoa", " Coa "]:
        assert _probeer(web, variant, "fout-wachtwoord") == 401
    assert _probeer(web, "  coa", WACHTWOORD) == 429
