"""Use cases on persons and households, for the API, the web app and the command line.

Every function takes the acting :class:`~doorstroom.accounts.domain.Gebruiker` first: the scope is
derived from it and applied in the query (:mod:`doorstroom.dossier.repository`), and every read or
write of personal data writes an audit line naming the records and fields, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from doorstroom.accounts.domain import Gebruiker
from doorstroom.accounts.namens import namens
from doorstroom.accounts.service import bereik_voor
from doorstroom.accounts.toegang import Bereik
from doorstroom.dossier import identiteit, repository, weergave
from doorstroom.dossier.bsn import bsn_probleem
from doorstroom.dossier.invoer import IDENTITEIT, NieuwePersoon, NieuwHuishouden, PersoonWijziging
from doorstroom.dossier.models import CorrectieRecord, HuishoudenRecord, PersoonRecord, nieuw_id
from doorstroom.dossier.tijdlijn import Fase
from doorstroom.dossier.vastleggen import registreer_in_opvang
from doorstroom.platform import audit
from doorstroom.platform.db import transaction
from doorstroom.platform.errors import Conflict, InputError, NotFound, Problem, Verouderd
from doorstroom.platform.paging import Pagina, Volgorde
from doorstroom.reference.service import controleer_gemeentecode
from doorstroom.values import naam as naamregels

Record = weergave.Record
VERPLICHT = frozenset({"geslachtsnaam", "geboortedatum"})


def _eigen_gemeente(scope: Bereik, code: str | None) -> str | None:
    """A scope limited to one municipality works in it: default to it, refuse any other."""
    eigen = scope.eigen_gemeente()
    if eigen is None:
        return code
    if code is not None and code != eigen:
        raise InputError(
            Problem("u kunt alleen personen van uw eigen gemeente vastleggen", field="gemeentecode")
        )
    return eigen


@namens
def maak_persoon(engine: Engine, gebruiker: Gebruiker, invoer: NieuwePersoon) -> Record:
    """Open a file for a person; one COA opens starts in its reception (event 'registratie').

    A BSN or V-number another file holds follows the identity rule (:mod:`identiteit`): a conflict
    within the caller's scope, an *aanmelding* outside it — the same answer as a free number.
    """
    scope = bereik_voor(engine, gebruiker)
    scope.eis_personen()
    scope.eis_identificatie(bsn=invoer.bsn is not None, vnummer=invoer.vnummer is not None)
    code = _eigen_gemeente(scope, invoer.gemeentecode)
    if code is None and not scope.alleen_opvang:
        raise InputError(Problem("gemeentecode ontbreekt", field="gemeentecode"))
    controleer_gemeentecode(engine, code)
    with transaction(engine, schrijven=True) as session:
        record = PersoonRecord(
            id=nieuw_id(),
            geslachtsnaam=invoer.geslachtsnaam,
            voornamen=invoer.voornamen,
            geboortedatum=invoer.geboortedatum,
            geslacht=invoer.geslacht,
            gemeentecode=code,
            geopend_in=code,
            casemanager=invoer.casemanager,
            fase=Fase.nieuw.value,
            in_opvang=False,
            aangemaakt_op=datetime.now(UTC),
        )
        _koppel_huishouden(session, scope, record, invoer.huishouden_id)
        session.add(record)
        for soort in identiteit.SOORTEN:
            identiteit.wijs_toe(session, scope, record, soort, getattr(invoer, soort), gebruiker.actor)
        session.flush()
        if scope.alleen_opvang:
            registreer_in_opvang(session, scope, record, gebruiker.actor)
        session.flush()
        data = weergave.persoon(record, scope)
        audit.record(
            session, "write", "persoon", record.id, velden=invoer.model_fields_set, objecten=[record.id]
        )
        return data


def _koppel_huishouden(
    session: Session, scope: Bereik, record: PersoonRecord, huishouden_id: str | None
) -> None:
    """Join a household within scope; a household lives in one municipality, so not another's."""
    if huishouden_id is None:
        record.huishouden_id = None
        return
    household = repository.huishouden(session, scope, huishouden_id)
    if household is None:
        raise InputError(Problem(f"huishouden {huishouden_id} bestaat niet", field="huishoudenId"))
    if (
        None not in (household.gemeentecode, record.gemeentecode)
        and household.gemeentecode != record.gemeentecode
    ):
        raise InputError(
            Problem(
                "een huishouden woont in één gemeente; deze persoon hoort bij een andere",
                field="huishoudenId",
            )
        )
    record.huishouden_id = huishouden_id


@namens
def persoon(engine: Engine, gebruiker: Gebruiker, persoon_id: str) -> Record:
    """One person within the caller's scope (NotFound otherwise)."""
    scope = bereik_voor(engine, gebruiker)
    with transaction(engine) as session:
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
    scope = bereik_voor(engine, gebruiker)
    with transaction(engine) as session:
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
def zoek(
    engine: Engine, gebruiker: Gebruiker, *, bsn: str | None, vnummer: str | None, naam: str | None = None
) -> list[Record]:
    """Persons within scope by BSN, V-number or name (sent in a request body, never in a URL), at most
    :data:`~doorstroom.dossier.repository.ZOEKGRENS`, as Dutch lists file them."""
    scope = bereik_voor(engine, gebruiker)
    scope.eis_personen()
    if bsn is None and vnummer is None and not naamregels.zoektermen(naam or ""):
        raise InputError(Problem("geef een naam, een BSN of een V-nummer", field="naam"))
    if bsn is not None and (probleem := bsn_probleem(bsn)):  # the one BSN rule, for every door
        raise InputError(Problem(probleem, field="bsn"))
    with transaction(engine) as session:
        gevonden = repository.zoek(session, scope, bsn=bsn, vnummer=vnummer, naam=naam)
        data = [weergave.persoon(r, scope) for r in gevonden]
        _audit_lijst(session, "persoon", data, Pagina())
        return data


@namens
def wijzig_persoon(
    engine: Engine, gebruiker: Gebruiker, persoon_id: str, versie: int | None, wijziging: PersoonWijziging
) -> Record:
    """Change a person's data if ``versie`` is still current (None: any, If-Match *); else Verouderd."""
    scope = bereik_voor(engine, gebruiker)
    velden = set(wijziging.model_fields_set) - {"toelichting"}
    scope.eis_identificatie(
        bsn=wijziging.bsn is not None and "bsn" in velden,
        vnummer=wijziging.vnummer is not None and "vnummer" in velden,
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
    for veld in sorted(velden - {"huishouden_id", *identiteit.SOORTEN}):
        setattr(record, veld, getattr(wijziging, veld))
    for soort in (s for s in identiteit.SOORTEN if s in velden):
        identiteit.wijs_toe(session, scope, record, soort, getattr(wijziging, soort), gebruiker.actor)
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
    scope = bereik_voor(engine, gebruiker)
    scope.eis_personen()
    code = _eigen_gemeente(scope, invoer.gemeentecode)
    if code is None and not scope.onbekoppelde_huishoudens:
        raise InputError(Problem("gemeentecode ontbreekt", field="gemeentecode"))
    controleer_gemeentecode(engine, code)
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
    scope = bereik_voor(engine, gebruiker)
    with transaction(engine) as session:
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
    scope = bereik_voor(engine, gebruiker)
    with transaction(engine) as session:
        records, totaal = repository.huishoudens(session, scope, filters, volgorde, pagina)
        data = [
            weergave.huishouden(r, [p.id for p in repository.leden(session, scope, r.id)]) for r in records
        ]
        _audit_lijst(session, "huishouden", data, pagina)
        return data, totaal
