"""Published figures of the asylum chain, embedded in the package, as plain dated facts.

The files under ``prognose/data/`` are copies of ``shared/data/keten/`` (CBS, IND, COA and
ministry figures as published, each row with its source; see ``docs/data-sources.md``), plus
``aanvullend.csv`` with a few later figures found in public reporting and ``mpp.csv`` with the
ministry's multi-year inflow scenarios (Meerjaren Productie Prognose). The national taakstelling
and its realisation per half year come from :mod:`doorstroom.taakstelling.landelijk`.

Nothing is computed here except one documented derivation: a quarter missing from a year whose
annual total is published is the total minus the other three quarters (CBS quarterly figures add
up to the annual figure). Everything else is read as published.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from doorstroom.files.tabular import Row, parse_rows, read_table
from doorstroom.prognose.core.scenario import FloatArray
from doorstroom.values.domains import GEMIDDELD_AANTAL, Domain

BESTANDEN = (
    "cbs_asylum_quarterly.csv",
    "cbs_asylum_annual.csv",
    "coa_bezetting.csv",
    "coa_vergunninghouders_in_opvang.csv",
    "ind_pending.csv",
    "ind_decisions.csv",
    "aanvullend.csv",
)
JAAR = Domain("jaar, 2000 tot en met 2100", 2000, 2100)
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_HALF = re.compile(r"^(\d{4})-([12])$")


@dataclass(frozen=True)
class Feit:
    """One published figure: what it measures, the period it covers, its value and its source."""

    maat: str
    periode: str  # as published: 2024, 2024-12, 2024-Q3
    waarde: float
    bron: str
    toelichting: str

    @property
    def einde(self) -> str:
        """The last month the figure covers (a stock: its reference month)."""
        return laatste_maand(self.periode)

    @property
    def beschrijving(self) -> str:
        """Source and note, for a parameter's ``bron``."""
        return f"{self.bron}{'; ' + self.toelichting if self.toelichting else ''}"


def laatste_maand(periode: str) -> str:
    """``YYYY-MM`` of the last month of a year, half year, quarter or month label."""
    if match := _QUARTER.match(periode):
        return f"{match.group(1)}-{int(match.group(2)) * 3:02d}"
    if _YEAR.match(periode):
        return f"{periode}-12"
    if _MONTH.match(periode):
        return periode
    if match := _HALF.match(periode):
        return f"{match.group(1)}-{int(match.group(2)) * 6:02d}"
    raise ValueError(f"unknown period {periode!r}")


def data_pad(naam: str) -> Path:
    """Path of an embedded data file."""
    return Path(str(resources.files("doorstroom.prognose") / "data" / naam))


@lru_cache(maxsize=1)
def bronnen() -> dict[str, str]:
    """Readable description (with address) of each source id."""
    rows = read_table(data_pad("bronnen.csv"), required=("source", "omschrijving"))
    return {row.text("source"): row.text("omschrijving") for row in rows}


@lru_cache(maxsize=1)
def feiten() -> tuple[Feit, ...]:
    """Every embedded figure, in file order."""
    found: list[Feit] = []
    for name in BESTANDEN:
        rows = read_table(data_pad(name), required=("periode", "value", "measure", "source"))
        found += parse_rows(rows, _feit)
    return tuple(found)


def _feit(row: Row) -> Feit:
    source = row.text("source")
    return Feit(
        maat=row.text("measure"),
        periode=row.text("periode"),
        waarde=row.number("value", domain=GEMIDDELD_AANTAL),
        bron=f"{bronnen().get(source, source)} [{source}]",
        toelichting=row.text("note", required=False),
    )


def reeks(maat: str) -> list[Feit]:
    """All figures of one measure, oldest first (by the last month they cover)."""
    return sorted((f for f in feiten() if f.maat == maat), key=lambda f: (f.einde, f.periode))


def laatste(maat: str, voor: str) -> Feit | None:
    """The most recent figure of ``maat`` covering only months before ``voor`` (``YYYY-MM``)."""
    earlier = [f for f in reeks(maat) if f.einde < voor]
    return earlier[-1] if earlier else None


@dataclass(frozen=True)
class Kwartaalreeks:
    """A consecutive quarterly series with the provenance of each quarter."""

    maat: str
    kwartalen: tuple[str, ...]
    waarden: FloatArray
    afgeleid: tuple[str, ...]  # quarters derived from an annual total

    def bron(self) -> str:
        """Sources of the series, for a fit's record."""
        names = sorted({f.bron for f in reeks(self.maat) if _QUARTER.match(f.periode)})
        derived = (
            f"; {', '.join(self.afgeleid)} = jaartotaal min de andere kwartalen" if self.afgeleid else ""
        )
        return "; ".join(names) + derived


def kwartaalreeks(maat: str) -> Kwartaalreeks:
    """The longest consecutive run of quarters from the first published one, gaps filled only by
    the annual-total rule (one missing quarter of a year with a published annual figure)."""
    quarters = {f.periode: f.waarde for f in reeks(maat) if _QUARTER.match(f.periode)}
    annual = {f.periode: f.waarde for f in reeks(maat) if _YEAR.match(f.periode)}
    labels, values, derived = [], [], []
    label = min(quarters)
    while True:
        value = quarters.get(label)
        if value is None:
            value = _from_annual(label, quarters, annual)
            if value is None:
                break
            derived.append(label)
        labels.append(label)
        values.append(value)
        label = volgend_kwartaal(label)
    return Kwartaalreeks(maat, tuple(labels), np.array(values, dtype=np.float64), tuple(derived))


def _from_annual(label: str, quarters: dict[str, float], annual: dict[str, float]) -> float | None:
    year = label[:4]
    others = [f"{year}-Q{q}" for q in range(1, 5) if f"{year}-Q{q}" != label]
    if year not in annual or any(other not in quarters for other in others):
        return None
    value = annual[year] - sum(quarters[other] for other in others)
    return value if value >= 0 else None


def volgend_kwartaal(label: str) -> str:
    """The quarter after ``YYYY-Qn``."""
    year, quarter = int(label[:4]), int(label[-1])
    return f"{year + quarter // 4}-Q{quarter % 4 + 1}"


@dataclass(frozen=True)
class Scenariobandbreedte:
    """The ministry's published range of total asylum inflow for one year."""

    uitgave: str
    jaar: int
    minimum: float
    maximum: float
    bron: str


@lru_cache(maxsize=1)
def mpp() -> tuple[Scenariobandbreedte, ...]:
    """The Meerjaren Productie Prognose ranges embedded in ``mpp.csv``."""
    rows = read_table(data_pad("mpp.csv"), required=("uitgave", "jaar", "minimum", "maximum", "source"))
    return tuple(parse_rows(rows, _range))


def _range(row: Row) -> Scenariobandbreedte:
    source = row.text("source")
    return Scenariobandbreedte(
        uitgave=row.text("uitgave"),
        jaar=row.integer("jaar", domain=JAAR),
        minimum=row.number("minimum", domain=GEMIDDELD_AANTAL),
        maximum=row.number("maximum", domain=GEMIDDELD_AANTAL),
        bron=f"{bronnen().get(source, source)} [{source}]",
    )


def jaartotaal(maat: str, jaar: int) -> Feit | None:
    """The published annual figure of a measure, if any."""
    return next((f for f in reeks(maat) if f.periode == str(jaar)), None)


def maten() -> Iterable[str]:
    """Every measure present."""
    return sorted({f.maat for f in feiten()})
