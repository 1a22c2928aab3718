"""Use cases on persons and households, for the API, the web app and the command line.

Every function takes the acting :class:`~doorstroom.accounts.domain.Gebruiker` first: the scope is
derived from it and applied in the query (:mod:`doorstroom.dossier.repository`), and every read or
write of personal data writes an audit line naming the records and fields, in the same transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from doorstroom.accounts.domain import Gebruiker, Rol
from doorstroom.dossier import repository, weergave
from doorstroom.dossier.bsn import bsn_probleem
from doorstroom.dossier.invoer import IDENTITEIT, NieuwePersoon, NieuwHuishouden, PersoonWijziging
from doorstroom.dossier.models import CorrectieRecord, HuishoudenRecord, PersoonRecord
from doorstroom.dossier.namens import namens
from doorstroom.dossier.tijdlijn import Fase
from doorstroom.dossier.toegang import Bereik
from doorstroom.platform import audit
from doorstroom.platform.db import transaction
from doorstroom.platform.errors import Conflict, InputError, NotFound, PermissionDenied, Problem, Verouderd
from doorstroom.platform.paging import Pagina, Volgorde
from doorstroom.reference.service import gemeenten_in_gebruik
from doorstroom.values.suggest import unknown_message

Record = weergave.Record
VERPLICHT = frozenset({"geslachtsnaam", "geboortedatum"})


def nieuw_id() -> str:
    """A random, meaningless identifier (pseudonymous)."""
    return str(uuid.uuid4())


def controleer_gemeente(engine: Engine, code: str | None, veld: str = "gemeentecode") -> None:
    """A municipality code must be in the list in use; the error suggests the closest codes."""
    if code is None:
        return
    codes = {g.code for g in gemeenten_in_gebruik(engine)}
    if code not in codes:
        raise InputError(Problem(unknown_message("gemeentecode", code, codes), field=veld))


def _eigen_gemeente(scope: Bereik, code: str | None, gebruiker: Gebruiker) -> str | None:
    """Gemeente users work in their own municipality: default to it, refuse any other."""
    if gebruiker.rol is not Rol.gemeente:
        return code
    if code is not None and code != gebruiker.gemeentecode:
        raise InputError(
            Problem("u kunt alleen personen van uw eigen gemeente vastleggen", field="gemeentecode")
        )
    return gebruiker.gemeentecode


def _identificatie(scope: Bereik, bsn: str | None, vnummer: str | None) -> None:
    if bsn is not None and not scope.bsn:
        raise PermissionDenied(f"rol {scope.rol} mag geen BSN vastleggen")
    if vnummer is not None and not scope.vnummer:
        raise PermissionDenied(f"rol {scope.rol} mag geen V-nummer vastleggen")


@namens
def maak_persoon(engine: Engine, gebruiker: Gebruiker, invoer: NieuwePersoon) -> Record:
    """Open a file for a person; a COA user's new person starts in reception (event 'registratie')."""
    scope = weergave.bereik_voor(engine, gebruiker)
    scope.eis_personen()
    _identificatie(scope, invoer.bsn, invoer.vnummer)
    code = _eigen_gemeente(scope, invoer.gemeentecode, gebruiker)
    if code is None and gebruiker.rol is not Rol.coa:
        raise InputError(Problem("gemeentecode ontbreekt", field="gemeentecode"))
    controleer_gemeente(engine, code)
    with transaction(engine, schrijven=True) as session:
        _uniek(session, invoer.bsn, invoer.vnummer, None)
        record = PersoonRecord(
            id=nieuw_id(),
            geslachtsnaam=invoer.geslachtsnaam,
            voornamen=invoer.voornamen,
            geboortedatum=invoer.geboortedatum,
            gemeentecode=code,
            vnummer=invoer.vnummer,
            bsn=invoer.bsn,
            casemanager=invoer.casemanager,
            fase=Fase.nieuw.value,
            in_opvang=False,
            aangemaakt_op=datetime.now(UTC),
        )
        _koppel_huishouden(session, scope, record, invoer.huishouden_id)
        session.add(record)
        session.flush()
        if gebruiker.rol is Rol.coa:
            from doorstroom.dossier.vastleggen import registreer_in_opvang

            registreer_in_opvang(session, record, gebruiker)
        data = weergave.persoon(record, scope)
        audit.record(
            session, "write", "persoon", record.id, velden=invoer.model_fields_set, objecten=[record.id]
        )
        return data


