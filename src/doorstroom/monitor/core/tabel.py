"""The monitor's tables: persons counted per indicator, cohort, unit and group, and protected as one.

For every indicator and cohort year one table holds, per *unit* (each municipality, each size class,
each province, the country) and per *group* (the total and every group of every breakdown,
:mod:`doorstroom.monitor.core.groepen`), how many persons are in the indicator's population, how
many of them meet it, and their days. The table is protected whole
(:func:`doorstroom.values.afscherming.afschermen`) with every sum it publishes:

* a unit's total is the sum of the groups of each breakdown;
* an area's figure is the sum of its municipalities' figures, per group;
* the country's figure is the sum of the provinces', and of the size classes'.

Every output — pages, API, CSV, workbooks, whoever asks — is cut from this one protected table,
so no combination of outputs reveals more than the table itself. A withheld cell withholds its
value too (share or median): a share with its persons would give the persons who meet it away.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from doorstroom.monitor.core.groepen import (
    ALLE,
    TOTAAL,
    UITSPLITSINGEN,
    Cohortsoort,
    cohortjaar,
    geboortejaren_per_huishouden,
    groepen,
)
from doorstroom.monitor.core.indicatoren import INDICATOREN, Indicator, Meting, Soort
from doorstroom.monitor.core.persoon import Persoon, gemeente
from doorstroom.monitor.core.vergelijking import LAND, Gebied, Gebiedsoort
from doorstroom.values.afscherming import Afscherming, Som, afschermen

Eenheid = tuple[str, str]
"""(kind of unit, code or name): ("gemeente", "GM0344"), ("provincie", "Utrecht"), ..."""
Groep = tuple[str, str]
"""(breakdown, group): ("totaal", "alle"), ("geslacht", "vrouw"), ..."""
Sleutel = tuple[Eenheid, Groep]
GROEPEN: tuple[Groep, ...] = ((TOTAAL, ALLE), *((u, g) for u, gs in UITSPLITSINGEN.items() for g in gs))


@dataclass
class Telling:
    """Persons in a cell, how many meet the indicator, and their days (medians)."""

    personen: int = 0
    voldaan: int = 0
    dagen: list[int] = field(default_factory=list)

    def tel(self, meting: Meting) -> None:
        """Count one person."""
        self.personen += 1
        self.voldaan += meting.voldaan
        if meting.dagen is not None:
            self.dagen.append(meting.dagen)

    def plus(self, ander: Telling) -> None:
        """Add another cell (an area is the sum of its municipalities)."""
        self.personen += ander.personen
        self.voldaan += ander.voldaan
        self.dagen.extend(ander.dagen)


@dataclass(frozen=True)
class Cijfer:
    """A published figure: the persons it rests on and its value, or why they are withheld."""

    personen: int | Afscherming
    waarde: float | Afscherming | None

    @property
    def afgeschermd(self) -> bool:
        """Whether the figure is withheld."""
        return isinstance(self.personen, Afscherming)


LEEG = Cijfer(0, None)


@dataclass(frozen=True)
class Tabel:
    """One indicator's protected figures for one cohort year."""

    indicator: Indicator
    jaar: int
    cijfers: Mapping[Sleutel, Cijfer]

    def cijfer(self, eenheid: Eenheid, groep: Groep = (TOTAAL, ALLE)) -> Cijfer:
        """The figure of a unit and group (zero persons where nobody was counted)."""
        return self.cijfers.get((eenheid, groep), LEEG)


def tabellen(
    personen: Sequence[Persoon], peildatum: date, soort: Cohortsoort, gebieden: Mapping[str, Gebied]
) -> list[Tabel]:
    """Every indicator's protected table per cohort year, from the pseudonymous timelines."""
    ruw = tellingen(personen, peildatum, soort, gebieden)
    uit = []
    for (naam, jaar), cellen in sorted(ruw.items(), key=lambda item: (item[0][1], item[0][0])):
        volledig = _met_gebieden(cellen, gebieden)
        verborgen = afschermen({k: t.personen for k, t in volledig.items()}, sommen(volledig, gebieden))
        indicator = INDICATOREN[naam]
        cijfers = {k: _cijfer(indicator, t, verborgen.get(k)) for k, t in volledig.items()}
        uit.append(Tabel(indicator, jaar, cijfers))
    return sorted(uit, key=lambda t: (list(INDICATOREN).index(t.indicator.naam), t.jaar))


