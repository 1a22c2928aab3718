"""The CBS municipality code (``GM`` and four digits): its pattern and the one way to read it from a row.

Every file Doorstroom reads names municipalities by CBS code. A code must have the form and be in the
municipal list that applies (the list in use, or the division of 1 January of a year for dated
figures), so a code that disappeared in a municipal merger is named, never skipped.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Protocol

GEMEENTECODE_PATROON = r"^GM[0-9]{4}$"
"""A CBS municipality code as a pattern for parameters (API, web) and JSON schemas."""
GEMEENTECODE = re.compile(GEMEENTECODE_PATROON)


class Rij(Protocol):
    """A row of a user's table (:class:`doorstroom.files.tabular.Row`): a field's text, a located problem."""

    def text(self, field: str) -> str:
        """The stripped text of ``field``."""
        ...

    def problem(self, field: str | None, message: str) -> Exception:
        """An error located at this row and field."""
        ...


def gemeentecode(
    row: Rij, bekend: Collection[str], field: str = "gemeentecode", jaar: int | None = None
) -> str:
    """A code from ``row`` that is in ``bekend`` (the division of ``jaar``, when given)."""
    code = row.text(field).upper()
    if not GEMEENTECODE.match(code):
        raise row.problem(field, f"'{code}' is geen CBS-gemeentecode (GMxxxx)")
    if code not in bekend:
        lijst = "in gebruik" if jaar is None else f"van 1 januari {jaar}"
        raise row.problem(
            field, f"{code} staat niet in de gemeentelijst {lijst} (opgeheven bij herindeling?)"
        )
    return code
