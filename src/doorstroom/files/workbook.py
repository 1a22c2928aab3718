"""Workbooks to hand on: what a case worker can put in front of an alderman without editing.

Every XLSX Doorstroom writes goes through :func:`doorstroom.files.workbook_writing.write_workbook`
and looks the same:

* a title block on every sheet: what it shows, period, reference date, rule and source, the date it
  was made, and — in red on every sheet — a mark when the data is synthetic or illustrative;
* Dutch column labels (the machine names stay in CSV and JSON, and in the hidden sheet ``_velden``
  so Doorstroom can read its own workbook back), a bold frozen header with an autofilter, and column
  widths that fit the content;
* numbers stored as numbers with a format: whole persons without decimals, percentages as %, amounts
  in euro, dates as dates;
* a totals row where a sum means something (columns marked ``som``);
* a sheet *Toelichting* explaining every column and every rule applied, with its legal source;
* text from users stored as text: ``=HYPERLINK(...)`` in a name never becomes a formula.

A context describes its columns once as :class:`Kolom` values (a *catalogus*, keyed by machine name);
columns it does not describe get a label and a format inferred from their values.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum

from doorstroom.values.record import Record

VELDEN_BLAD = "_velden"  # hidden sheet: per sheet its header row, totals row and label → field name
TOELICHTING_BLAD = "Toelichting"
TOTAAL_LABEL = "Totaal"
MAX_BREEDTE = 60
_ISO_DATE_LENGTH = 10


class Soort(StrEnum):
    """How a column's values are stored and shown in a workbook."""

    tekst = "tekst"
    personen = "personen"  # whole persons: rounded, no decimals
    geheel = "geheel"  # other whole numbers (codes excluded: those are text)
    getal = "getal"  # a decimal number, ``decimalen`` places
    procent = "procent"  # a fraction 0–1 shown as %
    procent100 = "procent100"  # a percentage already multiplied by 100 (52.3 means 52.3 %)
    bedrag = "bedrag"  # euro
    datum = "datum"
    datumtijd = "datumtijd"
    janee = "janee"


_FORMATS = {
    Soort.personen: "#,##0",
    Soort.geheel: "#,##0",
    Soort.procent: "0.0%",
    Soort.procent100: "0.0%",
    Soort.bedrag: '"€" #,##0',
    Soort.datum: "dd-mm-yyyy",
    Soort.datumtijd: "dd-mm-yyyy hh:mm",
}


@dataclass(frozen=True)
class Kolom:
    """One column: its machine name (CSV/JSON), Dutch label, kind, meaning, and whether it sums."""

    naam: str
    label: str
    soort: Soort = Soort.tekst
    uitleg: str = ""
    som: bool = False
    decimalen: int = 2

    @property
    def formaat(self) -> str | None:
        """The Excel number format of the column (stored locale-independently, shown Dutch)."""
        if self.soort is Soort.getal:
            return "#,##0" + (f".{'0' * self.decimalen}" if self.decimalen else "")
        return _FORMATS.get(self.soort)


@dataclass(frozen=True)
class Kop:
    """The title block: what, period, reference date, rule, source, and a synthetic/illustrative mark."""

    wat: str
    periode: str | None = None
    peildatum: date | str | None = None
    regel: str | None = None
    bron: str | None = None
    markering: str | None = None

    def regels(self) -> list[str]:
        """The lines under the title: the facts that make the numbers checkable."""
        delen = [
            f"Periode {self.periode}" if self.periode else "",
            f"peildatum {_datum_tekst(self.peildatum)}" if self.peildatum else "",
            f"regel: {self.regel}" if self.regel else "",
            f"bron: {self.bron}" if self.bron else "",
        ]
        return [" · ".join(deel for deel in delen if deel)] if any(delen) else []


@dataclass(frozen=True)
class Regel:
    """A rule applied to the numbers, with its legal source (for the Toelichting)."""

    naam: str
    uitleg: str
    bron: str


@dataclass(frozen=True)
class Blad:
    """One data sheet: its name, what it shows, its rows and columns."""

    naam: str
    titel: str
    records: Sequence[Record]
    kolommen: Sequence[Kolom]


@dataclass(frozen=True)
class Werkboek:
    """A whole workbook: the shared title block, the data sheets, and the rules to explain."""

    kop: Kop
    bladen: Sequence[Blad]
    regels: Sequence[Regel] = ()
    gemaakt: date = field(default_factory=date.today)


