"""Use cases of the supply register: import a municipality's sheet, record one line, list, history.

An import is validated whole (:func:`doorstroom.huisvesting.io.lees_aanbod`) before anything is
written, then written in one transaction: all or nothing. A row that changes nothing adds nothing; a
row that changes a line adds a version with who (the acting user), when (now, stored in UTC) and why
(the row's ``toelichting``, else the import's reason, else "import uit BESTAND"). A row without a
source keeps the line's source (a new line gets the file's name), so re-importing a sheet under
another name changes nothing. Lines absent from a
file are left as they are; a line is withdrawn with status *vervallen*, a version like any other, so
the register keeps what was planned and when it changed (history, not state).

Two users writing at once: writes queue (:func:`doorstroom.platform.db.schrijf`), and the unique
(municipality, reference, version) lets only one write a given version; the other runs again on the
fresh state, so no change is lost and none is written twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from doorstroom.accounts.domain import Gebruiker
from doorstroom.accounts.namens import namens
from doorstroom.huisvesting import bereik, io, repository
from doorstroom.huisvesting.core.aanbod import Eenheid, EenheidVersie, Registratie
from doorstroom.huisvesting.core.historie import beschrijf
from doorstroom.platform import audit
from doorstroom.platform.db import schrijf, transaction
from doorstroom.platform.errors import InputError, NotFound, Problem
from doorstroom.values.domains import TOELICHTING

RACE = (IntegrityError,)
"""A concurrent writer took the same (municipality, reference, version): run again on the fresh state."""


@dataclass(frozen=True)
class Importresultaat:
    """What an import did: new lines, changed ones (new versions), and rows that changed nothing."""

    gemeentecode: str
    nieuw: int
    gewijzigd: int
    ongewijzigd: int
    bron: str


@dataclass(frozen=True)
class Historieregel:
    """One version with its registration and a description of what it changed."""

    versie: EenheidVersie
    wijziging: str


def _reden(reden: str | None, veld: str, verplicht: bool = False) -> str | None:
    if reden is None or not reden.strip():
        if verplicht:
            raise InputError(Problem("geef een reden (komt in de historie)", field=veld))
        return None
    if probleem := TOELICHTING.problem(reden.strip()):
        raise InputError(Problem(probleem, field=veld))
    return reden.strip()


@namens
def importeer(
    engine: Engine, gebruiker: Gebruiker, gemeente: str, path: Path, reden: str | None = None
) -> Importresultaat:
    """Validate a municipality's supply sheet whole, then register every change in one transaction."""
    code = bereik.gemeente(engine, gemeente).code
    bereik.beheerder(engine, gebruiker, code)
    waarom = _reden(reden, "reden")
    regels = io.lees_aanbod(path, code)
    bron = Path(path).name[:255]

    def werk(session: Session) -> Importresultaat:
        wijzigingen = [(r.eenheid, r.toelichting or waarom or f"import uit {bron}") for r in regels]
        nieuw = _registreer(session, code, wijzigingen, bron)
        eerste = sum(1 for v in nieuw if v.versie == 1)
        return Importresultaat(code, eerste, len(nieuw) - eerste, len(regels) - len(nieuw), bron)

    return schrijf(engine, werk, herhaal_bij=RACE)


def _registreer(
    session: Session, code: str, wijzigingen: Sequence[tuple[Eenheid, str]], bron: str
) -> list[EenheidVersie]:
    moment, door = datetime.now(UTC), audit.current_actor()
    huidig = {v.eenheid.kenmerk: v for v in repository.huidige(session, [code])}
    nieuw = []
    for gelezen, waarom in wijzigingen:
        oud = huidig.get(gelezen.kenmerk)
        eenheid = gelezen if gelezen.bron else replace(gelezen, bron=oud.eenheid.bron if oud else bron)
        if oud is not None and oud.eenheid == eenheid:
            continue
        versie = oud.versie + 1 if oud else 1
        nieuw.append(EenheidVersie(eenheid, versie, Registratie(moment, door, waarom, bron)))
    repository.voeg_toe(session, nieuw)
    if nieuw:
        audit.record(
            session,
            "write",
            "huisvesting_aanbod",
            code,
            len(nieuw),
            objecten=[v.eenheid.kenmerk for v in nieuw],
        )
    return nieuw


@namens
def leg_vast(engine: Engine, gebruiker: Gebruiker, eenheid: Eenheid, reden: str) -> EenheidVersie | None:
    """Record one line entered by hand (the web form): a new version, with why; None when unchanged."""
    bereik.beheerder(engine, gebruiker, eenheid.gemeentecode)
    waarom = _reden(reden, "reden", verplicht=True)
    io.samenhang(eenheid, lambda veld, tekst: InputError(Problem(tekst, field=veld)))
    nieuw = schrijf(
        engine,
        lambda session: _registreer(session, eenheid.gemeentecode, [(eenheid, str(waarom))], "web"),
        herhaal_bij=RACE,
    )
    return nieuw[0] if nieuw else None


@namens
def aanbod(engine: Engine, gebruiker: Gebruiker, gemeente: str) -> list[EenheidVersie]:
    """The latest version of every line of a municipality's supply (withdrawn ones included)."""
    code = bereik.gemeente(engine, gemeente).code
    bereik.lezer(engine, gebruiker, code)
    with transaction(engine) as session:
        return repository.huidige(session, [code])


@namens
def historie(
    engine: Engine, gebruiker: Gebruiker, gemeente: str, kenmerk: str | None = None
) -> list[Historieregel]:
    """Every version of a municipality's lines (or of one), each with what it changed."""
    code = bereik.gemeente(engine, gemeente).code
    bereik.lezer(engine, gebruiker, code)
    with transaction(engine) as session:
        versies = repository.versies(session, code, kenmerk)
    if kenmerk is not None and not versies:
        raise NotFound(f"het aanbod van {code} heeft geen regel met kenmerk {kenmerk}")
    vorige: dict[str, Eenheid] = {}
    regels = []
    for versie in versies:
        regels.append(Historieregel(versie, beschrijf(vorige.get(versie.eenheid.kenmerk), versie.eenheid)))
        vorige[versie.eenheid.kenmerk] = versie.eenheid
    return regels
