"""Importing realisation and koppelingen into the store: any size, all or nothing.

Each file is streamed (one row, or for koppelingen one block of rows, in memory at a time),
checked against the municipal division of its date (koppelingen a block at a time,
:mod:`doorstroom.taakstelling.gewone_rijen`), staged, checked for repeated keys, and only then
written in one transaction (:mod:`doorstroom.taakstelling.staging`). A realisation import reports
the municipalities the file has no figure for in each of its months (they count as 0 housed until
reported), and lists fixed periods whose carry-over it changed, with the command that recomputes
them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, select
from sqlalchemy.orm import Session

from doorstroom.files.tabular import Row, iter_table, parse_each
from doorstroom.platform import audit
from doorstroom.platform.clock import nu
from doorstroom.reference.core.indeling import Indelingen
from doorstroom.reference.service import indelingen
from doorstroom.taakstelling import gewone_rijen, io
from doorstroom.taakstelling.berekening import codes_per_jaar
from doorstroom.taakstelling.core.domain import Koppeling
from doorstroom.taakstelling.models import KoppelingMeldingRecord, RealisatieRecord
from doorstroom.taakstelling.staging import Bulkinvoer, Problemen, Rij, importeer
from doorstroom.taakstelling.vaststelling import Verouderd, tekst, verouderd_na
from doorstroom.values.domains import BRON
from doorstroom.values.periode import Periode

KOPPELINGEN = Bulkinvoer(
    KoppelingMeldingRecord.__table__,  # type: ignore[arg-type]
    ("huishouden_ref", "koppeldatum"),
    ("gemeentecode", "huishouden_ref", "personen", "koppeldatum", "huisvestingsdatum", "bron"),
    "huishouden_ref+koppeldatum",
)
REALISATIE = Bulkinvoer(
    RealisatieRecord.__table__,  # type: ignore[arg-type]
    ("gemeentecode", "maand"),
    ("gemeentecode", "maand", "gehuisvest", "bron", "geimporteerd_op"),
    "gemeentecode+maand",
)


@dataclass(frozen=True)
class Geimporteerd:
    """What an import stored, and what a user must know about it."""

    aantal: int
    meldingen: list[str] = field(default_factory=list)
    verouderd: list[Verouderd] = field(default_factory=list)


def importeer_koppelingen(engine: Engine, path: Path) -> Geimporteerd:
    """Validate a koppelingen file whole, then store it; a known (reference, date) pair is updated."""
    bron = tekst(str(path), BRON, "bestand") or str(path)
    codes = codes_per_jaar(indelingen(engine))
    problemen = Problemen(str(path))
    rijen = _geldige_koppelingen(path, codes, bron, problemen)

    def audit_regel(session: Session, _connection: Connection, _staging: Table) -> None:
        audit.record(session, "write", "taakstelling_koppeling", bron, problemen.gelezen)

    return Geimporteerd(importeer(engine, KOPPELINGEN, rijen, problemen, audit_regel))


def _geldige_koppelingen(
    path: Path, codes: io.CodesPerJaar, bron: str, problemen: Problemen
) -> Iterator[Rij]:
    """As :func:`_geldige`, the rows checked a block at a time (:mod:`.gewone_rijen`)."""
    for blok in gewone_rijen.in_blokken(iter_table(path, required=io.KOPPELING_KOLOMMEN)):
        problemen.gelezen += len(blok)
        geldig, gevonden = gewone_rijen.koppelingen(blok, codes)
        problemen.voeg_toe(gevonden)
        yield from ((regel, _koppeling(k, bron)) for regel, k in geldig)


def _koppeling(k: Koppeling, bron: str) -> tuple[Any, ...]:
    """The staged values of a koppeling, in the order of ``KOPPELINGEN.kolommen``."""
    return k.gemeentecode, k.huishouden_ref, k.personen, k.koppeldatum, k.huisvestingsdatum, bron


def importeer_realisatie(engine: Engine, path: Path) -> Geimporteerd:
    """Validate a realisation file whole, then store it; months already stored are replaced."""
    bron = tekst(str(path), BRON, "bestand") or str(path)
    catalogus = indelingen(engine)
    codes = codes_per_jaar(catalogus)
    moment = nu()
    problemen = Problemen(str(path))

    def parse(row: Row) -> tuple[Any, ...]:
        return *io.realisatie_rij(row, codes), bron, moment

    per_maand: dict[str, set[str]] = {}

    def onthoud(_session: Session, connection: Connection, staging: Table) -> None:
        query = select(staging.c.maand, staging.c.gemeentecode).distinct()
        for maand, code in connection.execute(query):
            per_maand.setdefault(maand, set()).add(code)

    aantal = importeer(
        engine, REALISATIE, _geldige(path, io.REALISATIE_KOLOMMEN, parse, problemen), problemen, onthoud
    )
    vroegste = min((Periode.containing(date(int(m[:4]), int(m[5:]), 1)) for m in per_maand), default=None)
    return Geimporteerd(
        aantal, ontbrekend_per_maand(per_maand, catalogus), verouderd_na(engine, vroegste) if vroegste else []
    )


def ontbrekend_per_maand(per_maand: dict[str, set[str]], catalogus: Indelingen) -> list[str]:
    """Per month of an import: the municipalities it has no figure for (reported, counted as 0)."""
    meldingen = []
    for maand in sorted(per_maand):
        indeling = catalogus.indeling(int(maand[:4]))
        namen = indeling.namen()
        missing = sorted(indeling.codes - per_maand[maand])
        if missing:
            voorbeelden = ", ".join(f"{code} {namen[code]}" for code in missing[:3])
            meer = f" en nog {len(missing) - 3}" if len(missing) > 3 else ""
            meldingen.append(
                f"let op: {maand}: geen cijfer voor {len(missing)} gemeenten ({voorbeelden}{meer}); "
                "zij tellen als 0 gehuisvest tot hun cijfer is geïmporteerd"
            )
    return meldingen


def _geldige(
    path: Path, kolommen: tuple[str, ...], parse: Callable[[Row], tuple[Any, ...]], problemen: Problemen
) -> Iterator[Rij]:
    """The valid rows of ``path`` as (row number, values), one at a time; problems go to ``problemen``."""
    for row in iter_table(path, required=kolommen):
        problemen.gelezen += 1
        parsed, gevonden = parse_each((row,), parse)
        problemen.voeg_toe(gevonden)
        yield from parsed
