"""Browser login through an identity provider (code flow with PKCE) against the loopback provider of
:mod:`tests.oidc_provider`: state, nonce, PKCE, signature and claims verified; claims mapped by the
one rule of :mod:`doorstroom.accounts.claims`, which the API's provider tokens follow too."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient
from joserfc.jwk import RSAKey
from sqlalchemy import Engine

from doorstroom.accounts import claims, oidc
from doorstroom.accounts import service as accounts
from doorstroom.accounts.domain import Rol
from doorstroom.platform.errors import PermissionDenied
from doorstroom.platform.settings import Settings, get_settings
from doorstroom.server import create_app
from tests.gebruikers import SYSTEEM
from tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, Provider, provider_op_loopback

GEHEIM = "test-geheim-" + "x" * 40
MEDEWERKER = {"sub": "medewerker-7", "doorstroom_rol": "gemeente", "gemeentecode": "0344"}


@pytest.fixture
def provider(monkeypatch: pytest.MonkeyPatch) -> Iterator[Provider]:
    """The loopback provider, configured as the municipality's identity provider."""
    with provider_op_loopback() as gevonden:
        for naam, waarde in {
            "ISSUER": gevonden.issuer,
            "AUDIENCE": CLIENT_ID,
            "CLIENT_ID": CLIENT_ID,
            "CLIENT_SECRET": CLIENT_SECRET,
            "REDIRECT_URI": "https://testserver/aanmelden/oidc/terug",
            "PROVIDER_NAME": "Gemeente Testdorp",
        }.items():
            monkeypatch.setenv(f"DOORSTROOM_OIDC_{naam}", waarde)
        get_settings.cache_clear()
        oidc.vergeet_sleutels()
        gevonden.claims = dict(MEDEWERKER)
        yield gevonden
        oidc.vergeet_sleutels()


@pytest.fixture
def web(engine: Engine, provider: Provider) -> Iterator[TestClient]:
    with TestClient(create_app(engine, sessiegeheim=GEHEIM), base_url="https://testserver") as client:
        yield client


def _naar_provider(web: TestClient, terug: str = "/") -> str:
    """Start the login; the provider's authorisation address Doorstroom sends the browser to."""
    antwoord = web.get("/aanmelden/oidc", params={"terug": terug}, follow_redirects=False)
    assert antwoord.status_code == 303
    return str(antwoord.headers["location"])


def _bij_provider_aanmelden(adres: str) -> str:
    """What the user does at the provider (its form posted as a browser would); the way back."""
    verzoek = {k: v[0] for k, v in parse_qs(urlparse(adres).query).items()}
    antwoord = httpx.post(adres.split("?")[0], data=verzoek, follow_redirects=False)
    assert antwoord.status_code == 302
    terug = urlparse(antwoord.headers["location"])
    return f"{terug.path}?{terug.query}"


def _log_in(web: TestClient, terug: str = "/") -> httpx.Response:
    return web.get(_bij_provider_aanmelden(_naar_provider(web, terug)), follow_redirects=False)  # type: ignore[return-value]


def test_the_login_page_offers_the_provider_beside_the_local_form(web: TestClient) -> None:
    pagina = web.get("/aanmelden").text
    assert 'id="wachtwoord"' in pagina and "Inloggen via Gemeente Testdorp" in pagina


def test_the_authorisation_request_carries_state_nonce_and_an_s256_challenge(
    web: TestClient, provider: Provider
) -> None:
    verzoek = {k: v[0] for k, v in parse_qs(urlparse(_naar_provider(web)).query).items()}
    assert verzoek["response_type"] == "code" and verzoek["client_id"] == CLIENT_ID
    assert verzoek["code_challenge_method"] == "S256" and len(verzoek["code_challenge"]) == 43
    assert verzoek["scope"].split()[0] == "openid"
    assert (
        len(verzoek["state"]) >= 32 and len(verzoek["nonce"]) >= 32 and verzoek["state"] != verzoek["nonce"]
    )
    assert verzoek["redirect_uri"] == "https://testserver/aanmelden/oidc/terug"


def test_a_municipal_worker_logs_in_with_role_and_municipality_from_the_claims(
    web: TestClient, engine: Engine
) -> None:
    antwoord = _log_in(web, "/dossier")
    assert antwoord.status_code == 303 and antwoord.headers["location"] == "/dossier"
    assert "doorstroom_sessie" in web.cookies
    naam = claims.gebruikersnaam(get_settings().oidc_issuer or "", "medewerker-7")
    account = next(g for g in accounts.gebruikers(engine, SYSTEEM) if g["gebruikersnaam"] == naam)
    assert (account["rol"], account["gemeentecode"], account["oidc"]) == ("gemeente", "GM0344", True)
    assert web.get("/dossier").status_code == 200
    assert web.get("/koppeling").status_code == 403  # a gemeente user, not COA


def test_a_second_login_follows_changed_claims_and_a_blocked_account_is_refused(
    web: TestClient, engine: Engine, provider: Provider
) -> None:
    _log_in(web)
    provider.claims = {**MEDEWERKER, "gemeentecode": "GM0307"}
    web.cookies.clear()
    _log_in(web)
    naam = claims.gebruikersnaam(provider.issuer, "medewerker-7")
    assert (
        next(g for g in accounts.gebruikers(engine, SYSTEEM) if g["gebruikersnaam"] == naam)["gemeentecode"]
        == "GM0307"
    )
    accounts.blokkeer(engine, SYSTEEM, naam)
    web.cookies.clear()
    antwoord = _log_in(web)
    assert antwoord.status_code == 403 and "geblokkeerd" in antwoord.text


