"""Options shared by many commands, parsed into domain values with Dutch error messages.

Everything a user types is checked here, when the command line is parsed, before any work:

* ``--out``: :func:`check_out` (a file, or a directory for commands that write several files);
  ``--format xlsx`` without ``--out`` is refused at the same moment, not after solving;
* every number: :func:`getal_optie` — the one number rule (:mod:`doorstroom.values.number_text`) and the
  value's documented domain (:mod:`doorstroom.values.domains`), so ``--totaal 16.500`` works and
  ``--seed -1`` or ``--totaal 100000000000000000000`` is an input error naming the option;
* ``--kolommen``, ``--csv-stijl`` and ``--blad``: shared by every command that shows rows, writes
  CSV or reads a table; :func:`install_shared_options` adds them to those commands once, so no
  command can lack them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from doorstroom.cli.output import Format, kolommen_voorkeur
from doorstroom.files.csv_export import CsvStijl
from doorstroom.files.csv_export import voorkeur as csv_voorkeur
from doorstroom.files.outfile import check_dir_target, check_file_target
from doorstroom.files.tabular import blad_voorkeur
from doorstroom.platform.errors import InputError, Problem
from doorstroom.values.domains import Domain
from doorstroom.values.number_text import Number, NumberTextError, parse_number


class Doel(Enum):
    """What ``--out`` names: one file, or a directory that receives several files."""

    bestand = "bestand"
    map = "map"


def check_out(text: str | Path | None, doel: Doel = Doel.bestand, field: str = "--out") -> Path | None:
    """The output place, checked before any work: writable, and never a directory or special file."""
    if text is None:
        return None
    if doel is Doel.map:
        check_dir_target(text, field)
    else:
        check_file_target(text, field)
    return Path(text)


def _bestand(text: str) -> Path:
    return check_out(text, Doel.bestand) or Path(text)


def _map(text: str) -> Path:
    return check_out(text, Doel.map) or Path(text)


def _xlsx_heeft_out(ctx: typer.Context, fmt: object, out: object) -> None:
    if fmt is Format.xlsx and out is None:
        raise InputError(
            Problem("--format xlsx schrijft een bestand: geef ook --out BESTAND.xlsx", field="--out")
        )


def _check_format(ctx: typer.Context, value: Format) -> Format:
    if "out" in ctx.params:
        _xlsx_heeft_out(ctx, value, ctx.params["out"])
    return value


def _check_out_met_format(ctx: typer.Context, value: Path | None) -> Path | None:
    if "fmt" in ctx.params:
        _xlsx_heeft_out(ctx, ctx.params["fmt"], value)
    return value


FormatOption = Annotated[
    Format,
    typer.Option("--format", "-f", help="Uitvoer: table, csv, json of xlsx.", callback=_check_format),
]
OutOption = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        help="Schrijf naar dit bestand in plaats van het scherm.",
        parser=_bestand,
        callback=_check_out_met_format,
        metavar="BESTAND",
    ),
]
OutDirOption = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        help="Map voor de uitvoerbestanden (wordt gemaakt als ze nog niet bestaat).",
        parser=_map,
        callback=_check_out_met_format,
        metavar="MAP",
    ),
]


def out_option(help: str, doel: Doel = Doel.bestand) -> Any:
    """An ``--out`` option with its own help text and the same checks as :data:`OutOption`."""
    return typer.Option(
        "--out",
        "-o",
        help=help,
        parser=_bestand if doel is Doel.bestand else _map,
        callback=_check_out_met_format,
        metavar="BESTAND" if doel is Doel.bestand else "MAP",
    )


def getal(domain: Domain, option: str) -> Callable[[str], Number]:
    """A parser for a numeric option: the one number rule, then ``domain``."""

    def parse(text: str | Number) -> Number:
        try:
            if isinstance(text, int | float):  # a default value, already a number
                return _in_domain(text, domain)
            return parse_number(text, domain, decimal=None)
        except NumberTextError as error:
            raise InputError(Problem(str(error), field=option)) from None

    parse.__name__ = f"getal_{option.lstrip('-').replace('-', '_')}"
    return parse


def _in_domain(value: Number, domain: Domain) -> Number:
    problem = domain.problem(value)
    if problem:
        raise NumberTextError(problem)
    return value


def getal_optie(*namen: str, domain: Domain, help: str) -> Any:
    """A numeric option checked against ``domain``; its help names the allowed range."""
    return typer.Option(
        *namen, help=f"{help} Bereik: {domain.omschrijving}.", parser=getal(domain, namen[0]), metavar="GETAL"
    )


def getal_argument(*, domain: Domain, help: str, name: str = "GETAL") -> Any:
    """A numeric argument checked against ``domain`` (a run number, say)."""
    return typer.Argument(
        help=f"{help} Bereik: {domain.omschrijving}.", parser=getal(domain, name), metavar=name
    )


def parse_datum(text: str | None, option: str) -> date | None:
    """An ISO date (2026-07-01) from an option, or None when not given."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            Problem(f"'{text}' is geen datum; schrijf bijvoorbeeld 2026-07-01", field=option)
        ) from None


