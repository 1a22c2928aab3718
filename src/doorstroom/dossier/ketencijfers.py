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
from dataclasses import dataclass
from datetime import date
from statistics import median

from sqlalchemy import Engine

from doorstroom.accounts.domain import Gebruiker
from doorstroom.accounts.namens import namens
from doorstroom.accounts.service import bereik_voor
from doorstroom.accounts.toegang import Bereik, aggregaatbereik
from doorstroom.dossier import repository, termijnen, weergave
from doorstroom.dossier.tijdlijn import Gebeurtenis, actueel, afgerond, laatste
from doorstroom.platform.db import transaction
from doorstroom.values import afscherming

Record = weergave.Record
WACHTKLASSEN = ("minder dan 1 maand", "1 tot 3 maanden", "langer dan 3 maanden")
STAPPEN = ("inburgeringsplicht", "brede intake", "PIP vastgesteld", "examen afgelegd", "afgerond")
LEERROUTES = {"B": "B1-route", "O": "onderwijsroute", "Z": "Z-route"}
GEEN_LEERROUTE = "nog geen PIP"
INBURGERING = ("inburgeringsplicht", "brede_intake", "pip", "examen")


def _tijdlijnen(
    engine: Engine, scope: Bereik, codes: Collection[str] | None
) -> list[tuple[str, list[Gebeurtenis]]]:
    bereik = aggregaatbereik(scope, codes)
    if bereik.gemeentecodes == frozenset():
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
    """Persons linked and not yet housed within the caller's aggregate scope: how many, how long.

    A caller who may not see these persons gets no count below ten and no longest wait (one
    person's figure) — :meth:`~doorstroom.accounts.toegang.Bereik.exact_voor`.
    """
    peildatum = peildatum or weergave.vandaag()
    regels = weergave.regels()
    scope = bereik_voor(engine, gebruiker)
    dagen: list[int] = []
    klassen: Counter[str] = Counter()
    for _, tijdlijn in _tijdlijnen(engine, scope, codes):
        for t in termijnen.termijnen(tijdlijn, regels, peildatum):
            if t.regel == "huisvesting_na_koppeling":
                wacht = (peildatum - t.start).days
                dagen.append(wacht)
                klassen[_klasse(t.start, t.vervaldatum, peildatum)] += 1
    exact = scope.exact_voor(codes)
    wachtend = len(dagen) if exact else afscherming.toon(len(dagen))
    return {
        "wachtend": wachtend,
        "mediaan_dagen": int(median(dagen)) if dagen and wachtend is not None else None,
        "langste_dagen": max(dagen, default=None) if exact else None,
        "per_klasse": {k: _cel(klassen.get(k, 0), exact) for k in WACHTKLASSEN},
    }


def _cel(aantal: int, exact: bool) -> int | None:
    return aantal if exact else afscherming.toon(aantal)


def _klasse(start: date, vervaldatum: date, peildatum: date) -> str:
    if peildatum > vervaldatum:
        return WACHTKLASSEN[2]
    return WACHTKLASSEN[0] if (peildatum - start).days < 31 else WACHTKLASSEN[1]


@dataclass(frozen=True)
class Inburgering:
    """Persons per leerroute and furthest step, and how many are under way (not yet afgerond)."""

    per_route: dict[str, dict[str, int | None]]
    lopend: int | None


@namens
def inburgering(engine: Engine, gebruiker: Gebruiker, codes: Collection[str] | None = None) -> Inburgering:
    """Persons per leerroute and furthest integration step, within the caller's aggregate scope.

    Cells below ten are hidden for a caller who may not see these persons; the total under way is
    computed from the exact cells and hidden as one figure (never a sum of hidden cells).
    """
    scope = bereik_voor(engine, gebruiker)
    telling: dict[str, Counter[str]] = {route: Counter() for route in (*LEERROUTES.values(), GEEN_LEERROUTE)}
    for _, tijdlijn in _tijdlijnen(engine, scope, codes):
        stap = _stap(tijdlijn)
        if stap is not None:
            telling[_leerroute(tijdlijn)][stap] += 1
    exact = scope.exact_voor(codes)
    lopend = sum(n for tellers in telling.values() for stap, n in tellers.items() if stap != STAPPEN[4])
    per_route = {
        route: {stap: _cel(tellers.get(stap, 0), exact) for stap in STAPPEN}
        for route, tellers in telling.items()
    }
    return Inburgering(per_route, _cel(lopend, exact))


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
