"""Accounts: argon2 passwords, token lifetime and revocation, OpenID Connect tokens mapped to accounts."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from sqlalchemy import Engine, text

from doorstroom.accounts import oidc, service
from doorstroom.accounts.domain import Rol
from doorstroom.platform.errors import InputError, NotFound
from doorstroom.platform.settings import get_settings
from tests.gebruikers import SYSTEEM

ISSUER, AUDIENCE = "https://idp.gemeente.example", "doorstroom"


def test_passwords_are_argon2_hashes_and_checked(engine: Engine) -> None:
    service.maak_gebruiker(
        engine, SYSTEEM, "anna", Rol.gemeente, gemeente="GM0344", wachtwoord_tekst="een lang wachtwoord"
    )
    with engine.connect() as connection:
        opgeslagen = connection.execute(text("SELECT wachtwoord_hash FROM gebruiker")).scalar_one()
    assert opgeslagen.startswith("$argon2id$") and "wachtwoord" not in opgeslagen
    assert service.authenticeer_wachtwoord(engine, "anna", "een lang wachtwoord") is not None
    assert service.authenticeer_wachtwoord(engine, "anna", "fout") is None
    assert service.authenticeer_wachtwoord(engine, "niemand", "een lang wachtwoord") is None
    with pytest.raises(InputError):
        service.zet_wachtwoord(engine, SYSTEEM, "anna", "kort")


def test_a_blocked_user_loses_access_at_once(engine: Engine) -> None:
    service.maak_gebruiker(engine, SYSTEEM, "bram", Rol.coa)
    token, _ = service.maak_token(engine, SYSTEEM, "bram")
    assert service.authenticeer(engine, token) is not None
    service.blokkeer(engine, SYSTEEM, "bram")
    assert service.authenticeer(engine, token) is None
    with pytest.raises(NotFound):
        service.maak_token(engine, SYSTEEM, "bram")


def test_tokens_are_stored_as_digests_only(engine: Engine) -> None:
    service.maak_gebruiker(engine, SYSTEEM, "cor", Rol.beheerder)
    token, _ = service.maak_token(engine, SYSTEEM, "cor")
    with engine.connect() as connection:
        assert token not in str(connection.execute(text("SELECT * FROM gebruiker_token")).all())


@pytest.fixture
def idp(monkeypatch: pytest.MonkeyPatch) -> Iterator[RSAKey]:
    """A local identity provider: its key, published as JWKS through the settings."""
    key = RSAKey.generate_key(2048, parameters={"kid": "k1"}, private=True)
    monkeypatch.setenv("DOORSTROOM_OIDC_ISSUER", ISSUER)
    monkeypatch.setenv("DOORSTROOM_OIDC_AUDIENCE", AUDIENCE)
    monkeypatch.setenv("DOORSTROOM_OIDC_JWKS_URL", "https://idp.gemeente.example/jwks")
    get_settings.cache_clear()
    oidc.vergeet_sleutels()
    monkeypatch.setattr(oidc, "_json", lambda url: KeySet([key]).as_dict(private=False))
    yield key
    oidc.vergeet_sleutels()


def _token(key: RSAKey, **claims: object) -> str:
    body = {"iss": ISSUER, "aud": AUDIENCE, "sub": "medewerker-42", "exp": int(time.time()) + 300, **claims}
    return jwt.encode({"alg": "RS256", "kid": "k1"}, body, key)


def test_an_identity_provider_token_maps_to_the_linked_account(engine: Engine, idp: RSAKey) -> None:
    service.maak_gebruiker(
        engine, SYSTEEM, "dina", Rol.gemeente, gemeente="GM0344", oidc_subject="medewerker-42"
    )
    gebruiker = service.authenticeer(engine, _token(idp))
    assert gebruiker is not None and (gebruiker.gebruikersnaam, gebruiker.gemeentecode) == ("dina", "GM0344")


@pytest.mark.parametrize(
    "claims",
    [
        {"aud": "iets-anders"},
        {"iss": "https://vreemd.example"},
        {"exp": int(time.time()) - 10},
        {"sub": "onbekend"},
    ],
)
def test_provider_tokens_with_wrong_claims_or_unknown_subject_are_refused(
    engine: Engine, idp: RSAKey, claims: dict[str, object]
) -> None:
    service.maak_gebruiker(
        engine, SYSTEEM, "dina", Rol.gemeente, gemeente="GM0344", oidc_subject="medewerker-42"
    )
    assert service.authenticeer(engine, _token(idp, **claims)) is None


def test_a_token_signed_by_another_key_is_refused(engine: Engine, idp: RSAKey) -> None:
    service.maak_gebruiker(
        engine, SYSTEEM, "dina", Rol.gemeente, gemeente="GM0344", oidc_subject="medewerker-42"
    )
    vreemd = RSAKey.generate_key(2048, parameters={"kid": "k1"}, private=True)
    assert service.authenticeer(engine, _token(vreemd)) is None
