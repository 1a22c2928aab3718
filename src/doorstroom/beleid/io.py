"""Regime files: the ones shipped in the package, and one an operator adds (TOML, validated whole).

A file is read as TOML and validated against the schema (:mod:`doorstroom.beleid.core.schema`)
before anything uses or stores it; every problem is reported at once, in Dutch, with the field
(``dossier.vergunningsduur_maanden``) where it sits. The shipped regimes live in
``beleid/regimes/``, one file per regime, named after its id.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from doorstroom.beleid.core.schema import Regime
from doorstroom.platform.errors import InputError, Problem

MAX_BYTES = 256 * 1024
"""A regime file is a page of text; anything larger is not one."""
BASIS = "wet-2024"
"""The default base regime: the law Doorstroom applies when no regime is chosen."""

_MELDINGEN: Mapping[str, str] = {
    "missing": "ontbreekt",
    "extra_forbidden": "onbekend veld",
    "bool_type": "geef true of false",
    "bool_parsing": "geef true of false",
    "int_type": "geef een geheel getal",
    "int_parsing": "geef een geheel getal",
    "int_from_float": "geef een geheel getal",
    "float_type": "geef een getal",
    "float_parsing": "geef een getal",
    "string_type": "geef een tekst",
    "date_type": "geef een datum (2026-06-12)",
    "date_parsing": "geef een datum (2026-06-12)",
    "date_from_datetime_inexact": "geef een datum zonder tijd",
    "string_pattern_mismatch": "heeft niet de vorm die hier hoort",
    "tuple_type": "geef een lijst",
    "model_type": "geef een tabel",
    "model_attributes_type": "geef een tabel",
}


def _melding(fout: Mapping[str, Any]) -> str:
    """A pydantic error in Dutch (the schema's own rules already speak Dutch)."""
    soort = str(fout.get("type", ""))
    context = fout.get("ctx") or {}
    if soort in ("greater_than_equal", "greater_than"):
        return f"moet minstens {context.get('ge', context.get('gt'))} zijn"
    if soort in ("less_than_equal", "less_than"):
        return f"mag hoogstens {context.get('le', context.get('lt'))} zijn"
    if soort == "literal_error":
        return f"kies uit {context.get('expected', '')}".replace("' or '", "', '")
    if soort == "enum":
        return f"kies uit {context.get('expected', '')}".replace("' or '", "', '")
    if soort in ("too_short", "string_too_short"):
        return "mag niet leeg zijn"
    if soort == "value_error":
        return str(fout.get("msg", "")).removeprefix("Value error, ")
    return _MELDINGEN.get(soort, str(fout.get("msg", "")))


def _veld(fout: Mapping[str, Any]) -> str | None:
    delen = [str(d) for d in fout.get("loc", ()) if not isinstance(d, int)]
    return ".".join(delen) or None


def lees_tekst(tekst: str, bestand: str) -> Regime:
    """The regime a TOML text describes; an InputError naming every problem and its field."""
    try:
        gegevens = tomllib.loads(tekst)
    except tomllib.TOMLDecodeError as fout:
        raise InputError(Problem(f"geen geldige TOML: {fout}", file=bestand)) from None
    try:
        return Regime.model_validate(gegevens)
    except ValidationError as fout:
        raise InputError(
            [Problem(_melding(e), file=bestand, field=_veld(e)) for e in fout.errors(include_input=False)]
        ) from None


def lees_bestand(pad: Path) -> tuple[Regime, str]:
    """The regime in the file ``pad`` and its text (stored as given, so the version can be shown)."""
    naam = pad.name
    try:
        inhoud = pad.read_bytes()
    except OSError as fout:
        raise InputError(Problem(f"kan het bestand niet lezen ({fout.strerror})", file=naam)) from None
    if len(inhoud) > MAX_BYTES:
        raise InputError(Problem(f"groter dan {MAX_BYTES // 1024} kB: geen regimebestand", file=naam))
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(Problem("geen UTF-8-tekst: bewaar het bestand als UTF-8", file=naam)) from None
    return lees_tekst(tekst, naam), tekst


@cache
def meegeleverd() -> tuple[tuple[Regime, str], ...]:
    """The shipped regimes with their text, ordered by id (each file is named after its regime)."""
    gevonden = []
    for item in sorted(resources.files("doorstroom.beleid").joinpath("regimes").iterdir(), key=str):
        if item.name.endswith(".toml"):
            tekst = item.read_text(encoding="utf-8")
            regime = lees_tekst(tekst, item.name)
            if regime.id != item.name.removesuffix(".toml"):
                raise ValueError(f"{item.name} beschrijft regime {regime.id}")
            gevonden.append((regime, tekst))
    return tuple(gevonden)


def standaardbasis() -> Regime:
    """The shipped default base regime."""
    return next(regime for regime, _ in meegeleverd() if regime.id == BASIS)
