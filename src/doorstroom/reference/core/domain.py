"""Municipalities and provinces as plain values, and the checks that keep a list of them sound.

The facts come from CBS (see ``docs/data-sources.md``). Municipal boundaries change every year
(*gemeentelijke herindeling*), so a list is always tied to a reference date and a newer list is
compared with the old one: codes that disappear are reported, never silently dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from doorstroom.platform.errors import Problem

"""A CBS municipality code: GM and four ASCII digits (``\\d`` would also match ``١٢٣٤``)."""


@dataclass(frozen=True)
class Gemeente:
    """A municipality with the facts Doorstroom plans with."""

    code: str
    naam: str
    provincie: str
    inwoners: int
    woningvoorraad: int | None = None
    arbeidsmarktregio: str | None = None
    coropgebied: str | None = None
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class Provincie:
    """A province; ``inwoners_som_gemeenten`` is what its municipalities add up to."""

    code: str
    naam: str
    inwoners: int
    aantal_gemeenten: int
    inwoners_som_gemeenten: int


@dataclass(frozen=True)
class Herindeling:
    """How a newer municipality list differs from an older one."""

    verdwenen: tuple[Gemeente, ...]
    nieuw: tuple[Gemeente, ...]
    hernoemd: tuple[tuple[Gemeente, Gemeente], ...]

    @property
    def ongewijzigd(self) -> bool:
        """True when both lists hold the same codes under the same names."""
        return not (self.verdwenen or self.nieuw or self.hernoemd)


def list_problems(
    numbered: Sequence[tuple[int, Gemeente]], provincies: Iterable[str], *, file: str | None = None
) -> list[Problem]:
    """Every duplicate code and unknown province in a list of (row number, municipality)."""
    known = set(provincies)
    seen: dict[str, int] = {}
    problems: list[Problem] = []
    for row, gemeente in numbered:
        if gemeente.code in seen:
            problems.append(
                Problem(
                    f"code {gemeente.code} komt al voor in rij {seen[gemeente.code]}",
                    file,
                    row,
                    "gemeentecode",
                )
            )
        seen.setdefault(gemeente.code, row)
        if gemeente.provincie not in known:
            problems.append(Problem(f"onbekende provincie '{gemeente.provincie}'", file, row, "provincie"))
    return problems


def compare(old: Sequence[Gemeente], new: Sequence[Gemeente]) -> Herindeling:
    """Compare two municipality lists by CBS code."""
    old_by_code = {gemeente.code: gemeente for gemeente in old}
    new_by_code = {gemeente.code: gemeente for gemeente in new}
    return Herindeling(
        verdwenen=tuple(g for code, g in sorted(old_by_code.items()) if code not in new_by_code),
        nieuw=tuple(g for code, g in sorted(new_by_code.items()) if code not in old_by_code),
        hernoemd=tuple(
            (g, new_by_code[code])
            for code, g in sorted(old_by_code.items())
            if code in new_by_code and new_by_code[code].naam != g.naam
        ),
    )


def by_code(gemeenten: Iterable[Gemeente]) -> dict[str, Gemeente]:
    """Index municipalities by CBS code."""
    return {gemeente.code: gemeente for gemeente in gemeenten}


@dataclass(frozen=True)
class Bevolking:
    """Inhabitants per municipality on 1 January of ``peiljaar``, in the division of that date."""

    peiljaar: int
    gemeenten: tuple[Gemeente, ...]
    bron: str

    @property
    def peildatum(self) -> date:
        """1 January of the vintage's year."""
        return date(self.peiljaar, 1, 1)

    @property
    def totaal(self) -> int:
        """Inhabitants of the Netherlands: the sum over the municipalities of the vintage."""
        return sum(g.inwoners for g in self.gemeenten)
