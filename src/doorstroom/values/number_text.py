"""Numbers written as text, read from a user or written for one.

Dutch users write ``16.500`` and ``12,5``; programs write ``16500`` and ``12.5``. Every number read
from a file cell or a command-line option goes through :func:`parse_number`, so ``--totaal 16.500``
and a cell ``16.500`` mean the same (the API takes JSON numbers and its query parameters as the
NL API Design Rules write them: ``16500``, ``12.5``). The rule (``docs/cli.md``, "Getallen"):

1. ASCII digits only (``١٢``, ``²`` and ``1_000`` are refused), an optional sign, and an exponent
   only without thousands separators (``1.5e3``, ``1,5E-7``).
2. Both a dot and a comma: the rightmost is the decimal separator, the other groups thousands
   (``1.234,5`` and ``1,234.5`` are both 1234.5).
3. One separator repeated, or spaces, group thousands in threes (``1.234.567``, ``16 500``).
4. A single comma is a decimal comma (``1,5``; ``1,234`` is 1.234).
5. A single dot followed by other than exactly three digits is a decimal point (``12.5``).
6. ``1.234`` could be either. A whole-number domain decides first (a count of persons is never
   written with three decimals: 1234). Then the source decides when it has a convention (a
   semicolon CSV is in the Dutch dialect: the dot groups thousands; a comma CSV in the program
   dialect: a decimal point); then the domain, when only one reading lies in it; when none does,
   the decimal reading is reported as out of range; when both do, it is an error asking the user
   to write ``1234`` or ``1,234``.

Writing: :func:`format_csv` gives the text of a number in a CSV dialect (decimal comma in ``nl``,
point in ``standaard``, never thousands separators, so every spreadsheet reads it back as a number);
:func:`format_nl` formats for reading by people (``16.500``, ``12,5``): every Dutch text of the CLI,
the web pages and the workbooks writes its numbers through it.
"""

from __future__ import annotations

import math
import re

from doorstroom.values.domains import Domain

DECIMAL_COMMA = ","  # the Dutch dialect: decimal comma, the dot groups thousands
DECIMAL_POINT = "."  # the program dialect: decimal point

_EXPONENT = re.compile(r"([0-9]+([.,][0-9]+)?|[.,][0-9]+)[eE][+-]?[0-9]+")
_BODY = re.compile(r"[0-9., ]+")
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})
_DUTCH_SEPARATORS = str.maketrans(",.", ".,")
_MAX_DIGITS = 40  # longer digit strings are out of every domain; refuse before converting

Number = int | float


class NumberTextError(ValueError):
    """A text that is not a number under the rule, or no reading of it lies in the domain."""


def parse_number(text: str, domain: Domain, *, decimal: str | None = None) -> Number:
    """The number ``text`` denotes, inside ``domain``; whole numbers come back as ``int``.

    ``decimal`` is the source's convention when it has one (:data:`DECIMAL_COMMA` or
    :data:`DECIMAL_POINT`); it only settles the ambiguous ``1.234``.
    """
    readings = _readings(text)
    if len(readings) > 1:
        readings = _decided(text, readings, domain, decimal)
    value = readings[0]
    problem = _domain_problem(text, value, domain)
    if problem:
        raise NumberTextError(problem)
    return int(value) if isinstance(value, float) and domain.geheel else value


def _domain_problem(text: str, value: Number, domain: Domain) -> str | None:
    if isinstance(value, int) and abs(value) > 2**64:
        side = "groter" if value > 0 else "kleiner"
        return f"'{_short(text)}' is {side} dan toegestaan ({domain.omschrijving})"
    return domain.problem(value)


def _short(text: str) -> str:
    text = text.strip()
    return text if len(text) <= 24 else f"{text[:20]}…"


def _decided(text: str, readings: list[Number], domain: Domain, decimal: str | None) -> list[Number]:
    """Settle ``1.234``: the source's convention, else the domain, else an error."""
    decimal_reading, thousands_reading = readings
    if domain.geheel:  # a whole count is never written with three decimals: 1.000 persons is a thousand
        return [thousands_reading]
    if decimal == DECIMAL_POINT:
        return [decimal_reading]
    if decimal == DECIMAL_COMMA:
        return [thousands_reading]
    fitting = [value for value in readings if domain.problem(value) is None]
    if len(fitting) == 1:
        return fitting
    if not fitting:
        return [decimal_reading]
    whole = text.strip().replace(".", "")
    raise NumberTextError(
        f"'{text.strip()}' is dubbelzinnig: schrijf {whole} voor een duizendtal "
        f"of {text.strip().replace('.', ',')} met een decimale komma"
    )


