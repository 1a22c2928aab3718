"""The taakstelling as plain values: quota, carry-over, realisation, blame and supervision.

Rules implemented here (pure functions, no I/O):

* Huisvestingswet 2014, art. 28–29: the half-year national number is split over municipalities in
  proportion to their population on the statutory reference date
  (:mod:`doorstroom.taakstelling.core.grondslag` chooses key and date, and
  :mod:`doorstroom.taakstelling.core.verdeling` makes the shares whole by the chosen rule).
* Carry-over and swaps: :mod:`doorstroom.taakstelling.core.correctie` is the one rule for the
  *gecorrigeerde taakstelling* (number + swaps under art. 29(2) + arrears − advance, never below
  zero, the rest carrying on as *resterende voorsprong*).
* Realisation and schedule: by supervision practice (*interbestuurlijk toezicht*, Wet revitalisering
  generiek toezicht) a municipality is on schedule when it has housed at least elapsed-months/6 of
  its corrected quota.
* *Buiten schuld*: arrears a municipality could not have prevented — because COA linked fewer
  persons than the quota, or because a linked household is still within the three months the
  municipality has to house it — are excusable.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from fractions import Fraction

from doorstroom.reference.core.domain import Gemeente
from doorstroom.taakstelling.core.correctie import corrigeer
from doorstroom.taakstelling.core.verdeling import Afrondingsregel, verdeel
from doorstroom.values.maand import add_months, maand_in_periode
from doorstroom.values.periode import Periode

STANDAARD_REGEL = Afrondingsregel.afronden
"""The default rounding rule: the one the published circulars follow (``docs/taakstelling.md``)."""

HUISVESTINGSTERMIJN_MAANDEN = 3
"""A municipality has three months after a koppeling to house the household (COA aims at ten weeks)."""

DEFAULT_MARGE = Fraction(1, 4)
"""Shortfall, as a share of what should have been housed by now, still called *licht achter*."""


class Schema(StrEnum):
    """Schedule status of a municipality within a period."""

    op_schema = "op schema"
    licht_achter = "licht achter"
    ver_achter = "ver achter"


@dataclass(frozen=True)
class Taakstelling:
    """One municipality's quota for one period, with swaps and carry-over applied."""

    gemeente: Gemeente
    sleutelwaarde: int
    exact: Fraction
    taakstelling: int
    achterstand: int
    gecorrigeerde_taakstelling: int
    resterende_voorsprong: int
    ruil: int = 0
    overgenomen: int = 0
    """The part of ``achterstand`` carried over from municipalities that merged into this one."""


def taak(
    gemeente: Gemeente,
    sleutelwaarde: int,
    exact: Fraction,
    taakstelling: int,
    achterstand: int,
    ruil: int = 0,
    overgenomen: int = 0,
) -> Taakstelling:
    """A quota with its corrected number computed by the one correction rule."""
    gecorrigeerd, voorsprong = corrigeer(taakstelling, achterstand, ruil)
    return Taakstelling(
        gemeente, sleutelwaarde, exact, taakstelling, achterstand, gecorrigeerd, voorsprong, ruil, overgenomen
    )


def bereken(
    totaal: int,
    gemeenten: list[Gemeente],
    sleutel: Mapping[str, int],
    vorige: Mapping[str, int] | None = None,
    regel: Afrondingsregel = STANDAARD_REGEL,
    *,
    noemer: int | None = None,
    ruil: Mapping[str, int] | None = None,
    overgenomen: Mapping[str, int] | None = None,
) -> list[Taakstelling]:
    """Quota per municipality: split ``totaal`` by ``sleutel``, then apply swaps and previous arrears."""
    verdeling = verdeel(totaal, {g.code: sleutel[g.code] for g in gemeenten}, regel, noemer)
    vorige, ruil, overgenomen = vorige or {}, ruil or {}, overgenomen or {}
    return [
        taak(
            gemeente,
            sleutel[gemeente.code],
            verdeling.exact[gemeente.code],
            verdeling.aantallen[gemeente.code],
            vorige.get(gemeente.code, 0),
            ruil.get(gemeente.code, 0),
            overgenomen.get(gemeente.code, 0),
        )
        for gemeente in gemeenten
    ]


@dataclass(frozen=True)
class Koppeling:
    """A household COA linked to a municipality; identified only by a pseudonymous reference."""

    gemeentecode: str
    huishouden_ref: str
    personen: int
    koppeldatum: date
    huisvestingsdatum: date | None = None
    termijn_maanden: int = HUISVESTINGSTERMIJN_MAANDEN
    """The housing term (:mod:`doorstroom.taakstelling.huisvestingstermijn` gives the configured one)."""

    def uiterste_datum(self) -> date:
        """The last day to house the household: the housing term after the koppeling."""
        return add_months(self.koppeldatum, self.termijn_maanden)

    def open_op(self, peildatum: date) -> bool:
        """Linked by ``peildatum`` and not yet housed on it."""
        gehuisvest = self.huisvestingsdatum is not None and self.huisvestingsdatum <= peildatum
        return self.koppeldatum <= peildatum and not gehuisvest

    def te_laat(self, peildatum: date) -> bool:
        """Still not housed on ``peildatum`` although the housing term has passed (overdue)."""
        return self.open_op(peildatum) and peildatum > self.uiterste_datum()

    def binnen_termijn(self, peildatum: date) -> bool:
        """Not yet housed on ``peildatum`` and the housing term has not passed."""
        return self.open_op(peildatum) and peildatum <= self.uiterste_datum()


