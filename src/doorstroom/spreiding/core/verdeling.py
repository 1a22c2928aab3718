"""Split a national number of reception places over provinces and municipalities, amv apart.

Spreidingswet: the capacity estimate's national number is divided in proportion to the key
(inhabitants, optionally corrected, see :mod:`doorstroom.spreiding.core.correctie`). Each municipality's
exact share is ``totaal × sleutel(g) / Σ sleutel``; a province's share is the sum of its
municipalities'. Whole places come from :func:`doorstroom.spreiding.core.afronding.twee_niveaus`, so
municipalities and provinces both add up exactly to the national number.

The places for unaccompanied minors (amv; 8,140 of 96,000 in the estimate of 1 February 2024, about
8.5 % of each municipality's number) are part of each number. They are split in proportion to the
municipalities' whole numbers (``amv × opgave(g) / totaal``), rounded the same way: the amv column
sums exactly at both levels and never exceeds a municipality's number.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from doorstroom.reference.core.domain import Gemeente
from doorstroom.spreiding.core.afronding import twee_niveaus
from doorstroom.spreiding.core.correctie import Correctie, sleutel


@dataclass(frozen=True)
class Aandeel:
    """One municipality's number: its key, exact share and whole places (amv included)."""

    gemeente: Gemeente
    factor: Fraction
    sleutel: Fraction
    exact: Fraction
    opgave: int
    amv: int


@dataclass(frozen=True)
class ProvincieAandeel:
    """One province's number: the sum of its municipalities' keys, exact share and whole places."""

    provincie: str
    inwoners: int
    sleutel: Fraction
    exact: Fraction
    opgave: int
    amv: int


@dataclass(frozen=True)
class Verdeling:
    """The whole split; ``correctie`` is None when the key is population alone."""

    totaal: int
    amv: int
    gemeenten: tuple[Aandeel, ...]
    provincies: tuple[ProvincieAandeel, ...]
    correctie: Correctie | None

    @property
    def correctie_toegepast(self) -> bool:
        """Whether a correction term weighted the key."""
        return self.correctie is not None


def verdeel(
    totaal: int, amv: int, gemeenten: Sequence[Gemeente], correctie: Correctie | None = None
) -> Verdeling:
    """Split ``totaal`` places (of which ``amv`` for minors) over ``gemeenten`` and their provinces."""
    _check(totaal, amv, gemeenten)
    inwoners = {g.code: g.inwoners for g in gemeenten}
    waarden = sleutel(inwoners, correctie)
    som = sum(waarden.values(), Fraction(0))
    if som <= 0:
        raise ValueError("the distribution key sums to zero")
    exact = {code: totaal * waarde / som for code, waarde in waarden.items()}
    provincie_van = {g.code: g.provincie for g in gemeenten}
    opgave, per_provincie = twee_niveaus(exact, provincie_van, waarden)
    amv_per_gemeente, amv_per_provincie = _amv(totaal, amv, opgave, provincie_van, waarden)
    aandelen = tuple(
        Aandeel(
            g,
            _factor(correctie, g.code),
            waarden[g.code],
            exact[g.code],
            opgave[g.code],
            amv_per_gemeente[g.code],
        )
        for g in gemeenten
    )
    provincies = _provincies(aandelen, per_provincie, amv_per_provincie)
    return Verdeling(totaal, amv, aandelen, provincies, correctie)


def _check(totaal: int, amv: int, gemeenten: Sequence[Gemeente]) -> None:
    if totaal < 0 or amv < 0 or amv > totaal:
        raise ValueError(f"need 0 <= amv <= totaal, got totaal={totaal}, amv={amv}")
    if not gemeenten or sum(g.inwoners for g in gemeenten) <= 0:
        raise ValueError("no municipalities with inhabitants to distribute over")
    if len({g.code for g in gemeenten}) != len(gemeenten):
        raise ValueError("municipality codes repeat")


def _factor(correctie: Correctie | None, code: str) -> Fraction:
    return Fraction(1) if correctie is None else correctie.factoren[code]


def _amv(
    totaal: int,
    amv: int,
    opgave: Mapping[str, int],
    provincie_van: Mapping[str, str],
    voorrang: Mapping[str, Fraction],
) -> tuple[dict[str, int], dict[str, int]]:
    if totaal == 0:
        return dict.fromkeys(opgave, 0), dict.fromkeys(set(provincie_van.values()), 0)
    exact = {code: Fraction(amv * aantal, totaal) for code, aantal in opgave.items()}
    return twee_niveaus(exact, provincie_van, voorrang)


def _provincies(
    aandelen: Sequence[Aandeel], opgave: Mapping[str, int], amv: Mapping[str, int]
) -> tuple[ProvincieAandeel, ...]:
    groepen: dict[str, list[Aandeel]] = {}
    for aandeel in aandelen:
        groepen.setdefault(aandeel.gemeente.provincie, []).append(aandeel)
    return tuple(
        ProvincieAandeel(
            provincie=naam,
            inwoners=sum(a.gemeente.inwoners for a in leden),
            sleutel=sum((a.sleutel for a in leden), Fraction(0)),
            exact=sum((a.exact for a in leden), Fraction(0)),
            opgave=opgave[naam],
            amv=amv[naam],
        )
        for naam, leden in sorted(groepen.items())
    )
