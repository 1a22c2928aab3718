"""Every option a user types is checked by the shared helpers of ``cli/options.py``, before any work.

These tests walk the whole Typer app, so a command added later cannot slip past: a numeric option
without its domain, or an ``--out`` without ``check_out``, fails here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import typer

from doorstroom.cli import options
from doorstroom.cli.main import app


def _params() -> Iterator[tuple[str, Any]]:
    def walk(command: Any, path: tuple[str, ...]) -> Iterator[tuple[str, Any]]:
        for param in command.params:
            yield " ".join((*path, param.name)), param
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, (*path, name))

    yield from walk(typer.main.get_command(app), ("doorstroom",))


def _parser(param: Any) -> Any:
    descriptor = getattr(param, "type_descriptor", None)
    return getattr(getattr(descriptor, "parameter_info", None), "parser", None)


def _annotation(param: Any) -> Any:
    return getattr(getattr(param, "type_descriptor", None), "annotation", None)


NUMERIC = [(name, param) for name, param in _params() if _annotation(param) in (int, float)]
OUT = [(name, param) for name, param in _params() if param.name == "out"]


def test_the_app_is_walked() -> None:
    assert len(NUMERIC) > 15 and len(OUT) > 10


@pytest.mark.parametrize(("name", "param"), NUMERIC, ids=[name for name, _ in NUMERIC])
def test_every_numeric_option_has_a_domain(name: str, param: Any) -> None:
    parser = _parser(param)
    assert parser is not None and parser.__name__.startswith("getal_"), name


@pytest.mark.parametrize(("name", "param"), OUT, ids=[name for name, _ in OUT])
def test_every_out_is_checked_before_work(name: str, param: Any) -> None:
    assert _parser(param) in (options._bestand, options._map), name
