"""Load municipality and province lists: the embedded CBS facts or a user's newer CBS export.

The embedded files are ``shared/data/gemeenten.csv`` and ``provincies.csv`` (CBS, CC BY 4.0,
population and housing stock on 1 January 2024). A user updates them each year by loading a newer
CSV/XLSX with the same columns; the CBS StatLine column names of table 85984NED
(``Codering_3``, ``AantalInwoners_5``, ``Woningvoorraad_35``) are accepted as aliases.

Population vintages (*jaargangen*): Huisvestingswet 2014 art. 29(1) splits each half year's
taakstelling by the CBS population on 1 January of the calendar year *before* the half year's year,
so every period needs its own vintage. Doorstroom embeds the CBS populations on 1 January 2022–2026
(``reference/data/bevolking/YYYY.csv``, sources in ``docs/data-sources.md``), each with the
municipal division of that date: 2022 has 345 municipalities (Weesp, Brielle, Hellevoetsluis and
Westvoorne still separate), 2023–2026 have 342. A newer vintage is loaded with
``doorstroom gemeenten importeer BESTAND --peildatum JJJJ-01-01``. The vintage files hold code,
name and population only; province, labour-market region, COROP area, housing stock (1 January
2024) and coordinates come from the embedded municipality list, and for a municipality that no
longer exists from the municipality it merged into.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from doorstroom.files.tabular import Row, parse_each, parse_rows, read_table
from doorstroom.platform.errors import InputError, Problem
from doorstroom.reference.core.domain import Bevolking, Gemeente, Provincie, list_problems
from doorstroom.reference.core.samenvoeging import Samenvoeging, overlap
from doorstroom.values.datum import datumveld
from doorstroom.values.domains import GEMEENTEN, INWONERS, NAAM, WONINGEN, Domain
from doorstroom.values.gemeentecode import GEMEENTECODE
from doorstroom.values.suggest import unknown_message

ALIASES = {
    "Codering_3": "gemeentecode",
    "RegioS": "gemeentecode",
    "Gemeentenaam_1": "gemeentenaam",
    "AantalInwoners_5": "inwoners",
    "Woningvoorraad_35": "woningvoorraad",
}
REQUIRED = ("gemeentecode", "gemeentenaam", "provincie", "inwoners")


def embedded_path(name: str) -> Path:
    """Path of an embedded reference file (``gemeenten.csv`` or ``provincies.csv``)."""
    return Path(str(resources.files("doorstroom.reference") / "data" / name))


@lru_cache(maxsize=1)
def embedded_provincies() -> tuple[Provincie, ...]:
    """The twelve provinces (CBS 70072ned, 1 January 2024)."""
    rows = read_table(embedded_path("provincies.csv"))
    return tuple(parse_rows(rows, _parse_provincie))


@lru_cache(maxsize=1)
def embedded_gemeenten() -> tuple[Gemeente, ...]:
    """The 342 municipalities of 2024/2025 with population on 1 January 2024 (CBS)."""
    return tuple(load_gemeenten(embedded_path("gemeenten.csv")))


def load_gemeenten(path: Path | str) -> list[Gemeente]:
    """Read and validate a municipality list; every problem is reported with file, row, field."""
    rows = [_with_aliases(row) for row in read_table(path)]
    _check_columns(str(path), rows)
    numbered, problems = parse_each(rows, _parse_gemeente)
    problems += list_problems(numbered, (p.naam for p in embedded_provincies()), file=str(path))
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.row or 0, p.field or "")))
    if not numbered:
        raise InputError(Problem("geen gemeenten in het bestand", file=str(path)))
    return [gemeente for _, gemeente in numbered]


def _with_aliases(row: Row) -> Row:
    values = {ALIASES.get(key, key): value for key, value in row.values.items()}
    numbers = {ALIASES.get(key, key): value for key, value in row.numbers.items()}
    return replace(row, values=values, numbers=numbers)


def _check_columns(file: str, rows: list[Row]) -> None:
    if not rows:
        return
    missing = [column for column in REQUIRED if column not in rows[0].values]
    if missing:
        raise InputError([Problem("kolom ontbreekt", file, 1, column) for column in missing])


def _parse_gemeente(row: Row) -> Gemeente:
    code = row.text("gemeentecode").upper()
    if code.isascii() and code.isdigit():
        code = f"GM{int(code):04d}"
    if not GEMEENTECODE.match(code):
        raise row.problem("gemeentecode", f"'{code}' is geen CBS-gemeentecode (GMxxxx)")
    return Gemeente(
        code=code,
        naam=row.text("gemeentenaam"),
        provincie=row.text("provincie"),
        inwoners=row.integer("inwoners", domain=INWONERS),
        woningvoorraad=_optional_int(row, "woningvoorraad"),
        arbeidsmarktregio=row.text("arbeidsmarktregio", required=False) or None,
        coropgebied=row.text("coropgebied", required=False) or None,
        latitude=_optional_float(row, "latitude", -90, 90),
        longitude=_optional_float(row, "longitude", -180, 180),
    )


def _optional_int(row: Row, field: str) -> int | None:
    return row.integer(field, domain=WONINGEN) if row.text(field, required=False) else None


def _optional_float(row: Row, field: str, low: float, high: float) -> float | None:
    if not row.text(field, required=False):
        return None
    return row.number(field, domain=Domain(f"coördinaat, {low} tot en met {high}", low, high, geheel=False))


def _parse_provincie(row: Row) -> Provincie:
    return Provincie(
        code=row.text("provinciecode"),
        naam=row.text("provincie"),
        inwoners=row.integer("inwoners", domain=INWONERS),
        aantal_gemeenten=row.integer("aantal_gemeenten", domain=GEMEENTEN),
        inwoners_som_gemeenten=row.integer("inwoners_som_gemeenten", domain=INWONERS),
    )


SAMENVOEGING_KOLOMMEN = ("ingangsdatum", "gemeentecode", "gemeentenaam", "onderdelen")
_SCHEIDING = re.compile(r"[\s,;+]+")
INGANGSJAREN = range(1900, 2101)
"""Years a municipal merger may take effect in (the CBS codes date from the last century)."""


@lru_cache(maxsize=1)
def embedded_samenvoegingen() -> tuple[Samenvoeging, ...]:
    """Mergers between the embedded CBS divisions (Weesp into Amsterdam, Voorne aan Zee)."""
    gelezen = _lees_samenvoegingen(embedded_path("samenvoegingen.csv"), alleen_1_januari=False)
    return tuple(samenvoeging for _, samenvoeging in gelezen)


def load_samenvoegingen(path: Path | str) -> list[tuple[int, Samenvoeging]]:
    """Read a merger file: ``ingangsdatum``, ``gemeentecode``, ``gemeentenaam``, ``onderdelen``
    (codes separated by spaces, commas, semicolons or +), optional ``provincie``, ``inwoners``
    (set by Gedeputeerde Staten, art. 30 Huisvestingswet) and ``bron``.

    Only the file's own soundness is checked here; whether the components exist is checked against
    the division they merge from (:meth:`doorstroom.reference.core.indeling.Indelingen.met`). Returns
    (row, merger) pairs so that check can name the row.
    """
    return _lees_samenvoegingen(path, alleen_1_januari=True)


def _lees_samenvoegingen(path: Path | str, *, alleen_1_januari: bool) -> list[tuple[int, Samenvoeging]]:
    rows = read_table(path, required=SAMENVOEGING_KOLOMMEN)
    numbered, problems = parse_each(rows, lambda row: _parse_samenvoeging(row, alleen_1_januari))
    for index, message in overlap([value for _, value in numbered]):
        problems.append(Problem(message, str(path), numbered[index][0], "onderdelen"))
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.row or 0, p.field or "")))
    if not numbered:
        raise InputError(Problem("geen samenvoegingen in het bestand", file=str(path)))
    return numbered


def _parse_samenvoeging(row: Row, alleen_1_januari: bool) -> Samenvoeging:
    dag = datumveld(row, "ingangsdatum", INGANGSJAREN)
    assert dag is not None
    if alleen_1_januari and (dag.month, dag.day) != (1, 1):
        raise row.problem("ingangsdatum", "een herindeling gaat in op 1 januari (art. 30 Huisvestingswet)")
    return Samenvoeging(
        ingangsdatum=dag,
        code=_code(row, "gemeentecode", row.text("gemeentecode")),
        naam=row.text("gemeentenaam", limit=NAAM),
        onderdelen=tuple(
            _code(row, "onderdelen", part) for part in _SCHEIDING.split(row.text("onderdelen")) if part
        ),
        provincie=_provincie(row),
        inwoners=row.integer("inwoners", domain=INWONERS) if row.text("inwoners", required=False) else None,
        bron=row.text("bron", required=False) or str(row.file),
    )


def _code(row: Row, field: str, text: str) -> str:
    code = text.strip().upper()
    if not GEMEENTECODE.match(code):
        raise row.problem(field, f"'{text}' is geen CBS-gemeentecode (GMxxxx)")
    return code


def _provincie(row: Row) -> str | None:
    naam = row.text("provincie", required=False)
    if not naam:
        return None
    namen = [p.naam for p in embedded_provincies()]
    if naam not in namen:
        raise row.problem("provincie", unknown_message("provincie", naam, namen))
    return naam


INGEBOUWDE_JAREN = (2022, 2023, 2024, 2025, 2026)
CBS_TABELLEN = {
    2022: "CBS 37259ENG",
    2023: "CBS 37259ENG",
    2024: "CBS 85984NED",
    2025: "CBS 03759NED",
    2026: "CBS 03759NED (mogelijk voorlopig)",
}


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
