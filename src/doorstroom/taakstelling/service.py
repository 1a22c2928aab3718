"""The one door of the taakstelling: use cases from files and from the store, for every delivery layer.

Two ways in: *from files* (:func:`bereken_overzicht`: what a policy officer does with the
circular and last period's Excel; stored population vintages, mergers and swaps are used when a
database is given), and *from the store* (:mod:`doorstroom.taakstelling.vaststelling` and
:mod:`doorstroom.taakstelling.importeren`), where the carry-over from one period to the next is
taken from what was stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from pathlib import Path

from sqlalchemy import Engine

from doorstroom.platform.clock import vandaag
from doorstroom.platform.db import transaction
from doorstroom.reference.service import indelingen
from doorstroom.taakstelling import importeren, io, repository, vaststelling
from doorstroom.taakstelling import toezicht as opgeslagen
from doorstroom.taakstelling.berekening import (
    Keuzes,
    achterstand_uit_bestand,
    binnen_periode,
    codes_per_jaar,
    controleer_ruil,
    kies_grondslag,
    ruil_uit_bestanden,
    standaard_peildatum,
    verantwoording,
)
from doorstroom.taakstelling.core.domain import DEFAULT_MARGE, STANDAARD_REGEL, Schema, bereken
from doorstroom.taakstelling.core.grondslag import Grondslag
from doorstroom.taakstelling.core.overzicht import (
    Overzicht,
    Voortgang,
    alleen_namen,
    alleen_provincie,
    stel_op,
)
from doorstroom.taakstelling.core.report import REGIO_KOLOMMEN, aggregeer, columns_of, zonder_regio
from doorstroom.taakstelling.core.ruil import per_gemeente
from doorstroom.taakstelling.core.verdeling import Afrondingsregel
from doorstroom.taakstelling.herziening import geschiedenis, herbereken
from doorstroom.taakstelling.importeren import Geimporteerd
from doorstroom.taakstelling.kolommen import KOLOMMEN, REGELS, kop
from doorstroom.taakstelling.landelijk import als_records as landelijke_taakstellingen
from doorstroom.taakstelling.landelijk import landelijk_totaal
from doorstroom.taakstelling.ruilregister import leg_ruil_vast, ruilen
from doorstroom.taakstelling.toezicht import huidige_versie
from doorstroom.taakstelling.vaststelling import Vastgesteld, Vaststelverzoek, Verouderd
from doorstroom.values.periode import Periode

__all__ = [
    "KOLOMMEN",
    "REGELS",
    "REGIO_KOLOMMEN",
    "STANDAARD_REGEL",
    "Afrondingsregel",
    "Overzicht",
    "Schema",
    "Vaststelverzoek",
    "Verouderd",
    "Verzoek",
    "aggregeer",
    "alleen_namen",
    "alleen_provincie",
    "bereken_overzicht",
    "columns_of",
    "geschiedenis",
    "herbereken",
    "huidige_versie",
    "importeer_koppelingen",
    "importeer_realisatie",
    "kop",
    "landelijke_taakstellingen",
    "leg_ruil_vast",
    "realisatie_per_maand",
    "resterend",
    "ruilen",
    "toezicht",
    "vandaag",
    "vaststellen",
    "voortgang",
    "zonder_regio",
]


@dataclass(frozen=True)
class Verzoek(Keuzes):
    """What to compute: a period's split, optionally with carry-over, swaps and realisation files."""

    realisatie: Path | None = None
    koppelingen: Path | None = None
    gemeenten: Path | None = None
    samenvoegingen: Path | None = None
    ruilen: tuple[Path, ...] = ()
    peildatum: date | None = None
    marge: Fraction = DEFAULT_MARGE
    alleen: tuple[str, ...] = ()
    """Municipalities (name or code, ``--gemeente``) to show; empty: all."""


def bereken_overzicht(verzoek: Verzoek, engine: Engine | None = None) -> Overzicht:
    """Compute a period's statement from files; ``engine`` adds stored vintages, mergers and swaps."""
    catalogus = indelingen(engine, verzoek.samenvoegingen)
    grondslag = kies_grondslag(
        verzoek.periode, catalogus, verzoek.sleutel, verzoek.bevolking, verzoek.gemeenten
    )
    landelijk = landelijk_totaal(verzoek.periode, verzoek.totaal)
    achterstand, overgenomen = (
        achterstand_uit_bestand(verzoek.vorige, grondslag, catalogus) if verzoek.vorige else ({}, {})
    )
    ruil, ruil_meldingen = _ruilen(engine, verzoek, grondslag)
    sleutel = dict(grondslag.sleutel)
    taken = bereken(
        landelijk[0], list(grondslag.gemeenten), sleutel, achterstand, verzoek.regel,
        noemer=grondslag.noemer, ruil=ruil, overgenomen=overgenomen,
    )  # fmt: skip
    controleer_ruil(taken, ruil)
    uitleg = verantwoording(grondslag, verzoek.regel, landelijk, taken, ruil_meldingen)
    voortgang = _voortgang(verzoek, codes_per_jaar(catalogus, grondslag))
    overzicht = stel_op(taken, uitleg, grondslag.sleutelnaam, grondslag.toelichting, voortgang)
    return alleen_namen(overzicht, verzoek.alleen)


