"""Recording and listing swaps agreed under Huisvestingswet 2014 art. 29(2).

An agreement is validated whole (changes sum to zero, at least two municipalities, every one in the
period's division, no number below zero once the period is fixed) and stored in one transaction;
recording one changes the carry-over into later periods, so those that are fixed are listed as out
of date with the command that recomputes them.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from doorstroom.platform import audit
from doorstroom.platform.clock import nu
from doorstroom.platform.db import schrijf, transaction
from doorstroom.platform.errors import InputError, Problem
from doorstroom.reference.core.lookup import find_gemeente
from doorstroom.reference.service import indelingen
from doorstroom.taakstelling import io, repository
from doorstroom.taakstelling.core.ruil import Ruil, onder_nul, per_gemeente, problemen
from doorstroom.taakstelling.models import RuilRecord
from doorstroom.taakstelling.vaststelling import Verouderd, tekst, verouderd_na
from doorstroom.values.domains import BRON, NAAM
from doorstroom.values.periode import Periode
from doorstroom.values.record import Record


def leg_ruil_vast(
    engine: Engine, periode: Periode, path: Path, kenmerk: str, door: str | None = None
) -> tuple[Ruil, list[Verouderd]]:
    """Validate an agreement file and record it for ``periode``; nothing is stored on any problem."""
    kenmerk_tekst = tekst(kenmerk, BRON, "kenmerk")
    if not kenmerk_tekst:
        raise InputError(Problem("geef het kenmerk of de datum van de afspraak", field="kenmerk"))
    wie = tekst(door, NAAM, "door") or audit.current_actor()
    bron = tekst(str(path), BRON, "bestand") or str(path)
    indeling = indelingen(engine).indeling(periode.year)
    regels = io.lees_ruil(path, indeling.namen())
    fouten = problemen(regels, indeling.namen())
    if fouten:
        raise InputError(
            [
                Problem(message, str(path), row, "wijziging" if row is None else "gemeentecode")
                for row, message in fouten
            ]
        )
    wijzigingen = {code: wijziging for _, code, wijziging in regels}

    def werk(session: Session) -> Ruil:
        _niet_onder_nul(session, periode, wijzigingen, indeling.namen())
        record = RuilRecord(
            periode=str(periode), kenmerk=kenmerk_tekst, bron=bron, door=wie, vastgelegd_op=nu()
        )
        ruil_id = repository.bewaar_ruil(session, record, wijzigingen)
        return Ruil(str(periode), kenmerk_tekst, wijzigingen, ruil_id, wie, record.vastgelegd_op)

    ruil = schrijf(engine, werk)
    return ruil, verouderd_na(engine, periode)


def _niet_onder_nul(
    session: Session, periode: Periode, wijzigingen: dict[str, int], namen: dict[str, str]
) -> None:
    huidig = repository.huidige(session, periode)
    if huidig is None:
        return
    taakstelling = {r.gemeentecode: r.taakstelling for r in repository.regels(session, huidig)}
    samen = per_gemeente([*repository.ruilen(session, periode), Ruil(str(periode), "", wijzigingen)])
    fouten = onder_nul(taakstelling, {c: samen[c] for c in wijzigingen}, namen)
    if fouten:
        raise InputError([Problem(message, field="wijziging") for message in fouten])


def ruilen(engine: Engine, periode: Periode | None = None, alleen: tuple[str, ...] = ()) -> list[Record]:
    """Every recorded swap (one row per municipality), optionally of one period or municipalities."""
    catalogus = indelingen(engine)
    with transaction(engine, schrijven=False) as session:
        lijst = repository.ruilen(session, periode)
    rows = [_rij(ruil, catalogus.indeling(Periode.parse(ruil.periode).year).namen(), code, wijziging)
            for ruil in lijst for code, wijziging in sorted(ruil.wijzigingen.items())]  # fmt: skip
    if alleen:
        gemeenten = catalogus.indeling(periode.year if periode else max(catalogus.jaargangen)).gemeenten
        codes = {find_gemeente(naam, gemeenten, field="gemeente").code for naam in alleen}
        rows = [row for row in rows if row["gemeentecode"] in codes]
    return rows


def _rij(ruil: Ruil, namen: dict[str, str], code: str, wijziging: int) -> Record:
    return {
        "periode": ruil.periode,
        "afspraak": ruil.id,
        "kenmerk": ruil.kenmerk,
        "gemeentecode": code,
        "gemeentenaam": namen.get(code, ""),
        "wijziging": wijziging,
        "vastgelegd_door": ruil.door,
        "vastgelegd_op": f"{ruil.vastgelegd_op:%Y-%m-%d %H:%M}" if ruil.vastgelegd_op else "",
    }
