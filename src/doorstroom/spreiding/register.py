"""Use cases of the locations register: import, list what was open on a day, show the history.

An import is validated whole (:func:`doorstroom.spreiding.io.lees_locaties`) before anything is
written, then written in one transaction: all or nothing. A row that changes nothing adds nothing;
a row that changes a location adds a version with who (the acting user), when (now, stored in UTC)
and why (the row's ``toelichting``, else the import's reason, else "import uit BESTAND"). Locations
absent from a file are left as they are: a file may cover one province only. Closing a location is
a new version with a closing date; nothing is deleted.

Two users importing at once: writes queue (:func:`doorstroom.platform.db.schrijf`), and the register's unique
(location, version) pair lets only one of them write a given version; the other's transaction fails
and is retried on the fresh state, so no change is lost and none is written twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from doorstroom.platform import audit
from doorstroom.platform.db import schrijf, transaction
from doorstroom.platform.errors import InputError, Problem
from doorstroom.reference.core.domain import Gemeente
from doorstroom.reference.core.lookup import find_gemeente, namen
from doorstroom.reference.service import gemeenten_in_gebruik
from doorstroom.spreiding import io, repository
from doorstroom.spreiding.core import opvang
from doorstroom.spreiding.core.domain import Locatie, LocatieVersie, Registratie
from doorstroom.spreiding.core.historie import beschrijf
from doorstroom.spreiding.core.opvang import Opvang
from doorstroom.spreiding.core.report import historie_record, locatie_record
from doorstroom.values.domains import TOELICHTING
from doorstroom.values.record import Record
from doorstroom.values.suggest import unknown_message

RACE = (IntegrityError,)
"""A concurrent writer took the same (location, version): run again on the fresh state."""


@dataclass(frozen=True)
class Importresultaat:
    """What an import did: new locations, changed ones (new versions), and rows that changed nothing."""

    nieuw: int
    gewijzigd: int
    ongewijzigd: int
    bron: str


@dataclass(frozen=True)
class Historieregel:
    """One version with its registration and a description of what it changed."""

    versie: LocatieVersie
    wijziging: str


def importeer(engine: Engine, path: Path, reden: str | None = None) -> Importresultaat:
    """Validate a locations file whole, then register every change in one transaction."""
    if reden is not None and (probleem := TOELICHTING.problem(reden)):
        raise InputError(Problem(probleem, field="reden"))
    regels = io.lees_locaties(path, gemeenten_in_gebruik(engine))
    bron = str(path)
    return schrijf(engine, lambda session: _registreer(session, regels, bron, reden), herhaal_bij=RACE)


def _registreer(
    session: Session, regels: Sequence[io.Invoerregel], bron: str, reden: str | None
) -> Importresultaat:
    moment, door = datetime.now(UTC), audit.current_actor()
    huidig = {v.locatie.id: v for v in repository.huidige(session)}
    nieuw: list[LocatieVersie] = []
    for regel in regels:
        oud = huidig.get(regel.locatie.id)
        if oud is not None and oud.locatie == regel.locatie:
            continue
        waarom = regel.toelichting or reden or f"import uit {bron}"
        versie = oud.versie + 1 if oud else 1
        nieuw.append(LocatieVersie(regel.locatie, versie, Registratie(moment, door, waarom, bron[:255])))
    repository.voeg_toe(session, nieuw)
    eerste = sum(1 for v in nieuw if v.versie == 1)
    return Importresultaat(eerste, len(nieuw) - eerste, len(regels) - len(nieuw), bron)


def huidige_locaties(engine: Engine) -> list[Locatie]:
    """The latest registered facts of every location."""
    with transaction(engine) as session:
        return [versie.locatie for versie in repository.huidige(session)]


def toon(
    engine: Engine,
    open_op: date | None = None,
    gemeente: str | None = None,
    provincie: str | None = None,
) -> list[LocatieVersie]:
    """Current versions, optionally only those open on a day, in a municipality or a province."""
    lijst = gemeenten_in_gebruik(engine)
    codes = _filter_codes(lijst, gemeente, provincie)
    with transaction(engine) as session:
        versies = repository.huidige(session)
    return [
        v
        for v in versies
        if (open_op is None or v.locatie.open_op(open_op))
        and (codes is None or v.locatie.gemeentecode in codes)
    ]


def _filter_codes(lijst: Sequence[Gemeente], gemeente: str | None, provincie: str | None) -> set[str] | None:
    if gemeente is not None:
        return {find_gemeente(gemeente, lijst, field="gemeente").code}
    if provincie is None:
        return None
    namen = sorted({g.provincie for g in lijst})
    gekozen = next((naam for naam in namen if naam.casefold() == provincie.strip().casefold()), None)
    if gekozen is None:
        raise InputError(Problem(unknown_message("provincie", provincie, namen), field="provincie"))
    return {g.code for g in lijst if g.provincie == gekozen}


def historie(engine: Engine, locatie_id: str | None = None) -> list[Historieregel]:
    """Every version (of one location), each with what it changed against the version before."""
    with transaction(engine) as session:
        versies = repository.versies(session, locatie_id)
        if locatie_id is not None and not versies:
            raise _onbekend(session, locatie_id)
    vorige: dict[str, Locatie] = {}
    regels = []
    for versie in versies:
        regels.append(Historieregel(versie, beschrijf(vorige.get(versie.locatie.id), versie.locatie)))
        vorige[versie.locatie.id] = versie.locatie
    return regels


def _onbekend(session: Session, locatie_id: str) -> InputError:
    bekend = repository.bekende_ids(session)
    tekst = unknown_message("locatie", locatie_id, bekend) if bekend else "het register is nog leeg"
    return InputError(Problem(tekst, field="locatie_id"))


def sluit(engine: Engine, locatie_id: str, datum: date, reden: str) -> LocatieVersie:
    """Register that a location closes after ``datum`` (its last open day): a new version, with why."""
    probleem = TOELICHTING.problem(reden) if reden.strip() else "geef een reden"
    if probleem:
        raise InputError(Problem(probleem, field="reden"))
    waarom = reden.strip()
    return schrijf(engine, lambda session: _sluit(session, locatie_id, datum, waarom), herhaal_bij=RACE)


def _sluit(session: Session, locatie_id: str, datum: date, reden: str) -> LocatieVersie:
    huidig = repository.huidige(session, [locatie_id])
    if not huidig:
        raise _onbekend(session, locatie_id)
    oud = huidig[0]
    if datum < oud.locatie.opening:
        raise InputError(Problem(f"sluiting {datum} ligt voor opening {oud.locatie.opening}", field="datum"))
    if oud.locatie.sluiting == datum:
        return oud
    registratie = Registratie(datetime.now(UTC), audit.current_actor(), reden, "handmatig")
    nieuw = LocatieVersie(replace(oud.locatie, sluiting=datum), oud.versie + 1, registratie)
    repository.voeg_toe(session, [nieuw])
    return nieuw


def locatielijst(
    engine: Engine, open_op: date | None = None, gemeente: str | None = None, provincie: str | None = None
) -> list[Record]:
    """:func:`toon` as rows, with municipality names (one call for the CLI, the API and the web)."""
    bekend = namen(gemeenten_in_gebruik(engine))
    return [locatie_record(versie, bekend) for versie in toon(engine, open_op, gemeente, provincie)]


def historielijst(engine: Engine, locatie_id: str | None = None) -> list[Record]:
    """:func:`historie` as rows."""
    bekend = namen(gemeenten_in_gebruik(engine))
    return [historie_record(regel.versie, regel.wijziging, bekend) for regel in historie(engine, locatie_id)]


def opvang_per_provincie(engine: Engine, peildatum: date) -> dict[str, Opvang]:
    """Reception per province on ``peildatum`` from the register (for the prognose and koppeling)."""
    return opvang.opvang_per_provincie(huidige_locaties(engine), gemeenten_in_gebruik(engine), peildatum)
