"""Pseudonymous timelines for statistics: what the monitor may read of the case file, and no more.

The monitor (:mod:`doorstroom.monitor`) computes figures per municipality, cohort and group from
every file; it needs dates and a few coded facts per person, never who the person is. So the file
hands over, per person linked to or housed in a municipality:

* no name, identifier, BSN, V-number or date of birth: the *year* of birth, the sex (BRP code) and a
  household number that holds within this one hand-over only (to tell household types apart);
* the current timeline (:func:`~doorstroom.dossier.tijdlijn.actueel`) of the kinds the indicators
  use, each event with only the coded fields of :data:`VELDEN` (no free text, no location);
* the start and due date of every deadline rule that applies (:func:`termijnen.alle_termijnen`,
  the rules in force), so the monitor judges "within ten weeks" by the file's own rules.

The read is audited as one line (how many persons, which fields, the purpose of the role). Only a
user who may read the monitor gets this hand-over (:func:`doorstroom.accounts.toegang.statistiekbereik`);
what leaves the monitor is aggregates only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

from doorstroom.accounts import toegang
from doorstroom.accounts.domain import Gebruiker
from doorstroom.accounts.namens import namens
from doorstroom.dossier import repository, termijnen, weergave
from doorstroom.dossier.models import PersoonRecord
from doorstroom.dossier.tijdlijn import Gebeurtenis, actueel
from doorstroom.platform import audit
from doorstroom.platform.db import transaction

VELDEN: Mapping[str, tuple[str, ...]] = {
    "verblijfsvergunning": (),
    "koppeling": ("gemeentecode",),
    "huisvesting": ("gemeentecode",),
    "verhuizing": ("gemeentecode",),
    "inburgeringsplicht": ("indicatorInburgeringsplicht", "redenGeenInburgeringsplicht"),
    "brede_intake": (),
    "pip": ("leerroute",),
    "inburgeringstermijn_verlenging": ("einddatum",),
    "examen": ("onderdeel", "resultaat"),
    "vrijstelling": ("soort", "oordeel"),
    "ontheffing": ("soort", "oordeel"),
    "ontzorgen": (),
    "ontzorgen_einde": (),
    "participatie": ("soort",),
    "participatie_einde": ("soort",),
    "uitkering": ("soort",),
    "uitkering_einde": ("soort",),
}
"""The event kinds the monitor reads, and the coded fields of each it may see."""
BEPALEND = frozenset({"koppeling", "huisvesting"})
"""A person is handed over once linked to or housed in a municipality (the monitor counts per one)."""


@dataclass(frozen=True)
class Feit:
    """One current event: kind, date, and its coded fields of :data:`VELDEN`."""

    soort: str
    datum: date
    gegevens: Mapping[str, object]


@dataclass(frozen=True)
class Pseudotijdlijn:
    """One person as the monitor reads them: nothing that names or identifies the person."""

    huishouden: int | None
    geboortejaar: int
    geslacht: str | None
    feiten: tuple[Feit, ...]
    termijnen: Mapping[str, tuple[date, date]]


@namens
def pseudotijdlijnen(engine: Engine, gebruiker: Gebruiker) -> list[Pseudotijdlijn]:
    """The timelines of every person linked to or housed in a municipality, pseudonymised (module)."""
    scope = toegang.statistiekbereik(gebruiker)
    regels = weergave.regels()
    with transaction(engine, schrijven=True) as session:
        personen = repository.alle_zichtbare(session, scope, {})
        per_persoon: dict[str, list[Gebeurtenis]] = {}
        for record in repository.gebeurtenissen_van(session, [p.id for p in personen], sorted(VELDEN)):
            per_persoon.setdefault(record.persoon_id, []).append(weergave.als_waarde(record))
        huishoudens: dict[str, int] = {}
        uit = []
        for persoon in personen:
            tijdlijn = actueel(per_persoon.get(persoon.id, []))
            if any(g.soort in BEPALEND for g in tijdlijn):
                uit.append(_pseudo(persoon, tijdlijn, huishoudens, regels))
        velden = ["geboortejaar", "geslacht", "huishouden", *(f"gebeurtenis.{s}" for s in VELDEN)]
        audit.record(session, "read", "persoon", "monitor: pseudonieme tijdlijnen", len(uit), velden=velden)
        return uit


def _pseudo(
    persoon: PersoonRecord, tijdlijn: list[Gebeurtenis], huishoudens: dict[str, int], regels: termijnen.Regels
) -> Pseudotijdlijn:
    nummer = None
    if persoon.huishouden_id is not None:
        nummer = huishoudens.setdefault(persoon.huishouden_id, len(huishoudens) + 1)
    feiten = tuple(
        Feit(g.soort, g.datum, {k: g.gegevens[k] for k in VELDEN[g.soort] if k in g.gegevens})
        for g in tijdlijn
    )
    return Pseudotijdlijn(
        nummer,
        persoon.geboortedatum.year,
        persoon.geslacht,
        feiten,
        termijnen.alle_termijnen(tijdlijn, regels),
    )
