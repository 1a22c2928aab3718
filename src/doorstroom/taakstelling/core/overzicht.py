"""A period's statement (*overzicht*): quotas, realisation, overdue koppelingen and the accounting.

Built from plain values by the file-based calculation and by the store's supervision alike, so both
show the same columns, the same warnings and the same accounting.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from fractions import Fraction

from doorstroom.platform.errors import InputError, Problem
from doorstroom.reference.core.domain import Gemeente
from doorstroom.reference.core.lookup import find_gemeente
from doorstroom.taakstelling.core.domain import (
    DEFAULT_MARGE,
    Koppelcijfers,
    Koppeling,
    Realisatie,
    Taakstelling,
    realiseer,
)
from doorstroom.taakstelling.core.report import (
    Verantwoording,
    met_verantwoording,
    realisatie_record,
    taakstelling_record,
)
from doorstroom.values.periode import Periode
from doorstroom.values.record import Record
from doorstroom.values.suggest import fold, unknown_message


@dataclass(frozen=True)
class Overzicht:
    """The per-municipality statement plus the overdue koppelingen behind it."""

    periode: Periode
    records: list[Record]
    verantwoording: Verantwoording
    te_laat: list[Record] = field(default_factory=list)
    peildatum: date | None = None
    meldingen: tuple[str, ...] = ()
    """Warnings a user must see: missing realisation, municipalities without a region, stale data."""


@dataclass(frozen=True)
class Extrakolommen:
    """Columns a statement carries beside its own: their names, and their counts per municipality."""

    namen: tuple[str, ...]
    per_gemeente: Mapping[str, Mapping[str, int]]


@dataclass(frozen=True)
class Voortgang:
    """What a statement with realisation is judged on."""

    peildatum: date
    realisatie: Mapping[str, Mapping[str, int]]
    koppelingen: Sequence[Koppeling] = ()
    marge: Fraction = DEFAULT_MARGE
    realisatie_gegeven: bool = True
    """Whether realisation was supplied at all (otherwise no municipality is reported missing)."""
    cijfers: Mapping[str, Koppelcijfers] | None = None
    """The koppelingen summed per municipality by the database; then ``koppelingen`` holds only the
    overdue ones (for the list of overdue koppelingen), or none."""
    extra: Extrakolommen | None = None
    """Further columns counted elsewhere (the case file's TVS status of linked households): added
    after the statement's own columns, never changing them (None: none)."""


def stel_op(
    taken: Sequence[Taakstelling],
    verantwoording: Verantwoording,
    sleutelnaam: str = "inwoners",
    toelichting: Mapping[str, str] | None = None,
    voortgang: Voortgang | None = None,
) -> Overzicht:
    """The statement of ``taken``; with ``voortgang`` also realisation and blame per municipality."""
    toelichting = toelichting or {}
    periode = verantwoording.periode
    if voortgang is None:
        records = [taakstelling_record(t, sleutelnaam, toelichting.get(t.gemeente.code, "")) for t in taken]
        return Overzicht(periode, met_verantwoording(records, verantwoording), verantwoording)
    realisaties = realiseer_alle(taken, periode, voortgang)
    records = [
        realisatie_record(
            r, sleutelnaam, toelichting.get(r.taakstelling.gemeente.code, ""),
            r.taakstelling.gemeente.code in voortgang.realisatie,
        )
        for r in realisaties
    ]  # fmt: skip
    if voortgang.extra is not None:
        records = [met_extra(record, voortgang.extra) for record in records]
    namen = {t.gemeente.code: t.gemeente.naam for t in taken}
    ontbrekend = ontbrekende_realisatie(namen, voortgang.realisatie) if voortgang.realisatie_gegeven else None
    return Overzicht(
        periode,
        met_verantwoording(records, verantwoording),
        verantwoording,
        te_laat_records(voortgang.koppelingen, voortgang.peildatum, namen),
        voortgang.peildatum,
        () if ontbrekend is None else (ontbrekend,),
    )


def met_extra(record: Record, extra: Extrakolommen) -> Record:
    """``record`` with the extra columns of its municipality (0 where it has none)."""
    eigen = extra.per_gemeente.get(str(record["gemeentecode"]), {})
    return {**record, **{kolom: int(eigen.get(kolom, 0)) for kolom in extra.namen}}


def realiseer_alle(taken: Iterable[Taakstelling], periode: Periode, voortgang: Voortgang) -> list[Realisatie]:
    """Judge every municipality of ``taken`` on the realisation and koppelingen of ``voortgang``."""
    per_gemeente: dict[str, list[Koppeling]] = {}
    for koppeling in voortgang.koppelingen:
        per_gemeente.setdefault(koppeling.gemeentecode, []).append(koppeling)
    return [
        realiseer(
            t,
            periode,
            voortgang.peildatum,
            voortgang.realisatie.get(t.gemeente.code, {}),
            per_gemeente.get(t.gemeente.code, []),
            voortgang.marge,
            None if voortgang.cijfers is None else voortgang.cijfers.get(t.gemeente.code, Koppelcijfers()),
        )
        for t in taken
    ]


def te_laat_records(
    koppelingen: Iterable[Koppeling], peildatum: date, namen: Mapping[str, str]
) -> list[Record]:
    """Koppelingen not housed three months after the koppeling date, with the municipality's name."""
    return [
        {
            "gemeentecode": k.gemeentecode,
            "gemeentenaam": namen.get(k.gemeentecode, ""),
            "huishouden_ref": k.huishouden_ref,
            "personen": k.personen,
            "koppeldatum": k.koppeldatum.isoformat(),
            "uiterste_datum": k.uiterste_datum().isoformat(),
            "dagen_te_laat": (peildatum - k.uiterste_datum()).days,
        }
        for k in koppelingen
        if k.te_laat(peildatum)
    ]


def ontbrekende_realisatie(namen: Mapping[str, str], realisatie: Mapping[str, object]) -> str | None:
    """A warning naming the municipalities without any realisation row (they count as 0 housed)."""
    missing = sorted(code for code in namen if code not in realisatie)
    if not missing:
        return None
    voorbeelden = ", ".join(f"{code} {namen[code]}" for code in missing[:5])
    meer = f" en nog {len(missing) - 5}" if len(missing) > 5 else ""
    return (
        f"let op: geen realisatie gemeld voor {len(missing)} van {len(namen)} gemeenten "
        f"({voorbeelden}{meer}); "
        "zij tellen als 0 gehuisvest (kolom realisatie_gemeld)"
    )


def met_meldingen(overzicht: Overzicht, meldingen: Iterable[str]) -> Overzicht:
    """``overzicht`` with further warnings."""
    return replace(overzicht, meldingen=(*overzicht.meldingen, *meldingen))


def alleen_gemeenten(overzicht: Overzicht, codes: Collection[str]) -> Overzicht:
    """The part of a statement about the municipalities ``codes`` (``--gemeente``)."""
    if not codes:
        return overzicht
    records = [r for r in overzicht.records if r["gemeentecode"] in codes]
    te_laat = [r for r in overzicht.te_laat if r["gemeentecode"] in codes]
    return replace(overzicht, records=records, te_laat=te_laat)


def alleen_namen(overzicht: Overzicht, namen: Sequence[str]) -> Overzicht:
    """The part of a statement about the municipalities named (name or code, ``--gemeente``)."""
    if not namen:
        return overzicht
    lijst = [Gemeente(r["gemeentecode"], r["gemeentenaam"], r["provincie"], 0) for r in overzicht.records]
    return alleen_gemeenten(overzicht, {find_gemeente(naam, lijst, field="gemeente").code for naam in namen})


def alleen_provincie(overzicht: Overzicht, provincie: str) -> Overzicht:
    """The part of a statement a province supervises: its own municipalities only."""
    namen = sorted({r["provincie"] for r in overzicht.records})
    gekozen = next((naam for naam in namen if fold(naam) == fold(provincie)), None)
    if gekozen is None:
        raise InputError(Problem(unknown_message("provincie", provincie, namen), field="provincie"))
    records = [r for r in overzicht.records if r["provincie"] == gekozen]
    codes = {r["gemeentecode"] for r in records}
    return replace(
        overzicht, records=records, te_laat=[r for r in overzicht.te_laat if r["gemeentecode"] in codes]
    )
