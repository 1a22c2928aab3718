"""Queries of the housing plan (kept out of the use cases and the delivery layers)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from doorstroom.huisvesting.core.aanbod import Eenheid, EenheidVersie, Registratie, Soort, Status
from doorstroom.huisvesting.core.geld import Grondslag, Regeling, Richting, Zekerheid
from doorstroom.huisvesting.models import AanbodVersieRecord, RegelingRecord, RegelingversieRecord

A = AanbodVersieRecord


def huidige(session: Session, codes: Collection[str] | None = None) -> list[EenheidVersie]:
    """The latest version of every line (of the municipalities ``codes``), by municipality and reference."""
    laatste = select(A.gemeentecode, A.kenmerk, func.max(A.versie).label("versie"))
    if codes is not None:
        laatste = laatste.where(A.gemeentecode.in_(sorted(codes)))
    sub = laatste.group_by(A.gemeentecode, A.kenmerk).subquery()
    query = (
        select(A)
        .join(
            sub,
            (A.gemeentecode == sub.c.gemeentecode)
            & (A.kenmerk == sub.c.kenmerk)
            & (A.versie == sub.c.versie),
        )
        .order_by(A.gemeentecode, A.kenmerk)
    )
    return [_naar_domein(record) for record in session.scalars(query)]


def versies(session: Session, gemeentecode: str, kenmerk: str | None = None) -> list[EenheidVersie]:
    """Every version of a municipality's lines (or of one line), by reference and version."""
    query = select(A).where(A.gemeentecode == gemeentecode).order_by(A.kenmerk, A.versie)
    if kenmerk is not None:
        query = query.where(A.kenmerk == kenmerk)
    return [_naar_domein(record) for record in session.scalars(query)]


def voeg_toe(session: Session, nieuw: Iterable[EenheidVersie]) -> int:
    """Add versions (never update) in one INSERT; the unique version number rejects a concurrent duplicate."""
    rijen = [_naar_rij(versie) for versie in nieuw]
    if rijen:
        session.execute(insert(A), rijen)
    return len(rijen)


def _naar_domein(r: AanbodVersieRecord) -> EenheidVersie:
    eenheid = Eenheid(
        r.gemeentecode,
        r.kenmerk,
        r.naam,
        Soort(r.soort),
        r.eenheden,
        r.personen,
        r.beschikbaar,
        Status(r.status),
        r.bron,
        r.einde,
        r.kosten_eenmalig,
        r.kosten_per_maand,
    )
    registratie = Registratie(r.geregistreerd_op, r.geregistreerd_door, r.reden, r.registratiebron)
    return EenheidVersie(eenheid, r.versie, registratie)


def _naar_rij(versie: EenheidVersie) -> dict[str, object]:
    e, reg = versie.eenheid, versie.registratie
    return dict(
        gemeentecode=e.gemeentecode,
        kenmerk=e.kenmerk,
        versie=versie.versie,
        naam=e.naam,
        soort=e.soort.value,
        eenheden=e.eenheden,
        personen=e.personen,
        beschikbaar=e.beschikbaar,
        einde=e.einde,
        status=e.status.value,
        bron=e.bron,
        kosten_eenmalig=e.kosten_eenmalig,
        kosten_per_maand=e.kosten_per_maand,
        geregistreerd_op=reg.op,
        geregistreerd_door=reg.door,
        reden=reg.reden,
        registratiebron=reg.bron,
    )


def laatste_regelingversie(session: Session) -> RegelingversieRecord | None:
    """The current version of the money table (None: the embedded table applies)."""
    return session.scalars(
        select(RegelingversieRecord).order_by(RegelingversieRecord.id.desc()).limit(1)
    ).first()


def regelingversies(session: Session) -> list[tuple[RegelingversieRecord, int]]:
    """Every stored version of the money table with its number of lines, oldest first."""
    aantal = func.count(RegelingRecord.id)
    query = (
        select(RegelingversieRecord, aantal)
        .outerjoin(RegelingRecord, RegelingRecord.versie_id == RegelingversieRecord.id)
        .group_by(RegelingversieRecord.id)
        .order_by(RegelingversieRecord.id)
    )
    return [(versie, int(n)) for versie, n in session.execute(query)]


def regelingen(session: Session, versie_id: int) -> list[Regeling]:
    """The lines of one version of the money table, in the order of its file."""
    query = (
        select(RegelingRecord).where(RegelingRecord.versie_id == versie_id).order_by(RegelingRecord.volgorde)
    )
    return [_regeling(r) for r in session.scalars(query)]


def bewaar_regelingen(session: Session, versie: RegelingversieRecord, lijst: Sequence[Regeling]) -> int:
    """Store a new version of the money table with its lines; its number."""
    session.add(versie)
    session.flush()
    rijen = [_regelingrij(versie.id, volgorde, r) for volgorde, r in enumerate(lijst)]
    if rijen:
        session.execute(insert(RegelingRecord), rijen)
    return int(versie.id)


def _regeling(r: RegelingRecord) -> Regeling:
    soorten = tuple(Soort(s) for s in r.soorten.split("|") if s)
    return Regeling(
        r.sleutel,
        r.regeling,
        Richting(r.richting),
        Grondslag(r.grondslag),
        r.bedrag,
        Zekerheid(r.status),
        r.bron,
        soorten,
        r.bedrag_hoog,
        r.aandeel,
        r.geldig_van,
        r.geldig_tot,
        r.eenheid,
        r.toelichting,
    )


def _regelingrij(versie_id: int, volgorde: int, r: Regeling) -> dict[str, object]:
    return dict(
        versie_id=versie_id,
        volgorde=volgorde,
        sleutel=r.sleutel,
        regeling=r.regeling,
        richting=r.richting.value,
        grondslag=r.grondslag.value,
        soorten="|".join(s.value for s in r.soorten),
        bedrag=r.bedrag,
        bedrag_hoog=r.bedrag_hoog,
        aandeel=r.aandeel,
        eenheid=r.eenheid,
        geldig_van=r.geldig_van,
        geldig_tot=r.geldig_tot,
        status=r.status.value,
        bron=r.bron,
        toelichting=r.toelichting,
    )
