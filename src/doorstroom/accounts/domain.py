"""Users, roles and their scope, as plain values (no database)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from doorstroom.platform.errors import Problem

GEBRUIKERSNAAM = re.compile(r"^[a-z0-9][a-z0-9._@-]{2,49}$")


class Rol(StrEnum):
    """What a user is for; ``systeem`` is the command line on the server, never a login."""

    gemeente = "gemeente"
    coa = "coa"
    provincie = "provincie"
    beheerder = "beheerder"
    systeem = "systeem"


AANMAAKBARE_ROLLEN = (Rol.gemeente, Rol.coa, Rol.provincie, Rol.beheerder)
GEBRUIKERSACTOR = "gebruiker:"
"""How the audit log's actor of a logged-in user (web or API) begins; the server's own work does not."""


@dataclass(frozen=True)
class Gebruiker:
    """An authenticated user: role plus scope (one municipality or one province)."""

    gebruikersnaam: str
    rol: Rol
    gemeentecode: str | None = None
    provincie: str | None = None

    @property
    def actor(self) -> str:
        """How the audit log names this user."""
        prefix = "os:" if self.rol is Rol.systeem else GEBRUIKERSACTOR
        return f"{prefix}{self.gebruikersnaam}"

    @classmethod
    def systeem(cls, naam: str) -> Gebruiker:
        """The operator on the server (command line): full access, audited under the OS user."""
        return cls(naam, Rol.systeem)


def door_gebruiker(actor: str) -> bool:
    """Whether ``actor`` is a logged-in user rather than the server itself (command line, demo):
    what the server stores on its own is everyone's, what a user stores is theirs."""
    return actor.startswith(GEBRUIKERSACTOR)


def normaliseer_gebruikersnaam(tekst: str) -> str:
    """A user name as typed, read the one way every door reads it: without surrounding white space
    and in lower case (names are stored in lower case, see :data:`GEBRUIKERSNAAM`).

    Login, the login throttle, tokens and the command line all call this, so `` Demo-COA`` is the
    account ``demo-coa`` everywhere; a throttle keyed on anything else would give every spelling a
    fresh allowance of guesses (OWASP Authentication: throttle per account).
    """
    return tekst.strip().lower()


def naamprobleem(gebruikersnaam: str) -> Problem | None:
    """Usernames: 3-50 characters, lower case letters, digits and . _ @ - (log-safe)."""
    if GEBRUIKERSNAAM.match(gebruikersnaam):
        return None
    return Problem(
        "gebruikersnaam: 3 tot 50 tekens, kleine letters, cijfers en . _ @ -", field="gebruikersnaam"
    )
