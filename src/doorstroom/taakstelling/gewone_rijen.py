"""Koppelingen checked a block of rows at a time, the plain rows by one quick check each.

A large koppellijst was bound by checking every row through the typed accessors of
:class:`doorstroom.files.tabular.Row` (issue 22: row validation was three quarters of an import).
Nearly every row of a COA list has the plain form: a code ``GMxxxx`` of the municipal division of
the koppeling's year, a printable reference of at most 40 characters, 1 to 60 persons in digits,
ISO dates in 2000–2100 and a housing date not before the koppeling. Such a row is recognised by
a few compiled patterns and becomes a koppeling directly. Every other row goes through the row
rule (:func:`doorstroom.taakstelling.io.koppeling`), so each problem keeps the words, file, row and
field it had. A test holds both paths equal on random rows. (Column-wise checks with pandas string
operations were tried first: on object columns they loop in Python too, and were no faster.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from itertools import islice

from doorstroom.files.tabular import Row, parse_each
from doorstroom.platform.errors import Problem
from doorstroom.taakstelling import io
from doorstroom.taakstelling.core.domain import Koppeling
from doorstroom.taakstelling.huisvestingstermijn import huisvestingstermijn
from doorstroom.values.domains import PERSONEN_HUISHOUDEN, REFERENTIE

BLOK = 20_000
"""Rows checked together: large enough to pay for the column operations, small in memory."""

_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CODE = re.compile(r"GM[0-9]{4}")
_PERSONEN = re.compile(r"[1-9][0-9]?")
_JAREN = range(2000, 2101)


def in_blokken(rows: Iterable[Row], grootte: int | None = None) -> Iterator[list[Row]]:
    """``rows`` in lists of at most ``grootte``, in file order."""
    iterator = iter(rows)
    while blok := list(islice(iterator, grootte or BLOK)):
        yield blok


def koppelingen(
    blok: list[Row], bekend: io.CodesPerJaar
) -> tuple[list[tuple[int, Koppeling]], list[Problem]]:
    """The koppelingen of a block with their row numbers (file order), and the problems of its rows."""
    gewoon = _gewone_vorm(blok, bekend)
    afwijkend = [row for row, ok in zip(blok, gewoon, strict=True) if ok is None]
    uit_regel, problemen = parse_each(afwijkend, lambda row: io.koppeling(row, bekend))
    per_regel = dict(uit_regel)
    result = [
        (row.line, ok if ok is not None else per_regel[row.line])
        for row, ok in zip(blok, gewoon, strict=True)
        if ok is not None or row.line in per_regel
    ]
    return result, problemen


def _gewone_vorm(blok: list[Row], bekend: io.CodesPerJaar) -> list[Koppeling | None]:
    """Per row: its koppeling when the row has the plain form, None when the row rule must read it."""
    per_jaar: dict[int, Mapping[str, str]] = {}
    termijn = huisvestingstermijn()

    def codes(jaar: int) -> Mapping[str, str]:
        if jaar not in per_jaar:
            per_jaar[jaar] = bekend(jaar)
        return per_jaar[jaar]

    return [None if row.defect or row.numbers else _gewoon(row.values, codes, termijn) for row in blok]


def _gewoon(waarden: Mapping[str, str], codes: io.CodesPerJaar, termijn: int) -> Koppeling | None:
    gekoppeld = _iso(waarden.get("koppeldatum", ""))
    tekst = waarden.get("huisvestingsdatum", "").strip()
    gehuisvest = _iso(tekst) if tekst else None
    if gekoppeld is None or (tekst and (gehuisvest is None or gehuisvest < gekoppeld)):
        return None
    code = waarden.get("gemeentecode", "").strip().upper()
    referentie = waarden.get("huishouden_ref", "").strip()
    personen = waarden.get("personen", "").strip()
    gewoon = (
        _CODE.fullmatch(code) and code in codes(gekoppeld.year)
        and 0 < len(referentie) <= REFERENTIE.maximum and referentie.isprintable()
        and _PERSONEN.fullmatch(personen) and int(personen) <= PERSONEN_HUISHOUDEN.maximum
    )  # fmt: skip
    return Koppeling(code, referentie, int(personen), gekoppeld, gehuisvest, termijn) if gewoon else None


def _iso(tekst: str) -> date | None:
    """An ISO date in 2000–2100 (None: any other notation or value, left to the row rule)."""
    tekst = tekst.strip()
    if not _ISO.fullmatch(tekst):
        return None
    try:
        gevonden = date.fromisoformat(tekst)
    except ValueError:
        return None
    return gevonden if gevonden.year in _JAREN else None
