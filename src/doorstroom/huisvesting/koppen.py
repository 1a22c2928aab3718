"""Column headings as a municipality writes them in its own Excel, read as Doorstroom's field names.

A policy officer's sheet says "Beschikbaar per", "Personen per eenheid" or "Kosten eenmalig (€)";
Doorstroom reads it as ``beschikbaar_per``, ``personen`` and ``kosten_eenmalig``. A heading is
normalised (lower case, accents and signs dropped, spaces and dashes as ``_``) and looked up among
each field's accepted names; columns Doorstroom does not know are left alone (a sheet may hold more).
Problems name the column as the file does, so the user finds it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace

from doorstroom.files.tabular import Row
from doorstroom.platform.errors import InputError, Problem


def normaal(tekst: str) -> str:
    """A heading or value without case, accents, brackets' content and signs; words joined by ``_``."""
    zonder = unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode().lower()
    zonder = re.sub(r"\([^)]*\)", " ", zonder)
    return "_".join(re.findall(r"[a-z0-9+]+", zonder))


def koppeling(koppen: Sequence[str], namen: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """Field name → heading in the file, for every heading that names a known field."""
    gevonden: dict[str, str] = {}
    for kop in koppen:
        veld = next((v for v, aliassen in namen.items() if normaal(kop) in aliassen), None)
        if veld is not None:
            gevonden.setdefault(veld, kop)
    return gevonden


def dubbel(koppen: Sequence[str], namen: Mapping[str, Sequence[str]], file: str, regel: int) -> list[Problem]:
    """A problem for each field that two headings name."""
    per_veld: dict[str, list[str]] = {}
    for kop in koppen:
        for veld, aliassen in namen.items():
            if normaal(kop) in aliassen:
                per_veld.setdefault(veld, []).append(kop)
    return [
        Problem(
            f"kolommen {' en '.join(repr(k) for k in lijst)} betekenen allebei '{veld}'",
            file,
            regel,
            lijst[1],
        )
        for veld, lijst in per_veld.items()
        if len(lijst) > 1
    ]


class Vertaling:
    """The headings of one file: rows re-keyed to field names, problems named by the file's headings."""

    def __init__(self, koppen: Sequence[str], namen: Mapping[str, Sequence[str]]) -> None:
        self.kop = koppeling(koppen, namen)

    def rij(self, row: Row) -> Row:
        """``row`` with field names as keys (unknown columns dropped)."""
        values = {veld: row.values.get(kop, "") for veld, kop in self.kop.items()}
        numbers = {veld: row.numbers[kop] for veld, kop in self.kop.items() if kop in row.numbers}
        return replace(row, values=values, numbers=numbers)

    def probleem(self, probleem: Problem) -> Problem:
        """``probleem`` naming the column as the file writes it."""
        veld = self.kop.get(probleem.field or "", probleem.field)
        return Problem(probleem.message, probleem.file, probleem.row, veld)

    def ontbrekend(self, verplicht: Sequence[str], file: str, regel: int) -> list[Problem]:
        """A problem for each required field no heading names."""
        return [Problem("kolom ontbreekt", file, regel, veld) for veld in verplicht if veld not in self.kop]


def rijen_met_kop(rows: Iterator[Row], file: str) -> tuple[list[str], list[Row]]:
    """The headings (from the first row's keys) and the rows; an empty file is an InputError."""
    alle = list(rows)
    if not alle:
        raise InputError(Problem("het bestand heeft geen rijen onder de kop", file=file))
    return list(alle[0].values), alle
