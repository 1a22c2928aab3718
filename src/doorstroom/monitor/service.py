"""The monitor's one door: integration outcomes per municipality and cohort, compared with peers,
province and country, as protected aggregates only (issue 26; docs/monitor.md).

* :func:`indicatoren` — every indicator with its definition (the one list, :mod:`.core.indicatoren`);
* :func:`monitor` — the protected figures of one indicator and cohort kind, as the caller may see them.

The case file hands over pseudonymous timelines (:func:`doorstroom.dossier.service.pseudotijdlijnen`,
audited); the pure core counts, and protects the whole table at once
(:func:`doorstroom.values.afscherming.afschermen`, primary below ten and secondary). Every output
(page, API, CSV) is a selection of that one table, so no combination reveals a withheld cell. What a
user sees of it is the access rule's question: a municipality's own breakdown only where the scope
holds its persons (:meth:`Bereik.mag_gemeente`), other municipalities' totals only where the scope
holds their aggregates (:meth:`Bereik.ziet_aggregaat`), size classes, provinces and the country for
everyone who may read the monitor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

from doorstroom.accounts.domain import Gebruiker
from doorstroom.accounts.namens import namens
from doorstroom.accounts.service import bereik_voor
from doorstroom.accounts.toegang import Bereik, Handeling, eis
from doorstroom.dossier import service as dossier
from doorstroom.monitor.core.groepen import ALLE, TOTAAL, Cohortsoort
from doorstroom.monitor.core.indicatoren import INDICATOREN, Indicator
from doorstroom.monitor.core.persoon import Feit, Persoon
from doorstroom.monitor.core.tabel import Cijfer, Sleutel, Tabel, tabellen
from doorstroom.monitor.core.vergelijking import Gebied, Gebiedsoort, Verdeling, verdeling
from doorstroom.platform.clock import vandaag
from doorstroom.platform.errors import InputError, NotFound, Problem
from doorstroom.reference.service import gemeenten_in_gebruik

__all__ = ["Cohortsoort", "Indicator", "Monitorbeeld", "Rij", "Vergelijking", "indicatoren", "monitor"]


@dataclass(frozen=True)
class Rij:
    """One published figure: unit, group, persons (or why withheld) and value (None: withheld/none)."""

    jaar: int
    eenheidsoort: str
    eenheid: str
    uitsplitsing: str
    groep: str
    personen: int | str
    waarde: float | None


@dataclass(frozen=True)
class Vergelijking:
    """Where the caller's municipality stands among the shown municipal figures of an area."""

    jaar: int
    eenheidsoort: str
    eenheid: str
    verdeling: Verdeling


@dataclass(frozen=True)
class Monitorbeeld:
    """One indicator's protected figures per cohort year, as the caller may see them."""

    indicator: Indicator
    cohort: Cohortsoort
    peildatum: date
    eigen: str | None
    rijen: list[Rij]
    vergelijkingen: list[Vergelijking]


def indicatoren() -> list[Indicator]:
    """Every indicator of the monitor, in order, with its definition."""
    return list(INDICATOREN.values())


@namens
def monitor(
    engine: Engine,
    gebruiker: Gebruiker,
    indicator: str,
    cohort: Cohortsoort = Cohortsoort.huisvesting,
    peildatum: date | None = None,
) -> Monitorbeeld:
    """The protected figures of ``indicator`` per cohort year that ``gebruiker`` may see (module)."""
    eis(gebruiker, Handeling.monitor_lezen)
    if indicator not in INDICATOREN:
        raise NotFound(f"onbekende indicator: {indicator}")
    dag = peildatum or vandaag()
    if dag > vandaag():
        raise InputError(Problem("de peildatum mag niet in de toekomst liggen", field="peildatum"))
    scope = bereik_voor(engine, gebruiker)
    gebieden = {g.code: Gebied(g.code, g.naam, g.provincie, g.inwoners) for g in gemeenten_in_gebruik(engine)}
    personen = [_persoon(p) for p in dossier.pseudotijdlijnen(engine, gebruiker)]
    eigen = scope.eigen_gemeente()
    gekozen = [t for t in tabellen(personen, dag, cohort, gebieden) if t.indicator.naam == indicator]
    rijen = [rij for tabel in gekozen for rij in _rijen(tabel, scope)]
    vergelijkingen = [v for tabel in gekozen for v in _vergelijkingen(tabel, eigen, gebieden)]
    return Monitorbeeld(INDICATOREN[indicator], cohort, dag, eigen, rijen, vergelijkingen)


