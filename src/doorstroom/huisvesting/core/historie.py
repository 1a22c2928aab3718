"""What changed between two registered versions of a supply line, in words a policy officer reads.

The register never overwrites: an import or an edit that changes anything adds a version. This
module decides what counts as a change (any registered field) and describes it
("status plan → beschikbaar"), so the history shows every change with who, when and why.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from enum import Enum

from doorstroom.huisvesting.core.aanbod import Eenheid

VELDEN = tuple(f.name for f in fields(Eenheid) if f.name not in ("gemeentecode", "kenmerk"))


def gewijzigde_velden(oud: Eenheid, nieuw: Eenheid) -> list[str]:
    """Names of the fields whose value differs, in register order."""
    return [veld for veld in VELDEN if getattr(oud, veld) != getattr(nieuw, veld)]


def beschrijf(oud: Eenheid | None, nieuw: Eenheid) -> str:
    """'nieuw' for a first version, else 'veld oud → nieuw; ...' for every changed field."""
    if oud is None:
        return "nieuw"
    delen = [
        f"{veld} {_tekst(getattr(oud, veld))} → {_tekst(getattr(nieuw, veld))}"
        for veld in gewijzigde_velden(oud, nieuw)
    ]
    return "; ".join(delen) or "geen wijziging"


def _tekst(waarde: object) -> str:
    if waarde is None:
        return "(leeg)"
    if isinstance(waarde, Enum):
        return str(waarde.value)
    if isinstance(waarde, date):
        return waarde.isoformat()
    return str(waarde)
