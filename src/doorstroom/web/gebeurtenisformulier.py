"""The event form: its fields follow the catalogue's model of the chosen kind, so the form asks exactly
what the API's request body has (same names, same choices) and the same model checks the answer."""

from __future__ import annotations

import types
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any, Union, get_args, get_origin

from doorstroom.dossier.service import SOORTEN

PREFIX = "g_"


@dataclass(frozen=True)
class Veld:
    """One form field of an event's data."""

    naam: str
    label: str
    soort: str  # tekst, getal, datum, keuze, janee
    keuzes: tuple[str, ...]
    verplicht: bool


def _kern(annotatie: Any) -> Any:
    """The type inside ``X | None`` and ``Annotated[X, ...]``."""
    while True:
        herkomst = get_origin(annotatie)
        if herkomst in (Union, types.UnionType):
            annotatie = next(a for a in get_args(annotatie) if a is not type(None))
        elif hasattr(annotatie, "__metadata__"):
            annotatie = get_args(annotatie)[0]
        else:
            return annotatie


def velden(soort: str) -> list[Veld]:
    """The data fields of event kind ``soort`` (empty for an unknown kind)."""
    spec = SOORTEN.get(soort)
    if spec is None:
        return []
    gevonden = []
    for naam, info in spec.model.model_fields.items():
        kern = _kern(info.annotation)
        alias = info.alias or naam
        label = naam.replace("_", " ")
        if kern is bool:
            gevonden.append(Veld(alias, label, "janee", ("ja", "nee"), info.is_required()))
        elif isinstance(kern, type) and issubclass(kern, Enum):
            gevonden.append(
                Veld(alias, label, "keuze", tuple(str(e.value) for e in kern), info.is_required())
            )
        elif kern is date:
            gevonden.append(Veld(alias, label, "datum", (), info.is_required()))
        elif kern in (int, float):
            gevonden.append(Veld(alias, label, "getal", (), info.is_required()))
        else:
            gevonden.append(Veld(alias, label, "tekst", (), info.is_required()))
    return gevonden


def gegevens(soort: str, form: Mapping[str, str]) -> dict[str, Any]:
    """The event's data from a submitted form (empty fields left out; ja/nee as booleans)."""
    uit: dict[str, Any] = {}
    for veld in velden(soort):
        tekst = form.get(PREFIX + veld.naam, "").strip()
        if not tekst:
            continue
        uit[veld.naam] = {"ja": True, "nee": False}.get(tekst, tekst) if veld.soort == "janee" else tekst
    return uit
