"""One person's file as a case worker opens it: the person, the household and its members, every
event (replaced and withdrawn ones marked), and the open deadlines; scoped and audited like every
read of the case file (:mod:`doorstroom.dossier.service`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from doorstroom.accounts.domain import Gebruiker
from doorstroom.accounts.namens import namens
from doorstroom.accounts.service import bereik_voor
from doorstroom.dossier import repository, termijnen, weergave
from doorstroom.dossier.tijdlijn import actueel
from doorstroom.platform import audit
from doorstroom.platform.db import transaction
from doorstroom.platform.errors import NotFound


@namens
def dossier(engine: Engine, gebruiker: Gebruiker, persoon_id: str) -> dict[str, Any]:
    """Everything a case worker sees of one person within their scope (NotFound outside it)."""
    scope = bereik_voor(engine, gebruiker)
    scope.eis_personen()
    with transaction(engine) as session:
        record = repository.persoon(session, scope, persoon_id)
        if record is None:
            raise NotFound(f"persoon {persoon_id} bestaat niet")
        persoon = weergave.persoon(record, scope)
        events = repository.gebeurtenissen_van(session, [persoon_id], repository.zichtbare_soorten(scope))
        huidig = actueel(weergave.als_waarde(e) for e in events)
        vervangen = {e.vervangt for e in events if e.vervangt}
        leden = (
            [
                weergave.persoon(p, scope)
                for p in repository.leden(session, scope, record.huishouden_id)
                if p.id != persoon_id
            ]
            if record.huishouden_id
            else []
        )
        feiten = termijnen.Persoonsfeiten(record.geboortedatum)
        data = {
            "persoon": persoon,
            "leden": leden,
            "gebeurtenissen": [
                {**weergave.gebeurtenis(e), "vervangen": e.id in vervangen}
                for e in sorted(events, key=lambda e: (e.datum, e.vastgelegd_op), reverse=True)
            ],
            "termijnen": [
                weergave.termijn(record, t)
                for t in termijnen.termijnen(huidig, weergave.regels(), weergave.vandaag(), feiten)
            ],
        }
        objecten = [persoon_id, *(str(lid["id"]) for lid in leden)]
        audit.record(session, "read", "persoon", persoon_id, velden=persoon, objecten=objecten)
        return data