# --- options every listing, writing or reading command shares ----------------------------------


def _kolommen(value: str | None) -> str | None:
    kolommen_voorkeur.set(_namen(value))
    return value


def _namen(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    namen = tuple(naam.strip() for naam in value.split(",") if naam.strip())
    if not namen:
        raise InputError(Problem("geef kolomnamen, gescheiden door komma's", field="--kolommen"))
    return namen


def _csv_stijl(value: CsvStijl | None) -> CsvStijl | None:
    csv_voorkeur.set(value)
    return value


def _blad(value: str | None) -> str | None:
    blad_voorkeur.set(value.strip() if value else None)
    return value


_carrier = typer.Typer(add_completion=False)


@_carrier.command()
def _shared(
    kolommen: Annotated[
        str | None,
        typer.Option(
            "--kolommen",
            help="Kolommen van de tabel op het scherm, bijv. gemeentecode,taakstelling "
            "(csv, json en xlsx bevatten altijd alle kolommen).",
            callback=_kolommen,
            metavar="NAAM,NAAM",
        ),
    ] = None,
    csv_stijl: Annotated[
        CsvStijl | None,
        typer.Option(
            "--csv-stijl",
            help="CSV voor Nederlandse Excel (nl: puntkomma, decimale komma) of voor programma's "
            "(standaard: RFC 4180). Standaard: nl in een bestand, standaard op het scherm; "
            "instelling DOORSTROOM_CSV_STIJL.",
            callback=_csv_stijl,
        ),
    ] = None,
    blad: Annotated[
        str | None,
        typer.Option(
            "--blad",
            help="Werkblad om te lezen uit een XLSX-invoerbestand "
            "(standaard: het eerste werkblad met de verwachte kolommen).",
            callback=_blad,
            metavar="NAAM",
        ),
    ] = None,
) -> None:
    """Carries the shared options; never run (its options are added to the real commands)."""


def _shared_params() -> dict[str, Any]:
    params = {param.name: param for param in typer.main.get_command(_carrier).params}
    for param in params.values():
        param.expose_value = False  # stored for the command by their callbacks, not passed to it
    return params


SHARED = _shared_params()


def _commands(command: Any) -> Iterator[Any]:
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from _commands(sub)


NOT_TABLES = frozenset({"out", "scenario"})  # path options that are no CSV/XLSX table (TOML, output)


def _reads_tables(command: Any) -> bool:
    return any(
        param.name not in NOT_TABLES and _is_path(param) for param in command.params if param.expose_value
    )


def _writes_files(command: Any) -> bool:
    """A command whose ``--out`` is a directory it fills with files (CSV among them)."""
    return any(param.name == "out" and getattr(param, "metavar", None) == "MAP" for param in command.params)


def _is_path(param: Any) -> bool:
    """A parameter that names a file (Typer's type descriptor, or click's Path type in older Typer)."""
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    return annotation is Path or type(getattr(param, "type", None)).__name__ == "Path"


def install_shared_options(root: Any) -> None:
    """Add ``--kolommen``/``--csv-stijl`` to commands that show or write rows, ``--blad`` to readers."""
    for command in _commands(root):
        names = {param.name for param in command.params}
        wanted = []
        if "fmt" in names:
            wanted.append("kolommen")
        if "fmt" in names or _writes_files(command):
            wanted.append("csv_stijl")
        if _reads_tables(command):
            wanted.append("blad")
        command.params.extend(SHARED[name] for name in wanted if name not in names)
