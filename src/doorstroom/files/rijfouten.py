"""A row's problems, all of them and in their place: every wrong cell of a row, and checks after reading.

An import that stops a row at its first wrong cell makes the user fix a file once per cell; an
import whose later checks (against the stored case file, its timeline) raise problems without a
row leaves the user searching the file. :func:`veld` and :func:`velden` read every field of a row
and report every problem; :func:`op_rij` gives a problem raised after reading the row it came from.
Reading itself is :mod:`doorstroom.files.tabular`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from typing import Any, TypeVar

from doorstroom.files.tabular import Row
from doorstroom.platform.errors import InputError, Problem

T = TypeVar("T")


def veld(fouten: list[Problem], lees: Callable[[], T]) -> T | None:
    """Read one field; its problem joins ``fouten`` (None then), so the row's other fields are read too."""
    try:
        return lees()
    except InputError as error:
        fouten.extend(error.problems)
        return None


def velden(row: Row, lezers: Mapping[str, Callable[[Row], Any]]) -> dict[str, Any]:
    """Each field of ``row`` by its reader (name → value); one InputError with every wrong cell."""
    fouten: list[Problem] = []
    waarden = {naam: veld(fouten, partial(lees, row)) for naam, lees in lezers.items()}
    if fouten:
        raise InputError(fouten)
    return waarden


@contextmanager
def op_rij(file: str, line: int, field: str) -> Iterator[None]:
    """Checks of a row made after reading it (against the stored case file, its timeline) still name
    the row: a problem raised inside without a row is placed at ``file``, ``line`` and ``field``.

    Without this such a problem reached the user as ``datum: ...``, with no way to find the row.
    """
    try:
        yield
    except InputError as error:
        raise InputError([_geplaatst(p, file, line, field) for p in error.problems]) from None


def _geplaatst(problem: Problem, file: str, line: int, field: str) -> Problem:
    return problem if problem.row is not None else Problem(problem.message, file, line, field)