def _ruilen(
    engine: Engine | None, verzoek: Verzoek, grondslag: Grondslag
) -> tuple[dict[str, int], list[str]]:
    ruil = ruil_uit_bestanden(verzoek.ruilen, grondslag)
    meldingen = [f"ruil (art. 29 lid 2) uit {len(verzoek.ruilen)} bestand(en)"] if verzoek.ruilen else []
    if engine is None:
        return ruil, meldingen
    with transaction(engine, schrijven=False) as session:
        opgeslagen = repository.ruilen(session, verzoek.periode)
    if opgeslagen:
        meldingen.append(f"ruil (art. 29 lid 2): {len(opgeslagen)} vastgelegde afspraak/afspraken meegenomen")
    for code, wijziging in per_gemeente(opgeslagen).items():
        ruil[code] = ruil.get(code, 0) + wijziging
    return ruil, meldingen


def _voortgang(verzoek: Verzoek, codes: io.CodesPerJaar) -> Voortgang | None:
    if verzoek.realisatie is None and verzoek.koppelingen is None:
        return None
    realisatie = io.lees_realisatie(verzoek.realisatie, codes) if verzoek.realisatie else {}
    koppelingen = io.lees_koppelingen(verzoek.koppelingen, codes) if verzoek.koppelingen else []
    return Voortgang(
        peildatum=verzoek.peildatum or standaard_peildatum(verzoek.periode),
        realisatie=binnen_periode(realisatie, verzoek.periode),
        koppelingen=koppelingen,
        marge=verzoek.marge,
        realisatie_gegeven=verzoek.realisatie is not None,
    )


def vaststellen(engine: Engine, verzoek: Vaststelverzoek) -> Vastgesteld:
    """Fix (or revise) a period's taakstelling (see :mod:`doorstroom.taakstelling.vaststelling`)."""
    return vaststelling.vaststellen(engine, verzoek)


def importeer_realisatie(engine: Engine, path: Path) -> Geimporteerd:
    """Import a realisation file of any size, all or nothing (:mod:`doorstroom.taakstelling.importeren`)."""
    return importeren.importeer_realisatie(engine, path)


def importeer_koppelingen(engine: Engine, path: Path) -> Geimporteerd:
    """Import a koppelingen file of any size, all or nothing (:mod:`doorstroom.taakstelling.importeren`)."""
    return importeren.importeer_koppelingen(engine, path)


def toezicht(engine: Engine, periode: Periode, peildatum: date | None = None) -> Overzicht:
    """The supervision statement of a stored period (see :mod:`doorstroom.taakstelling.toezicht`).

    Raises :class:`~doorstroom.taakstelling.toezicht.NietVastgesteld` (an InputError and a
    NotFound) when the period was never fixed.
    """
    return opgeslagen.toezicht(engine, periode, peildatum)


def voortgang(engine: Engine, periode: Periode, peildatum: date | None = None) -> Overzicht:
    """The supervision figures per municipality of a stored period, without the overdue list.

    No personal data, so nothing is written (no audit line); the koppelingen are summed by the
    database (:func:`doorstroom.taakstelling.toezicht.voortgang`). Same numbers as :func:`toezicht`.
    """
    return opgeslagen.voortgang(engine, periode, peildatum)


def resterend(engine: Engine, periode: Periode, peildatum: date | None = None) -> dict[str, int] | None:
    """Persons each municipality still has to house in a stored period (None: period not set).

    This is the koppeling's default capacity: COA links within the remaining corrected quota.
    """
    return opgeslagen.resterend(engine, periode, peildatum or standaard_peildatum(periode))


def realisatie_per_maand(engine: Engine, periode: Periode) -> dict[str, dict[str, int]]:
    """Persons housed per municipality and month of ``periode`` (imported figures and case-file
    move-ins combined by :mod:`doorstroom.taakstelling.core.realisatiebronnen`, as supervision counts)."""
    with transaction(engine, schrijven=False) as session:
        return vaststelling.gehuisvest_per_maand(session, periode)
