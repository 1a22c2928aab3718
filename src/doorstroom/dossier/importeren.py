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

from doorstroom.accounts.domain import Gebruiker, Rol
from doorstroom.dossier import io, repository, weergave
from doorstroom.dossier.models import HuishoudenRecord, PersoonRecord
from doorstroom.dossier.namens import namens
from doorstroom.dossier.service import nieuw_id
from doorstroom.dossier.tijdlijn import Fase
from doorstroom.dossier.toegang import Bereik
from doorstroom.dossier.vastleggen import voeg_toe
from doorstroom.platform import audit
from doorstroom.platform.db import transaction
from doorstroom.platform.errors import InputError, PermissionDenied, Problem
from doorstroom.reference.service import gemeenten_in_gebruik


@dataclass(frozen=True)
class Importresultaat:
    """What an import changed; all zero when the same file is imported again."""

    rijen: int
    nieuwe_personen: int
    nieuwe_huishoudens: int
    nieuwe_gebeurtenissen: int


def _bekend(engine: Engine, gebruiker: Gebruiker) -> set[str]:
    """Codes a row may name: the list in use; a gemeente user only their own."""
    codes = {g.code for g in gemeenten_in_gebruik(engine)}
    return codes & {gebruiker.gemeentecode or ""} if gebruiker.rol is Rol.gemeente else codes


def _mag_importeren(scope: Bereik, gebruiker: Gebruiker) -> None:
    scope.eis_personen()
    if gebruiker.rol not in (Rol.gemeente, Rol.coa, Rol.systeem):
        raise PermissionDenied(f"rol {gebruiker.rol} mag niet importeren")


@namens
def importeer_koppellijst(engine: Engine, gebruiker: Gebruiker, path: Path) -> Importresultaat:
    """Create households, persons and koppeling events from a COA koppeling list."""
    scope = weergave.bereik_voor(engine, gebruiker)
    _mag_importeren(scope, gebruiker)
    regels = io.lees_koppellijst(path, _bekend(engine, gebruiker))
    with transaction(engine, schrijven=True) as session:
        huishoudens, nieuw_h = _huishoudens(session, regels)
        personen, nieuw_p, problems = _personen(session, scope, regels, huishoudens, str(path))
        if problems:
            raise InputError(problems)
        events = sum(_koppel(session, scope, personen[r.vnummer], r, gebruiker) for r in regels)
        resultaat = Importresultaat(len(regels), nieuw_p, nieuw_h, events)
        _audit(session, "koppellijst", path, resultaat, [p.id for p in personen.values()])
        return resultaat


def _huishoudens(session: Session, regels: list[io.Koppelregel]) -> tuple[dict[str, HuishoudenRecord], int]:
    bestaand = repository.met_referentie(session, {r.huishouden_ref for r in regels})
    nieuw = 0
    for regel in regels:
        if regel.huishouden_ref not in bestaand:
            record = HuishoudenRecord(
                id=nieuw_id(),
                referentie=regel.huishouden_ref,
                gemeentecode=regel.gemeentecode,
                aangemaakt_op=datetime.now(UTC),
            )
            session.add(record)
            bestaand[regel.huishouden_ref] = record
            nieuw += 1
    session.flush()
    return bestaand, nieuw


def _personen(
    session: Session,
    scope: Bereik,
    regels: list[io.Koppelregel],
    huishoudens: dict[str, HuishoudenRecord],
    file: str,
) -> tuple[dict[str, PersoonRecord], int, list[Problem]]:
    bestaand = repository.met_vnummer(session, {r.vnummer for r in regels})
    problems = [
        Problem("dit V-nummer hoort bij een dossier buiten uw bereik", file, r.rij, "vnummer")
        for r in regels
        if r.vnummer in bestaand and repository.persoon(session, scope, bestaand[r.vnummer].id) is None
    ]
    nieuw = 0
    for regel in regels:
        if regel.vnummer not in bestaand:
            record = PersoonRecord(
                id=nieuw_id(),
                geslachtsnaam=regel.geslachtsnaam,
                voornamen=regel.voornamen,
                geboortedatum=regel.geboortedatum,
                gemeentecode=regel.gemeentecode,
                vnummer=regel.vnummer,
                huishouden_id=huishoudens[regel.huishouden_ref].id,
                fase=Fase.nieuw.value,
                in_opvang=False,
                aangemaakt_op=datetime.now(UTC),
            )
            session.add(record)
            bestaand[regel.vnummer] = record
            nieuw += 1
    session.flush()
    return bestaand, nieuw, problems


def _koppel(
    session: Session, scope: Bereik, persoon: PersoonRecord, regel: io.Koppelregel, gebruiker: Gebruiker
) -> int:
    sleutel = f"import:koppeling:{regel.koppeldatum.isoformat()}:{regel.gemeentecode}"
    if repository.met_bron_sleutel(session, persoon.id, sleutel) is not None:
        return 0
    gegevens = {
        "gemeentecode": regel.gemeentecode,
        "bron": "import",
        "huishoudenReferentie": regel.huishouden_ref,
    }
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
    scope = weergave.bereik_voor(engine, gebruiker)
    _mag_importeren(scope, gebruiker)
    regels = io.lees_realisatielijst(path, _bekend(engine, gebruiker))
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
    per_vnummer = repository.met_vnummer(session, {r.vnummer for r in regels if r.vnummer})
    per_ref = repository.met_referentie(session, {r.huishouden_ref for r in regels if r.huishouden_ref})
    result, problems = [], []
    for regel in regels:
        if regel.vnummer:
            found = per_vnummer.get(regel.vnummer)
            personen = [found] if found and repository.persoon(session, scope, found.id) else []
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
    try:
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
    except InputError as error:
        raise InputError(
            [Problem(p.message, file, regel.rij, "huisvestingsdatum") for p in error.problems]
        ) from None
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