def _readings(text: str) -> list[Number]:
    """The value of ``text``, or ``[decimal, thousands]`` readings when it is ``d.ddd``."""
    body = text.strip().translate(_SPACES)
    sign = -1 if body.startswith("-") else 1
    body = body[1:] if body[:1] in "+-" else body
    if _EXPONENT.fullmatch(body):
        return [sign * _finite(body.replace(",", "."), text)]
    if not body or not _BODY.fullmatch(body) or not any(c.isdigit() for c in body):
        raise NumberTextError(f"'{_short(text)}' is geen getal")
    return [_signed(sign, reading) for reading in _separated(body, text)]


def _signed(sign: int, value: Number) -> Number:
    return sign * value


def _finite(body: str, text: str) -> float:
    value = float(body)
    if not math.isfinite(value):
        raise NumberTextError(f"'{_short(text)}' is geen eindig getal")
    return value


def _separated(body: str, text: str) -> list[Number]:
    dots, commas, spaces = body.count("."), body.count(","), body.count(" ")
    if dots and commas:
        mark = "." if body.rfind(".") > body.rfind(",") else ","
        return [_grouped_with_decimal(body, group="," if mark == "." else ".", mark=mark, text=text)]
    mark = "." if dots else "," if commas else ""
    count = dots + commas
    if spaces:
        if count > 1:
            raise NumberTextError(f"'{_short(text)}' is geen getal")
        return [_grouped_with_decimal(body, group=" ", mark=mark, text=text)]
    if count == 0:
        return [_whole(body, text)]
    if count > 1:
        return [_whole(_ungrouped(body, mark, text), text)]
    if mark == "," or not _is_grouping(body, "."):
        return [_decimal(body.replace(",", "."), text)]
    return [_decimal(body, text), _whole(body.replace(".", ""), text)]


def _grouped_with_decimal(body: str, *, group: str, mark: str, text: str) -> Number:
    whole, _, fraction = body.rpartition(mark) if mark else (body, "", "")
    if mark and body.count(mark) != 1:
        raise NumberTextError(f"'{_short(text)}' is geen getal")
    digits = _ungrouped(whole, group, text)
    return _decimal(f"{digits}.{fraction}", text) if mark else _whole(digits, text)


def _ungrouped(body: str, group: str, text: str) -> str:
    if not _is_grouping(body, group):
        raise NumberTextError(
            f"'{_short(text)}' is geen getal: duizendtallen staan in groepen van drie cijfers"
        )
    return body.replace(group, "")


def _is_grouping(body: str, group: str) -> bool:
    parts = body.split(group)
    first, rest = parts[0], parts[1:]
    return (
        bool(rest)
        and 1 <= len(first) <= 3
        and first.isdigit()
        and not first.startswith("0")
        and all(len(part) == 3 and part.isdigit() for part in rest)
    )


def _whole(digits: str, text: str) -> int:
    if not digits.isdigit():
        raise NumberTextError(f"'{_short(text)}' is geen getal")
    if len(digits) > _MAX_DIGITS:
        return 2**65
    return int(digits)


def _decimal(body: str, text: str) -> float:
    whole, _, fraction = body.partition(".")
    if not (whole + fraction).isdigit():
        raise NumberTextError(f"'{_short(text)}' is geen getal")
    return _finite(body, text)


def format_csv(value: float, decimal: str = DECIMAL_POINT) -> str:
    """A number as a CSV cell: at most 6 significant digits below a million, whole above it."""
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) < 1e15):
        return str(int(value))
    text = f"{value:.6g}" if abs(value) < 1e6 else f"{value:.0f}"
    return text.replace(".", decimal)


def format_nl(value: float, decimals: int = 0) -> str:
    """A number for people in Dutch notation: ``16.500``, ``12,5``, ``-3``."""
    return f"{value:,.{decimals}f}".translate(_DUTCH_SEPARATORS)
