"""Schema failures said in Dutch, once for the API and the web (issue 20, item 3).

The cases are pydantic's own errors for the kinds of parameters Doorstroom declares, so a pydantic
upgrade that renames an error type fails here rather than putting English on a page.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

import pytest
from pydantic import BaseModel, Field, ValidationError

from doorstroom.values import validatie

ENGELS = re.compile(r"Input should|String should|Field required|should|valid|Value error|must")


class Schema(StrEnum):
    op_schema = "op schema"
    licht_achter = "licht achter"


class Voorbeeld(BaseModel):
    periode: Annotated[str, Field(pattern=r"^20[0-9]{2}-[12]$")] = "2026-1"
    naam: Annotated[str, Field(min_length=1, max_length=5)] = "a"
    aantal: Annotated[int, Field(ge=1, le=2_147_483_647)] = 1
    status: Schema = Schema.op_schema
    soort: Literal["a", "b"] = "a"
    datum: date = date(2026, 1, 1)
    verplicht: int


def _fout(**velden: object) -> dict[str, object]:
    with pytest.raises(ValidationError) as fout:
        Voorbeeld.model_validate({"verplicht": 1, **velden})
    return dict(fout.value.errors()[0])


@pytest.mark.parametrize(
    ("velden", "verwacht"),
    [
        ({"periode": "2026-3"}, "geef een periode als 2026-1 (eerste) of 2026-2 (tweede halfjaar)"),
        ({"naam": ""}, "mag niet leeg zijn"),
        ({"naam": "abcdef"}, "hoogstens 5 tekens"),
        ({"aantal": "x"}, "geef een geheel getal"),
        ({"aantal": 0}, "moet minstens 1 zijn"),
        ({"aantal": 2**31}, "mag hoogstens 2.147.483.647 zijn"),
        ({"status": "alle"}, "kies uit 'op schema' of 'licht achter'"),
        ({"soort": "c"}, "kies uit 'a' of 'b'"),
        ({"datum": "31-02-1990"}, "geef een datum als 2026-07-01"),
    ],
)
def test_each_kind_of_schema_failure_is_said_in_dutch(velden: dict[str, object], verwacht: str) -> None:
    fout = _fout(**velden)
    assert validatie.reden(fout) == verwacht
    assert validatie.veld(fout) == next(iter(velden))


def test_a_missing_field_and_a_rules_own_message() -> None:
    with pytest.raises(ValidationError) as fout:
        Voorbeeld.model_validate({})
    assert validatie.reden(dict(fout.value.errors()[0])) == "verplicht; dit ontbreekt"
    eigen = {"type": "value_error", "loc": ("body", "bsn"), "msg": "Value error, geen geldig BSN"}
    assert validatie.reden(eigen) == "geen geldig BSN" and validatie.veld(eigen) == "bsn"
    assert (
        validatie.reden({"loc": ("query", "x"), "msg": "onbekende parameter 'x'"})
        == "onbekende parameter 'x'"
    )
    assert validatie.reden({"type": "iets_nieuws", "msg": "Something new"}) == "ongeldige waarde"


def test_no_fixed_or_computed_message_is_english() -> None:
    teksten = list(validatie.VASTE.values()) + list(validatie.VORMEN.values())
    assert not [t for t in teksten if ENGELS.search(t)]
