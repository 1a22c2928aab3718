"""Events of reception, permit, koppeling and housing: what COA and the municipality record up to the move.

Names follow the Gemeentelijk Gegevensmodel where it has them (*Verblijfplaats AZC*,
*Asielstatushouder.Is gekoppeld aan*); the rest are Doorstroom's own (see ``docs/dossier.md``). The
koppeling's hard criteria (COA koppelingscriteria: family, family reunification, work contract, study
place, medical treatment) are case-file facts with their source and date, so a koppeling run can take
them from the file (:mod:`doorstroom.dossier.koppelfeiten`) instead of from an uploaded list.
"""

from __future__ import annotations

from enum import StrEnum

from doorstroom.dossier.waarden import Gemeentecode, Invoer, Locatie, Naam, Referentie, Toelichting
from doorstroom.koppeling.service import HardeBinding


class Vergunningsoort(StrEnum):
    """Residence permit (Vreemdelingenwet 2000 art. 28: asiel; art. 14: regulier, e.g. nareizigers)."""

    asiel_bepaalde_tijd = "asiel bepaalde tijd"
    regulier_bepaalde_tijd = "regulier bepaalde tijd"


class Koppelbron(StrEnum):
    """Where a koppeling came from: a reviewed proposal of a koppeling run, an import, or by hand."""

    koppelvoorstel = "koppelvoorstel"
    import_ = "import"
    handmatig = "handmatig"


class Leeg(Invoer):
    """An event without data besides its date."""


class Registratie(Invoer):
    """COA registration in reception (GGM *Vreemdeling*); ``datum``: day of registration."""

    locatie: Locatie | None = None


class VerblijfplaatsAzc(Invoer):
    """GGM *Verblijfplaats AZC*: the reception location; ``datum``: day of arrival there."""

    locatie: Locatie
    gemeentecode: Gemeentecode | None = None


class Verblijfsvergunning(Invoer):
    """The residence permit; ``datum``: its start date."""

    soort: Vergunningsoort


class Koppeling(Invoer):
    """GGM *Asielstatushouder.Is gekoppeld aan*; ``datum``: koppeldatum."""

    gemeentecode: Gemeentecode
    bron: Koppelbron = Koppelbron.handmatig
    run_id: int | None = None
    huishouden_referentie: Referentie | None = None


class Binding(Invoer):
    """A hard tie to one municipality (COA koppelingscriterium); ``datum``: since when it holds.

    ``soort`` is the koppeling's own list (:class:`doorstroom.koppeling.service.HardeBinding`):
    first-degree family, family reunification, a work contract or a study place there; ``bron`` says
    where the fact comes from (a contract, an IND decision, a statement), so the review can check it.
    """

    soort: HardeBinding
    gemeentecode: Gemeentecode
    bron: Toelichting


class MedischeBehandeling(Invoer):
    """A medical treatment the household needs near (COA koppelingscriterium); ``datum``: since when.

    ``zorg`` names the kind of care as the koppeling's capacity lists it (``dialyse``, ...): only
    municipalities offering it are allowed. ``bron`` says where the fact comes from.
    """

    zorg: Naam
    bron: Toelichting


class Woningaanbod(Invoer):
    """A dwelling offered; ``datum``: day of the offer."""

    toelichting: Toelichting | None = None


class Weigering(Invoer):
    """A refused offer with its reason; ``datum``: day of refusal."""

    reden: Toelichting


class Huisvesting(Invoer):
    """Moved into a dwelling in the municipality (counts toward its taakstelling); ``datum``: move-in."""

    gemeentecode: Gemeentecode


class Verhuizing(Invoer):
    """Moved to another municipality, which takes over the file; ``datum``: day of the move."""

    gemeentecode: Gemeentecode
