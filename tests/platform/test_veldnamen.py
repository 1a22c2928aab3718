"""Contexts name domain fields; only the command line says a field as the option that carries it.

Issue 20: web pages and API answers showed ``--gemeente: onbekende gemeente`` and advice such as
``stel haar vast met 'doorstroom taakstelling vaststellen --periode 2030-1'``. The rule of the house
(docs/architecture.md, errors): a context's :class:`Problem` names a domain field and says what to
do in Dutch words; :mod:`doorstroom.cli.fouten` maps the field to its option when the CLI prints it.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from doorstroom.cli.fouten import optie_voor
from doorstroom.cli.main import app
from doorstroom.platform.errors import InputError, Problem
from tests.cli_helpers import run

SRC = Path(__file__).resolve().parents[2] / "src" / "doorstroom"
FOUTEN = {"Problem", "InputError", "NotFound", "Conflict", "PermissionDenied"}
VELDARGUMENTEN = {"field", "veld", "option"}
VLAG = re.compile(r"(?<![\w-])--[a-z]|'doorstroom [a-z]")


def _buiten_de_opdrachtregel() -> Iterator[Path]:
    return (path for path in sorted(SRC.rglob("*.py")) if path.relative_to(SRC).parts[0] != "cli")


def _naam(node: ast.expr) -> str:
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""


def _teksten(node: ast.AST) -> Iterator[str]:
    for deel in ast.walk(node):
        if isinstance(deel, ast.Constant) and isinstance(deel.value, str):
            yield deel.value


def _overtredingen(bron: str, naam: str) -> Iterator[str]:
    for node in ast.walk(ast.parse(bron)):
        if not isinstance(node, ast.Call):
            continue
        for keyword in node.keywords:
            if keyword.arg in VELDARGUMENTEN and any(t.startswith("-") for t in _teksten(keyword.value)):
                yield f"{naam}:{node.lineno} veld als optie"
        if _naam(node.func) in FOUTEN and any(VLAG.search(t) for t in _teksten(node)):
            yield f"{naam}:{node.lineno} opdrachtregel in een melding"


def test_no_context_names_a_command_line_option_in_an_error() -> None:
    gevonden = [
        regel
        for path in _buiten_de_opdrachtregel()
        for regel in _overtredingen(path.read_text(encoding="utf-8"), str(path.relative_to(SRC)))
    ]
    assert not gevonden, gevonden


@pytest.mark.parametrize(
    "bron",
    [
        'raise InputError(Problem("te groot", field="--totaal"))',
        'binnen(waarde, domein, veld="--paden")',
        'raise InputError(Problem(f"geef --totaal {n}", field="totaal"))',
        "raise NotFound(\"stel haar vast met 'doorstroom taakstelling vaststellen'\")",
    ],
)
def test_the_walk_finds_a_flag_or_a_command(bron: str) -> None:
    assert list(_overtredingen(bron, "voorbeeld"))


def test_the_walk_passes_domain_fields_and_dutch_advice() -> None:
    bron = 'raise InputError(Problem("geef een totaal of een raming, niet allebei", field="totaal"))'
    assert not list(_overtredingen(bron, "voorbeeld"))


def test_a_problem_names_its_field_the_layers_way_and_a_row_its_column() -> None:
    optie = {"totaal": "optie '--totaal'"}.get
    assert Problem("te groot", field="totaal").tekst(optie) == "optie '--totaal': te groot"
    assert Problem("te groot", field="totaal").tekst() == "veld 'totaal': te groot"
    assert Problem("onbekend", field="raming").tekst(optie) == "veld 'raming': onbekend"
    in_rij = Problem("geen getal", file="a.csv", row=3, field="totaal")
    assert in_rij.tekst(optie) == "a.csv, rij 3, veld 'totaal': geen getal"
    fout = InputError([Problem("a", field="totaal"), Problem("b")])
    assert fout.tekst(optie) == "optie '--totaal': a\nb" and str(fout) == "veld 'totaal': a\nb"


def _commando(*pad: str) -> object:
    from typer.main import get_command

    command: object = get_command(app)
    for naam in pad:
        command = command.commands[naam]  # type: ignore[attr-defined]
    return command


@pytest.mark.parametrize(
    ("pad", "veld", "optie"),
    [
        (("prognose", "bereken"), "wachtende_vergunninghouders", "optie '--doel-wachtend'"),
        (("prognose", "bereken"), "uiterlijk_maand", "optie '--doel-maand'"),
        (("spreiding", "bereken"), "totaal", "optie '--totaal'"),
        (("koppeling", "toon"), "run", "argument 'RUN'"),
        (("spreiding", "bereken"), "huishouden", None),
    ],
)
def test_the_cli_finds_the_option_that_carries_a_field(
    pad: tuple[str, ...], veld: str, optie: str | None
) -> None:
    assert optie_voor(_commando(*pad), veld) == optie


@pytest.mark.parametrize(
    ("args", "verwacht"),
    [
        (
            ("spreiding", "bereken", "--totaal", "96000", "--raming", "2024-01-01"),
            "optie '--totaal': geef een totaal",
        ),
        (("prognose", "bereken", "--doel-wachtend", "-5", "--paden", "10"), "optie '--doel-wachtend': -5 is"),
        (("koppeling", "genereer", "--huishoudens", "10", "--seed", "-1"), "optie '--seed': -1 is"),
    ],
)
def test_the_command_line_says_the_option_of_a_context_error(args: tuple[str, ...], verwacht: str) -> None:
    result = run(*args)
    assert result.exit_code == 2 and verwacht in result.stderr, result.stderr
