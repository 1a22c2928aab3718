"""Blocking and unblocking an account (issue 20 item 10): who may, what stops, what comes back, and
what a blocked user is told at login."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from doorstroom.accounts import idp, service
from doorstroom.accounts.domain import Gebruiker, Rol
from doorstroom.platform.errors import InputError, NotFound, PermissionDenied
from tests.gebruikers import SYSTEEM

WACHTWOORD = "een-lang-wachtwoord-voor-bram"


@pytest.fixture
def bram(engine: Engine) -> str:
    """An account with a password and a token; the token is returned."""
    service.maak_gebruiker(engine, SYSTEEM, "bram", Rol.coa, wachtwoord_tekst=WACHTWOORD)
    return service.maak_token(engine, SYSTEEM, "bram")[0]


def test_unblocking_gives_back_the_password_and_the_tokens(engine: Engine, bram: str) -> None:
    service.blokkeer(engine, SYSTEEM, "bram")
    service.deblokkeer(engine, SYSTEEM, " BRAM")
    assert service.authenticeer(engine, bram) is not None
    assert service.authenticeer_wachtwoord(engine, "bram", WACHTWOORD) is not None
    assert [g["actief"] for g in service.gebruikers(engine, SYSTEEM)] == [True]


def test_unblocking_is_audited_like_blocking(engine: Engine, bram: str) -> None:
    service.blokkeer(engine, SYSTEEM, "bram")
    service.deblokkeer(engine, SYSTEEM, "bram")
    regels, _ = service.auditregels(engine, SYSTEEM, objecttype="gebruiker")
    actief = [r for r in regels if r["velden"] == ["actief"]]
    assert [(r["actor"], r["objectref"]) for r in actief] == [(SYSTEEM.actor, "bram")] * 2


def test_only_a_beheerder_unblocks(engine: Engine, bram: str) -> None:
    service.blokkeer(engine, SYSTEEM, "bram")
    with pytest.raises(PermissionDenied):
        service.deblokkeer(engine, Gebruiker("coa1", Rol.coa), "bram")
    service.deblokkeer(engine, Gebruiker("eva", Rol.beheerder), "bram")


def test_unblocking_an_active_or_unknown_account_says_so_by_domain_field(engine: Engine, bram: str) -> None:
    with pytest.raises(InputError) as actief:
        service.deblokkeer(engine, SYSTEEM, "bram")
    assert actief.value.problems[0].field == "gebruikersnaam"
    assert "niet geblokkeerd" in actief.value.problems[0].message
    with pytest.raises(NotFound):
        service.deblokkeer(engine, SYSTEEM, "niemand")


def test_a_session_ended_by_blocking_stays_ended_after_unblocking(engine: Engine, bram: str) -> None:
    gevonden = service.meld_aan(engine, "bram", WACHTWOORD)
    assert gevonden is not None and service.sessie(engine, gevonden[0]) is not None
    service.blokkeer(engine, SYSTEEM, "bram")
    service.deblokkeer(engine, SYSTEEM, "bram")
    assert service.sessie(engine, gevonden[0]) is None


def test_a_blocked_user_with_the_right_password_is_told_whom_to_ask(engine: Engine, bram: str) -> None:
    service.blokkeer(engine, SYSTEEM, "bram")
    with pytest.raises(PermissionDenied) as geweigerd:
        service.meld_aan(engine, "Bram", WACHTWOORD)
    assert str(geweigerd.value) == idp.GEBLOKKEERD


def test_a_blocked_user_with_a_wrong_password_learns_nothing(engine: Engine, bram: str) -> None:
    service.blokkeer(engine, SYSTEEM, "bram")
    assert service.meld_aan(engine, "bram", "een-ander-lang-wachtwoord") is None
    assert service.authenticeer_wachtwoord(engine, "bram", "fout") is None
