"""Imports into the case file: validated whole, all or nothing, idempotent, scoped per row.

Idempotent: every event an import creates carries a key (``bron_sleutel``) made of the file's facts
(kind, date, municipality), so importing the same file again finds every key present and changes
nothing. Persons are matched by V-number and households by COA reference; an import never
overwrites a person's data that a case worker may have corrected since.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from doorstroom.accounts import toegang
from doorstroom.accounts.domain import Gebruiker
from doorstroom.accounts.namens import namens
from doorstroom.accounts.service import bereik_voor
from doorstroom.accounts.toegang import Bereik, Handeling
from doorstroom.dossier import identiteit, io, repository
from doorstroom.dossier.models import HuishoudenRecord, PersoonRecord, nieuw_id
from doorstroom.dossier.tijdlijn import Fase
from doorstroom.dossier.vastleggen import voeg_toe
from doorstroom.files.rijfouten import op_rij
from doorstroom.platform import audit
from doorstroom.platform.db import transaction
from doorstroom.platform.errors import InputError, Problem
from doorstroom.reference.service import gemeenten_in_gebruik


@dataclass(frozen=True)
class Importresultaat:
    """What an import changed; all zero when the same file is imported again."""

    rijen: int
    nieuwe_personen: int
    nieuwe_huishoudens: int
    nieuwe_gebeurtenissen: int


def _bekend(engine: Engine, scope: Bereik) -> dict[str, str]:
    """Municipalities (code → name) a row may name: the list in use, within the importer's scope (a
    gemeente: its own); with their names, because a row may name one by name."""
    gemeenten = gemeenten_in_gebruik(engine)
    return {g.code: g.naam for g in gemeenten if scope.gemeentecodes is None or g.code in scope.gemeentecodes}


def _mag_importeren(engine: Engine, gebruiker: Gebruiker) -> Bereik:
    toegang.eis(gebruiker, Handeling.dossier_importeren)
    scope = bereik_voor(engine, gebruiker)
    scope.eis_personen()
    return scope


@namens
def importeer_koppellijst(engine: Engine, gebruiker: Gebruiker, path: Path) -> Importresultaat:
    """Create households, persons and koppeling events from a COA koppeling list.

    Every household of the list must be new or within the importer's scope, and is linked to one
    municipality; a V-number follows the identity rule (:mod:`doorstroom.dossier.identiteit`).
    """
    scope = _mag_importeren(engine, gebruiker)
    regels = io.lees_koppellijst(path, _bekend(engine, scope))
    with transaction(engine, schrijven=True) as session:
        huishoudens, nieuw_h = _huishoudens(session, scope, regels, str(path))
        personen, nieuw_p = _personen(session, scope, regels, huishoudens, gebruiker.actor)
        events = sum(_koppel(session, scope, personen[r.vnummer], r, gebruiker, str(path)) for r in regels)
        resultaat = Importresultaat(len(regels), nieuw_p, nieuw_h, events)
        _audit(session, "koppellijst", path, resultaat, [p.id for p in personen.values()])
        return resultaat


def _huishoudens(
    session: Session, scope: Bereik, regels: list[io.Koppelregel], file: str
) -> tuple[dict[str, HuishoudenRecord], int]:
    """The list's households: existing ones within scope, new ones created; one outside scope is refused."""
    bestaand = repository.met_referentie(session, {r.huishouden_ref for r in regels})
    problems = [
        Problem("dit huishouden valt buiten uw bereik; vraag COA om de juiste koppellijst", file, r.rij,
                "huishouden_ref")
        for r in _eerste_per_huishouden(regels)
        if r.huishouden_ref in bestaand
        and repository.huishouden(session, scope, bestaand[r.huishouden_ref].id) is None
    ]  # fmt: skip
    if problems:
        raise InputError(problems)
    nieuw = 0
    for regel in _eerste_per_huishouden(regels):
        record = bestaand.get(regel.huishouden_ref)
        if record is None:
            record = HuishoudenRecord(
                id=nieuw_id(), referentie=regel.huishouden_ref, aangemaakt_op=datetime.now(UTC)
            )
            session.add(record)
            bestaand[regel.huishouden_ref] = record
            nieuw += 1
        record.gemeentecode = regel.gemeentecode
    session.flush()
    return bestaand, nieuw


def _eerste_per_huishouden(regels: list[io.Koppelregel]) -> list[io.Koppelregel]:
    """The first row of each household, in file order."""
    eerste: dict[str, io.Koppelregel] = {}
    for regel in regels:
        eerste.setdefault(regel.huishouden_ref, regel)
    return list(eerste.values())


def _personen(
    session: Session,
    scope: Bereik,
    regels: list[io.Koppelregel],
    huishoudens: dict[str, HuishoudenRecord],
    door: str,
) -> tuple[dict[str, PersoonRecord], int]:
    """Each row's person: the file within scope with its V-number, or a new file (identity rule)."""
    personen: dict[str, PersoonRecord] = {}
    nieuw = 0
    for regel in regels:
        if regel.vnummer in personen:
            continue
        gevonden = repository.binnen_bereik_met_nummer(session, scope, "vnummer", regel.vnummer, behalve=None)
        if gevonden is None:
            gevonden = _nieuw_persoon(session, scope, regel, huishoudens[regel.huishouden_ref])
            identiteit.wijs_toe(session, scope, gevonden, "vnummer", regel.vnummer, door)
            nieuw += 1
        personen[regel.vnummer] = gevonden
    session.flush()
    return personen, nieuw


