"""Provincial supervision of a stored period, and the capacity it leaves for the koppeling.

The supervision statements of 1 July and 1 January (*interbestuurlijk toezicht*, Wet revitalisering
generiek toezicht) judge each municipality on its corrected taakstelling: the number of the current
version, the swaps agreed under art. 29(2) and the carry-over, including arrears and advances taken
over from municipalities that merged into it (art. 30).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from doorstroom.platform import audit
from doorstroom.platform.db import transaction
from doorstroom.platform.errors import InputError, NotFound, Problem
from doorstroom.reference.service import indelingen
from doorstroom.taakstelling import repository
from doorstroom.taakstelling.core.overzicht import (
    Overzicht,
    Voortgang,
    met_meldingen,
    realiseer_alle,
    stel_op,
)
from doorstroom.taakstelling.models import VaststellingRecord
from doorstroom.taakstelling.vaststelling import (
    gehuisvest_per_maand,
    opgeslagen_taken,
    sleutelnaam,
    tvs_kolommen,
    verantwoording_van,
    verouderd_na,
)
from doorstroom.values.periode import Periode


class NietVastgesteld(InputError, NotFound):
    """A period without a stored taakstelling: the user's input (exit 2), and a record not found."""


def niet_vastgesteld(periode: Periode) -> NietVastgesteld:
    """The error for a period that has no stored taakstelling."""
    return NietVastgesteld(
        Problem(
            f"de taakstelling van {periode} is niet vastgesteld; stel haar eerst vast "
            "(taakstelling vaststellen) of kies een vastgestelde periode",
            field="periode",
        )
    )


def toezicht(engine: Engine, periode: Periode, peildatum: date | None = None) -> Overzicht:
    """The supervision statement of a stored period (default: at its supervision date), with the list
    of overdue koppelingen (pseudonymous household references: the read is audited)."""
    return _overzicht(engine, periode, peildatum or periode.supervision_date, met_te_laat=True)


def voortgang(engine: Engine, periode: Periode, peildatum: date | None = None) -> Overzicht:
    """The same statement's figures per municipality, without the list of overdue koppelingen.

    Aggregates only (no personal data), so nothing is written: no audit line for a page or API call
    that shows quotas (issue 22). The koppelingen are summed by the database from an index.
    """
    return _overzicht(engine, periode, peildatum or periode.supervision_date, met_te_laat=False)


def _overzicht(engine: Engine, periode: Periode, peildatum: date, *, met_te_laat: bool) -> Overzicht:
    catalogus = indelingen(engine)
    with transaction(engine) as session:
        versie = repository.huidige(session, periode)
        if versie is None:
            raise niet_vastgesteld(periode)
        te_laat = repository.te_laat(session, peildatum) if met_te_laat else []
        if met_te_laat:
            audit.record(session, "read", "taakstelling_koppeling", f"periode {periode}", len(te_laat))
        cijfers = repository.koppelcijfers(session, periode, peildatum)
        # The TVS columns read the linked households' timelines: the full statement only, never the
        # figures every page shows (issue 22).
        tvs = tvs_kolommen(session, periode, peildatum) if met_te_laat else None
        voortgang = Voortgang(
            peildatum, gehuisvest_per_maand(session, periode), te_laat, cijfers=cijfers, extra=tvs
        )
        taken = opgeslagen_taken(session, versie, catalogus)
        ruilen = repository.ruilen(session, periode)
    uitleg = verantwoording_van(
        versie, taken, _meldingen(versie, len(ruilen), sum(t.overgenomen != 0 for t in taken))
    )
    overzicht = stel_op(taken, uitleg, sleutelnaam(versie), voortgang=voortgang)
    verouderd = [v.melding() for v in verouderd_na(engine) if v.periode == periode]
    return met_meldingen(overzicht, verouderd)


def _meldingen(versie: VaststellingRecord, ruilen: int, overgenomen: int) -> list[str]:
    lines = []
    if ruilen:
        lines.append(f"ruil (art. 29 lid 2): {ruilen} vastgelegde afspraak/afspraken in kolom 'ruil'")
    if overgenomen:
        lines.append(
            f"herindeling: {overgenomen} gemeente(n) namen achterstand of voorsprong over van opgeheven "
            "gemeenten (kolom achterstand_overgenomen)"
        )
    return lines


def resterend(engine: Engine, periode: Periode, peildatum: date) -> dict[str, int] | None:
    """Persons each municipality still has to house in a stored period (None: period not set)."""
    catalogus = indelingen(engine)
    with transaction(engine, schrijven=False) as session:
        versie = repository.huidige(session, periode)
        if versie is None:
            return None
        taken = opgeslagen_taken(session, versie, catalogus)
        voortgang = Voortgang(peildatum, gehuisvest_per_maand(session, periode))
    return {r.taakstelling.gemeente.code: r.resterend for r in realiseer_alle(taken, periode, voortgang)}


def huidige_versie(engine: Engine, periode: Periode) -> VaststellingRecord:
    """The current version of a period, or the error saying it was never fixed."""
    with transaction(engine, schrijven=False) as session:
        versie = repository.huidige(session, periode)
    if versie is None:
        raise niet_vastgesteld(periode)
    return versie
