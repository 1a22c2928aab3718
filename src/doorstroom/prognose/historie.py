"""Reading a planner's history file: months (``maand``, ``2024-07``) or quarters (``kwartaal``, ``2024-Q3``).

A history is a CSV or XLSX table with one period column and any of the series below; empty cells
are allowed (a series that is not known for a period). Periods must be consecutive and unique.
Every problem names the file, row and field; an unknown column is an error that lists the known
ones, closest first.

==================== ==========================================================================
column               meaning (persons, per period unless said otherwise)
==================== ==========================================================================
eerste_aanvragen     first asylum applications
nareizigers          nareizigers (family members who joined)
herhaalde_aanvragen  repeat applications
beslissingen         IND decisions on asylum applications
inwilligingen        of which granted
ind_wachtrij         applications awaiting an IND decision at the end of the period (stock)
gehuisvest           permit holders housed by municipalities (nareizigers included)
taakstelling         the half year's national taakstelling (repeat it on each period of the half year)
achterstand          arrears carried into the half year (negative: advance); on each period of it
vertrek              rejected applicants who left reception
afgewezen_coa        rejected applicants in reception at the end of the period (stock)
==================== ==========================================================================
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np

from doorstroom.files.tabular import Row, parse_rows, read_table
from doorstroom.platform.errors import InputError, Problem
from doorstroom.prognose import gepubliceerd
from doorstroom.prognose.core.fitbasis import Historie
from doorstroom.values.domains import HISTORIE_PERIODEN, PERSONEN, SALDO_PERSONEN
from doorstroom.values.maand import maand_labels
from doorstroom.values.suggest import unknown_message

KOLOMMEN = (
    "eerste_aanvragen",
    "nareizigers",
    "herhaalde_aanvragen",
    "beslissingen",
    "inwilligingen",
    "ind_wachtrij",
    "gehuisvest",
    "taakstelling",
    "achterstand",
    "vertrek",
    "afgewezen_coa",
)
PERIODE_KOLOMMEN = {"maand": 1, "kwartaal": 3}
"""Period column and months per period."""
_FORMS = {
    "maand": (re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$"), "2024-07"),
    "kwartaal": (re.compile(r"^(\d{4})-Q([1-4])$"), "2024-Q3"),
}


def lees(path: Path | str) -> Historie:
    """Read a history file (see module docstring); raise one InputError with every problem."""
    rows = read_table(path)
    header = list(rows[0].values) if rows else []
    period = _period_column(str(path), header)
    columns = [c for c in header if c and c != period]
    _check_columns(str(path), columns)
    parsed = parse_rows(rows, lambda row: _parse(row, period, columns))
    if not HISTORIE_PERIODEN.minimum <= len(parsed) <= HISTORIE_PERIODEN.maximum:
        raise InputError(Problem(f"{len(parsed)} perioden: {HISTORIE_PERIODEN.omschrijving}", str(path)))
    _check_consecutive(rows, period, [label for label, _ in parsed])
    series = {c: np.array([values[c] for _, values in parsed], dtype=np.float64) for c in columns}
    return Historie(str(path), tuple(label for label, _ in parsed), PERIODE_KOLOMMEN[period], series)


def _period_column(file: str, header: list[str]) -> str:
    present = [name for name in PERIODE_KOLOMMEN if name in header]
    if len(present) != 1:
        message = "geef precies één periodekolom: maand (2024-07) of kwartaal (2024-Q3)"
        raise InputError(Problem(message, file=file, row=1, field="maand/kwartaal"))
    return present[0]


def _check_columns(file: str, columns: list[str]) -> None:
    problems = [
        Problem(unknown_message("kolom", column, KOLOMMEN), file=file, row=1, field=column)
        for column in columns
        if column not in KOLOMMEN
    ]
    if not columns:
        problems.append(Problem(f"geen reeksen; bekende kolommen: {', '.join(KOLOMMEN)}", file=file, row=1))
    if problems:
        raise InputError(problems)


def _parse(row: Row, period: str, columns: list[str]) -> tuple[str, dict[str, float]]:
    label = row.text(period)
    pattern, example = _FORMS[period]
    match = pattern.match(label)
    if not match or not 1900 <= int(match.group(1)) <= 2100:
        raise row.problem(period, f"'{label}' is geen {period}; schrijf bijvoorbeeld {example}")
    return label, {column: _value(row, column) for column in columns}


def _value(row: Row, column: str) -> float:
    if not row.text(column, required=False):
        return math.nan
    domain = SALDO_PERSONEN if column == "achterstand" else PERSONEN
    return float(row.integer(column, domain=domain))


def _check_consecutive(rows: list[Row], period: str, labels: list[str]) -> None:
    step = _next_month if period == "maand" else gepubliceerd.volgend_kwartaal
    for row, previous, label in zip(rows[1:], labels, labels[1:], strict=False):
        if label != step(previous):
            message = f"perioden moeten aansluiten: {step(previous)} verwacht na {previous}, {label} gevonden"
            raise row.problem(period, message)


def _next_month(label: str) -> str:
    return maand_labels(label, 2)[1]


def gepubliceerde_instroom() -> Historie:
    """CBS first applications and nareizigers per quarter as a history (see :mod:`gepubliceerd`)."""
    first, family = (gepubliceerd.kwartaalreeks(m) for m in PUBLICATIE_KOLOMMEN.values())
    n = min(len(first.kwartalen), len(family.kwartalen))
    return Historie(
        bestand=f"gepubliceerd: {first.bron()}",
        perioden=first.kwartalen[:n],
        maanden_per_periode=3,
        reeksen={"eerste_aanvragen": first.waarden[:n], "nareizigers": family.waarden[:n]},
    )


PUBLICATIE_KOLOMMEN = {"eerste_aanvragen": "eerste_asielverzoeken", "nareizigers": "nareizigers"}
"""History columns and the published measures they are read from."""


def gepubliceerde_jaartotalen(voor: str) -> dict[str, dict[int, float]]:
    """CBS annual totals of first applications and nareizigers per column, of the years that ended
    before month ``voor`` (``YYYY-MM``): what a planner had at that month."""
    return {
        column: {
            int(f.periode): f.waarde
            for f in gepubliceerd.reeks(measure)
            if f.periode.isdigit() and f.einde < voor
        }
        for column, measure in PUBLICATIE_KOLOMMEN.items()
    }