def _uniek(session: Session, bsn: str | None, vnummer: str | None, behalve: str | None) -> None:
    if repository.bestaat_identificatie(session, bsn=bsn, vnummer=vnummer, behalve=behalve):
        raise Conflict("er bestaat al een dossier met dit BSN of V-nummer; vraag de overdracht aan")


def _koppel_huishouden(
    session: Session, scope: Bereik, record: PersoonRecord, huishouden_id: str | None
) -> None:
    if huishouden_id is None:
        record.huishouden_id = None
        return
    if repository.huishouden(session, scope, huishouden_id) is None:
        raise InputError(Problem(f"huishouden {huishouden_id} bestaat niet", field="huishoudenId"))
    record.huishouden_id = huishouden_id


@namens
def persoon(engine: Engine, gebruiker: Gebruiker, persoon_id: str) -> Record:
    """One person within the caller's scope (NotFound otherwise)."""
    scope = weergave.bereik_voor(engine, gebruiker)
    with transaction(engine, schrijven=True) as session:
        record = repository.persoon(session, scope, persoon_id)
        if record is None:
            raise NotFound(f"persoon {persoon_id} bestaat niet")
        data = weergave.persoon(record, scope)
        audit.record(session, "read", "persoon", record.id, velden=data, objecten=[record.id])
        return data


@namens
def personen(
    engine: Engine, gebruiker: Gebruiker, filters: Mapping[str, object], volgorde: Volgorde, pagina: Pagina
) -> tuple[list[Record], int]:
    """A page of the persons within scope, and how many there are in all."""
    scope = weergave.bereik_voor(engine, gebruiker)
    with transaction(engine, schrijven=True) as session:
        records, totaal = repository.personen(session, scope, filters, volgorde, pagina)
        data = [weergave.persoon(r, scope) for r in records]
        _audit_lijst(session, "persoon", data, pagina)
        return data, totaal


def _audit_lijst(session: Session, soort: str, data: list[Record], pagina: Pagina) -> None:
    if not data:
        return
    audit.record(
        session,
        "read",
        soort,
        f"lijst pagina {pagina.nummer}",
        len(data),
        velden=data[0],
        objecten=[str(r["id"]) for r in data],
    )


@namens
def zoek(engine: Engine, gebruiker: Gebruiker, *, bsn: str | None, vnummer: str | None) -> list[Record]:
    """Persons within scope by BSN or V-number (sent in a request body, never in a URL)."""
    scope = weergave.bereik_voor(engine, gebruiker)
    scope.eis_personen()
    if bsn is None and vnummer is None:
        raise InputError(Problem("geef een BSN of een V-nummer", field="bsn"))
    if bsn is not None and (probleem := bsn_probleem(bsn)):  # the one BSN rule, for every door
        raise InputError(Problem(probleem, field="bsn"))
    with transaction(engine, schrijven=True) as session:
        data = [weergave.persoon(r, scope) for r in repository.zoek(session, scope, bsn=bsn, vnummer=vnummer)]
        _audit_lijst(session, "persoon", data, Pagina())
        return data


@namens
def wijzig_persoon(
    engine: Engine, gebruiker: Gebruiker, persoon_id: str, versie: int | None, wijziging: PersoonWijziging
) -> Record:
    """Change a person's data if ``versie`` is still current (None: any, If-Match *); else Verouderd."""
    scope = weergave.bereik_voor(engine, gebruiker)
    velden = set(wijziging.model_fields_set) - {"toelichting"}
    _identificatie(
        scope, wijziging.bsn if "bsn" in velden else None, wijziging.vnummer if "vnummer" in velden else None
    )
    leeg = sorted(v for v in velden & VERPLICHT if getattr(wijziging, v) is None)
    if leeg:
        raise InputError([Problem("mag niet leeg zijn", field=v) for v in leeg])
    if velden & IDENTITEIT and not wijziging.toelichting:
        raise InputError(
            Problem("een correctie van persoonsgegevens vraagt een toelichting", field="toelichting")
        )
    try:
        with transaction(engine, schrijven=True) as session:
            return _wijzig(session, scope, gebruiker, persoon_id, versie, wijziging, velden)
    except StaleDataError:
        raise Verouderd(f"persoon {persoon_id} is intussen gewijzigd; haal de nieuwe versie op") from None


