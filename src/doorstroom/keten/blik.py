"""Which part of the country an overview shows (*blik*): the country, a province or a municipality,
and which of those a user may choose (a province supervises its own municipalities; a municipality
sees itself; COA and the operator see everything)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from doorstroom.accounts.domain import Gebruiker, Rol
from doorstroom.platform.errors import InputError, PermissionDenied, Problem
from doorstroom.reference.core.domain import Gemeente
from doorstroom.values.suggest import unknown_message

LAND = "land"


@dataclass(frozen=True)
class Blik:
    """A chosen scope: ``soort`` land, provincie or gemeente; ``waarde`` the province or code."""

    soort: str
    waarde: str
    naam: str
    codes: frozenset[str]

    @property
    def sleutel(self) -> str:
        """How a form names this scope: ``land``, ``provincie:Utrecht``, ``gemeente:GM0344``."""
        return LAND if self.soort == LAND else f"{self.soort}:{self.waarde}"


def keuzes(gebruiker: Gebruiker, lijst: Sequence[Gemeente]) -> list[Blik]:
    """Every scope ``gebruiker`` may choose, broadest first."""
    if gebruiker.rol is Rol.beheerder:
        raise PermissionDenied("rol beheerder heeft geen toegang tot ketencijfers")
    if gebruiker.rol is Rol.gemeente:
        return [_gemeente(g) for g in lijst if g.code == gebruiker.gemeentecode]
    provincies = sorted({g.provincie for g in lijst})
    if gebruiker.rol is Rol.provincie:
        provincies = [p for p in provincies if p == gebruiker.provincie]
    gekozen = [_provincie(p, lijst) for p in provincies]
    gemeenten = [_gemeente(g) for g in sorted(lijst, key=lambda g: g.naam) if g.provincie in provincies]
    land = [Blik(LAND, LAND, "Nederland", frozenset(g.code for g in lijst))]
    return (land if gebruiker.rol is not Rol.provincie else []) + gekozen + gemeenten


def _provincie(naam: str, lijst: Sequence[Gemeente]) -> Blik:
    return Blik(
        "provincie", naam, f"provincie {naam}", frozenset(g.code for g in lijst if g.provincie == naam)
    )


def _gemeente(g: Gemeente) -> Blik:
    return Blik("gemeente", g.code, f"gemeente {g.naam}", frozenset({g.code}))


def kies(gebruiker: Gebruiker, lijst: Sequence[Gemeente], sleutel: str | None) -> tuple[Blik, list[Blik]]:
    """The scope named by ``sleutel`` (default: the broadest allowed) and all allowed scopes."""
    mogelijk = keuzes(gebruiker, lijst)
    if not mogelijk:
        raise PermissionDenied("geen gebied binnen uw bereik")
    if not sleutel:
        return mogelijk[0], mogelijk
    for blik in mogelijk:
        if blik.sleutel == sleutel:
            return blik, mogelijk
    raise InputError(Problem(unknown_message("gebied", sleutel, [b.sleutel for b in mogelijk]), field="blik"))
