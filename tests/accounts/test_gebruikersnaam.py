"""One rule for a user name as typed: login, throttle, tokens and the CLI all read it the same way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine

from doorstroom.accounts import service
from doorstroom.accounts.domain import Gebruiker, Rol, normaliseer_gebruikersnaam
from doorstroom.platform.errors import InputError
from tests.gebruikers import SYSTEEM
from tests.web.conftest import WACHTWOORD

CASE = json.loads((Path(__file__).parent / "data" / "issue_19_gebruikersnaam.json").read_text())
VARIANTEN: list[str] = CASE["varianten"]


@pytest.mark.parametrize("variant", VARIANTEN)
def test_every_variant_of_a_name_is_the_same_account(variant: str) -> None:
    assert normaliseer_gebruikersnaam(variant) == CASE["account"]


def test_login_tokens_and_blocking_take_the_name_as_typed(engine: Engine) -> None:
    service.maak_gebruiker(engine, SYSTEEM, " Dina ", Rol.coa, wachtwoord_tekst=WACHTWOORD)
    assert [g["gebruikersnaam"] for g in service.gebruikers(engine, SYSTEEM)] == ["dina"]
    gebruiker = service.authenticeer_wachtwoord(engine, "DINA\t", WACHTWOORD)
    assert gebruiker is not None and gebruiker.gebruikersnaam == "dina"
    token, info = service.maak_token(engine, SYSTEEM, " dina")
    assert info.gebruikersnaam == "dina" and service.authenticeer(engine, token) is not None
    assert [t.id for t in service.tokens_van(engine, SYSTEEM, "Dina")] == [info.id]
    service.blokkeer(engine, SYSTEEM, "DINA ")
    assert service.authenticeer(engine, token) is None


def test_a_beheerder_cannot_block_their_own_account_under_another_spelling(engine: Engine) -> None:
    service.maak_gebruiker(engine, SYSTEEM, "eva", Rol.beheerder)
    with pytest.raises(InputError):
        service.blokkeer(engine, Gebruiker("eva", Rol.beheerder), " EVA")
    assert service.gebruikers(engine, SYSTEEM)[0]["actief"] is True
