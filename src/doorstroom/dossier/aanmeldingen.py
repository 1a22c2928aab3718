"""COA decides on *aanmeldingen*: files opened with a number that another file outside the opener's
scope holds (:mod:`doorstroom.dossier.identiteit`).

Granting merges the new file into the existing one: its events, corrections and household move
over, the existing file moves to the opener's municipality (a ``verhuizing`` event, so the history
says when and why), and the new file is removed. Refusing drops the number from the new file and
records a correction that says why, so the opener sees the outcome in the file's history. Either
way the decision is written once, with who, when and why, and audited.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from doorstroom.accounts import toegang
from doorstroom.accounts.domain import Gebruiker
from doorstroom.accounts.namens import namens
from doorstroom.accounts.toegang import Handeling
from doorstroom.dossier import identiteit, repository, weergave
from doorstroom.dossier.models import AanmeldingRecord, CorrectieRecord, PersoonRecord
from doorstroom.dossier.vastleggen import herbereken, voeg_toe
from doorstroom.platform import audit
from doorstroom.platform.db import transaction
from doorstroom.platform.errors import NotFound
from doorstroom.platform.paging import Pagina

Record = dict[str, Any]


@namens
def lijst(
    engine: Engine, gebruiker: Gebruiker, status: str | None = identiteit.OPEN, pagina: Pagina | None = None
) -> tuple[list[Record], int]:
    """Aanmeldingen to decide on (or of one status), oldest first, with what COA needs to compare.

    Both files are shown by name, date of birth, municipality and phase only: enough to judge
    whether they are one person (data minimisation, AVG art. 5(1)(c)).
    """
    toegang.eis(gebruiker, Handeling.identiteit_beoordelen)
    with transaction(engine, schrijven=True) as session:
        pagina = pagina or Pagina()
        query = select(AanmeldingRecord)
        if status is not None:
            query = query.where(AanmeldingRecord.status == status)
        totaal = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        query = query.order_by(AanmeldingRecord.aangevraagd_op, AanmeldingRecord.id)
        records = session.scalars(query.offset(pagina.offset).limit(pagina.grootte))
        rijen = [_rij(session, a) for a in records]
        ids = sorted({i for r in rijen for i in (r["nieuw"]["id"], r["bestaand"]["id"]) if i})
        if rijen:
            audit.record(
                session, "read", "aanmelding", f"lijst pagina {pagina.nummer}", len(rijen), objecten=ids
            )
        return rijen, int(totaal)


def _rij(session: Session, aanmelding: AanmeldingRecord) -> Record:
    return {
        "id": aanmelding.id,
        "soort": identiteit.NAMEN[identiteit.soort_van(aanmelding)],
        "status": aanmelding.status,
        "gemeentecode": aanmelding.gemeentecode,
        "aangevraagdDoor": aanmelding.aangevraagd_door,
        "aangevraagdOp": weergave.moment(aanmelding.aangevraagd_op),
        "nieuw": _kort(session.get(PersoonRecord, aanmelding.persoon_id) if aanmelding.persoon_id else None),
        "bestaand": _kort(
            session.get(PersoonRecord, aanmelding.bestaand_id) if aanmelding.bestaand_id else None
        ),
        "beslotenDoor": aanmelding.besloten_door,
        "beslotenOp": weergave.moment(aanmelding.besloten_op) if aanmelding.besloten_op else None,
        "toelichting": aanmelding.toelichting,
    }


def _persoon(session: Session, persoon_id: str | None) -> PersoonRecord | None:
    return session.get(PersoonRecord, persoon_id) if persoon_id else None


def _kort(persoon: PersoonRecord | None) -> Record:
    if persoon is None:
        return {"id": None}
    return {
        "id": persoon.id,
        "geslachtsnaam": persoon.geslachtsnaam,
        "voornamen": persoon.voornamen,
        "geboortedatum": persoon.geboortedatum.isoformat(),
        "gemeentecode": persoon.gemeentecode,
        "fase": persoon.fase,
    }


@namens
def beslis(
    engine: Engine, gebruiker: Gebruiker, aanmelding_id: str, *, toekennen: bool, toelichting: str
) -> Record:
    """Grant (merge and transfer) or refuse one open aanmelding; a reason is required (the form)."""
    toegang.eis(gebruiker, Handeling.identiteit_beoordelen)
    with transaction(engine, schrijven=True) as session:
        aanmelding = session.get(AanmeldingRecord, aanmelding_id, with_for_update=True)
        if aanmelding is None:
            raise NotFound(f"aanmelding {aanmelding_id} bestaat niet")
        status = identiteit.TOEGEKEND if toekennen else identiteit.AFGEWEZEN
        identiteit.sluit(aanmelding, status, gebruiker.actor, toelichting)
        geraakt = (
            _ken_toe(session, aanmelding, gebruiker)
            if toekennen
            else _wijs_af(session, aanmelding, gebruiker)
        )
        audit.record(session, "write", "aanmelding", aanmelding.id, velden=["status"], objecten=geraakt)
        return _rij(session, aanmelding)


def _wijs_af(session: Session, aanmelding: AanmeldingRecord, gebruiker: Gebruiker) -> list[str]:
    """The new file keeps its data without the number; a correction says why."""
    nieuw = _persoon(session, aanmelding.persoon_id)
    if nieuw is None:
        return []
    soort = identiteit.soort_van(aanmelding)
    setattr(nieuw, f"{soort}_aangemeld", None)
    session.add(
        CorrectieRecord(
            persoon_id=nieuw.id,
            velden=soort,
            toelichting=f"{identiteit.NAMEN[soort]} niet bevestigd door COA: {aanmelding.toelichting}",
            moment=aanmelding.besloten_op,
            door=gebruiker.actor,
        )
    )
    return [nieuw.id]


def _ken_toe(session: Session, aanmelding: AanmeldingRecord, gebruiker: Gebruiker) -> list[str]:
    """Merge the new file into the existing one, which moves to the opener's municipality."""
    nieuw, bestaand = _persoon(session, aanmelding.persoon_id), _persoon(session, aanmelding.bestaand_id)
    soort, nummer = identiteit.soort_van(aanmelding), identiteit.nummer_van(aanmelding)
    if nieuw is None:
        return [bestaand.id] if bestaand else []
    if bestaand is None:
        setattr(nieuw, f"{soort}_aangemeld", None)
        setattr(nieuw, soort, nummer)
        return [nieuw.id]
    _verhuis_gegevens(session, nieuw, bestaand)
    _verhuis_naar(session, nieuw, bestaand, aanmelding, gebruiker)
    session.delete(nieuw)
    return [bestaand.id, nieuw.id]


