"""The identity provider's login in Debian's Chromium: the button on the login page, the provider's
page, and back in Doorstroom as the municipal worker the claims describe (PKCE, state and nonce
checked on the way). Provider: :mod:`tests.oidc_provider`, on loopback."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn
from sqlalchemy import Engine

from doorstroom.accounts import oidc
from doorstroom.platform.settings import get_settings
from doorstroom.server import create_app
from tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, Provider, provider_op_loopback
from tests.server import vrije_poort
from tests.web.browser import ARTEFACTEN, CHROMIUM, VLAGGEN, axe_schendingen, vereis_chromium
from tests.web.conftest import GEHEIM

pytestmark = pytest.mark.parametrize("engine", ["sqlite"], indirect=True)


@pytest.fixture
def omgeving(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Provider]]:
    """Doorstroom (on a free port) and the provider, configured for each other."""
    vereis_chromium()
    poort = vrije_poort()
    with provider_op_loopback() as provider:
        for naam, waarde in {
            "ISSUER": provider.issuer,
            "CLIENT_ID": CLIENT_ID,
            "CLIENT_SECRET": CLIENT_SECRET,
            "REDIRECT_URI": f"http://127.0.0.1:{poort}/aanmelden/oidc/terug",
            "PROVIDER_NAME": "Gemeente Testdorp",
        }.items():
            monkeypatch.setenv(f"DOORSTROOM_OIDC_{naam}", waarde)
        get_settings.cache_clear()
        oidc.vergeet_sleutels()
        provider.claims = {"sub": "medewerker-7", "doorstroom_rol": "gemeente", "gemeentecode": "GM0344"}
        config = uvicorn.Config(
            create_app(engine, sessiegeheim=GEHEIM), host="127.0.0.1", port=poort, log_level="warning"
        )
        server = uvicorn.Server(config)
        draad = threading.Thread(target=server.run, daemon=True)
        draad.start()
        for _ in range(200):
            if server.started:
                break
            time.sleep(0.05)
        try:
            yield f"http://127.0.0.1:{poort}", provider
        finally:
            server.should_exit = True
            draad.join(timeout=10)
            oidc.vergeet_sleutels()


@pytest.fixture
def pagina() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=VLAGGEN)
        try:
            yield browser.new_page(viewport={"width": 1280, "height": 900})
        finally:
            browser.close()


def test_a_municipal_worker_logs_in_through_the_identity_provider(
    omgeving: tuple[str, Provider], pagina: Any
) -> None:
    basis, provider = omgeving
    fouten: list[str] = []
    pagina.on(  # Doorstroom's pages only (the test provider has no favicon)
        "console",
        lambda m: fouten.append(m.text) if m.type == "error" and pagina.url.startswith(basis) else None,
    )
    pagina.goto(f"{basis}/aanmelden?terug=/dossier")
    assert axe_schendingen(pagina) == []
    ARTEFACTEN.mkdir(parents=True, exist_ok=True)
    pagina.screenshot(path=str(ARTEFACTEN / "aanmelden_met_identity_provider.png"), full_page=True)
    pagina.get_by_role("link", name="Inloggen via Gemeente Testdorp").click()
    pagina.wait_for_url(f"{provider.issuer}/authorize*")
    assert provider.verzoeken[-1]["code_challenge_method"] == "S256"
    pagina.get_by_role("button", name="Inloggen bij Testdorp").click()
    pagina.wait_for_url(f"{basis}/dossier")
    pagina.wait_for_load_state("networkidle")
    assert pagina.get_by_role("button", name="Afmelden").count() == 1
    pagina.screenshot(path=str(ARTEFACTEN / "na_aanmelden_met_identity_provider.png"), full_page=True)
    assert pagina.goto(f"{basis}/koppeling").status == 403  # the claims made this a gemeente user
    assert fouten == [] or all("403" in f for f in fouten)


def test_an_unknown_role_ends_on_the_login_page_with_a_dutch_message(
    omgeving: tuple[str, Provider], pagina: Any
) -> None:
    basis, provider = omgeving
    provider.claims = {**provider.claims, "doorstroom_rol": "wethouder"}
    pagina.goto(f"{basis}/aanmelden")
    pagina.get_by_role("link", name="Inloggen via Gemeente Testdorp").click()
    pagina.get_by_role("button", name="Inloggen bij Testdorp").click()
    pagina.wait_for_url(f"{basis}/aanmelden/oidc/terug*")
    assert (
        "Uw rol bij de identity provider is in Doorstroom onbekend"
        in pagina.get_by_role("alert").inner_text()
    )
    assert pagina.locator("#wachtwoord").count() == 1  # the local form is still there
