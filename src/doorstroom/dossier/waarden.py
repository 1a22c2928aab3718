"""Pydantic building blocks for the case file: texts within their column, codes, camelCase names.

Every value a user sends is checked here at the boundary (``docs/domains.md``): texts against the
stored column's length without control characters, municipality codes by shape (existence is
checked by the service against the list in use), numbers against their documented domain.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from doorstroom.dossier.bsn import bsn_probleem
from doorstroom.values.domains import LOCATIE, NAAM, REFERENTIE, TOELICHTING, Domain, TextLimit
from doorstroom.values.gemeentecode import GEMEENTECODE_PATROON


class Invoer(BaseModel):
    """Base of every input model: camelCase in JSON, unknown keys refused, immutable."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
    )


def tekst(limit: TextLimit) -> AfterValidator:
    """A validator holding a text to its column's length and refusing control characters."""

    def check(value: str) -> str:
        problem = limit.problem(value)
        if problem:
            raise ValueError(problem)
        return value

    return AfterValidator(check)


def getal(domain: Domain) -> AfterValidator:
    """A validator holding a number to its documented domain."""

    def check(value: int) -> int:
        problem = domain.problem(value)
        if problem:
            raise ValueError(problem)
        return value

    return AfterValidator(check)


def _bsn(value: str) -> str:
    problem = bsn_probleem(value)
    if problem:
        raise ValueError(problem)
    return value


Bsn = Annotated[str, Field(pattern=r"^[0-9]{9}$", examples=["111222333"]), AfterValidator(_bsn)]
Vnummer = Annotated[str, Field(pattern=r"^[0-9]{10}$", examples=["1234567890"])]
Gemeentecode = Annotated[str, Field(pattern=GEMEENTECODE_PATROON, examples=["GM0344"])]
Locatie = Annotated[str, tekst(LOCATIE)]
Referentie = Annotated[str, tekst(REFERENTIE)]
Toelichting = Annotated[str, tekst(TOELICHTING)]
Naam = Annotated[str, tekst(NAAM)]


class Geslacht(StrEnum):
    """BRP *geslachtsaanduiding* (Logisch Ontwerp BRP, element 04.10): M man, V vrouw, O onbekend.

    Recorded for the monitor's breakdown by sex (equal opportunities, :mod:`doorstroom.monitor`);
    never shown outside the file except as counts of ten or more.
    """

    M = "M"
    V = "V"
    O = "O"  # noqa: E741 - the BRP code for onbekend
