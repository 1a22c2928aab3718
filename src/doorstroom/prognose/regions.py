"""The twelve provinces of the prognose: reception places from a file or a documented default.

A user gives reception places per province in a CSV/XLSX with the column ``provincie`` and either
``plaatsen`` (optionally ``bezetting``) or ``gewicht`` (a key in any unit: only shares count).
Every province must appear once; an unknown name lists the valid ones, closest first (CBS writes
Fryslân). When no file is given, the default follows the Spreidingswet's aim — reception in
proportion to population — applied to the most recent published COA occupancy:
``plaatsen = bezetting × inwoners van de provincie / inwoners van Nederland`` (CBS, 1 January
2024). When the spreiding register (``doorstroom spreiding locaties importeer``) has open locations
on the first day of the forecast, its places, occupancy and permit holders per province are used
instead (:func:`uit_register`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from doorstroom.files.tabular import Row, parse_rows, read_table
from doorstroom.platform.errors import InputError, Problem
from doorstroom.prognose.core.model import Regios
from doorstroom.prognose.core.opvang import OpvangProvincie, regios
from doorstroom.prognose.startstand import laatste_bezetting
from doorstroom.reference.io import embedded_provincies
from doorstroom.spreiding.core.opvang import Opvang
from doorstroom.values.domains import GEMIDDELD_AANTAL, GEWICHT
from doorstroom.values.suggest import unknown_message


def inwoners() -> dict[str, float]:
    """Inhabitants per province (sum of its municipalities, CBS 1 January 2024), in CBS order."""
    return {p.naam: float(p.inwoners_som_gemeenten) for p in embedded_provincies()}


def standaard_opvang(start: str) -> list[OpvangProvincie]:
    """Published COA occupancy before ``start`` divided by population share (see module doc)."""
    occupancy = laatste_bezetting(start)
    people = inwoners()
    total = sum(people.values())
    source = (
        f"afgeleid: COA-bezetting {occupancy.waarde:,.0f} ({occupancy.datum}; {occupancy.bron}) "
        "× aandeel inwoners (CBS, 1 januari 2024)"
    )
    return [
        OpvangProvincie(name, occupancy.waarde * count / total, None, source, occupancy.datum)
        for name, count in people.items()
    ]


def lees_opvang(path: Path | str) -> list[OpvangProvincie]:
    """Read reception places (or a key) per province; every province once, known names only."""
    rows = read_table(path, required=("provincie",))
    header = set(rows[0].values) if rows else set()
    if not {"plaatsen", "gewicht"} & header:
        raise InputError(
            Problem("kolom ontbreekt: plaatsen of gewicht", file=str(path), row=1, field="plaatsen")
        )
    column = "plaatsen" if "plaatsen" in header else "gewicht"
    items = parse_rows(rows, lambda row: _parse(row, column, "bezetting" in header, str(path)))
    _check_provinces(str(path), [item.provincie for item in items])
    if sum(item.plaatsen for item in items) <= 0:
        raise InputError(Problem(f"de waarden in '{column}' tellen op tot 0", file=str(path), field=column))
    return items


def _parse(row: Row, column: str, with_occupancy: bool, file: str) -> OpvangProvincie:
    name = row.text("provincie")
    known = list(inwoners())
    if name not in known:
        raise row.problem("provincie", unknown_message("provincie", name, known))
    domain = GEMIDDELD_AANTAL if column == "plaatsen" else GEWICHT
    value = row.number(column, domain=domain)
    occupancy = None
    if with_occupancy and row.text("bezetting", required=False):
        occupancy = row.number("bezetting", domain=GEMIDDELD_AANTAL)
    return OpvangProvincie(name, value, occupancy, f"{column} uit {file}", "")


def _check_provinces(file: str, names: Sequence[str]) -> None:
    problems = [Problem("provincie ontbreekt", file=file, field=n) for n in inwoners() if n not in names]
    problems += [
        Problem("provincie komt dubbel voor", file=file, field=n)
        for n in sorted(set(names))
        if names.count(n) > 1
    ]
    if problems:
        raise InputError(problems)


def uit_register(per_provincie: Mapping[str, Opvang], peildatum: date) -> list[OpvangProvincie]:
    """The spreiding register's reception per province on ``peildatum`` as the prognose's input;
    empty when the register has no open location that day."""
    if sum(item.plaatsen for item in per_provincie.values()) <= 0:
        return []
    source = f"spreidingsregister, open locaties op {peildatum.isoformat()}"
    return [
        OpvangProvincie(
            name,
            float(item.plaatsen),
            float(item.bezetting),
            source,
            peildatum.isoformat(),
            float(item.vergunninghouders),
        )
        for name, item in per_provincie.items()
        if name in inwoners()
    ]


def provincies(opvang: Sequence[OpvangProvincie]) -> Regios:
    """The model's provinces for this reception input."""
    return regios(opvang, inwoners())
