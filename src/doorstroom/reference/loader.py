"""Load municipality and province lists: the embedded CBS facts or a user's newer CBS export.

The embedded files are ``shared/data/gemeenten.csv`` and ``provincies.csv`` (CBS, CC BY 4.0,
population and housing stock on 1 January 2024). A user updates them each year by loading a newer
CSV/XLSX with the same columns; the CBS StatLine column names of table 85984NED
(``Codering_3``, ``AantalInwoners_5``, ``Woningvoorraad_35``) are accepted as aliases.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from doorstroom.domains import GEMEENTEN, INWONERS, WONINGEN, Domain
from doorstroom.errors import InputError, Problem
from doorstroom.reference.domain import GEMEENTECODE, Gemeente, Provincie, list_problems
from doorstroom.tabular import Row, parse_each, parse_rows, read_table

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
