"""What changed between two versions of a registered record, in words its reader follows.

Registers never overwrite (a reception location, a municipality's housing supply): a change adds a
version with who, when and why, and its history says what changed ("capaciteit 300 → 350"). One
rule for every register: which fields differ, and how a value reads (empty, yes/no, a date, an
enumeration's value).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import Enum


def gewijzigde_velden(oud: object, nieuw: object, velden: Sequence[str]) -> list[str]:
    """Names of the fields of ``velden`` whose value differs, in that order."""
    return [veld for veld in velden if getattr(oud, veld) != getattr(nieuw, veld)]


def beschrijf(oud: object | None, nieuw: object, velden: Sequence[str]) -> str:
    """'nieuw' for a first version, else 'veld oud → nieuw; ...' for every changed field."""
    if oud is None:
        return "nieuw"
    delen = [
        f"{veld} {tekst(getattr(oud, veld))} → {tekst(getattr(nieuw, veld))}"
        for veld in gewijzigde_velden(oud, nieuw, velden)
    ]
    return "; ".join(delen) or "geen wijziging"


def tekst(waarde: object) -> str:
    """A registered value as the history shows it."""
    if waarde is None:
        return "(leeg)"
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, Enum):
        return str(waarde.value)
    if isinstance(waarde, date):
        return waarde.isoformat()
    return str(waarde)
