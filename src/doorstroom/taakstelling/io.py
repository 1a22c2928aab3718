"""Read the user files of the taakstelling: previous statement, realisation, koppelingen, key, swap.

Every file is validated whole before anything is used: each problem is reported with file, row
and field, and a municipality code that is not in the list of its date (for example a code that
disappeared in a municipal merger) is named, never skipped. Realisation and koppelingen are
checked against the division of 1 January of the year of their month or koppeling date.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date
from pathlib import Path
from typing import TypeVar

from doorstroom.files.tabular import Row, parse_each, read_table
from doorstroom.platform.errors import InputError, Problem
from doorstroom.taakstelling.core.domain import Koppeling
from doorstroom.taakstelling.huisvestingstermijn import huisvestingstermijn
from doorstroom.values.datum import datumveld
from doorstroom.values.domains import (
    INWONERS,
    PERSONEN_GEMEENTE,
    PERSONEN_HUISHOUDEN,
    REFERENTIE,
    SALDO_PERSONEN,
)
from doorstroom.values.gemeentecode import Gemeentenamen, als_code, gemeentecode

T = TypeVar("T")
CodesPerJaar = Callable[[int], Gemeentenamen]
"""The municipalities (code → name) of the division of 1 January of a year."""


JAREN = range(2000, 2101)
"""Years a date or month in a taakstelling file may lie in (as half-year periods, 2000–2100)."""


def datum(row: Row, field: str, *, required: bool = True) -> date | None:
    """A date as ``2026-03-01``, ``1-3-2026`` or an Excel date cell (:mod:`doorstroom.values.datum`)."""
    return datumveld(row, field, JAREN, required=required)


def maand(row: Row, field: str = "maand") -> str:
    """A month as ``YYYY-MM`` (a full date is accepted and cut to its month)."""
    raw = row.text(field)
    iso = len(raw) == 7 and raw.isascii() and raw[4] == "-" and raw[:4].isdigit() and raw[5:].isdigit()
    if iso and 1 <= int(raw[5:]) <= 12:
        if int(raw[:4]) not in JAREN:
            raise row.problem(field, f"{raw} ligt niet tussen 2000 en 2100")
        return raw
    day = datum(row, field)
    assert day is not None
    return f"{day:%Y-%m}"


def parse_unique(
    rows: list[Row], parse: Callable[[Row], T], key: Callable[[T], Hashable], label: str
) -> list[T]:
    """Parse every row and reject repeated keys; all problems of all rows in one InputError."""
    numbered, problems = parse_each(rows, parse)
    seen: dict[Hashable, int] = {}
    for line, value in numbered:
        if key(value) in seen:
            problems.append(
                Problem(f"dubbel: zelfde {label} als rij {seen[key(value)]}", rows[0].file, line, label)
            )
        seen.setdefault(key(value), line)
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.row or 0, p.field or "")))
    return [value for _, value in numbered]


def _first(pair: tuple[str, int]) -> str:
    return pair[0]


def _achterstand_nu(row: Row) -> int:
    return row.integer("achterstand_nu", domain=SALDO_PERSONEN)


def _uit_realisatie(row: Row) -> int:
    return row.integer("gecorrigeerde_taakstelling", domain=PERSONEN_GEMEENTE) - row.integer(
        "gerealiseerd", domain=PERSONEN_GEMEENTE
    )


def _achterstand(row: Row) -> int:
    return row.integer("achterstand", domain=SALDO_PERSONEN)


VORIGE_BRONNEN: tuple[tuple[frozenset[str], Callable[[Row], int]], ...] = (
    (frozenset({"achterstand_nu"}), _achterstand_nu),
    (frozenset({"gecorrigeerde_taakstelling", "gerealiseerd"}), _uit_realisatie),
    (frozenset({"achterstand"}), _achterstand),
)


def lees_vorige(path: Path, bekend: Gemeentenamen) -> dict[str, int]:
    """Signed arrears per code from a previous statement (arrears positive, advance negative).

    Accepts, in this order: ``achterstand_nu`` (Doorstroom's own output with realisation),
    ``gecorrigeerde_taakstelling`` with ``gerealiseerd``, or a plain ``achterstand`` column.
    """
    rows = read_table(path, required=["gemeentecode"])
    columns = set(rows[0].values) if rows else set()
    bron = next((parse for needed, parse in VORIGE_BRONNEN if needed <= columns), None)
    if bron is None:
        raise InputError(
            Problem("kolom 'achterstand' (of 'achterstand_nu') ontbreekt", str(path), 1, "achterstand")
        )
    pairs = parse_unique(rows, lambda row: (gemeentecode(row, bekend), bron(row)), _first, "gemeentecode")
    return dict(pairs)


REALISATIE_KOLOMMEN = ("gemeentecode", "maand", "gehuisvest")


def realisatie_rij(row: Row, bekend: CodesPerJaar) -> tuple[str, str, int]:
    """One realisation row: (code, ``YYYY-MM``, persons housed)."""
    month = maand(row)
    jaar = int(month[:4])
    code = gemeentecode(row, bekend(jaar), jaar=jaar)
    return code, month, row.integer("gehuisvest", domain=PERSONEN_GEMEENTE)


def lees_realisatie(path: Path, bekend: CodesPerJaar) -> dict[str, dict[str, int]]:
    """Persons housed per code and month (``gemeentecode``, ``maand``, ``gehuisvest``)."""
    rows = read_table(path, required=REALISATIE_KOLOMMEN)
    triples = parse_unique(
        rows, lambda row: realisatie_rij(row, bekend), lambda triple: triple[:2], "gemeentecode+maand"
    )
    result: dict[str, dict[str, int]] = {}
    for code, month, aantal in triples:
        result.setdefault(code, {})[month] = aantal
    return result


KOPPELING_KOLOMMEN = ("gemeentecode", "huishouden_ref", "personen", "koppeldatum")


def lees_koppelingen(path: Path, bekend: CodesPerJaar) -> list[Koppeling]:
    """COA koppelingen: ``gemeentecode``, ``huishouden_ref``, ``personen``, ``koppeldatum``,
    optional ``huisvestingsdatum``."""
    rows = read_table(path, required=KOPPELING_KOLOMMEN)
    return parse_unique(
        rows,
        lambda row: koppeling(row, bekend),
        lambda k: (k.huishouden_ref, k.koppeldatum),
        "huishouden_ref+koppeldatum",
    )


def koppeling(row: Row, bekend: CodesPerJaar) -> Koppeling:
    """One koppeling row; the code must exist on 1 January of the koppeling's year."""
    koppeldatum = datum(row, "koppeldatum")
    huisvesting = datum(row, "huisvestingsdatum", required=False)
    assert koppeldatum is not None
    if huisvesting is not None and huisvesting < koppeldatum:
        raise row.problem("huisvestingsdatum", "ligt vóór de koppeldatum")
    return Koppeling(
        gemeentecode=gemeentecode(row, bekend(koppeldatum.year), jaar=koppeldatum.year),
        huishouden_ref=row.text("huishouden_ref", limit=REFERENTIE),
        personen=row.integer("personen", domain=PERSONEN_HUISHOUDEN),
        koppeldatum=koppeldatum,
        huisvestingsdatum=huisvesting,
        termijn_maanden=huisvestingstermijn(),
    )


def lees_sleutel(path: Path, bekend: Gemeentenamen) -> dict[str, int]:
    """A user-supplied distribution key: ``gemeentecode``, ``waarde`` (whole, non-negative)."""
    rows = read_table(path, required=["gemeentecode", "waarde"])
    pairs = parse_unique(
        rows,
        lambda row: (gemeentecode(row, bekend), row.integer("waarde", domain=INWONERS)),
        _first,
        "gemeentecode",
    )
    missing = sorted(set(bekend) - {code for code, _ in pairs})
    if missing:
        raise InputError(
            Problem(
                f"geen waarde voor {len(missing)} gemeenten, o.a. {', '.join(missing[:5])}",
                str(path),
                None,
                "gemeentecode",
            )
        )
    if not any(value for _, value in pairs):
        raise InputError(Problem("alle waarden zijn 0: er valt niets te verdelen", str(path), None, "waarde"))
    return dict(pairs)


def lees_ruil(path: Path, bekend: Gemeentenamen) -> list[tuple[int, str, int]]:
    """A swap agreement: ``gemeentecode``, ``wijziging`` (signed persons); (row, code, change)."""
    rows = read_table(path, required=["gemeentecode", "wijziging"])
    numbered = parse_unique(
        rows,
        lambda row: (row.line, _code(row, bekend), row.integer("wijziging", domain=SALDO_PERSONEN)),
        lambda triple: triple[1],
        "gemeentecode",
    )
    if not numbered:
        raise InputError(Problem("geen regels in het bestand", str(path)))
    return numbered


def _code(row: Row, bekend: Gemeentenamen) -> str:
    """A code as written (whether it exists is the swap's check), or the code of a name in ``bekend``."""
    code = als_code(row.text("gemeentecode"))
    return code if code is not None else gemeentecode(row, bekend)
