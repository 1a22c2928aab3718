"""What changed between two registered versions of a location (the rule: :mod:`doorstroom.values.wijziging`).

Every registered field counts as a change ("capaciteit 300 → 350"), so the history shows every
change with who, when and why.
"""

from __future__ import annotations

from dataclasses import fields

from doorstroom.spreiding.core.domain import Locatie
from doorstroom.values import wijziging

VELDEN = tuple(f.name for f in fields(Locatie) if f.name != "id")


def beschrijf(oud: Locatie | None, nieuw: Locatie) -> str:
    """'nieuw' for a first version, else 'veld oud → nieuw; ...' for every changed field."""
    return wijziging.beschrijf(oud, nieuw, VELDEN)