@dataclass(frozen=True)
class Realisatie:
    """Progress of one municipality on its corrected quota, judged on a reference date."""

    taakstelling: Taakstelling
    peildatum: date
    gerealiseerd: int
    verwacht: Fraction
    gekoppeld: int
    binnen_termijn: int
    te_laat: int
    status: Schema

    @property
    def resterend(self) -> int:
        """Persons still to house this period."""
        return max(self.taakstelling.gecorrigeerde_taakstelling - self.gerealiseerd, 0)

    @property
    def percentage(self) -> float:
        """Share of the corrected quota realised (100 when the corrected quota is zero)."""
        quota = self.taakstelling.gecorrigeerde_taakstelling
        return 100.0 if quota == 0 else round(100 * self.gerealiseerd / quota, 1)

    @property
    def achterstand_nu(self) -> int:
        """Signed carry-over into the next period: arrears positive, advance negative."""
        t = self.taakstelling
        return t.gecorrigeerde_taakstelling - self.gerealiseerd - t.resterende_voorsprong

    @property
    def verschoonbaar(self) -> int:
        """Arrears the municipality cannot be blamed for (*buiten schuld*)."""
        tekort_koppelingen = max(self.taakstelling.gecorrigeerde_taakstelling - self.gekoppeld, 0)
        return min(max(self.achterstand_nu, 0), tekort_koppelingen + self.binnen_termijn)

    @property
    def verwijtbaar(self) -> int:
        """Arrears the municipality is accountable for."""
        return max(self.achterstand_nu, 0) - self.verschoonbaar

    @property
    def buiten_schuld(self) -> bool:
        """Arrears exist, and all of them are excusable."""
        return self.achterstand_nu > 0 and self.verwijtbaar == 0


def schema_status(gerealiseerd: int, verwacht: Fraction, marge: Fraction = DEFAULT_MARGE) -> Schema:
    """On schedule at ``verwacht``; *licht achter* within ``marge`` of it; else *ver achter*."""
    if gerealiseerd >= verwacht:
        return Schema.op_schema
    if gerealiseerd >= verwacht * (1 - marge):
        return Schema.licht_achter
    return Schema.ver_achter


@dataclass(frozen=True)
class Koppelcijfers:
    """One municipality's koppelingen summed on a reference date: what supervision judges them on.

    Computed from the koppelingen themselves by :func:`koppelcijfers`, or, at national volume, by
    the database with the same rule (:func:`doorstroom.taakstelling.repository.koppelcijfers`).
    """

    gekoppeld: int = 0
    """Persons linked within the period up to the reference date."""
    binnen_termijn: int = 0
    """Of those, persons not yet housed whose housing term has not passed."""
    te_laat: int = 0
    """Koppelingen (any period) not housed although their housing term has passed."""


def koppelcijfers(periode: Periode, peildatum: date, koppelingen: list[Koppeling]) -> Koppelcijfers:
    """The sums of one municipality's ``koppelingen`` on ``peildatum``."""
    eigen = [k for k in koppelingen if periode.contains(k.koppeldatum) and k.koppeldatum <= peildatum]
    return Koppelcijfers(
        gekoppeld=sum(k.personen for k in eigen),
        binnen_termijn=sum(k.personen for k in eigen if k.binnen_termijn(peildatum)),
        te_laat=sum(1 for k in koppelingen if k.te_laat(peildatum)),
    )


def vroegste_binnen_termijn(peildatum: date, termijn_maanden: int) -> date:
    """The earliest koppeling date whose housing term has not passed on ``peildatum``.

    A koppeling is overdue exactly when its date is before this one (the term's end,
    :meth:`Koppeling.uiterste_datum`, only grows with the koppeling date), so a database can
    split overdue from on-time koppelingen with one comparison on an index.
    """
    dag = add_months(peildatum, -termijn_maanden) - timedelta(days=5)
    while add_months(dag, termijn_maanden) >= peildatum:
        dag -= timedelta(days=1)
    while add_months(dag, termijn_maanden) < peildatum:
        dag += timedelta(days=1)
    return dag


def realiseer(
    taak: Taakstelling,
    periode: Periode,
    peildatum: date,
    gehuisvest: Mapping[str, int],
    koppelingen: list[Koppeling],
    marge: Fraction = DEFAULT_MARGE,
    cijfers: Koppelcijfers | None = None,
) -> Realisatie:
    """Judge one municipality: ``gehuisvest`` maps ``YYYY-MM`` to persons housed that month.

    ``cijfers``: the koppelingen already summed (by the database); otherwise summed from ``koppelingen``.
    """
    gerealiseerd = sum(
        aantal
        for maand, aantal in gehuisvest.items()
        if maand_in_periode(maand, periode) and maand <= f"{peildatum:%Y-%m}"
    )
    verwacht = Fraction(taak.gecorrigeerde_taakstelling * periode.elapsed_months(peildatum), 6)
    som = cijfers if cijfers is not None else koppelcijfers(periode, peildatum, koppelingen)
    return Realisatie(
        taakstelling=taak,
        peildatum=peildatum,
        gerealiseerd=gerealiseerd,
        verwacht=verwacht,
        gekoppeld=som.gekoppeld,
        binnen_termijn=som.binnen_termijn,
        te_laat=som.te_laat,
        status=schema_status(gerealiseerd, verwacht, marge),
    )
