"""A request that does not fit the schema, said in Dutch: one wording for the API and the web pages.

FastAPI checks query parameters, paths, forms and JSON bodies with pydantic, whose messages are
English and technical (``Input should be a valid integer``, ``String should match pattern
'^20[0-9]{2}-[12]$'``). The API's problem body (``invalidParams[].reason``) and the web's error page
both say such a failure through :func:`reden`, which reads pydantic's error *type* and its context
(the limit, the allowed values) and never the submitted value (it may be personal data). A rule's
own message (a validator raising ``ValueError`` with Dutch text) is kept as it is. Numbers are
written in Dutch notation (:func:`doorstroom.values.number_text.format_nl`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from doorstroom.values.gemeentecode import GEMEENTECODE_PATROON
from doorstroom.values.number_text import format_nl
from doorstroom.values.periode import PERIODE_PATROON

VORMEN = {
    PERIODE_PATROON: "geef een periode als 2026-1 (eerste) of 2026-2 (tweede halfjaar)",
    GEMEENTECODE_PATROON: "geef een CBS-gemeentecode als GM0344",
    "^[0-9]{4}-[0-9]{2}$": "geef een maand als 2026-01",
}
"""Patterns of the schema by what they ask for; another pattern is said as 'niet de juiste vorm'."""

Fout = Mapping[str, Any]


def _getal(waarde: object) -> str:
    if isinstance(waarde, bool) or not isinstance(waarde, int | float):
        return str(waarde)
    return format_nl(waarde, 0 if float(waarde).is_integer() else 2)


def _keuzes(fout: Fout) -> str:
    verwacht = str(fout.get("ctx", {}).get("expected", ""))
    return "kies uit " + verwacht.replace(" or ", " of ") if verwacht else "kies een van de mogelijkheden"


def _tekens(aantal: object, *, minstens: bool) -> str:
    if minstens and aantal == 1:
        return "mag niet leeg zijn"
    soort = "minstens" if minstens else "hoogstens"
    return f"{soort} {_getal(aantal)} {'teken' if aantal == 1 else 'tekens'}"


def _ctx(fout: Fout, sleutel: str) -> object:
    return fout.get("ctx", {}).get(sleutel)


VASTE = {
    "missing": "verplicht; dit ontbreekt",
    "int_parsing": "geef een geheel getal",
    "int_type": "geef een geheel getal",
    "int_from_float": "geef een geheel getal",
    "float_parsing": "geef een getal",
    "float_type": "geef een getal",
    "bool_parsing": "geef ja of nee (true of false)",
    "bool_type": "geef ja of nee (true of false)",
    "date_parsing": "geef een datum als 2026-07-01",
    "date_from_datetime_parsing": "geef een datum als 2026-07-01",
    "date_from_datetime_inexact": "geef een datum zonder tijd, als 2026-07-01",
    "date_type": "geef een datum als 2026-07-01",
    "datetime_parsing": "geef een tijdstip als 2026-07-01T09:30:00+02:00",
    "datetime_from_date_parsing": "geef een tijdstip als 2026-07-01T09:30:00+02:00",
    "datetime_type": "geef een tijdstip als 2026-07-01T09:30:00+02:00",
    "uuid_parsing": "geen geldige UUID",
    "uuid_type": "geen geldige UUID",
    "string_type": "geef tekst",
    "json_invalid": "geen geldige JSON",
    "json_type": "geen geldige JSON",
    "model_type": "geef een object met velden",
    "model_attributes_type": "geef een object met velden",
    "dict_type": "geef een object met velden",
    "list_type": "geef een lijst",
    "extra_forbidden": "onbekend veld; laat het weg",
    "finite_number": "geef een eindig getal",
    "string_unicode": "geen geldige tekst (UTF-8)",
}

BEREKEND: dict[str, Callable[[Fout], str]] = {
    "string_too_short": lambda f: _tekens(_ctx(f, "min_length"), minstens=True),
    "string_too_long": lambda f: _tekens(_ctx(f, "max_length"), minstens=False),
    "string_pattern_mismatch": lambda f: VORMEN.get(str(_ctx(f, "pattern")), "heeft niet de juiste vorm"),
    "enum": _keuzes,
    "literal_error": _keuzes,
    "greater_than_equal": lambda f: f"moet minstens {_getal(_ctx(f, 'ge'))} zijn",
    "greater_than": lambda f: f"moet groter zijn dan {_getal(_ctx(f, 'gt'))}",
    "less_than_equal": lambda f: f"mag hoogstens {_getal(_ctx(f, 'le'))} zijn",
    "less_than": lambda f: f"moet kleiner zijn dan {_getal(_ctx(f, 'lt'))}",
    "too_short": lambda f: f"minstens {_getal(_ctx(f, 'min_length'))} elementen",
    "too_long": lambda f: f"hoogstens {_getal(_ctx(f, 'max_length'))} elementen",
}


def reden(fout: Fout) -> str:
    """Why one part of a request does not fit, in Dutch (a pydantic error as ``errors()`` lists it)."""
    soort = str(fout.get("type", ""))
    if soort in VASTE:
        return VASTE[soort]
    if soort in BEREKEND:
        return BEREKEND[soort](fout)
    if soort in ("value_error", "assertion_error", ""):  # a rule's own Dutch message
        return str(fout.get("msg", "")).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    return "ongeldige waarde"


def veld(fout: Fout) -> str:
    """Where in the request: the parameter or field, without pydantic's ``query``/``body`` prefix."""
    delen = [str(d) for d in fout.get("loc", ()) if d not in ("body", "query", "path", "header", "cookie")]
    return ".".join(delen) or "verzoek"
