"""Recording timeline events: validated, scoped, audited, and never overwriting history.

A correction is a new event that replaces an earlier one of the same kind (``vervangt``); a
withdrawal is a replacing event marked ``ingetrokken``. Both keep the earlier event in the file.
After every change the person's derived columns (phase, in reception, responsible municipality) are
recomputed from the current timeline (:mod:`doorstroom.dossier.tijdlijn`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from doorstroom.accounts.domain import Gebruiker
from doorstroom.accounts.namens import namens
from doorstroom.accounts.service import bereik_voor
from doorstroom.accounts.toegang import Bereik
from doorstroom.dossier import repository, telling, tijdlijn, weergave
from doorstroom.dossier.gebeurtenissen import SOORTEN
from doorstroom.dossier.invoer import Intrekking
from doorstroom.dossier.models import GebeurtenisRecord, HuishoudenRecord, PersoonRecord, nieuw_id
from doorstroom.platform import audit
from doorstroom.platform.db import transaction
from doorstroom.platform.errors import Conflict, InputError, NotFound, Problem
from doorstroom.platform.paging import Pagina, Volgorde
from doorstroom.reference.service import controleer_gemeentecode
from doorstroom.values.stadium import Stadium

Record = weergave.Record


FORMULIERSLEUTEL = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
"""An entry form's idempotency key: a random token the form carries (stored as ``formulier:<key>``)."""


@namens
def leg_vast(engine: Engine, gebruiker: Gebruiker, invoer: Any, sleutel: str | None = None) -> Record:
    """Record one event (``invoer``: a model of :data:`doorstroom.dossier.invoer.NieuweGebeurtenis`).

    ``sleutel`` is the entry form's idempotency key: the same form sent twice (two tabs, a double
    click, a resent request) answers the event its first sending stored instead of storing another."""
    spec = SOORTEN[invoer.soort]
    scope = bereik_voor(engine, gebruiker)
    scope.eis_stadium(spec.stadium)
    gegevens = invoer.gegevens.model_dump(mode="json", by_alias=True, exclude_none=True)
    _controleer_gemeentecode(engine, scope, invoer.soort, gegevens)
    bron_sleutel = _bron_sleutel(sleutel)
    with transaction(engine, schrijven=True) as session:
        persoon = _persoon(session, scope, invoer.persoon_id)
        eerder = _eerder_verstuurd(session, persoon.id, bron_sleutel, invoer, gegevens)
        if eerder is not None:
            return weergave.gebeurtenis(eerder)
        record = _nieuw(session, scope, persoon, invoer, gegevens, gebruiker.actor, bron_sleutel)
        audit.record(
            session, "write", "gebeurtenis", record.id, velden=gegevens, objecten=[persoon.id, record.id]
        )
        return weergave.gebeurtenis(record)


def _bron_sleutel(sleutel: str | None) -> str | None:
    if sleutel is None:
        return None
    if not FORMULIERSLEUTEL.fullmatch(sleutel):
        raise InputError(Problem("onbekende formuliersleutel; laad het formulier opnieuw", field="sleutel"))
    return f"formulier:{sleutel}"


def _eerder_verstuurd(
    session: Session, persoon_id: str, bron_sleutel: str | None, invoer: Any, gegevens: dict[str, Any]
) -> GebeurtenisRecord | None:
    """The event this same form stored before, if it was sent already; a form sent again with other
    content (a copied tab changed afterwards) is refused rather than silently answered."""
    eerder = repository.met_bron_sleutel(session, persoon_id, bron_sleutel) if bron_sleutel else None
    if eerder is None or (eerder.soort, eerder.datum, eerder.gegevens) == (
        invoer.soort,
        invoer.datum,
        gegevens,
    ):
        return eerder
    raise InputError(
        Problem(
            "dit formulier is al verstuurd voor een andere gebeurtenis; vul het opnieuw in", field="sleutel"
        )
    )


def _nieuw(
    session: Session,
    scope: Bereik,
    persoon: PersoonRecord,
    invoer: Any,
    gegevens: dict[str, Any],
    door: str,
    bron_sleutel: str | None,
) -> GebeurtenisRecord:
    return voeg_toe(
        session,
        scope,
        persoon,
        invoer.soort,
        invoer.datum,
        gegevens,
        bron="handmatig",
        door=door,
        bron_sleutel=bron_sleutel,
        vervangt=invoer.vervangt,
        toelichting=invoer.toelichting,
    )


