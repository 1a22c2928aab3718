"""The stages of the chain (*stadia*): reception, permit, koppeling, housing, integration, ontzorgen,
participation.

Every case-file event belongs to one stage (:mod:`doorstroom.dossier.gebeurtenissen`), and the
access rule (:mod:`doorstroom.accounts.toegang`) grants roles per stage: COA works in the stages of
reception up to housing, a municipality in all of them.
"""

from __future__ import annotations

from enum import StrEnum


class Stadium(StrEnum):
    """The stage of the chain an event belongs to."""

    opvang = "opvang"
    vergunning = "vergunning"
    koppeling = "koppeling"
    huisvesting = "huisvesting"
    inburgering = "inburgering"
    ontzorgen = "ontzorgen"
    participatie = "participatie"


OPVANGSTADIA = frozenset({Stadium.opvang, Stadium.vergunning, Stadium.koppeling, Stadium.huisvesting})
"""The stages COA works in: from registration in reception up to the move into a home."""
