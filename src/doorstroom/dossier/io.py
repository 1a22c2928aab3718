"""Reading the person-level lists that feed the case file: COA koppeling lists and realisation lists.

Both are CSV or XLSX as COA and municipalities keep them in Excel; every row is parsed through
:mod:`doorstroom.files.tabular`, every problem names file, row and field (nothing is stored unless the
whole file is valid). Rows never echo personal data (names, numbers) in messages.

Koppeling list (COA, per person)::

    huishouden_ref,vnummer,geslachtsnaam,voornamen,geboortedatum,gemeentecode,koppeldatum
    COA-H-0001,1234567890,Jansen,Fatima,1990-04-02,GM0344,2026-09-01

Realisation list (municipality, per person or per household)::

    vnummer,huishouden_ref,gemeentecode,huisvestingsdatum
    1234567890,,GM0344,2026-10-15
    ,COA-H-0002,GM0344,2026-10-20
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from doorstroom.dossier.bsn import vnummer_probleem
from doorstroom.files.rijfouten import velden
from doorstroom.files.tabular import Row, iter_table, parse_each
from doorstroom.platform import clock
from doorstroom.platform.errors import InputError, Problem
from doorstroom.values.datum import datumveld
from doorstroom.values.domains import GESLACHTSNAAM, REFERENTIE, VOORNAMEN
from doorstroom.values.gemeentecode import Gemeentenamen, gemeentecode

KOPPELLIJST = ("huishouden_ref", "vnummer", "geslachtsnaam", "geboortedatum", "gemeentecode", "koppeldatum")
REALISATIELIJST = ("gemeentecode", "huisvestingsdatum")


@dataclass(frozen=True)
class Koppelregel:
    """One person on a COA koppeling list."""

    rij: int
    huishouden_ref: str
    vnummer: str
    geslachtsnaam: str
    voornamen: str | None
    geboortedatum: date
    gemeentecode: str
    koppeldatum: date


@dataclass(frozen=True)
class Realisatieregel:
    """One move-in: a person (by V-number) or a whole household (by COA reference)."""

    rij: int
    vnummer: str | None
    huishouden_ref: str | None
    gemeentecode: str
    huisvestingsdatum: date


def _vnummer(row: Row, *, required: bool = True) -> str | None:
    value = row.text("vnummer", required=required)
    if not value:
        return None
    problem = vnummer_probleem(value)
    if problem:
        raise row.problem("vnummer", problem)
    return value


EERSTE_JAAR = 1900


def _datum(row: Row, field: str) -> date:
    """A date in an accepted notation (:mod:`doorstroom.values.datum`) from 1900 up to ten years ahead."""
    found = datumveld(row, field, range(EERSTE_JAAR, clock.vandaag().year + 11))
    assert found is not None
    return found


def _koppelvelden(bekend: Gemeentenamen) -> dict[str, Callable[[Row], Any]]:
    """How each field of a koppeling list's row is read (all of them, so every wrong cell is named)."""
    return {
        "huishouden_ref": lambda row: row.text("huishouden_ref", limit=REFERENTIE),
        "vnummer": lambda row: _vnummer(row) or "",
        "geslachtsnaam": lambda row: row.text("geslachtsnaam", limit=GESLACHTSNAAM),
        "voornamen": lambda row: row.text("voornamen", required=False, limit=VOORNAMEN) or None,
        "geboortedatum": lambda row: _datum(row, "geboortedatum"),
        "gemeentecode": lambda row: gemeentecode(row, bekend),
        "koppeldatum": lambda row: _datum(row, "koppeldatum"),
    }


def lees_koppellijst(path: Path, bekend: Gemeentenamen) -> list[Koppelregel]:
    """Every row of a koppeling list, or one InputError with every problem of every row."""
    lezers = _koppelvelden(bekend)

    def parse(row: Row) -> Koppelregel:
        return Koppelregel(row.line, **velden(row, lezers))

    rows, problems = parse_each(iter_table(path, required=KOPPELLIJST), parse)
    problems += _dubbele_personen(str(path), rows) + _huishouden_in_een_gemeente(str(path), rows)
    if problems:
        raise InputError(problems)
    return [r for _, r in rows]


def _dubbele_personen(file: str, rows: list[tuple[int, Koppelregel]]) -> list[Problem]:
    seen: dict[str, Koppelregel] = {}
    problems = []
    for _, regel in rows:
        eerder = seen.setdefault(regel.vnummer, regel)
        if eerder is not regel and (eerder.huishouden_ref, eerder.gemeentecode, eerder.koppeldatum) != (
            regel.huishouden_ref,
            regel.gemeentecode,
            regel.koppeldatum,
        ):
            problems.append(
                Problem(f"zelfde V-nummer als rij {eerder.rij}, andere koppeling", file, regel.rij, "vnummer")
            )
    return problems


def _huishouden_in_een_gemeente(file: str, rows: list[tuple[int, Koppelregel]]) -> list[Problem]:
    """A household is linked to one municipality: rows of one reference that name two are refused."""
    eerste: dict[str, Koppelregel] = {}
    problems = []
    for _, regel in rows:
        eerder = eerste.setdefault(regel.huishouden_ref, regel)
        if eerder.gemeentecode != regel.gemeentecode:
            problems.append(
                Problem(
                    f"huishouden {regel.huishouden_ref} staat in rij {eerder.rij} bij {eerder.gemeentecode}; "
                    "een huishouden wordt aan één gemeente gekoppeld",
                    file,
                    regel.rij,
                    "gemeentecode",
                )
            )
    return problems


def lees_realisatielijst(path: Path, bekend: Gemeentenamen) -> list[Realisatieregel]:
    """Every row of a realisation list; each row names a V-number or a household reference."""

    lezers: dict[str, Callable[[Row], Any]] = {
        "vnummer": lambda row: _vnummer(row, required=False) if "vnummer" in row.values else None,
        "huishouden_ref": lambda row: row.text("huishouden_ref", required=False, limit=REFERENTIE) or None,
        "gemeentecode": lambda row: gemeentecode(row, bekend),
        "huisvestingsdatum": lambda row: _datum(row, "huisvestingsdatum"),
    }

    def parse(row: Row) -> Realisatieregel:
        regel = Realisatieregel(row.line, **velden(row, lezers))
        if (regel.vnummer is None) == (regel.huishouden_ref is None):
            raise row.problem("vnummer", "vul precies één van vnummer en huishouden_ref in")
        return regel

    rows, problems = parse_each(iter_table(path, required=REALISATIELIJST), parse)
    if problems:
        raise InputError(problems)
    return [r for _, r in rows]