def _controleer_gemeentecode(engine: Engine, scope: Bereik, soort: str, gegevens: dict[str, Any]) -> None:
    code = gegevens.get("gemeentecode")
    if code is None:
        return
    controleer_gemeentecode(engine, str(code), "gegevens.gemeentecode")
    eigen = scope.eigen_gemeente()
    if eigen is not None and soort != "verhuizing" and code != eigen:
        raise InputError(
            Problem(
                "alleen uw eigen gemeente; een overdracht is een 'verhuizing'", field="gegevens.gemeentecode"
            )
        )


def _persoon(session: Session, scope: Bereik, persoon_id: str) -> PersoonRecord:
    persoon = repository.persoon(session, scope, persoon_id, voor_wijziging=True)
    if persoon is None:
        raise NotFound(f"persoon {persoon_id} bestaat niet")
    return persoon


def voeg_toe(
    session: Session,
    scope: Bereik,
    persoon: PersoonRecord,
    soort: str,
    datum: date,
    gegevens: dict[str, Any],
    *,
    bron: str,
    door: str,
    bron_sleutel: str | None = None,
    vervangt: str | None = None,
    toelichting: str | None = None,
    ingetrokken: bool = False,
) -> GebeurtenisRecord:
    """Add an event to ``persoon``'s file after checking it against the current timeline."""
    bestaande = [weergave.als_waarde(r) for r in repository.gebeurtenissen_van(session, [persoon.id])]
    if vervangt is not None:
        _controleer_vervanging(session, scope, bestaande, vervangt, soort, toelichting)
    nieuw = tijdlijn.Gebeurtenis(nieuw_id(), soort, datum, gegevens, vervangt, ingetrokken, datetime.now(UTC))
    if not ingetrokken:
        problems = tijdlijn.problemen(tijdlijn.actueel(bestaande), nieuw)
        if problems:
            raise InputError(problems)
    record = GebeurtenisRecord(
        id=nieuw.id,
        persoon_id=persoon.id,
        soort=soort,
        datum=datum,
        gegevens=gegevens,
        bron=bron,
        bron_sleutel=bron_sleutel,
        vervangt=vervangt,
        ingetrokken=ingetrokken,
        toelichting=toelichting,
        vastgelegd_op=nieuw.vastgelegd_op,
        vastgelegd_door=door[:100],
    )
    session.add(record)
    session.flush()
    herbereken(session, persoon, [*bestaande, nieuw])
    return record


def _controleer_vervanging(
    session: Session,
    scope: Bereik,
    bestaande: list[tijdlijn.Gebeurtenis],
    vervangt: str,
    soort: str,
    toelichting: str | None,
) -> None:
    oud = next((g for g in bestaande if g.id == vervangt), None)
    if oud is None or repository.gebeurtenis(session, scope, vervangt) is None:
        raise InputError(Problem(f"gebeurtenis {vervangt} hoort niet bij deze persoon", field="vervangt"))
    if oud.soort != soort:
        raise InputError(
            Problem(f"een correctie vervangt een gebeurtenis van dezelfde soort ({oud.soort})", field="soort")
        )
    if not toelichting:
        raise InputError(Problem("een correctie vraagt een toelichting", field="toelichting"))
    if repository.vervanger(session, vervangt) is not None:
        raise Conflict(f"gebeurtenis {vervangt} is al vervangen; corrigeer de nieuwste versie")


def herbereken(session: Session, persoon: PersoonRecord, gebeurtenissen: list[tijdlijn.Gebeurtenis]) -> None:
    """Recompute the person's phase, reception status and municipality from the current timeline."""
    huidig = tijdlijn.actueel(gebeurtenissen)
    persoon.fase = tijdlijn.fase(huidig).value
    persoon.in_opvang = tijdlijn.in_opvang(huidig)
    persoon.laatste_gebeurtenis = max((g.datum for g in gebeurtenissen), default=None)
    telling.houd_bij(persoon, huidig)
    gemeente = tijdlijn.verantwoordelijke_gemeente(huidig, persoon.geopend_in)
    if gemeente != persoon.gemeentecode:
        persoon.gemeentecode = gemeente
        _huishouden_volgt(session, persoon)