def tellingen(
    personen: Sequence[Persoon], peildatum: date, soort: Cohortsoort, gebieden: Mapping[str, Gebied]
) -> dict[tuple[str, int], dict[Sleutel, Telling]]:
    """Raw counts per (indicator, cohort year) and (municipality, group); never published as such."""
    huishoudens = geboortejaren_per_huishouden(personen)
    uit: dict[tuple[str, int], dict[Sleutel, Telling]] = {}
    for persoon in personen:
        jaar, code = cohortjaar(persoon, soort), gemeente(persoon)
        if jaar is None or code is None or code not in gebieden:
            continue
        eenheid = (Gebiedsoort.gemeente, code)
        indeling = groepen(persoon, jaar, huishoudens)
        for naam, indicator in INDICATOREN.items():
            meting = indicator.meet(persoon, peildatum, jaar)
            if meting is None:
                continue
            cellen = uit.setdefault((naam, jaar), {})
            for uitsplitsing, groep in indeling.items():
                cellen.setdefault((eenheid, (uitsplitsing, groep)), Telling()).tel(meting)
    return uit


def _met_gebieden(
    cellen: Mapping[Sleutel, Telling], gebieden: Mapping[str, Gebied]
) -> dict[Sleutel, Telling]:
    """The municipal cells and every area's cells, each area the sum of its municipalities."""
    volledig = dict(cellen)
    for ((_, code), groep), telling in cellen.items():
        for eenheid in gebieden[code].eenheden():
            volledig.setdefault((eenheid, groep), Telling()).plus(telling)
    return volledig


def sommen(cellen: Mapping[Sleutel, Telling], gebieden: Mapping[str, Gebied]) -> list[Som[Sleutel]]:
    """Every sum the table publishes, over its non-empty cells (an empty cell adds nothing)."""
    eenheden = sorted({eenheid for eenheid, _ in cellen})
    uit: list[Som[Sleutel]] = []
    for eenheid in eenheden:
        for uitsplitsing, groepnamen in UITSPLITSINGEN.items():
            delen = tuple(
                (eenheid, (uitsplitsing, g)) for g in groepnamen if (eenheid, (uitsplitsing, g)) in cellen
            )
            uit.append(Som((eenheid, (TOTAAL, ALLE)), delen))
    leden: dict[Eenheid, list[Eenheid]] = {}
    for eenheid in eenheden:
        if eenheid[0] == Gebiedsoort.gemeente:
            for gebied in gebieden[eenheid[1]].eenheden():
                leden.setdefault(gebied, []).append(eenheid)
    land = (Gebiedsoort.land, LAND)
    for soort in (Gebiedsoort.provincie, Gebiedsoort.grootteklasse):
        leden.setdefault(land, [])
        leden[(f"{soort}-som", LAND)] = [e for e in eenheden if e[0] == soort]
    for groep in GROEPEN:
        for gebied, onder in leden.items():
            totaal = (land if gebied[0].endswith("-som") else gebied, groep)
            if totaal in cellen:
                uit.append(Som(totaal, tuple((e, groep) for e in onder if (e, groep) in cellen)))
    return uit


def _cijfer(indicator: Indicator, telling: Telling, afscherming: Afscherming | None) -> Cijfer:
    if afscherming is not None:
        return Cijfer(afscherming, afscherming)
    return Cijfer(telling.personen, waarde(indicator, telling))


def waarde(indicator: Indicator, telling: Telling) -> float | None:
    """The value of a cell: persons, a share in percent (one decimal), or median days."""
    if telling.personen == 0:
        return None
    if indicator.soort is Soort.aantal:
        return float(telling.personen)
    if indicator.soort is Soort.aandeel:
        return round(100 * telling.voldaan / telling.personen, 1)
    return round(float(statistics.median(telling.dagen)), 1) if telling.dagen else None