def _wijzig(
    session: Session,
    scope: Bereik,
    gebruiker: Gebruiker,
    persoon_id: str,
    versie: int | None,
    wijziging: PersoonWijziging,
    velden: set[str],
) -> Record:
    record = repository.persoon(session, scope, persoon_id, voor_wijziging=True)
    if record is None:
        raise NotFound(f"persoon {persoon_id} bestaat niet")
    if versie is not None and record.versie != versie:
        raise Verouderd(f"persoon {persoon_id} heeft versie {record.versie}, niet {versie}")
    if velden & {"bsn", "vnummer"}:
        _uniek(session, wijziging.bsn, wijziging.vnummer, persoon_id)
    for veld in sorted(velden - {"huishouden_id"}):
        setattr(record, veld, getattr(wijziging, veld))
    if "huishouden_id" in velden:
        _koppel_huishouden(session, scope, record, wijziging.huishouden_id)
    if velden & IDENTITEIT:
        session.add(
            CorrectieRecord(
                persoon_id=persoon_id,
                velden=",".join(sorted(velden & IDENTITEIT)),
                toelichting=wijziging.toelichting or "",
                moment=datetime.now(UTC),
                door=gebruiker.actor,
            )
        )
    session.flush()
    audit.record(session, "write", "persoon", persoon_id, velden=velden, objecten=[persoon_id])
    return weergave.persoon(record, scope)


@namens
def maak_huishouden(engine: Engine, gebruiker: Gebruiker, invoer: NieuwHuishouden) -> Record:
    """Register a household (by COA reference, when known)."""
    scope = weergave.bereik_voor(engine, gebruiker)
    scope.eis_personen()
    code = _eigen_gemeente(scope, invoer.gemeentecode, gebruiker)
    controleer_gemeente(engine, code)
    with transaction(engine, schrijven=True) as session:
        if invoer.referentie and repository.met_referentie(session, [invoer.referentie]):
            raise Conflict("er bestaat al een huishouden met deze referentie")
        record = HuishoudenRecord(
            id=nieuw_id(), referentie=invoer.referentie, gemeentecode=code, aangemaakt_op=datetime.now(UTC)
        )
        session.add(record)
        session.flush()
        audit.record(
            session, "write", "huishouden", record.id, velden=invoer.model_fields_set, objecten=[record.id]
        )
        return weergave.huishouden(record, [])


@namens
def huishouden(engine: Engine, gebruiker: Gebruiker, huishouden_id: str) -> Record:
    """One household within scope, with its members within scope."""
    scope = weergave.bereik_voor(engine, gebruiker)
    with transaction(engine, schrijven=True) as session:
        record = repository.huishouden(session, scope, huishouden_id)
        if record is None:
            raise NotFound(f"huishouden {huishouden_id} bestaat niet")
        leden = [p.id for p in repository.leden(session, scope, huishouden_id)]
        data = weergave.huishouden(record, leden)
        audit.record(session, "read", "huishouden", record.id, velden=data, objecten=[record.id, *leden])
        return data


@namens
def huishoudens(
    engine: Engine, gebruiker: Gebruiker, filters: Mapping[str, object], volgorde: Volgorde, pagina: Pagina
) -> tuple[list[Record], int]:
    """A page of households within scope (members listed per household)."""
    scope = weergave.bereik_voor(engine, gebruiker)
    with transaction(engine, schrijven=True) as session:
        records, totaal = repository.huishoudens(session, scope, filters, volgorde, pagina)
        data = [
            weergave.huishouden(r, [p.id for p in repository.leden(session, scope, r.id)]) for r in records
        ]
        _audit_lijst(session, "huishouden", data, pagina)
        return data, totaal