def _nieuw_persoon(
    session: Session, scope: Bereik, regel: io.Koppelregel, huishouden: HuishoudenRecord
) -> PersoonRecord:
    """A file for a row's new person, opened in the importer's municipality (COA: none yet)."""
    record = PersoonRecord(
        id=nieuw_id(),
        geslachtsnaam=regel.geslachtsnaam,
        voornamen=regel.voornamen,
        geboortedatum=regel.geboortedatum,
        gemeentecode=regel.gemeentecode,
        geopend_in=scope.eigen_gemeente(),
        huishouden_id=huishouden.id,
        fase=Fase.nieuw.value,
        in_opvang=False,
        aangemaakt_op=datetime.now(UTC),
    )
    session.add(record)
    session.flush()
    return record


def _koppel(
    session: Session,
    scope: Bereik,
    persoon: PersoonRecord,
    regel: io.Koppelregel,
    gebruiker: Gebruiker,
    file: str,
) -> int:
    sleutel = f"import:koppeling:{regel.koppeldatum.isoformat()}:{regel.gemeentecode}"
    if repository.met_bron_sleutel(session, persoon.id, sleutel) is not None:
        return 0
    gegevens = {
        "gemeentecode": regel.gemeentecode,
        "bron": "import",
        "huishoudenReferentie": regel.huishouden_ref,
    }
    with op_rij(file, regel.rij, "koppeldatum"):
        voeg_toe(
            session,
            scope,
            persoon,
            "koppeling",
            regel.koppeldatum,
            gegevens,
            bron="import",
            door=gebruiker.actor,
            bron_sleutel=sleutel,
        )
    return 1


@namens
def importeer_realisatielijst(engine: Engine, gebruiker: Gebruiker, path: Path) -> Importresultaat:
    """Record move-ins (``huisvesting``) from a municipality's realisation list."""
    scope = _mag_importeren(engine, gebruiker)
    regels = io.lees_realisatielijst(path, _bekend(engine, scope))
    with transaction(engine, schrijven=True) as session:
        per_regel, problems = _bewoners(session, scope, regels, str(path))
        if problems:
            raise InputError(problems)
        events = 0
        for regel, personen in per_regel:
            for persoon in personen:
                events += _verhuis(session, scope, persoon, regel, gebruiker, str(path))
        geraakt = sorted({p.id for _, personen in per_regel for p in personen})
        resultaat = Importresultaat(len(regels), 0, 0, events)
        _audit(session, "realisatielijst", path, resultaat, geraakt)
        return resultaat


def _bewoners(
    session: Session, scope: Bereik, regels: list[io.Realisatieregel], file: str
) -> tuple[list[tuple[io.Realisatieregel, list[PersoonRecord]]], list[Problem]]:
    per_ref = repository.met_referentie(session, {r.huishouden_ref for r in regels if r.huishouden_ref})
    result, problems = [], []
    for regel in regels:
        if regel.vnummer:
            found = repository.binnen_bereik_met_nummer(
                session, scope, "vnummer", regel.vnummer, behalve=None
            )
            personen = [found] if found else []
            veld = "vnummer"
        else:
            household = per_ref.get(regel.huishouden_ref or "")
            personen = repository.leden(session, scope, household.id) if household else []
            veld = "huishouden_ref"
        if not personen:
            problems.append(Problem("geen dossier binnen uw bereik gevonden", file, regel.rij, veld))
        result.append((regel, personen))
    return result, problems


def _verhuis(
    session: Session,
    scope: Bereik,
    persoon: PersoonRecord,
    regel: io.Realisatieregel,
    gebruiker: Gebruiker,
    file: str,
) -> int:
    sleutel = f"import:huisvesting:{regel.huisvestingsdatum.isoformat()}:{regel.gemeentecode}"
    if repository.met_bron_sleutel(session, persoon.id, sleutel) is not None:
        return 0
    with op_rij(file, regel.rij, "huisvestingsdatum"):
        voeg_toe(
            session,
            scope,
            persoon,
            "huisvesting",
            regel.huisvestingsdatum,
            {"gemeentecode": regel.gemeentecode},
            bron="import",
            door=gebruiker.actor,
            bron_sleutel=sleutel,
        )
    return 1


def _audit(session: Session, soort: str, path: Path, resultaat: Importresultaat, ids: list[str]) -> None:
    audit.record(
        session,
        "write",
        f"import_{soort}",
        path.name,
        resultaat.nieuwe_gebeurtenissen + resultaat.nieuwe_personen,
        velden=["geslachtsnaam", "voornamen", "geboortedatum", "vnummer", "gemeentecode"],
        objecten=ids,
    )