def _persoon(tijdlijn: dossier.Pseudotijdlijn) -> Persoon:
    feiten = tuple(Feit(f.soort, f.datum, f.gegevens) for f in tijdlijn.feiten)
    return Persoon(tijdlijn.geboortejaar, feiten, tijdlijn.geslacht, tijdlijn.huishouden, tijdlijn.termijnen)


def _zichtbaar(sleutel: Sleutel, scope: Bereik) -> bool:
    """Areas for everyone; a municipality's total within the aggregate scope, its groups only where
    the scope holds its persons (the access rule decides both)."""
    (soort, code), (uitsplitsing, _) = sleutel
    if soort != Gebiedsoort.gemeente:
        return True
    if uitsplitsing == TOTAAL:
        return scope.ziet_aggregaat(code)
    return scope.mag_gemeente(code)


def _rijen(tabel: Tabel, scope: Bereik) -> list[Rij]:
    return [
        _rij(tabel.jaar, sleutel, cijfer)
        for sleutel, cijfer in sorted(tabel.cijfers.items(), key=lambda item: _volgorde(item[0]))
        if _zichtbaar(sleutel, scope)
    ]


_SOORTEN = (Gebiedsoort.gemeente, Gebiedsoort.grootteklasse, Gebiedsoort.provincie, Gebiedsoort.land)


def _volgorde(sleutel: Sleutel) -> tuple[int, str, int, str, str]:
    (soort, code), (uitsplitsing, groep) = sleutel
    return (_SOORTEN.index(soort), code, uitsplitsing != TOTAAL, uitsplitsing, groep)


def _rij(jaar: int, sleutel: Sleutel, cijfer: Cijfer) -> Rij:
    (soort, code), (uitsplitsing, groep) = sleutel
    personen = cijfer.personen if isinstance(cijfer.personen, int) else str(cijfer.personen.value)
    waarde = cijfer.waarde if isinstance(cijfer.waarde, float) else None
    return Rij(jaar, soort, code, uitsplitsing, groep, personen, waarde)


def _vergelijkingen(tabel: Tabel, eigen: str | None, gebieden: dict[str, Gebied]) -> list[Vergelijking]:
    """The spread over the shown municipal totals of the caller's size class, province and country."""
    if eigen is None or eigen not in gebieden:
        return []
    eigen_cijfer = tabel.cijfer((Gebiedsoort.gemeente, eigen))
    eigen_waarde = None if eigen_cijfer.afgeschermd else _getal(eigen_cijfer)
    uit = []
    for eenheid in gebieden[eigen].eenheden():
        leden = [g.code for g in gebieden.values() if eenheid in g.eenheden()]
        waarden = _getoond(tabel, leden)
        uit.append(Vergelijking(tabel.jaar, eenheid[0], eenheid[1], verdeling(waarden, eigen_waarde)))
    return uit


def _getoond(tabel: Tabel, codes: Sequence[str]) -> list[float]:
    cijfers = [tabel.cijfer((Gebiedsoort.gemeente, code), (TOTAAL, ALLE)) for code in codes]
    return [w for c in cijfers if not c.afgeschermd and (w := _getal(c)) is not None]


def _getal(cijfer: Cijfer) -> float | None:
    return cijfer.waarde if isinstance(cijfer.waarde, float) else None
