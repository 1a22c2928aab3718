"""Plain values of the koppeling: households, municipalities with capacity, and the policy.

Only what COA's koppelingscriteria need is modelled. There is deliberately **no** field for
nationality, religion, ethnicity, country of origin or language of origin, nor for a proxy of them:
the score may not see such data (see ``docs/algoritmeregister.md``). A test pins this schema.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from doorstroom.values.woningklasse import WONINGKLASSEN as WONINGKLASSEN
from doorstroom.values.woningklasse import woningklasse as woningklasse

CRITERIA = ("regio", "afstand", "arbeidsmarkt", "onderwijs", "netwerk", "voorkeur", "uitkomst")
"""Named soft criteria of the score, each valued in [0, 1] and weighted by :class:`Gewichten`."""

GEEN_SECTOR = "-"
"""Sector label of an adult without a known occupation (labour-market fit = regional average)."""


class Opleiding(StrEnum):
    """Highest completed education, as recorded in the COA intake (not the country it was in)."""

    geen = "geen"
    basis = "basis"
    middelbaar = "middelbaar"
    hoger = "hoger"


class HardeBinding(StrEnum):
    """COA hard criteria that tie a household to one municipality; they decide, not weigh."""

    eerstegraads_familie = "eerstegraads_familie"
    gezinshereniging = "gezinshereniging"
    werkcontract = "werkcontract"
    studieplek = "studieplek"


class RegioBinding(StrEnum):
    """How 'housed in the region of reception' (integral agenda) is applied: a weight, a rule, or off.

    ``gewicht``: the ``regio`` criterion (1 inside the reception region) counts with its weight.
    ``hard``: only municipalities in the reception region are allowed (a hard tie wins); the
    criterion still counts, which changes no choice because every allowed place then scores 1.
    ``uit``: the reception region plays no part at all — no rule, and the ``regio`` criterion is
    0 for every pair, whatever its weight. (``afstand`` is measured from the reception *location*
    and is not affected; set its weight to 0 to ignore that too.)
    """

    gewicht = "gewicht"
    hard = "hard"
    uit = "uit"

    @property
    def weegt(self) -> bool:
        """Does the ``regio`` criterion count in the score?"""
        return self is not RegioBinding.uit

    @property
    def is_regel(self) -> bool:
        """Is the reception region a hard rule (only its municipalities allowed)?"""
        return self is RegioBinding.hard


class RegioSoort(StrEnum):
    """Which regions are meant: province (default), labour-market region, or a user mapping."""

    provincie = "provincie"
    arbeidsmarktregio = "arbeidsmarktregio"
    bestand = "bestand"


@dataclass(frozen=True)
class Volwassene:
    """One adult of a household; every adult's prospects count in the score."""

    opleiding: Opleiding = Opleiding.basis
    sector: str = GEEN_SECTOR


@dataclass(frozen=True)
class Huishouden:
    """A household of vergunninghouders to be linked together to one municipality."""

    id: str
    volwassenen: tuple[Volwassene, ...]
    kinderen: int
    opvang_gemeente: str
    binding_gemeente: str | None = None
    binding: HardeBinding | None = None
    netwerk_gemeenten: frozenset[str] = frozenset()
    zorg: str | None = None
    voorkeur_regio: str | None = None

    @property
    def grootte(self) -> int:
        """Number of persons: the unit of the taakstelling."""
        return len(self.volwassenen) + self.kinderen

    @property
    def woningklasse(self) -> int:
        """Index in :data:`WONINGKLASSEN` of the smallest dwelling that fits this household."""
        return woningklasse(self.grootte)

    @property
    def soort(self) -> str:
        """Household type used for the fairness report (:func:`huishoudsoort`)."""
        return huishoudsoort(self.grootte, self.kinderen)


HUISHOUDSOORTEN = ("alleenstaand", "zonder kinderen", "gezin 2-4", "gezin 5+")
"""The household types, in order (every household is of exactly one)."""


def huishoudsoort(grootte: int, kinderen: int) -> str:
    """A household's type by its size and number of children: the one rule for the koppeling's
    fairness report and the monitor's breakdown."""
    if grootte == 1:
        return HUISHOUDSOORTEN[0]
    if kinderen == 0:
        return HUISHOUDSOORTEN[1]
    return HUISHOUDSOORTEN[3] if grootte >= 5 else HUISHOUDSOORTEN[2]


