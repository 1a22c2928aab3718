"""Bringing an out-of-date fixed period up to date, and the history of every fixing.

``herbereken`` is the command :func:`~doorstroom.taakstelling.vaststelling.verouderd_na` names for
a period whose carry-over changed: it adds a version with the same national number, rule and split
as the current one and the carry-over the store gives now. A changed municipal division needs a full
revision instead (``vaststellen --herzien``), because the split itself changes.
"""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from doorstroom.platform import audit
from doorstroom.platform.clock import nu
from doorstroom.platform.db import schrijf, transaction
from doorstroom.platform.errors import InputError, Problem
from doorstroom.reference.service import indelingen
from doorstroom.taakstelling import repository
from doorstroom.taakstelling.models import TaakstellingRecord, VaststellingRecord
from doorstroom.taakstelling.toezicht import niet_vastgesteld
from doorstroom.taakstelling.vaststelling import (
    OPGESLAGEN,
    Verouderd,
    opgeslagen_achterstand,
    tekst,
    verouderd_na,
)
from doorstroom.values.domains import NAAM, TOELICHTING
from doorstroom.values.periode import Periode
from doorstroom.values.record import Record


def herbereken(
    engine: Engine, periode: Periode, reden: str | None = None, door: str | None = None
) -> tuple[int, list[Verouderd]]:
    """A new version of ``periode`` with today's stored carry-over; returns it and what is still stale."""
    reden = (
        tekst(reden, TOELICHTING, "reden") or f"herberekend: achterstand uit {periode.previous()} gewijzigd"
    )
    wie = tekst(door, NAAM, "door") or audit.current_actor()
    catalogus = indelingen(engine)

    def werk(session: Session) -> int:
        huidig = repository.huidige(session, periode)
        if huidig is None:
            raise niet_vastgesteld(periode)
        rows = repository.regels(session, huidig)
        if {r.gemeentecode for r in rows} != catalogus.indeling(periode.year).codes:
            raise InputError(
                Problem(
                    f"de gemeentelijke indeling van {periode} is gewijzigd: stel de taakstelling opnieuw "
                    "vast als herziening, met een reden",
                    field="periode",
                )
            )
        achterstand, overgenomen = opgeslagen_achterstand(session, periode, catalogus)
        record = _kopie(huidig, wie, reden)
        nieuw = [
            _met_achterstand(r, achterstand.get(r.gemeentecode, 0), overgenomen.get(r.gemeentecode, 0))
            for r in rows
        ]
        repository.bewaar_versie(session, record, nieuw)
        return record.versie

    versie = schrijf(engine, werk, herhaal_bij=(IntegrityError,))
    return versie, verouderd_na(engine, periode)


def _kopie(huidig: VaststellingRecord, door: str, reden: str) -> VaststellingRecord:
    return VaststellingRecord(
        periode=huidig.periode,
        versie=huidig.versie + 1,
        totaal=huidig.totaal,
        landelijk_bron=huidig.landelijk_bron,
        regel=huidig.regel,
        sleutel=huidig.sleutel,
        peiljaar=huidig.peiljaar,
        bevolking_bron=huidig.bevolking_bron,
        achterstand_bron=OPGESLAGEN,
        vastgesteld_op=nu(),
        door=door,
        reden=reden,
    )


def _met_achterstand(record: TaakstellingRecord, achterstand: int, overgenomen: int) -> TaakstellingRecord:
    return TaakstellingRecord(
        gemeentecode=record.gemeentecode,
        gemeentenaam=record.gemeentenaam,
        sleutelwaarde=record.sleutelwaarde,
        taakstelling=record.taakstelling,
        achterstand=achterstand,
        overgenomen=overgenomen,
    )


def geschiedenis(engine: Engine, periode: Periode | None = None) -> list[Record]:
    """Every version of ``periode`` (default: every period), with who, when, why and whether stale."""
    verouderd = {(v.periode, v.versie): v for v in verouderd_na(engine)}
    with transaction(engine, schrijven=False) as session:
        versies = repository.versies(session, periode)
        sommen = {v.id: sum(r.taakstelling for r in repository.regels(session, v)) for v in versies}
    laatste = {v.periode: v.versie for v in versies}
    return [
        {
            "periode": v.periode,
            "versie": v.versie,
            "huidig": laatste[v.periode] == v.versie,
            "vastgesteld_op": f"{v.vastgesteld_op:%Y-%m-%d %H:%M}",
            "door": v.door,
            "reden": v.reden or "",
            "landelijk": v.totaal,
            "som_taakstelling": sommen[v.id],
            "regel": v.regel,
            "bevolking_peildatum": f"{v.peiljaar}-01-01" if v.peiljaar else "",
            "sleutel": v.sleutel,
            "achterstand_uit": v.achterstand_bron,
            "verouderd": _verouderd_tekst(verouderd.get((Periode.parse(v.periode), v.versie))),
        }
        for v in versies
    ]


def _verouderd_tekst(verouderd: Verouderd | None) -> str:
    return "" if verouderd is None else f"{verouderd.waarom}; {verouderd.opdracht}"
