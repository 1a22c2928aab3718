"""The TVS view: per linked household within scope, its timeline and the municipality's status.

COA's follow-up system (TVS) tracks each koppeling: a dwelling offered within ten weeks, the move two
weeks later, three months in all (the rule in :mod:`doorstroom.dossier.tvs`). This view shows the
municipality its own linked households and COA all of them, as the access rule's scope says
(:meth:`doorstroom.accounts.toegang.Bereik.eis_personen`: a province sees persons of no one, only the
supervision's counts). It names households and persons, so every page read is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from doorstroom.accounts.domain import Gebruiker
from doorstroom.accounts.namens import namens
from doorstroom.accounts.service import bereik_voor
from doorstroom.accounts.toegang import Bereik
from doorstroom.dossier import repository, weergave
from doorstroom.dossier.models import PersoonRecord
from doorstroom.dossier.telling import TVS_SOORTEN
from doorstroom.dossier.tijdlijn import Gebeurtenis, actueel
from doorstroom.dossier.tvs import Tvs, Tvsstatus, tvs
from doorstroom.platform import audit
from doorstroom.platform.db import transaction
from doorstroom.platform.paging import Pagina

Record = weergave.Record


@dataclass(frozen=True)
class Tvsfilter:
    """Which households to list; ``peildatum`` defaults to today (Europe/Amsterdam)."""

    gemeentecode: str | None = None
    status: Tvsstatus | None = None
    peildatum: date | None = None


@namens
def tvsoverzicht(
    engine: Engine, gebruiker: Gebruiker, filter_: Tvsfilter, pagina: Pagina
) -> tuple[list[Record], int]:
    """The linked households within scope with their TVS timeline, earliest koppeling first."""
    scope = bereik_voor(engine, gebruiker)
    peildatum = filter_.peildatum or weergave.vandaag()
    with transaction(engine, schrijven=True) as session:
        rijen = _alle(session, scope, filter_, peildatum)
        page = pagina.uit(rijen)
        if page:
            audit.record(
                session,
                "read",
                "tvs",
                f"overzicht pagina {pagina.nummer}",
                len(page),
                velden=page[0],
                objecten=sorted(str(r["persoonId"]) for r in page),
            )
        return page, len(rijen)


def _alle(session: Session, scope: Bereik, filter_: Tvsfilter, peildatum: date) -> list[Record]:
    regels = weergave.regels()
    rijen = []
    for leden, tijdlijn in _per_huishouden(session, scope):
        gevonden = tvs(tijdlijn, regels, peildatum)
        if gevonden is None or gevonden.koppeldatum > peildatum:
            continue
        if filter_.gemeentecode not in (None, gevonden.gemeentecode):
            continue
        if filter_.status not in (None, gevonden.status):
            continue
        rijen.append(_rij(leden, gevonden))
    rijen.sort(key=lambda r: (str(r["koppeldatum"]), str(r["persoonId"])))
    return rijen


def _per_huishouden(session: Session, scope: Bereik) -> list[tuple[list[PersoonRecord], list[Gebeurtenis]]]:
    """The visible members of each household (a person alone is a household of one) with the current
    timeline of its first member: members share the koppeling and the housing events."""
    personen = repository.alle_zichtbare(session, scope, {})
    eenheden: dict[str, list[PersoonRecord]] = {}
    for persoon in personen:
        eenheden.setdefault(persoon.huishouden_id or persoon.id, []).append(persoon)
    soorten = [s for s in TVS_SOORTEN if s in repository.zichtbare_soorten(scope)]
    eerste = [leden[0].id for leden in eenheden.values()]
    per_persoon: dict[str, list[Gebeurtenis]] = {}
    for record in repository.gebeurtenissen_van(session, eerste, soorten):
        per_persoon.setdefault(record.persoon_id, []).append(weergave.als_waarde(record))
    return [(leden, actueel(per_persoon.get(leden[0].id, []))) for leden in eenheden.values()]


def _rij(leden: list[PersoonRecord], t: Tvs) -> Record:
    def dag(waarde: date | None) -> str | None:
        return waarde.isoformat() if waarde else None

    return {
        "huishoudenId": leden[0].huishouden_id,
        "persoonId": leden[0].id,
        "personen": len(leden),
        "gemeentecode": t.gemeentecode,
        "koppeldatum": t.koppeldatum.isoformat(),
        "aanbodUiterlijk": t.aanbod_uiterlijk.isoformat(),
        "aanbod": dag(t.aanbod),
        "verhuizingUiterlijk": t.verhuizing_uiterlijk.isoformat(),
        "huisvesting": dag(t.huisvesting),
        "status": t.status.value,
        "reden": t.reden,
    }
