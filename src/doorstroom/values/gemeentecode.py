"""The CBS municipality code (``GM`` and four digits): its pattern, and the one way to read it from a row.

Every file Doorstroom reads names municipalities by CBS code, and users keep lists that name them
by name instead ("Utrecht", "UTRECHT", "'s-Hertogenbosch"). So the one rule that reads a
municipality from a row (:func:`gemeentecode`) takes either, and always gives the code: what is
stored never depends on how the user wrote it. A code must have the form and be in the municipal
list that applies (the list in use, or the division of 1 January of a year for dated figures), so
a code that disappeared in a municipal merger is named, never skipped. A name must name exactly one
municipality of that list; an unknown name is refused with the closest names, an ambiguous one with
the municipalities it could be.

Names are matched as :func:`codes_met_naam` says, here and in the look-ups of command-line options
(:mod:`doorstroom.reference.core.lookup`), so a name that works in one place works in every place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Protocol

from doorstroom.values.suggest import fold, unknown_message

GEMEENTECODE_PATROON = r"^GM[0-9]{4}$"
"""A CBS municipality code as a pattern for parameters (API, web) and JSON schemas."""
GEMEENTECODE = re.compile(GEMEENTECODE_PATROON)

Gemeentenamen = Mapping[str, str]
"""The municipal list a row is checked against: CBS code → CBS name."""

_BIJNA_CODE = re.compile(r"^GM[\d\s]*$")
"""A text meant as a code that is not one (``GM034``): said so, not looked up as a name."""
_TOEVOEGING = re.compile(r"\s*\([^)]*\)\s*$")
_BIJNAMEN = {"den haag": "'s-gravenhage", "the hague": "'s-gravenhage", "den bosch": "'s-hertogenbosch"}
_APOSTROFS = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})


class Rij(Protocol):
    """A row of a user's table (:class:`doorstroom.files.tabular.Row`): a field's text, a located problem."""

    def text(self, field: str) -> str:
        """The stripped text of ``field``."""
        ...

    def problem(self, field: str | None, message: str) -> Exception:
        """An error located at this row and field."""
        ...


def als_code(tekst: str) -> str | None:
    """``tekst`` as a CBS code when it is written as one (``gm0344``; ``344``, as Excel keeps a code
    typed as a number), else None: then it can only be a name."""
    kaal = tekst.strip().upper()
    if kaal.isascii() and kaal.isdigit() and len(kaal) <= 4:
        return f"GM{int(kaal):04d}"
    return kaal if GEMEENTECODE.match(kaal) else None


def _naamvorm(naam: str) -> str:
    """A name as compared: folded (case, accents, spaces), typographic apostrophes as Excel types them
    made plain, and the common names CBS does not use ("Den Haag") read as the CBS name."""
    gevouwen = fold(naam.translate(_APOSTROFS))
    return _BIJNAMEN.get(gevouwen, gevouwen)


def codes_met_naam(tekst: str, gemeenten: Gemeentenamen) -> list[str]:
    """The codes whose CBS name ``tekst`` is; without the CBS qualifier ("Hengelo" for "Hengelo (O.)")
    only when no name matches whole. More than one code: the name is ambiguous."""
    gezocht = _naamvorm(tekst)
    heel = [code for code, naam in gemeenten.items() if _naamvorm(naam) == gezocht]
    return heel or [
        code for code, naam in gemeenten.items() if _naamvorm(_TOEVOEGING.sub("", naam)) == gezocht
    ]


def gemeentecode(
    row: Rij, bekend: Gemeentenamen, field: str = "gemeentecode", jaar: int | None = None
) -> str:
    """The code of the municipality ``field`` of ``row`` names by code or by name, within ``bekend``
    (the division of ``jaar``, when given)."""
    tekst = row.text(field)
    code = als_code(tekst)
    if code is None:
        return _op_naam(row, field, tekst, bekend)
    if code not in bekend:
        lijst = "in gebruik" if jaar is None else f"van 1 januari {jaar}"
        raise row.problem(
            field, f"{code} staat niet in de gemeentelijst {lijst} (opgeheven bij herindeling?)"
        )
    return code


def _op_naam(row: Rij, field: str, tekst: str, bekend: Gemeentenamen) -> str:
    """The one code the name ``tekst`` gives; unknown or ambiguous is a problem at the row's field."""
    if _BIJNA_CODE.match(tekst.upper()):
        raise row.problem(field, f"'{tekst}' is geen CBS-gemeentecode (GMxxxx) of gemeentenaam")
    codes = codes_met_naam(tekst, bekend)
    if len(codes) == 1:
        return codes[0]
    if codes:
        opties = ", ".join(f"{bekend[code]} ({code})" for code in sorted(codes))
        raise row.problem(field, f"'{tekst}' is niet eenduidig: {opties}; schrijf de gemeentecode")
    raise row.problem(
        field, unknown_message("gemeente", tekst, bekend.values()) + " (of schrijf de CBS-code, GMxxxx)"
    )