def _huishouden_volgt(session: Session, persoon: PersoonRecord) -> None:
    """A household lives in one municipality (it is housed together).

    When a member's municipality changes, the household follows once every other member is there or
    not yet linked anywhere (a decision for the whole household first moves the household, so its
    members stay in it); a member who moves on their own leaves the household. So no household ever
    holds residents of two municipalities, and no municipality loses sight of its own household.
    """
    if persoon.huishouden_id is None:
        return
    household = session.get(HuishoudenRecord, persoon.huishouden_id)
    if household is None or household.gemeentecode == persoon.gemeentecode:
        return
    anderen = [p for p in repository.alle_leden(session, household.id) if p.id != persoon.id]
    if all(p.gemeentecode in (persoon.gemeentecode, None) for p in anderen):
        household.gemeentecode = persoon.gemeentecode
    else:
        persoon.huishouden_id = None


def registreer_in_opvang(session: Session, scope: Bereik, persoon: PersoonRecord, door: str) -> None:
    """A person opened in a reception scope (COA) is in its reception from today (event 'registratie')."""
    voeg_toe(session, scope, persoon, "registratie", weergave.vandaag(), {}, bron="handmatig", door=door)


@namens
def trek_in(engine: Engine, gebruiker: Gebruiker, gebeurtenis_id: str, invoer: Intrekking) -> Record:
    """Withdraw an event recorded in error: it stays in the history, no longer counts."""
    scope = bereik_voor(engine, gebruiker)
    with transaction(engine, schrijven=True) as session:
        oud = repository.gebeurtenis(session, scope, gebeurtenis_id)
        if oud is None:
            raise NotFound(f"gebeurtenis {gebeurtenis_id} bestaat niet")
        scope.eis_stadium(SOORTEN[oud.soort].stadium)
        persoon = _persoon(session, scope, oud.persoon_id)
        record = voeg_toe(
            session,
            scope,
            persoon,
            oud.soort,
            oud.datum,
            dict(oud.gegevens),
            bron="handmatig",
            vervangt=oud.id,
            toelichting=invoer.toelichting,
            door=gebruiker.actor,
            ingetrokken=True,
        )
        audit.record(
            session, "write", "gebeurtenis", record.id, velden=["ingetrokken"], objecten=[persoon.id, oud.id]
        )
        return weergave.gebeurtenis(record)


@namens
def gebeurtenis(engine: Engine, gebruiker: Gebruiker, gebeurtenis_id: str) -> Record:
    """One event within scope (person and stage)."""
    scope = bereik_voor(engine, gebruiker)
    with transaction(engine, schrijven=True) as session:
        record = repository.gebeurtenis(session, scope, gebeurtenis_id)
        if record is None:
            raise NotFound(f"gebeurtenis {gebeurtenis_id} bestaat niet")
        data = weergave.gebeurtenis(record)
        audit.record(
            session, "read", "gebeurtenis", record.id, velden=data, objecten=[record.persoon_id, record.id]
        )
        return data


@namens
def gebeurtenissen(
    engine: Engine, gebruiker: Gebruiker, filters: Mapping[str, object], volgorde: Volgorde, pagina: Pagina
) -> tuple[list[Record], int]:
    """A page of events within scope."""
    scope = bereik_voor(engine, gebruiker)
    with transaction(engine, schrijven=True) as session:
        records, totaal = repository.gebeurtenissen(session, scope, filters, volgorde, pagina)
        data = [weergave.gebeurtenis(r) for r in records]
        if data:
            ids = sorted({str(r["persoonId"]) for r in data} | {str(r["id"]) for r in data})
            audit.record(
                session,
                "read",
                "gebeurtenis",
                f"lijst pagina {pagina.nummer}",
                len(data),
                velden=data[0],
                objecten=ids,
            )
        return data, totaal


def stadium_van(soort: str) -> Stadium:
    """The stage of an event kind."""
    return SOORTEN[soort].stadium
