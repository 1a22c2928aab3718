"""What changed between two registered versions of a supply line (rule: :mod:`doorstroom.values.wijziging`).

Every registered field but the line's identity counts as a change ("status plan → beschikbaar"),
so the history shows every change with who, when and why.
"""

from __future__ import annotations

from dataclasses import fields

from doorstroom.huisvesting.core.aanbod import Eenheid
from doorstroom.values import wijziging

VELDEN = tuple(f.name for f in fields(Eenheid) if f.name not in ("gemeentecode", "kenmerk"))


def beschrijf(oud: Eenheid | None, nieuw: Eenheid) -> str:
    """'nieuw' for a first version, else 'veld oud → nieuw; ...' for every changed field."""
    return wijziging.beschrijf(oud, nieuw, VELDEN)
