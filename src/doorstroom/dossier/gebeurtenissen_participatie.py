"""Events of *ontzorgen*, participation and benefits: Doorstroom's own names (no DUO or GGM list exists)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from doorstroom.dossier.waarden import Invoer, getal
from doorstroom.values.domains import UREN_PER_WEEK


class Participatiesoort(StrEnum):
    """Participation recorded in the file (Doorstroom's own list; no DUO/GGM list exists)."""

    werk = "werk"
    studie = "studie"
    vrijwilligerswerk = "vrijwilligerswerk"
    stage = "stage"


class Uitkeringsoort(StrEnum):
    """Benefits recorded in the file (Doorstroom's own list)."""

    participatiewet = "Participatiewet"
    ww = "WW"
    overig = "overig"


class Participatie(Invoer):
    """Work, study or other participation; ``datum``: start (or end, for ``participatie_einde``)."""

    soort: Participatiesoort
    uren_per_week: Annotated[int, getal(UREN_PER_WEEK)] | None = None


class Uitkering(Invoer):
    """A benefit; ``datum``: start (or end, for ``uitkering_einde``)."""

    soort: Uitkeringsoort
