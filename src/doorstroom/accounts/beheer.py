"""User management by a *beheerder* in the web application: the account use cases, guarded by role.

The command line manages accounts as the operator on the server (:mod:`doorstroom.accounts.service`);
in the browser only a user with role ``beheerder`` may, and every change is audited under that user
(BIO 9.2: user access management). A beheerder cannot block their own account, so the application
never loses its last way in by accident.
"""

from __future__ import annotations

from sqlalchemy import Engine

from doorstroom.accounts import service
from doorstroom.accounts.domain import Gebruiker, Rol, normaliseer_gebruikersnaam
from doorstroom.platform import audit
from doorstroom.platform.errors import InputError, PermissionDenied, Problem


def _eis_beheerder(gebruiker: Gebruiker) -> None:
    if gebruiker.rol not in (Rol.beheerder, Rol.systeem):
        raise PermissionDenied(f"rol {gebruiker.rol} mag geen gebruikers beheren")


def _eis_wachtwoord(wachtwoord: str) -> None:
    """A password is required here (the hash refuses one shorter than 12 characters)."""
    if not wachtwoord:
        raise InputError(Problem("geef een wachtwoord van minstens 12 tekens", field="wachtwoord"))


def gebruikers(engine: Engine, gebruiker: Gebruiker) -> list[dict[str, object]]:
    """Every account (no password hashes), for a beheerder."""
    _eis_beheerder(gebruiker)
    return service.gebruikers(engine)


def maak_aan(
    engine: Engine,
    gebruiker: Gebruiker,
    nieuw: str,
    rol: Rol,
    *,
    gemeente: str | None,
    provincie: str | None,
    wachtwoord: str,
) -> Gebruiker:
    """Create an account with a first password (checked like every password)."""
    _eis_beheerder(gebruiker)
    _eis_wachtwoord(wachtwoord)
    with audit.acting_as(gebruiker.actor):
        return service.maak_gebruiker(
            engine, nieuw, rol, gemeente=gemeente, provincie=provincie, wachtwoord_tekst=wachtwoord
        )


def blokkeer(engine: Engine, gebruiker: Gebruiker, naam: str) -> None:
    """Block an account: its sessions and tokens stop working at once."""
    _eis_beheerder(gebruiker)
    if normaliseer_gebruikersnaam(naam) == gebruiker.gebruikersnaam:
        raise InputError(Problem("u kunt uw eigen account niet blokkeren", field="gebruikersnaam"))
    with audit.acting_as(gebruiker.actor):
        service.blokkeer(engine, naam)


def zet_wachtwoord(engine: Engine, gebruiker: Gebruiker, naam: str, wachtwoord: str) -> None:
    """Give an account a new password."""
    _eis_beheerder(gebruiker)
    _eis_wachtwoord(wachtwoord)
    with audit.acting_as(gebruiker.actor):
        service.zet_wachtwoord(engine, naam, wachtwoord)
