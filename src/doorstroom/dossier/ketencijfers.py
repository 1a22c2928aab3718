"""Aggregate figures of the case file for the chain overviews: how long people wait for a home, and
how far their civic integration has come. Counts only, never a person (what a province may see).

*Waiting* is the deadline rule ``huisvesting_na_koppeling`` (:mod:`doorstroom.dossier.termijnen`):
a person linked to a municipality and not yet moved in waits since the koppeling date; the rule's
due date (koppeling + 3 months, the taakstelling's own term) splits on-time from overdue.
*Integration progress* is the furthest step of each person's current timeline, per leerroute of the
current PIP (Wet inburgering 2021 art. 15: B1-route, onderwijsroute, Z-route).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from datetime import date
from statistics import median

from sqlalchemy import Engine

from doorstroom.accounts.domain import Gebruiker
from doorstroom.dossier import repository, termijnen, weergave
from doorstroom.dossier.namens import namens
from doorstroom.dossier.tijdlijn import Gebeurtenis, actueel, afgerond, laatste
from doorstroom.dossier.toegang import ALLE_STADIA, Bereik
from doorstroom.platform.db import transaction

Record = weergave.Record
WACHTKLASSEN = ("minder dan 1 maand", "1 tot 3 maanden", "langer dan 3 maanden")
STAPPEN = ("inburgeringsplicht", "brede intake", "PIP vastgesteld", "examen afgelegd", "afgerond")
LEERROUTES = {"B": "B1-route", "O": "onderwijsroute", "Z": "Z-route"}
GEEN_LEERROUTE = "nog geen PIP"
INBURGERING = ("inburgeringsplicht", "brede_intake", "pip", "examen")


def _aggregaatbereik(scope: Bereik, codes: Collection[str] | None) -> tuple[Bereik, list[str] | None]:
    """A read-everything scope limited to the municipalities whose aggregates the caller may see."""
    toegestaan = None if codes is None else sorted(c for c in codes if scope.ziet_aggregaat(c))
    if toegestaan is None and scope.aggregaten is not None:
        toegestaan = sorted(scope.aggregaten)
    gemeenten = None if toegestaan is None else frozenset(toegestaan)
    return Bereik(scope.rol, True, gemeenten, False, ALLE_STADIA, False, False, None), toegestaan


def _tijdlijnen(
    engine: Engine, gebruiker: Gebruiker, codes: Collection[str] | None
) -> list[tuple[str, list[Gebeurtenis]]]:
    scope = weergave.bereik_voor(engine, gebruiker)
    bereik, toegestaan = _aggregaatbereik(scope, codes)
    if toegestaan == []:
        return []
    with transaction(engine) as session:
        personen = repository.alle_zichtbare(session, bereik, {})
        per_persoon: dict[str, list[Gebeurtenis]] = {}
        for record in repository.gebeurtenissen_van(session, [p.id for p in personen]):
            per_persoon.setdefault(record.persoon_id, []).append(weergave.als_waarde(record))
    return [(str(p.gemeentecode), actueel(per_persoon.get(p.id, []))) for p in personen if p.gemeentecode]


@namens
def wachttijden(
    engine: Engine, gebruiker: Gebruiker, codes: Collection[str] | None = None, peildatum: date | None = None
) -> dict[str, object]:
    """Persons linked and not yet housed within the caller's aggregate scope: how many, how long."""
    peildatum = peildatum or weergave.vandaag()
    regels = weergave.regels()
    dagen: list[int] = []
    klassen: Counter[str] = Counter()
    for _, tijdlijn in _tijdlijnen(engine, gebruiker, codes):
        for t in termijnen.termijnen(tijdlijn, regels, peildatum):
            if t.regel == "huisvesting_na_koppeling":
                wacht = (peildatum - t.start).days
                dagen.append(wacht)
                klassen[_klasse(t.start, t.vervaldatum, peildatum)] += 1
    return {
        "wachtend": len(dagen),
        "mediaan_dagen": int(median(dagen)) if dagen else None,
        "langste_dagen": max(dagen, default=None),
        "per_klasse": {klasse: klassen.get(klasse, 0) for klasse in WACHTKLASSEN},
    }


def _klasse(start: date, vervaldatum: date, peildatum: date) -> str:
    if peildatum > vervaldatum:
        return WACHTKLASSEN[2]
    return WACHTKLASSEN[0] if (peildatum - start).days < 31 else WACHTKLASSEN[1]


@namens
def inburgering(
    engine: Engine, gebruiker: Gebruiker, codes: Collection[str] | None = None
) -> dict[str, dict[str, int]]:
    """Persons per leerroute and furthest integration step, within the caller's aggregate scope."""
    telling: dict[str, Counter[str]] = {route: Counter() for route in (*LEERROUTES.values(), GEEN_LEERROUTE)}
    for _, tijdlijn in _tijdlijnen(engine, gebruiker, codes):
        stap = _stap(tijdlijn)
        if stap is not None:
            telling[_leerroute(tijdlijn)][stap] += 1
    return {route: {stap: tellers.get(stap, 0) for stap in STAPPEN} for route, tellers in telling.items()}


def _stap(tijdlijn: Sequence[Gebeurtenis]) -> str | None:
    """The furthest integration step on a current timeline; None before the obligation starts."""
    soorten = {g.soort for g in tijdlijn}
    if not soorten & set(INBURGERING):
        return None
    if afgerond(tijdlijn):
        return STAPPEN[4]
    gevonden = [stap for soort, stap in zip(INBURGERING, STAPPEN[:4], strict=True) if soort in soorten]
    return gevonden[-1] if gevonden else None


def _leerroute(tijdlijn: Sequence[Gebeurtenis]) -> str:
    pip = laatste(tijdlijn, "pip")
    if pip is None:
        return GEEN_LEERROUTE
    return LEERROUTES.get(str(pip.gegevens.get("leerroute", "")), GEEN_LEERROUTE)