def kolommen(
    namen: Iterable[str], records: Sequence[Record], catalogus: Mapping[str, Kolom] | None = None
) -> list[Kolom]:
    """The described column for each name, or one inferred from the values (label, kind)."""
    return [(catalogus or {}).get(naam) or afgeleide_kolom(naam, records) for naam in namen]


def afgeleide_kolom(naam: str, records: Sequence[Record]) -> Kolom:
    """A column nobody described: label from the name, kind from the first value present."""
    waarde = next((r.get(naam) for r in records if r.get(naam) is not None), None)
    label = naam.replace("_", " ")
    soort = _soort_van(waarde)
    decimalen = _decimalen(records, naam) if soort is Soort.getal else 2
    return Kolom(naam, label[:1].upper() + label[1:], soort, decimalen=decimalen)


def _decimalen(records: Sequence[Record], naam: str) -> int:
    """Decimals that suit the magnitude: none for thousands, one for tens, three for fractions."""
    grootte = [abs(v) for r in records[:500] if isinstance(v := r.get(naam), float) and math.isfinite(v)]
    typisch = sorted(grootte)[len(grootte) // 2] if grootte else 0.0
    return 0 if typisch >= 1000 else 1 if typisch >= 10 else 2 if typisch >= 1 else 3


def _soort_van(waarde: object) -> Soort:
    if isinstance(waarde, bool):
        return Soort.janee
    if isinstance(waarde, int):
        return Soort.geheel
    if isinstance(waarde, float):
        return Soort.getal
    if isinstance(waarde, datetime):
        return Soort.datumtijd
    if isinstance(waarde, date) or _iso_datum(waarde) is not None:
        return Soort.datum
    return Soort.tekst


def _iso_datum(waarde: object) -> date | None:
    if not isinstance(waarde, str) or len(waarde) != _ISO_DATE_LENGTH:
        return None
    try:
        return date.fromisoformat(waarde)
    except ValueError:
        return None


def _datum_tekst(waarde: date | str) -> str:
    dag = waarde if isinstance(waarde, date) else _iso_datum(waarde)
    return f"{dag:%d-%m-%Y}" if dag else str(waarde)


def cell_value(waarde: object, kolom: Kolom) -> object:
    """The value to store for ``kolom``: rounded persons, scaled percentages, real dates."""
    if waarde is None or (isinstance(waarde, float) and not math.isfinite(waarde)):
        return None
    soort = kolom.soort
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if soort is Soort.personen and isinstance(waarde, int | float):
        return round(waarde)
    if soort is Soort.procent100 and isinstance(waarde, int | float):
        return waarde / 100
    if soort in (Soort.datum, Soort.datumtijd) and isinstance(waarde, str):
        return _iso_datum(waarde) or _iso_datumtijd(waarde) or waarde
    if isinstance(waarde, int | float | date):
        return waarde
    return str(waarde)


def _iso_datumtijd(waarde: str) -> datetime | None:
    try:
        return datetime.fromisoformat(waarde).replace(tzinfo=None)
    except ValueError:
        return None


def unieke_bladen(bladen: Sequence[Blad]) -> list[Blad]:
    """Sheets with valid names, unique as Excel compares them (ignoring case), ``_velden`` reserved."""
    gebruikt = {VELDEN_BLAD.casefold()}
    result = []
    for blad in bladen:
        naam = basis = bladnaam(blad.naam)
        volgnummer = 1
        while naam.casefold() in gebruikt:
            volgnummer += 1
            naam = f"{basis[: 31 - len(str(volgnummer)) - 3]} ({volgnummer})"
        gebruikt.add(naam.casefold())
        result.append(replace(blad, naam=naam))
    return result


def toelichting_naam(bladen: Sequence[Blad]) -> str:
    """``Toelichting``, unless a data sheet already has that name (then ``Toelichting kolommen``)."""
    bezet = {blad.naam.casefold() for blad in bladen}
    return TOELICHTING_BLAD if TOELICHTING_BLAD.casefold() not in bezet else f"{TOELICHTING_BLAD} kolommen"


def bladnaam(naam: str) -> str:
    """A valid sheet name for ``naam``: at most 31 characters, none of ``[]:*?/\\``."""
    schoon = "".join(" " if c in "[]:*?/\\" else c for c in naam).strip()
    return (schoon or "Blad")[:31]