def _verhuis_gegevens(session: Session, nieuw: PersoonRecord, bestaand: PersoonRecord) -> None:
    """Events, corrections and aanmeldingen of the new file join the existing one (duplicates of an
    import's key are dropped: the existing file already holds that fact)."""
    sleutels = {
        e.bron_sleutel for e in repository.gebeurtenissen_van(session, [bestaand.id]) if e.bron_sleutel
    }
    for event in repository.gebeurtenissen_van(session, [nieuw.id]):
        if event.bron_sleutel in sleutels:
            session.delete(event)
        else:
            event.persoon_id = bestaand.id
    for tabel in (CorrectieRecord, AanmeldingRecord):
        session.execute(update(tabel).where(tabel.persoon_id == nieuw.id).values(persoon_id=bestaand.id))
    if nieuw.huishouden_id:
        bestaand.huishouden_id = nieuw.huishouden_id
    session.flush()


def _verhuis_naar(
    session: Session,
    nieuw: PersoonRecord,
    bestaand: PersoonRecord,
    aanmelding: AanmeldingRecord,
    gebruiker: Gebruiker,
) -> None:
    """The existing file moves to the opener's municipality, as a dated event with the reason."""
    gebeurtenissen = [weergave.als_waarde(e) for e in repository.gebeurtenissen_van(session, [bestaand.id])]
    code = nieuw.gemeentecode
    if code is not None and code != bestaand.gemeentecode:
        voeg_toe(
            session, toegang.overdrachtsbereik(gebruiker), bestaand, "verhuizing", weergave.vandaag(),
            {"gemeentecode": code}, bron="aanmelding", door=gebruiker.actor,
            bron_sleutel=f"aanmelding:{aanmelding.id}",
        )  # fmt: skip
    else:
        herbereken(session, bestaand, gebeurtenissen)
