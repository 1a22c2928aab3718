"""What changed between two registered versions of a location, in words a planner reads.

The register never overwrites: an import or correction that changes anything adds a version. This
module decides what counts as a change (any registered field) and describes it
("capaciteit 300 → 350"), so the history shows every change with who, when and why.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date

from doorstroom.spreiding.core.domain import Locatie

VELDEN = tuple(f.name for f in fields(Locatie) if f.name != "id")


def gewijzigde_velden(oud: Locatie, nieuw: Locatie) -> list[str]:
    """Names of the fields whose value differs, in register order."""
    return [veld for veld in VELDEN if getattr(oud, veld) != getattr(nieuw, veld)]


def beschrijf(oud: Locatie | None, nieuw: Locatie) -> str:
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
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, date):
        return waarde.isoformat()
    return str(waarde)
