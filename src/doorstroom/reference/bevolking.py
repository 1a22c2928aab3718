"""Population per municipality on 1 January of a year (a CBS *jaargang*), in that year's division.

Huisvestingswet 2014 art. 29(1) splits each half year's taakstelling by the CBS population on
1 January of the calendar year *before* the half year's year, so every period needs its own
vintage. Doorstroom embeds the CBS populations on 1 January 2022–2026
(``reference/data/bevolking/YYYY.csv``, sources in ``docs/data-sources.md``), each with the
municipal division of that date: 2022 has 345 municipalities (Weesp, Brielle, Hellevoetsluis and
Westvoorne still separate), 2023–2026 have 342. A newer vintage is loaded with
``doorstroom gemeenten importeer BESTAND --peildatum JJJJ-01-01``.

The vintage files hold code, name and population only; province, labour-market region, COROP area,
housing stock (1 January 2024) and coordinates come from the embedded municipality list, and for a
municipality that no longer exists from the municipality it merged into.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path

from doorstroom.files.tabular import Row, parse_rows, read_table
from doorstroom.reference.domain import Gemeente
from doorstroom.reference.loader import embedded_gemeenten, embedded_samenvoegingen
from doorstroom.reference.samenvoeging import Samenvoeging
from doorstroom.values.domains import INWONERS
from doorstroom.values.gemeentecode import GEMEENTECODE

INGEBOUWDE_JAREN = (2022, 2023, 2024, 2025, 2026)
CBS_TABELLEN = {
    2022: "CBS 37259ENG",
    2023: "CBS 37259ENG",
    2024: "CBS 85984NED",
    2025: "CBS 03759NED",
    2026: "CBS 03759NED (mogelijk voorlopig)",
}


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


def bevolking_path(jaar: int) -> Path:
    """Path of an embedded vintage (a copy of ``shared/data/bevolking/JJJJ.csv``)."""
    return Path(str(resources.files("doorstroom.reference") / "data" / "bevolking" / f"{jaar}.csv"))


@cache
def ingebouwde_bevolking(jaar: int) -> Bevolking | None:
    """The embedded vintage of 1 January ``jaar``, or None when it is not embedded."""
    if jaar not in INGEBOUWDE_JAREN:
        return None
    rows = read_table(bevolking_path(jaar), required=("gemeentecode", "gemeentenaam", "inwoners"))
    kaal = parse_rows(rows, _parse)
    feiten = _feiten_per_code(embedded_samenvoegingen())
    gemeenten = tuple(_met_feiten(g, feiten) for g in sorted(kaal, key=lambda g: g.code))
    return Bevolking(jaar, gemeenten, f"{CBS_TABELLEN[jaar]}, 1 januari {jaar} (ingebouwd)")


def _parse(row: Row) -> Gemeente:
    code = row.text("gemeentecode").upper()
    if not GEMEENTECODE.match(code):
        raise row.problem("gemeentecode", f"'{code}' is geen CBS-gemeentecode (GMxxxx)")
    return Gemeente(code, row.text("gemeentenaam"), "", row.integer("inwoners", domain=INWONERS))


def _feiten_per_code(samenvoegingen: tuple[Samenvoeging, ...]) -> dict[str, Gemeente]:
    """The embedded facts per code, with codes that merged away pointing at their successor's facts."""
    feiten = {g.code: g for g in embedded_gemeenten()}
    for samenvoeging in sorted(samenvoegingen, key=lambda s: s.ingangsdatum, reverse=True):
        opvolger = feiten.get(samenvoeging.code)
        if opvolger is None:
            continue
        for code in samenvoeging.onderdelen:
            feiten.setdefault(code, replace(opvolger, latitude=None, longitude=None, woningvoorraad=None))
    return feiten


def _met_feiten(gemeente: Gemeente, feiten: dict[str, Gemeente]) -> Gemeente:
    bekend = feiten.get(gemeente.code)
    if bekend is None:
        return gemeente
    return replace(bekend, code=gemeente.code, naam=gemeente.naam, inwoners=gemeente.inwoners)
