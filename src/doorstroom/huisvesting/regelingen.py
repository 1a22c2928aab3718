"""The money table in use, its versions, and the operator's update from a file.

Version 0 is the table shipped with the package
(:func:`~doorstroom.huisvesting.tabellen.ingebouwde_regelingen`).
The operator replaces the whole table from a file in the same layout: validated whole, stored in one
transaction as the next version with who, when, why and the file's name (all or nothing; history,
not state). A file equal to the table in use adds no version. Every plan names the version its money
rests on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from doorstroom.accounts.domain import Gebruiker
from doorstroom.accounts.namens import namens
from doorstroom.huisvesting import bereik, repository, tabellen
from doorstroom.huisvesting.core.geld import Regeling
from doorstroom.huisvesting.models import RegelingversieRecord
from doorstroom.platform import audit
from doorstroom.platform.clock import lokale_tijd
from doorstroom.platform.db import schrijf, transaction
from doorstroom.platform.errors import InputError, Problem
from doorstroom.values.domains import TOELICHTING


@dataclass(frozen=True)
class Regelingtabel:
    """A version of the money table: its number (0: embedded), when, by whom, why, from which file."""

    versie: int
    vastgesteld_op: str
    door: str
    reden: str
    bron: str
    regelingen: tuple[Regeling, ...]

    @property
    def omschrijving(self) -> str:
        """The version as a plan names it."""
        if self.versie == 0:
            return f"versie 0: {tabellen.INGEBOUWD}"
        return f"versie {self.versie} van {self.vastgesteld_op[:10]} ({self.bron})"


def ingebouwd() -> Regelingtabel:
    """Version 0: the table shipped with the package."""
    return Regelingtabel(
        0,
        "",
        "Doorstroom",
        tabellen.INGEBOUWD,
        "huisvesting/data/regelingen.csv",
        tabellen.ingebouwde_regelingen(),
    )


def _tabel(session: Session, versie: RegelingversieRecord) -> Regelingtabel:
    return Regelingtabel(
        int(versie.id),
        lokale_tijd(versie.vastgesteld_op),
        versie.vastgesteld_door,
        versie.reden,
        versie.bron,
        tuple(repository.regelingen(session, versie.id)),
    )


def in_gebruik(engine: Engine) -> Regelingtabel:
    """The money table in use: the latest stored version, else the embedded one."""
    with transaction(engine) as session:
        versie = repository.laatste_regelingversie(session)
        return ingebouwd() if versie is None else _tabel(session, versie)


@namens
def huidige_regelingen(engine: Engine, gebruiker: Gebruiker) -> Regelingtabel:
    """The money table in use, for anyone who may read housing plans."""
    bereik.lezer_overal(gebruiker)
    return in_gebruik(engine)


@namens
def versies(engine: Engine, gebruiker: Gebruiker) -> list[Regelingtabel]:
    """Every version of the money table, the embedded one first."""
    bereik.lezer_overal(gebruiker)
    with transaction(engine) as session:
        opgeslagen = [_tabel(session, versie) for versie, _ in repository.regelingversies(session)]
    return [ingebouwd(), *opgeslagen]


@namens
def werk_bij(engine: Engine, gebruiker: Gebruiker, path: Path, reden: str) -> tuple[Regelingtabel, bool]:
    """Replace the money table from ``path`` (validated whole): the table in use, and whether it changed."""
    bereik.operator(gebruiker)
    waarom = reden.strip()
    if not waarom:
        raise InputError(Problem("geef een reden (komt in de historie)", field="reden"))
    if probleem := TOELICHTING.problem(waarom):
        raise InputError(Problem(probleem, field="reden"))
    nieuw = tabellen.lees_regelingen(path)

    def werk(session: Session) -> tuple[Regelingtabel, bool]:
        laatste = repository.laatste_regelingversie(session)
        huidig = ingebouwd() if laatste is None else _tabel(session, laatste)
        if list(huidig.regelingen) == nieuw:
            return huidig, False
        record = RegelingversieRecord(
            vastgesteld_op=datetime.now(UTC),
            vastgesteld_door=audit.current_actor()[:100],
            reden=waarom,
            bron=Path(path).name[:255],
        )
        repository.bewaar_regelingen(session, record, nieuw)
        audit.record(session, "write", "huisvesting_regelingen", f"versie {record.id}", len(nieuw))
        return _tabel(session, record), True

    return schrijf(engine, werk)
