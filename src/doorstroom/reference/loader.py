"""Load municipality and province lists: the embedded CBS facts or a user's newer CBS export.

The embedded files are ``shared/data/gemeenten.csv`` and ``provincies.csv`` (CBS, CC BY 4.0,
population and housing stock on 1 January 2024). A user updates them each year by loading a newer
CSV/XLSX with the same columns; the CBS StatLine column names of table 85984NED
(``Codering_3``, ``AantalInwoners_5``, ``Woningvoorraad_35``) are accepted as aliases.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from doorstroom.files.tabular import Row, parse_each, parse_rows, read_table
from doorstroom.platform.errors import InputError, Problem
from doorstroom.reference.domain import Gemeente, Provincie, list_problems
from doorstroom.reference.samenvoeging import Samenvoeging, overlap
from doorstroom.values.datum import lees_datum
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
    the division they merge from (:meth:`doorstroom.reference.indeling.Indelingen.met`). Returns
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
    dag = lees_datum(row.text("ingangsdatum"))
    if dag is None:
        raise row.problem("ingangsdatum", f"'{row.text('ingangsdatum')}' is geen datum (schrijf 2027-01-01)")
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
