"""The housing plan: per month and size class, supply against need, shortfall or surplus.

For each month and class the plan sets the persons who need a place since the plan's start (the
cumulative need) against the places of that class available at month end (the stock):

    saldo = behoefte − aanbod;   tekort = max(saldo, 0);   overschot = max(−saldo, 0)

so need − supply = shortfall − surplus, class by class. Classes are kept apart (a surplus of small
homes does not house a family of six): large households (5 persons and more) need large homes and
show apart. Every person is placed in one unit of the class or counted short
(:mod:`~doorstroom.huisvesting.core.toewijzing`). The municipality *falls behind* in the first month
in which any class has a shortfall; temporary units leave the stock in the month their end date
falls in, which the plan lists with the places they take away.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from doorstroom.huisvesting.core.aanbod import Eenheid, Meetellen
from doorstroom.huisvesting.core.behoefte import Maandbehoefte
from doorstroom.huisvesting.core.toewijzing import vul
from doorstroom.values.maand import laatste_dag, maand_van
from doorstroom.values.woningklasse import GROOT, WONINGKLASSEN


@dataclass(frozen=True)
class Klassestand:
    """One size class in one month: new and cumulative need, households, places, persons placed."""

    nieuw: int
    behoefte: int
    huishoudens: int
    aanbod: int
    gehuisvest: int

    @property
    def saldo(self) -> int:
        """Need minus supply: positive is a shortfall, negative a surplus."""
        return self.behoefte - self.aanbod

    @property
    def tekort(self) -> int:
        """Persons of this class without a place."""
        return max(self.saldo, 0)

    @property
    def overschot(self) -> int:
        """Places of this class nobody of the class needs."""
        return max(-self.saldo, 0)


@dataclass(frozen=True)
class Planmaand:
    """One month of the plan: every class, the persons per unit, and the lines that end this month."""

    maand: str
    bron: str
    klassen: dict[str, Klassestand]
    bezetting: dict[str, int]
    eindigt: tuple[str, ...]

    def som(self, veld: str) -> int:
        """A field of :class:`Klassestand` summed over the classes."""
        return sum(int(getattr(stand, veld)) for stand in self.klassen.values())

    @property
    def achter(self) -> bool:
        """Whether any class is short this month."""
        return any(stand.tekort for stand in self.klassen.values())


@dataclass(frozen=True)
class Einde:
    """A temporary line that leaves the stock within the plan: the first month it no longer counts."""

    eenheid: Eenheid
    maand: str


@dataclass(frozen=True)
class Plan:
    """The months of the plan, the lines it counted, when it falls behind, and what ends when."""

    maanden: tuple[Planmaand, ...]
    eenheden: tuple[Eenheid, ...]
    meetellen: Meetellen
    achter_vanaf: str | None
    achter_per_klasse: dict[str, str | None]
    eindigend: tuple[Einde, ...]

    @property
    def grote_huishoudens_achter_vanaf(self) -> str | None:
        """The first month with a shortfall of places for households of 5 persons and more."""
        return self.achter_per_klasse[GROOT]


def eindmaand(eenheid: Eenheid) -> str | None:
    """The first month in which a temporary line no longer counts (its end date's next day)."""
    return None if eenheid.einde is None else maand_van(eenheid.einde + timedelta(days=1))


def maak_plan(
    behoefte: Sequence[Maandbehoefte], eenheden: Sequence[Eenheid], meetellen: Meetellen = Meetellen.alles
) -> Plan:
    """The plan over the months of ``behoefte`` with the lines of ``eenheden`` that ``meetellen`` counts."""
    geteld = tuple(e for e in eenheden if meetellen.telt(e.status))
    cumulatief = {k: 0 for k in WONINGKLASSEN}
    huishoudens = {k: 0 for k in WONINGKLASSEN}
    maanden = []
    for need in behoefte:
        for k in WONINGKLASSEN:
            cumulatief[k] += need.personen.get(k, 0)
            huishoudens[k] += need.huishoudens.get(k, 0)
        maanden.append(_maand(need, geteld, cumulatief, huishoudens))
    labels = {m.maand for m in maanden}
    eindigend = [Einde(e, m) for e in geteld if (m := eindmaand(e)) is not None and m in labels]
    return Plan(
        tuple(maanden),
        geteld,
        meetellen,
        next((m.maand for m in maanden if m.achter), None),
        {k: next((m.maand for m in maanden if m.klassen[k].tekort), None) for k in WONINGKLASSEN},
        tuple(sorted(eindigend, key=lambda e: (e.maand, e.eenheid.kenmerk))),
    )


def _maand(
    need: Maandbehoefte, geteld: Sequence[Eenheid], cumulatief: dict[str, int], huishoudens: dict[str, int]
) -> Planmaand:
    einde = laatste_dag(need.maand)
    actief = [e for e in geteld if e.telt_op(einde)]
    klassen, bezetting = {}, {}
    for k in WONINGKLASSEN:
        eigen = [e for e in actief if e.klasse == k]
        geplaatst, kort = vul(cumulatief[k], eigen)
        bezetting.update(geplaatst)
        stand = Klassestand(
            need.personen.get(k, 0),
            cumulatief[k],
            huishoudens[k],
            sum(e.plaatsen for e in eigen),
            cumulatief[k] - kort,
        )
        klassen[k] = stand
    eindigt = tuple(sorted(e.kenmerk for e in geteld if eindmaand(e) == need.maand))
    return Planmaand(need.maand, need.bron, klassen, bezetting, eindigt)
