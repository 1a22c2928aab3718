"""The regimes Doorstroom knows: the shipped files and the versions an operator added.

A regime is added from a file: validated whole (:func:`doorstroom.beleid.io.lees_bestand`), its
references checked, and — when it is law in force — combined with every regime in force over its
period, so a conflict is refused before anything is stored. It is then stored as a new version
with who (the acting user), when (now, in UTC) and why; the newest version of an id is the regime.
A version of a shipped regime (its status changed: a bill became law) replaces the shipped file
the same way, and the shipped file stays visible as version 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from doorstroom.beleid import io, repository
from doorstroom.beleid.core.combineren import combineer, geldend
from doorstroom.beleid.core.schema import Regime, Status
from doorstroom.beleid.models import RegimeVersieRecord
from doorstroom.platform import audit
from doorstroom.platform.db import schrijf, transaction
from doorstroom.platform.errors import Conflict, InputError, NotFound, Problem
from doorstroom.values.domains import TOELICHTING
from doorstroom.values.suggest import unknown_message

RACE = (IntegrityError,)
"""A concurrent operator stored the same (regime, version): run again on the fresh state."""
MEEGELEVERD = "meegeleverd met Doorstroom"


@dataclass(frozen=True)
class Versie:
    """One version of a regime: the shipped file (0, no one) or an added one (who, when, why)."""

    regime_id: str
    versie: int
    bestand: str
    door: str | None
    op: datetime | None
    reden: str


@dataclass(frozen=True)
class Opgeslagen:
    """A regime as Doorstroom uses it now: its newest version, and the text it was read from."""

    regime: Regime
    versie: Versie
    tekst: str


def _meegeleverd() -> dict[str, Opgeslagen]:
    return {
        regime.id: Opgeslagen(
            regime, Versie(regime.id, 0, f"{regime.id}.toml", None, None, MEEGELEVERD), tekst
        )
        for regime, tekst in io.meegeleverd()
    }


def _uit_record(record: RegimeVersieRecord) -> Opgeslagen:
    regime = io.lees_tekst(record.inhoud, f"{record.regime_id} versie {record.versie}")
    return Opgeslagen(regime, _versie(record), record.inhoud)


def _versie(record: RegimeVersieRecord) -> Versie:
    moment = record.toegevoegd_op if record.toegevoegd_op.tzinfo else record.toegevoegd_op.replace(tzinfo=UTC)
    return Versie(
        record.regime_id, record.versie, record.bestand, record.toegevoegd_door, moment, record.reden
    )


def alle(engine: Engine | None) -> list[Opgeslagen]:
    """Every regime in its newest version: the base first, then by status and id."""
    regimes = _meegeleverd()
    if engine is not None:
        with transaction(engine) as session:
            regimes |= {r.regime_id: _uit_record(r) for r in repository.laatste_versies(session)}
    volgorde = list(Status)
    return sorted(
        regimes.values(),
        key=lambda o: (o.regime.soort != "basis", volgorde.index(o.regime.status), o.regime.id),
    )


def zoek(regimes: list[Opgeslagen], regime_id: str, veld: str = "regime") -> Opgeslagen:
    """The regime called ``regime_id``; a NotFound naming the known ones, closest first."""
    for opgeslagen in regimes:
        if opgeslagen.regime.id == regime_id:
            return opgeslagen
    bekend = [o.regime.id for o in regimes]
    raise _onbekend(unknown_message("regime", regime_id, bekend), veld)


class OnbekendRegime(InputError, NotFound):
    """An unknown regime id: the user's input, and a record not found (404 in the web app)."""


def _onbekend(bericht: str, veld: str) -> OnbekendRegime:
    return OnbekendRegime(Problem(bericht, field=veld))


def versies(engine: Engine | None, regime_id: str) -> list[Versie]:
    """Every version of one regime, oldest first (the shipped file as version 0)."""
    gevonden = [_meegeleverd()[regime_id].versie] if regime_id in _meegeleverd() else []
    if engine is not None:
        with transaction(engine) as session:
            gevonden += [_versie(r) for r in repository.versies(session, regime_id)]
    if not gevonden:
        raise _onbekend(unknown_message("regime", regime_id, [o.regime.id for o in alle(engine)]), "regime")
    return gevonden


def voeg_toe(engine: Engine, pad: Path, reden: str) -> Opgeslagen:
    """Validate the regime in ``pad`` against the others, then store it as its id's next version."""
    if probleem := TOELICHTING.problem(reden) or ("" if reden.strip() else "geef een reden"):
        raise InputError(Problem(probleem, field="reden"))
    regime, tekst = io.lees_bestand(pad)
    anderen = [o.regime for o in alle(engine) if o.regime.id != regime.id]
    controleer(regime, anderen, pad.name)
    bestand = pad.name[:255]
    return schrijf(engine, lambda session: _bewaar(session, regime, tekst, bestand, reden), herhaal_bij=RACE)


def _bewaar(session: Session, regime: Regime, tekst: str, bestand: str, reden: str) -> Opgeslagen:
    record = RegimeVersieRecord(
        regime_id=regime.id,
        versie=repository.hoogste_versie(session, regime.id) + 1,
        inhoud=tekst,
        bestand=bestand,
        toegevoegd_op=datetime.now(UTC),
        toegevoegd_door=audit.current_actor(),
        reden=reden.strip(),
    )
    repository.voeg_versie_toe(session, record)
    return Opgeslagen(regime, _versie(record), tekst)


def controleer(regime: Regime, anderen: list[Regime], bestand: str) -> None:
    """Refuse a regime that names unknown regimes, or that conflicts with the regimes in force."""
    bekend = {r.id for r in anderen}
    problemen = [
        Problem(unknown_message("regime", verwijzing, sorted(bekend)), file=bestand, field=veld)
        for veld in ("vervangt", "sluit_uit")
        for verwijzing in getattr(regime, veld)
        if verwijzing not in bekend
    ]
    if problemen:
        raise InputError(problemen)
    basis = regime if regime.soort == "basis" else io.standaardbasis()
    combineer([regime], basis)
    for datum in _toetsdata(regime, anderen):
        try:
            combineer(geldend([*anderen, regime], datum), basis)
        except Conflict as fout:
            raise Conflict(
                f"{bestand}: botst op {datum:%d-%m-%Y} met de regimes in werking: {fout}"
            ) from None


def _toetsdata(regime: Regime, anderen: list[Regime]) -> list[date]:
    """The days on which the regimes in force change during ``regime``'s period (law in force only)."""
    if regime.status is not Status.in_werking or regime.begin is None:
        return []
    begin, eind = regime.begin, regime.eind or date.max
    data = {begin} | {
        r.begin for r in anderen if r.begin and r.status is Status.in_werking and begin < r.begin < eind
    }
    return sorted(data)
