"""Which part of the country an overview shows (*blik*): the country, a province or a municipality,
and which of those a user may choose: the areas whose aggregates the user's scope covers
(:mod:`doorstroom.accounts.toegang`: a province its own municipalities, a municipality itself, COA
and the operator everything)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from doorstroom.accounts.toegang import Bereik
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


def keuzes(scope: Bereik, lijst: Sequence[Gemeente]) -> list[Blik]:
    """Every area whose aggregates ``scope`` covers, broadest first: the country (all of it), each
    province wholly in scope, then each municipality in scope."""
    binnen = [g for g in lijst if scope.ziet_aggregaat(g.code)]
    alle_provincies = sorted({g.provincie for g in lijst})
    provincies = [
        p for p in alle_provincies if all(scope.ziet_aggregaat(g.code) for g in lijst if g.provincie == p)
    ]
    land = (
        [Blik(LAND, LAND, "Nederland", frozenset(g.code for g in lijst))] if scope.aggregaten is None else []
    )
    gemeenten = [_gemeente(g) for g in sorted(binnen, key=lambda g: g.naam)]
    return land + [_provincie(p, lijst) for p in provincies] + gemeenten


def _provincie(naam: str, lijst: Sequence[Gemeente]) -> Blik:
    return Blik(
        "provincie", naam, f"provincie {naam}", frozenset(g.code for g in lijst if g.provincie == naam)
    )


def _gemeente(g: Gemeente) -> Blik:
    return Blik("gemeente", g.code, f"gemeente {g.naam}", frozenset({g.code}))


def kies(scope: Bereik, lijst: Sequence[Gemeente], sleutel: str | None) -> tuple[Blik, list[Blik]]:
    """The area named by ``sleutel`` (default: the broadest allowed) and all allowed areas."""
    mogelijk = keuzes(scope, lijst)
    if not mogelijk:
        raise PermissionDenied("geen gebied binnen uw bereik")
    if not sleutel:
        return mogelijk[0], mogelijk
    for blik in mogelijk:
        if blik.sleutel == sleutel:
            return blik, mogelijk
    raise InputError(Problem(unknown_message("gebied", sleutel, [b.sleutel for b in mogelijk]), field="blik"))
