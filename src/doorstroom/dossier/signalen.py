"""Signals to the municipality: what needs its action, kept in an outbox it lists (issue 23).

A municipality learned of a new koppeling only by looking. Now the decision writes, in its own
transaction, a message to the linked municipality: a CloudEvent (NL GOV profile for CloudEvents,
JSON format: ``specversion``, ``id``, ``source``, ``type``, ``subject``, ``time``, ``data``) with the
TVS due dates (:mod:`doorstroom.dossier.tvs`: offer within ten weeks, move within the housing term).
No personal data: the subject is the household's random id and ``data`` holds dates and a link the
receiver fetches with its own token, where the access rule decides what it may see. Each municipality
lists only its own signals (the access rule's scope); every list is audited.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from doorstroom.accounts.domain import Gebruiker
from doorstroom.accounts.namens import namens
from doorstroom.accounts.service import bereik_voor
from doorstroom.dossier import termijnen, weergave
from doorstroom.dossier.models import SignaalRecord
from doorstroom.platform import audit, clock
from doorstroom.platform.db import transaction
from doorstroom.platform.paging import Pagina

NIEUWE_KOPPELING = "nl.doorstroom.koppeling.nieuw"
BRON = "urn:nld:doorstroom:dossier"


def nieuwe_koppeling(session: Session, gemeentecode: str, huishouden_id: str, koppeldatum: date) -> None:
    """The outbox message for a household newly linked to ``gemeentecode`` (in the caller's transaction)."""
    regels = weergave.regels()
    session.add(
        SignaalRecord(
            gemeentecode=gemeentecode,
            soort=NIEUWE_KOPPELING,
            bron=BRON,
            onderwerp=huishouden_id,
            tijd=clock.nu(),
            gegevens={
                "gemeentecode": gemeentecode,
                "koppeldatum": koppeldatum.isoformat(),
                "woningaanbodUiterlijk": termijnen.aanbod_uiterlijk(koppeldatum, regels).isoformat(),
                "verhuizingUiterlijk": termijnen.verhuizing_uiterlijk(koppeldatum, None, regels).isoformat(),
                "link": f"/api/v1/huishoudens/{huishouden_id}",
            },
        )
    )


@namens
def signalen(engine: Engine, gebruiker: Gebruiker, pagina: Pagina) -> tuple[list[dict[str, Any]], int]:
    """The signals for the municipalities within scope, newest first, one page of them."""
    scope = bereik_voor(engine, gebruiker)
    scope.eis_personen()
    query = select(SignaalRecord)
    if scope.gemeentecodes is not None:
        query = query.where(SignaalRecord.gemeentecode.in_(sorted(scope.gemeentecodes)))
    with transaction(engine, schrijven=True) as session:
        totaal = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        records = session.scalars(
            query.order_by(SignaalRecord.tijd.desc(), SignaalRecord.id)
            .offset(pagina.offset)
            .limit(pagina.grootte)
        ).all()
        rijen = [_cloudevent(r) for r in records]
        if rijen:
            audit.record(session, "read", "signaal", f"signalen pagina {pagina.nummer}", len(rijen))
    return rijen, totaal


def _cloudevent(record: SignaalRecord) -> dict[str, Any]:
    return {
        "specversion": "1.0",
        "id": record.id,
        "source": record.bron,
        "type": record.soort,
        "subject": record.onderwerp,
        "time": weergave.moment(record.tijd),
        "datacontenttype": "application/json",
        "data": dict(record.gegevens),
    }
