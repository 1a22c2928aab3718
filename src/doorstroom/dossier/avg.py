"""AVG duties on the case file: inspection export (art. 15) and removal after the retention term.

Inspection: everything Doorstroom holds on one person — the person's data, household, every event
including replaced and withdrawn ones, the corrections and aanmeldingen, the koppeling proposals
about the household with their explanation and COA's decisions (art. 15(1)(h)), open deadlines,
and every processing of the person's data (who, when, what and why; art. 15(1)(c)) — as one
document, JSON for systems and a printable Dutch page for the person. Nothing in it is about
anyone else: a processing that read a list names only this person's own records.

Retention: a file whose last event (or, without events, its creation) lies more than the configured
number of years back (``DOORSTROOM_RETENTION_YEARS``) is removed. Before removal each current event
is added to the kept counts per municipality, month and kind (``dossier_telling``), so aggregate
figures — realisation toward the taakstelling included — stay as they were. Audit lines stay: they
hold only the pseudonymous id, which after removal points at nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine, delete, exists, select
from sqlalchemy.orm import Session

from doorstroom.accounts import toegang
from doorstroom.accounts.domain import Gebruiker
from doorstroom.accounts.namens import namens
from doorstroom.accounts.service import bereik_voor
from doorstroom.accounts.toegang import Handeling
from doorstroom.dossier import identiteit, repository, telling, termijnen, weergave
from doorstroom.dossier.models import CorrectieRecord, HuishoudenRecord, PersoonRecord
from doorstroom.dossier.tijdlijn import actueel
from doorstroom.koppeling import service as koppeling
from doorstroom.platform import audit
from doorstroom.platform.db import transaction
from doorstroom.platform.errors import NotFound
from doorstroom.values.maand import add_months


@namens
def inzage(engine: Engine, gebruiker: Gebruiker, persoon_id: str) -> dict[str, Any]:
    """The inspection document of one person within scope (AVG art. 15): everything about them,
    nothing about anyone else."""
    scope = bereik_voor(engine, gebruiker)
    with transaction(engine) as session:
        record = repository.persoon(session, scope, persoon_id)
        if record is None:
            raise NotFound(f"persoon {persoon_id} bestaat niet")
        soorten = repository.zichtbare_soorten(scope)
        events = repository.gebeurtenissen_van(session, [persoon_id], soorten)
        household = session.get(HuishoudenRecord, record.huishouden_id) if record.huishouden_id else None
        eigen = {persoon_id, *(e.id for e in events), *([household.id] if household else [])}
        document = {
            "opgesteldOp": weergave.moment(datetime.now(UTC)),
            "persoon": weergave.persoon(record, scope),
            "huishouden": _huishouden(household),
            "gebeurtenissen": [weergave.gebeurtenis(e) for e in events],
            "correcties": _correcties(session, persoon_id),
            "aanmeldingen": _aanmeldingen(session, persoon_id),
            "koppelvoorstellen": _koppeling(session, household),
            "termijnen": [
                weergave.termijn(record, t)
                for t in termijnen.termijnen(
                    actueel(weergave.als_waarde(e) for e in events),
                    weergave.regels(),
                    weergave.vandaag(),
                    termijnen.Persoonsfeiten(record.geboortedatum),
                )
            ],
            "verwerkingen": [_verwerking(line, eigen) for line in audit.over_object(session, persoon_id)],
        }
        audit.record(session, "export", "persoon", persoon_id, velden=document, objecten=[persoon_id])
        return document


def _huishouden(record: HuishoudenRecord | None) -> dict[str, Any] | None:
    if record is None:
        return None
    return {"id": record.id, "referentie": record.referentie, "gemeentecode": record.gemeentecode}


def _koppeling(session: Session, household: HuishoudenRecord | None) -> list[dict[str, object]]:
    """The koppeling proposals about the person's household and COA's decisions on them."""
    if household is None or household.referentie is None:
        return []
    return koppeling.over_huishouden(session, household.referentie)


def _aanmeldingen(session: Session, persoon_id: str) -> list[dict[str, Any]]:
    """Requests to attach a number to this file and their outcome (without the other file)."""
    return [
        {
            "soort": identiteit.NAMEN[identiteit.soort_van(a)],
            "aangevraagdOp": weergave.moment(a.aangevraagd_op),
            "aangevraagdDoor": a.aangevraagd_door,
            "status": a.status,
            "beslotenOp": weergave.moment(a.besloten_op) if a.besloten_op else None,
            "beslotenDoor": a.besloten_door,
            "toelichting": a.toelichting,
        }
        for a in repository.aanmeldingen_over(session, persoon_id)
    ]


def _verwerking(line: audit.AuditRecord, eigen: set[str]) -> dict[str, object]:
    """One processing of the person's data: who, when, what, why — and of the records it touched
    only the person's own (a list read names other people's files too; those are left out)."""
    return {
        "volgnummer": line.volgnummer,
        "moment": audit.as_dict(line)["moment"],
        "door": line.actor,
        "handeling": line.action,
        "soort": line.object_type,
        "velden": [v for v in line.velden.split(",") if v],
        "doel": line.doel,
        "eigenGegevens": sorted(eigen & set(audit.objecten_van(line))),
    }


def _correcties(session: Session, persoon_id: str) -> list[dict[str, Any]]:
    query = (
        select(CorrectieRecord).where(CorrectieRecord.persoon_id == persoon_id).order_by(CorrectieRecord.id)
    )
    return [
        {
            "velden": c.velden.split(","),
            "toelichting": c.toelichting,
            "moment": weergave.moment(c.moment),
            "door": c.door,
        }
        for c in session.scalars(query)
    ]


@dataclass(frozen=True)
class Opschoning:
    """What retention removed (or would remove, in a dry run)."""

    grens: date
    personen: int
    huishoudens: int
    tellingen: int
    uitgevoerd: bool


@namens
def opschonen(
    engine: Engine, gebruiker: Gebruiker, peildatum: date, jaren: int, *, uitvoeren: bool
) -> Opschoning:
    """Remove files older than ``jaren`` before ``peildatum``, keeping counts; a dry run by default."""
    toegang.eis(gebruiker, Handeling.bewaartermijn_uitvoeren)
    grens = add_months(peildatum, -12 * jaren)
    with transaction(engine, schrijven=True) as session:
        oud = _verlopen(session, grens)
        if not uitvoeren or not oud:
            return Opschoning(grens, len(oud), 0, 0, False)
        tellingen = _bewaar_tellingen(session, oud)
        session.execute(delete(PersoonRecord).where(PersoonRecord.id.in_([p.id for p in oud])))
        leeg = _lege_huishoudens(session)
        audit.record(
            session,
            "delete",
            "persoon",
            f"bewaartermijn tot {grens.isoformat()}",
            len(oud),
            objecten=[p.id for p in oud],
        )
        return Opschoning(grens, len(oud), leeg, tellingen, True)


def _verlopen(session: Session, grens: date) -> list[PersoonRecord]:
    query = select(PersoonRecord).where(PersoonRecord.laatste_gebeurtenis < grens)
    zonder = select(PersoonRecord).where(PersoonRecord.laatste_gebeurtenis.is_(None))
    found = list(session.scalars(query))
    found += [p for p in session.scalars(zonder) if _datum(p.aangemaakt_op) < grens]
    return found


def _datum(moment: datetime) -> date:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.date()


def _bewaar_tellingen(session: Session, personen: list[PersoonRecord]) -> int:
    count = 0
    per_persoon: dict[str, list[Any]] = {}
    for record in repository.gebeurtenissen_van(session, [p.id for p in personen]):
        per_persoon.setdefault(record.persoon_id, []).append(weergave.als_waarde(record))
    for persoon in personen:
        for event in actueel(per_persoon.get(persoon.id, [])):
            if event.soort != "huisvesting" and persoon.gemeentecode:
                telling.bewaar(session, persoon.gemeentecode, f"{event.datum:%Y-%m}", event.soort)
                count += 1
        if persoon.verhuisd_op is not None:
            telling.bewaar(
                session, persoon.verhuisd_naar or "", f"{persoon.verhuisd_op:%Y-%m}", "huisvesting"
            )
            count += 1
    return count


def _lege_huishoudens(session: Session) -> int:
    heeft_leden = exists().where(PersoonRecord.huishouden_id == HuishoudenRecord.id)
    result = session.execute(delete(HuishoudenRecord).where(~heeft_leden))
    return int(getattr(result, "rowcount", 0) or 0)