@pytest.mark.parametrize(
    ("claimset", "melding"),
    [
        ({"doorstroom_rol": "wethouder"}, "Uw rol bij de identity provider is in Doorstroom onbekend"),
        ({"doorstroom_rol": ["gemeente", "coa"]}, "meer dan één Doorstroom-rol"),
        ({"gemeentecode": "9999"}, "geen huidige gemeente"),
        ({"gemeentecode": None}, "geen (geldige) gemeente"),
        ({"doorstroom_rol": None}, "geen account aan u gekoppeld"),
    ],
)
def test_claims_that_do_not_map_are_refused_with_a_dutch_message(
    web: TestClient, provider: Provider, claimset: dict[str, object], melding: str
) -> None:
    provider.claims = {k: v for k, v in {**MEDEWERKER, **claimset}.items() if v is not None}
    antwoord = _log_in(web)
    assert antwoord.status_code == 403 and melding in antwoord.text
    assert "doorstroom_sessie" not in web.cookies


@pytest.mark.parametrize(
    "verandering",
    [
        {"nonce": "een-andere-nonce"},
        {"aud": "een-andere-client"},
        {"iss": "https://vreemd.example"},
        {"exp": 1},
    ],
)
def test_an_id_token_with_a_wrong_nonce_audience_issuer_or_expiry_is_refused(
    web: TestClient, provider: Provider, verandering: dict[str, object]
) -> None:
    provider.verander = verandering
    antwoord = _log_in(web)
    assert antwoord.status_code == 403 and "Inloggen via Gemeente Testdorp is niet gelukt" in antwoord.text


def test_an_id_token_signed_with_another_key_is_refused(web: TestClient, provider: Provider) -> None:
    provider.verander = {"sleutel": RSAKey.generate_key(2048, {"kid": "test-1"}, private=True)}
    assert _log_in(web).status_code == 403


def test_a_wrong_state_or_a_missing_login_cookie_is_refused_before_the_code_is_used(
    web: TestClient, provider: Provider
) -> None:
    terug = _bij_provider_aanmelden(_naar_provider(web))
    vervalst = terug.replace("state=", "state=x")
    assert web.get(vervalst, follow_redirects=False).status_code == 400
    assert len(provider.codes) == 1  # the code was never redeemed
    web.cookies.clear()
    antwoord = web.get(terug, follow_redirects=False)
    assert antwoord.status_code == 400 and "verlopen" in antwoord.text


def test_a_code_from_another_login_attempt_fails_pkce(web: TestClient, provider: Provider) -> None:
    eerste = _bij_provider_aanmelden(_naar_provider(web))
    tweede = _bij_provider_aanmelden(_naar_provider(web))  # the cookie now belongs to this attempt
    code_van_eerste = parse_qs(urlparse(eerste).query)["code"][0]
    state_van_tweede = parse_qs(urlparse(tweede).query)["state"][0]
    antwoord = web.get(f"/aanmelden/oidc/terug?code={code_van_eerste}&state={state_van_tweede}")
    assert antwoord.status_code == 403  # the provider refuses the verifier: no session


def test_the_provider_reporting_an_error_ends_on_the_login_page(web: TestClient) -> None:
    _naar_provider(web)
    antwoord = web.get("/aanmelden/oidc/terug?error=access_denied&state=x")
    assert antwoord.status_code == 401 and "niet voltooid" in antwoord.text


def test_without_settings_there_is_no_button_and_no_login_route(engine: Engine) -> None:
    with TestClient(create_app(engine, sessiegeheim=GEHEIM), base_url="https://testserver") as client:
        assert "Inloggen via" not in client.get("/aanmelden").text
        assert client.get("/aanmelden/oidc", follow_redirects=False).status_code == 404


def test_api_provider_tokens_follow_the_same_claims_rule(engine: Engine, provider: Provider) -> None:
    token = provider.id_token("n")
    gebruiker = accounts.authenticeer(engine, token)
    assert gebruiker is not None and (gebruiker.rol, gebruiker.gemeentecode) == (Rol.gemeente, "GM0344")
    provider.claims = {**MEDEWERKER, "doorstroom_rol": "wethouder"}
    assert accounts.authenticeer(engine, provider.id_token("n")) is None


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [("GM0344", "GM0344"), ("gm0344", "GM0344"), ("0344", "GM0344"), ("344", "GM0344"), ("Utrecht", None)],
)
def test_municipality_claims_are_read_as_cbs_codes(waarde: str, verwacht: str | None) -> None:
    namen = claims.Claimnamen("rol", "gemeente", "provincie")
    if verwacht is None:
        with pytest.raises(PermissionDenied):
            claims.toekenning({"rol": "gemeente", "gemeente": waarde}, namen)
    else:
        assert claims.toekenning({"rol": ["gemeente"], "gemeente": waarde}, namen) == claims.Toekenning(
            Rol.gemeente, verwacht
        )


def test_the_client_secret_is_never_read_from_a_dotenv_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".env").write_text(
        f"DOORSTROOM_OIDC_CLIENT_SECRET={CLIENT_SECRET}\nDOORSTROOM_OIDC_CLIENT_ID=uit-env-bestand\n"
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DOORSTROOM_OIDC_CLIENT_SECRET", raising=False)
    settings = Settings()
    assert settings.oidc_client_id == "uit-env-bestand" and settings.oidc_client_secret is None