@dataclass(frozen=True)
class GemeenteCapaciteit:
    """A municipality as a destination in this run.

    ``capaciteit`` is in persons: this batch's share of the remaining taakstelling, a soft target.
    ``maximum`` is the hard ceiling in persons (the full remaining taakstelling); persons above
    ``capaciteit`` cost ``Beleid.overschrijding_boete`` each. ``None``: maximum = capaciteit, so
    the capacity is hard. ``woningen`` counts available dwellings per class of
    :data:`WONINGKLASSEN` (``None``: dwellings are not a limit in this run).
    """

    code: str
    naam: str
    capaciteit: int
    regio: str
    arbeidsmarktregio: str | None = None
    woningen: tuple[int, int, int, int] | None = None
    zorg: frozenset[str] = frozenset()
    onderwijs: frozenset[str] = frozenset()
    latitude: float | None = None
    longitude: float | None = None
    maximum: int | None = None

    @property
    def bovengrens(self) -> int:
        """Hard ceiling in persons: ``maximum``, or ``capaciteit`` when no maximum is given."""
        return self.capaciteit if self.maximum is None else max(self.maximum, self.capaciteit)


@dataclass(frozen=True)
class Locatie:
    """Where a municipality lies and to which region it belongs (for reception locations too)."""

    code: str
    regio: str
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class Instantie:
    """Everything one koppeling run decides over.

    ``vraag`` maps (arbeidsmarktregio, sector) to labour demand in [0, 1]; ``locaties`` holds every
    known municipality, so a reception location need not be a destination.
    """

    huishoudens: tuple[Huishouden, ...]
    gemeenten: tuple[GemeenteCapaciteit, ...]
    locaties: Mapping[str, Locatie]
    vraag: Mapping[tuple[str, str], float] = field(default_factory=dict)
    synthetisch: bool = False

    def opvang_regio(self, huishouden: Huishouden) -> str:
        """Region of the household's reception location."""
        return self.locaties[huishouden.opvang_gemeente].regio


@dataclass(frozen=True)
class Gewichten:
    """Weights of the soft criteria (policy settings, see ``docs/koppeling.md``)."""

    regio: float = 3.0
    afstand: float = 1.0
    arbeidsmarkt: float = 3.0
    onderwijs: float = 2.0
    netwerk: float = 2.0
    voorkeur: float = 1.0
    uitkomst: float = 0.0

    def as_dict(self) -> dict[str, float]:
        """Weights by criterion name, in the order of :data:`CRITERIA`."""
        return {name: float(getattr(self, name)) for name in CRITERIA}


@dataclass(frozen=True)
class Beleid:
    """Policy settings of a run.

    ``straf_onbekoppeld`` is the penalty per person left unlinked; it exceeds any score a person
    can add, so leaving someone unlinked only happens when no fitting place remains.
    ``kandidaten`` is the number of best municipalities kept per household (candidate pruning).
    ``overschrijding_boete`` is the penalty per person linked above a municipality's batch share
    (``capaciteit``, up to its ``maximum``). It exceeds any score a person can add (12 with the
    default weights), so a place within some batch share always wins over one above it, and it is
    far below ``straf_onbekoppeld``, so a person is linked above the share rather than left unlinked.
    """

    gewichten: Gewichten = Gewichten()
    regio_binding: RegioBinding = RegioBinding.gewicht
    kandidaten: int = 6
    straf_onbekoppeld: float = 100.0
    afstand_schaal_km: float = 200.0
    gap_doel: float = 0.001
    overschrijding_boete: float = 15.0

    def as_dict(self) -> dict[str, object]:
        """JSON-ready settings, stored with every run."""
        return {
            "gewichten": self.gewichten.as_dict(),
            "regio_binding": str(self.regio_binding),
            "kandidaten": self.kandidaten,
            "straf_onbekoppeld": self.straf_onbekoppeld,
            "afstand_schaal_km": self.afstand_schaal_km,
            "gap_doel": self.gap_doel,
            "overschrijding_boete": self.overschrijding_boete,
        }
