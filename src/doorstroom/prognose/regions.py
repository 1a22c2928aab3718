"""Per-province breakdown of a national forecast, by population share or a user's key.

The taakstelling is divided in proportion to population (Huisvestingswet 2014, art. 28), so by
default each province's share is its municipalities' population (``inwoners_som_gemeenten``, so the
provinces add up to the national figure exactly). A user may supply another key (CSV/XLSX with
columns ``provincie`` and ``gewicht``), for instance the spread of reception locations.

The breakdown multiplies each path by a fixed share; quantiles commute with multiplication by a
positive constant, so a province's P10/P50/P90 are the national ones times its share.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from doorstroom.domains import GEWICHT
from doorstroom.errors import InputError, Problem
from doorstroom.prognose.montecarlo import Resultaat
from doorstroom.reference.loader import embedded_provincies
from doorstroom.tabular import Row, parse_rows, read_table

REGIO_REEKSEN = ("coa_bezetting", "vergunninghouders_coa", "huisvesting_totaal", "instroom_totaal")
"""Series broken down per province: reception need, waiting permit holders, housing task."""


@dataclass(frozen=True)
class Verdeelsleutel:
    """Shares per province (summing to 1) and where the key comes from."""

    aandelen: Mapping[str, float]
    bron: str


def bevolkingssleutel() -> Verdeelsleutel:
    """Shares by population of the municipalities of each province (CBS, 1 January 2024)."""
    provincies = embedded_provincies()
    total = sum(p.inwoners_som_gemeenten for p in provincies)
    return Verdeelsleutel(
        {p.naam: p.inwoners_som_gemeenten / total for p in provincies},
        "inwoners per provincie (CBS, 1 januari 2024)",
    )


def lees_sleutel(path: Path | str) -> Verdeelsleutel:
    """Read a user's key; every province must appear once with a non-negative weight."""
    rows = read_table(path, required=("provincie", "gewicht"))
    weights = parse_rows(rows, _parse_weight)
    _check_provinces(str(path), [name for name, _ in weights])
    total = sum(weight for _, weight in weights)
    if total <= 0:
        raise InputError(Problem("de gewichten tellen op tot 0", file=str(path), field="gewicht"))
    return Verdeelsleutel({name: weight / total for name, weight in weights}, f"sleutel uit {path}")


def _parse_weight(row: Row) -> tuple[str, float]:
    name = row.text("provincie")
    known = {p.naam for p in embedded_provincies()}
    if name not in known:
        raise row.problem("provincie", f"onbekende provincie '{name}'")
    return name, row.number("gewicht", domain=GEWICHT)


def _check_provinces(file: str, names: list[str]) -> None:
    known = [p.naam for p in embedded_provincies()]
    problems = [Problem("provincie ontbreekt", file=file, field=n) for n in known if n not in names]
    problems += [
        Problem("provincie komt dubbel voor", file=file, field=n)
        for n in sorted(set(names))
        if names.count(n) > 1
    ]
    if problems:
        raise InputError(problems)


def per_provincie(
    resultaat: Resultaat, sleutel: Verdeelsleutel, reeksen: tuple[str, ...] = REGIO_REEKSEN
) -> list[dict[str, object]]:
    """Records ``provincie, reeks, maand, p10, p50, p90`` for every province and series."""
    records: list[dict[str, object]] = []
    for provincie, share in sleutel.aandelen.items():
        for reeks in reeksen:
            q = resultaat.kwantielen[reeks] * share
            records += [
                {
                    "provincie": provincie,
                    "reeks": reeks,
                    "maand": maand,
                    "p10": float(q[0, t]),
                    "p50": float(q[1, t]),
                    "p90": float(q[2, t]),
                }
                for t, maand in enumerate(resultaat.maanden)
            ]
    return records


def opgaven(resultaat: Resultaat, sleutel: Verdeelsleutel) -> list[dict[str, object]]:
    """Per province: its share of the flex buffer and of the needed taakstelling."""
    needed = resultaat.benodigde_taakstelling
    return [
        {
            "provincie": provincie,
            "aandeel": share,
            "flexbuffer": resultaat.flexbuffer_horizon * share,
            "benodigde_taakstelling_per_halfjaar": (
                needed.per_halfjaar * share if math.isfinite(needed.per_halfjaar) else None
            ),
        }
        for provincie, share in sleutel.aandelen.items()
    ]
