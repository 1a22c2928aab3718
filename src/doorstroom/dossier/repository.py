"""Queries on the case file. Every query that can return a person goes through :func:`_zichtbaar`.

The scope (:class:`~doorstroom.accounts.toegang.Bereik`) is a required argument of every public
function here, so no delivery layer (API, web, CLI) can read around the access rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, false, func, or_, select
from sqlalchemy.orm import Session

from doorstroom.accounts.toegang import Bereik
from doorstroom.dossier.gebeurtenissen import SOORTEN
from doorstroom.dossier.models import AanmeldingRecord, GebeurtenisRecord, HuishoudenRecord, PersoonRecord
from doorstroom.platform.paging import Pagina, Volgorde
from doorstroom.values import naam as naamregels

STANDAARDVOLGORDE = Volgorde((("geslachtsnaam", False),))
"""Persons by surname unless asked otherwise (index ``ix_dossier_persoon_gemeente_sorteernaam``)."""

GESORTEERD_ALS = {"geslachtsnaam": "sorteernaam"}
"""A surname is ordered as Dutch lists file it ("de Vries" under V: :mod:`doorstroom.values.naam`)."""


def _zichtbaar(query: Select[Any], bereik: Bereik) -> Select[Any]:
    bereik.eis_personen()
    if bereik.gemeentecodes is not None:
        query = query.where(PersoonRecord.gemeentecode.in_(sorted(bereik.gemeentecodes)))
    if bereik.alleen_opvang:
        query = query.where(PersoonRecord.in_opvang.is_(True))
    return query


def zichtbare_soorten(bereik: Bereik) -> list[str]:
    """The event kinds of the stages this scope may see."""
    return sorted(naam for naam, s in SOORTEN.items() if s.stadium in bereik.stadia)


def _geordend(query: Select[Any], model: Any, volgorde: Volgorde) -> Select[Any]:
    kolommen = [(getattr(model, GESORTEERD_ALS.get(naam, naam)), desc) for naam, desc in volgorde.sleutels]
    columns = [kolom.desc() if desc else kolom for kolom, desc in kolommen]
    return query.order_by(*columns, model.id)


def _pagina(session: Session, query: Select[Any], pagina: Pagina) -> tuple[list[Any], int]:
    totaal = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    rows = list(session.scalars(query.offset(pagina.offset).limit(pagina.grootte)))
    return rows, int(totaal)


def persoon(
    session: Session, bereik: Bereik, persoon_id: str, *, voor_wijziging: bool = False
) -> PersoonRecord | None:
    """One person within scope, or None (also when it exists outside the scope)."""
    query = _zichtbaar(select(PersoonRecord).where(PersoonRecord.id == persoon_id), bereik)
    if voor_wijziging:
        query = query.with_for_update()
    return session.scalars(query).one_or_none()


def personen(
    session: Session, bereik: Bereik, filters: Mapping[str, object], volgorde: Volgorde, pagina: Pagina
) -> tuple[list[PersoonRecord], int]:
    """A page of persons within scope matching ``filters`` (column name → value), and the total."""
    query = _zichtbaar(select(PersoonRecord), bereik)
    for naam, waarde in filters.items():
        query = query.where(getattr(PersoonRecord, naam) == waarde)
    volgorde = volgorde if volgorde.sleutels else STANDAARDVOLGORDE
    return _pagina(session, _geordend(query, PersoonRecord, volgorde), pagina)


ZOEKGRENS = 50
"""A name search answers at most this many files, best filed first: a longer list asks for more words."""


def zoek(
    session: Session, bereik: Bereik, *, bsn: str | None, vnummer: str | None, naam: str | None = None
) -> list[PersoonRecord]:
    """Persons within scope with this BSN or V-number, held or aangemeld (BSN only for scopes that may),
    or whose name holds every word of ``naam`` (:func:`doorstroom.values.naam.zoektermen`)."""
    conditions: list[ColumnElement[bool]] = []
    if bsn and bereik.bsn:
        conditions += [PersoonRecord.bsn == bsn, PersoonRecord.bsn_aangemeld == bsn]
    if vnummer and bereik.vnummer:
        conditions += [PersoonRecord.vnummer == vnummer, PersoonRecord.vnummer_aangemeld == vnummer]
    if naam and (termen := naamregels.zoektermen(naam)):
        conditions.append(and_(*(PersoonRecord.sorteernaam.contains(t, autoescape=True) for t in termen)))
    if not conditions:
        return []
    query = _zichtbaar(select(PersoonRecord).where(or_(*conditions)), bereik)
    return list(session.scalars(query.order_by(PersoonRecord.sorteernaam, PersoonRecord.id).limit(ZOEKGRENS)))


def binnen_bereik_met_nummer(
    session: Session, bereik: Bereik, soort: str, waarde: str, *, behalve: str | None
) -> PersoonRecord | None:
    """A file within scope (other than ``behalve``) that holds or has aangemeld this number."""
    held, aangemeld = getattr(PersoonRecord, soort), getattr(PersoonRecord, f"{soort}_aangemeld")
    query = _zichtbaar(select(PersoonRecord).where(or_(held == waarde, aangemeld == waarde)), bereik)
    if behalve:
        query = query.where(PersoonRecord.id != behalve)
    return session.scalars(query.order_by(PersoonRecord.id).limit(1)).first()


def houder_van(session: Session, soort: str, waarde: str, *, behalve: str | None) -> PersoonRecord | None:
    """The file that holds this number, whoever may see it (unscoped: the identity rule decides)."""
    query = select(PersoonRecord).where(getattr(PersoonRecord, soort) == waarde)
    if behalve:
        query = query.where(PersoonRecord.id != behalve)
    return session.scalars(query.limit(1)).first()


def aanmeldingen_over(session: Session, persoon_id: str) -> list[AanmeldingRecord]:
    """Every aanmelding this file was opened with, decided or not, oldest first."""
    query = select(AanmeldingRecord).where(AanmeldingRecord.persoon_id == persoon_id)
    return list(session.scalars(query.order_by(AanmeldingRecord.aangevraagd_op)))


def open_aanmeldingen_van(session: Session, persoon_id: str) -> list[AanmeldingRecord]:
    """The undecided aanmeldingen a file was opened with."""
    query = select(AanmeldingRecord).where(
        AanmeldingRecord.persoon_id == persoon_id, AanmeldingRecord.status == "open"
    )
    return list(session.scalars(query.order_by(AanmeldingRecord.aangevraagd_op)))


def gebeurtenissen_van(
    session: Session, persoon_ids: Sequence[str], soorten: Sequence[str] | None = None
) -> list[GebeurtenisRecord]:
    """Every event (current and replaced) of these persons, optionally of some kinds only."""
    found: list[GebeurtenisRecord] = []
    ids = list(persoon_ids)
    for start in range(0, len(ids), 500):
        query = select(GebeurtenisRecord).where(GebeurtenisRecord.persoon_id.in_(ids[start : start + 500]))
        if soorten is not None:
            query = query.where(GebeurtenisRecord.soort.in_(soorten))
        found.extend(
            session.scalars(query.order_by(GebeurtenisRecord.datum, GebeurtenisRecord.vastgelegd_op))
        )
    return found


def _zichtbare_gebeurtenissen(bereik: Bereik) -> Select[Any]:
    query = select(GebeurtenisRecord).join(PersoonRecord, PersoonRecord.id == GebeurtenisRecord.persoon_id)
    return _zichtbaar(query, bereik).where(GebeurtenisRecord.soort.in_(zichtbare_soorten(bereik)))


def gebeurtenis(session: Session, bereik: Bereik, gebeurtenis_id: str) -> GebeurtenisRecord | None:
    """One event within scope (person and stage), or None."""
    query = _zichtbare_gebeurtenissen(bereik).where(GebeurtenisRecord.id == gebeurtenis_id)
    return session.scalars(query).one_or_none()


def gebeurtenissen(
    session: Session, bereik: Bereik, filters: Mapping[str, object], volgorde: Volgorde, pagina: Pagina
) -> tuple[list[GebeurtenisRecord], int]:
    """A page of events within scope matching ``filters`` (column name → value), and the total."""
    query = _zichtbare_gebeurtenissen(bereik)
    for naam, waarde in filters.items():
        query = query.where(getattr(GebeurtenisRecord, naam) == waarde)
    return _pagina(session, _geordend(query, GebeurtenisRecord, volgorde), pagina)


def vervanger(session: Session, gebeurtenis_id: str) -> GebeurtenisRecord | None:
    """The event that replaces ``gebeurtenis_id``, if any."""
    return session.scalars(
        select(GebeurtenisRecord).where(GebeurtenisRecord.vervangt == gebeurtenis_id)
    ).first()


def met_bron_sleutel(session: Session, persoon_id: str, sleutel: str) -> GebeurtenisRecord | None:
    """The event an import or an entry form stored under ``sleutel`` for this person (idempotence)."""
    query = select(GebeurtenisRecord).where(
        GebeurtenisRecord.persoon_id == persoon_id, GebeurtenisRecord.bron_sleutel == sleutel
    )
    return session.scalars(query).one_or_none()


def _zichtbare_huishoudens(bereik: Bereik) -> Select[Any]:
    bereik.eis_personen()
    query = select(HuishoudenRecord)
    if bereik.gemeentecodes is not None:
        query = query.where(HuishoudenRecord.gemeentecode.in_(sorted(bereik.gemeentecodes)))
    if bereik.alleen_opvang:
        lid_in_opvang = exists().where(
            PersoonRecord.huishouden_id == HuishoudenRecord.id, PersoonRecord.in_opvang.is_(True)
        )
        onbekoppeld = HuishoudenRecord.gemeentecode.is_(None) if bereik.onbekoppelde_huishoudens else false()
        query = query.where(or_(lid_in_opvang, onbekoppeld))
    return query


def huishouden(
    session: Session, bereik: Bereik, huishouden_id: str, *, voor_wijziging: bool = False
) -> HuishoudenRecord | None:
    """One household within scope, or None."""
    query = _zichtbare_huishoudens(bereik).where(HuishoudenRecord.id == huishouden_id)
    if voor_wijziging:
        query = query.with_for_update()
    return session.scalars(query).one_or_none()


def huishoudens(
    session: Session, bereik: Bereik, filters: Mapping[str, object], volgorde: Volgorde, pagina: Pagina
) -> tuple[list[HuishoudenRecord], int]:
    """A page of households within scope, and the total."""
    query = _zichtbare_huishoudens(bereik)
    for naam, waarde in filters.items():
        query = query.where(getattr(HuishoudenRecord, naam) == waarde)
    return _pagina(session, _geordend(query, HuishoudenRecord, volgorde), pagina)


def referenties_van(session: Session, huishouden_ids: Iterable[str]) -> dict[str, str]:
    """The COA reference of each household named (those of persons already read within scope)."""
    ids, found = sorted(set(huishouden_ids)), dict[str, str]()
    for start in range(0, len(ids), 500):
        query = select(HuishoudenRecord.id, HuishoudenRecord.referentie).where(
            HuishoudenRecord.id.in_(ids[start : start + 500]), HuishoudenRecord.referentie.is_not(None)
        )
        found |= {str(i): str(ref) for i, ref in session.execute(query)}
    return found


def met_referentie(session: Session, referenties: Iterable[str]) -> dict[str, HuishoudenRecord]:
    """Households by COA reference (unscoped; imports check scope per row)."""
    wanted = sorted(set(referenties))
    found: dict[str, HuishoudenRecord] = {}
    for start in range(0, len(wanted), 500):
        query = select(HuishoudenRecord).where(HuishoudenRecord.referentie.in_(wanted[start : start + 500]))
        found |= {h.referentie: h for h in session.scalars(query) if h.referentie}
    return found


def alle_leden(session: Session, huishouden_id: str) -> list[PersoonRecord]:
    """Every member of a household, whoever may see them (for the rule that a household lives in one
    municipality; never returned to a caller)."""
    query = select(PersoonRecord).where(PersoonRecord.huishouden_id == huishouden_id)
    return list(session.scalars(query.order_by(PersoonRecord.id)))


def leden(session: Session, bereik: Bereik, huishouden_id: str) -> list[PersoonRecord]:
    """The members of a household that fall within scope."""
    query = _zichtbaar(select(PersoonRecord).where(PersoonRecord.huishouden_id == huishouden_id), bereik)
    return list(session.scalars(query.order_by(PersoonRecord.geboortedatum, PersoonRecord.id)))


def alle_zichtbare(session: Session, bereik: Bereik, filters: Mapping[str, object]) -> list[PersoonRecord]:
    """Every person within scope matching ``filters`` (for deadline overviews)."""
    query = _zichtbaar(select(PersoonRecord), bereik)
    for naam, waarde in filters.items():
        query = query.where(getattr(PersoonRecord, naam) == waarde)
    return list(session.scalars(query.order_by(PersoonRecord.id)))
