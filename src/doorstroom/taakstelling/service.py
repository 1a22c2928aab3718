"""Use cases of the taakstelling, for the CLI, the API and the web app.

Two ways in: *from files* (:func:`bereken_overzicht`, no database: what a policy officer does with
the circular's total and last period's Excel), and *from the store* (:func:`vaststellen`,
:func:`importeer_realisatie`, :func:`importeer_koppelingen`, :func:`toezicht`), where the carry-over
from one period to the next is taken from what was stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from fractions import Fraction
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from doorstroom import audit
from doorstroom.db import transaction
from doorstroom.errors import InputError, NotFound, Problem
from doorstroom.reference.domain import Gemeente
from doorstroom.reference.periode import Periode
from doorstroom.reference.service import gemeenten_in_gebruik, gemeenten_uit
from doorstroom.settings import get_settings
from doorstroom.taakstelling import io, repository
from doorstroom.taakstelling.domain import (
    DEFAULT_MARGE,
    Koppeling,
    Realisatie,
    Taakstelling,
    bereken,
    realiseer,
)
from doorstroom.taakstelling.models import PeriodeRecord, TaakstellingRecord
from doorstroom.taakstelling.report import Record, realisatie_record, taakstelling_record
from doorstroom.taakstelling.verdeling import Afrondingsregel


@dataclass(frozen=True)
class Verzoek:
    """What to compute: a period's split, optionally with carry-over and realisation files."""

    periode: Periode
    totaal: int
    regel: Afrondingsregel = Afrondingsregel.hamilton
    sleutel: str = "inwoners"
    vorige: Path | None = None
    realisatie: Path | None = None
    koppelingen: Path | None = None
    gemeenten: Path | None = None
    peildatum: date | None = None
    marge: Fraction = DEFAULT_MARGE


@dataclass(frozen=True)
class Overzicht:
    """The per-municipality statement plus the overdue koppelingen behind it."""

    periode: Periode
    records: list[Record]
    te_laat: list[Record] = field(default_factory=list)
    afrondingsverschil: int = 0
    peildatum: date | None = None


def vandaag() -> date:
    """Today in the configured time zone (Europe/Amsterdam)."""
    return datetime.now(ZoneInfo(get_settings().timezone)).date()


def standaard_peildatum(periode: Periode, today: date | None = None) -> date:
    """Today within the period; the supervision date after it; its first day before it."""
    today = today or vandaag()
    if today > periode.end:
        return periode.supervision_date
    return max(today, periode.start)


def sleutelwaarden(gemeenten: list[Gemeente], sleutel: str) -> tuple[str, dict[str, int]]:
    """Name and values of the distribution key: population, housing stock, or a user file."""
    if sleutel == "inwoners":
        return sleutel, {g.code: g.inwoners for g in gemeenten}
    if sleutel == "woningvoorraad":
        missing = [g.code for g in gemeenten if g.woningvoorraad is None]
        if missing:
            raise InputError(
                Problem(f"woningvoorraad ontbreekt voor {', '.join(missing[:5])}", field="--sleutel")
            )
        return sleutel, {g.code: int(g.woningvoorraad or 0) for g in gemeenten}
    path = Path(sleutel)
    if not path.exists():
        raise InputError(
            Problem(
                f"'{sleutel}' is geen sleutel (inwoners, woningvoorraad) of bestaand bestand",
                field="--sleutel",
            )
        )
    return "sleutel", io.lees_sleutel(path, {g.code for g in gemeenten})


def bereken_overzicht(verzoek: Verzoek) -> Overzicht:
    """Compute a period's statement from files alone (no database)."""
    gemeenten = gemeenten_uit(verzoek.gemeenten)
    codes = {g.code for g in gemeenten}
    sleutelnaam, sleutel = sleutelwaarden(gemeenten, verzoek.sleutel)
    vorige = io.lees_vorige(verzoek.vorige, codes) if verzoek.vorige else {}
    taken = bereken(verzoek.totaal, gemeenten, sleutel, vorige, verzoek.regel)
    verschil = sum(t.taakstelling for t in taken) - verzoek.totaal
    if verzoek.realisatie is None and verzoek.koppelingen is None:
        return Overzicht(
            verzoek.periode,
            [taakstelling_record(t, sleutelnaam) for t in taken],
            afrondingsverschil=verschil,
        )
    realisatie = io.lees_realisatie(verzoek.realisatie, codes) if verzoek.realisatie else {}
    koppelingen = io.lees_koppelingen(verzoek.koppelingen, codes) if verzoek.koppelingen else []
    peildatum = verzoek.peildatum or standaard_peildatum(verzoek.periode)
    realisaties = _realiseer_alle(taken, verzoek.periode, peildatum, realisatie, koppelingen, verzoek.marge)
    return _overzicht(verzoek.periode, realisaties, koppelingen, peildatum, sleutelnaam, verschil)


def _realiseer_alle(
    taken: list[Taakstelling],
    periode: Periode,
    peildatum: date,
    realisatie: dict[str, dict[str, int]],
    koppelingen: list[Koppeling],
    marge: Fraction = DEFAULT_MARGE,
) -> list[Realisatie]:
    per_gemeente: dict[str, list[Koppeling]] = {}
    for koppeling in koppelingen:
        per_gemeente.setdefault(koppeling.gemeentecode, []).append(koppeling)
    return [
        realiseer(
            t,
            periode,
            peildatum,
            realisatie.get(t.gemeente.code, {}),
            per_gemeente.get(t.gemeente.code, []),
            marge,
        )
        for t in taken
    ]


def _overzicht(
    periode: Periode,
    realisaties: list[Realisatie],
    koppelingen: list[Koppeling],
    peildatum: date,
    sleutelnaam: str = "inwoners",
    verschil: int = 0,
) -> Overzicht:
    namen = {r.taakstelling.gemeente.code: r.taakstelling.gemeente.naam for r in realisaties}
    te_laat = [
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
    records = [realisatie_record(r, sleutelnaam) for r in realisaties]
    return Overzicht(periode, records, te_laat, verschil, peildatum)


def vaststellen(
    engine: Engine,
    periode: Periode,
    totaal: int,
    regel: Afrondingsregel = Afrondingsregel.hamilton,
    sleutel: str = "inwoners",
    vorige: Path | None = None,
) -> list[Taakstelling]:
    """Set and store a period's quotas; arrears come from ``vorige`` or the stored previous period."""
    gemeenten = gemeenten_in_gebruik(engine)
    codes = {g.code for g in gemeenten}
    sleutelnaam, waarden = sleutelwaarden(gemeenten, sleutel)
    achterstand = (
        io.lees_vorige(vorige, codes)
        if vorige
        else _opgeslagen_achterstand(engine, periode.previous(), gemeenten)
    )
    taken = bereken(totaal, gemeenten, waarden, achterstand, regel)
    record = PeriodeRecord(
        periode=str(periode),
        totaal=totaal,
        regel=regel.value,
        sleutel=sleutelnaam,
        vastgesteld_op=datetime.now(ZoneInfo(get_settings().timezone)),
    )
    with transaction(engine) as session:
        repository.vervang_periode(session, record, [_taak_record(periode, t) for t in taken])
    return taken


def _taak_record(periode: Periode, taak: Taakstelling) -> TaakstellingRecord:
    return TaakstellingRecord(
        periode=str(periode),
        gemeentecode=taak.gemeente.code,
        gemeentenaam=taak.gemeente.naam,
        sleutelwaarde=taak.sleutelwaarde,
        taakstelling=taak.taakstelling,
        achterstand=taak.achterstand,
        gecorrigeerde_taakstelling=taak.gecorrigeerde_taakstelling,
    )


def _opgeslagen_achterstand(engine: Engine, vorige: Periode, gemeenten: list[Gemeente]) -> dict[str, int]:
    """Signed carry-over per code from the stored previous period, judged at its supervision date."""
    try:
        realisaties, _ = _opgeslagen_realisaties(engine, vorige, vorige.supervision_date, gemeenten)
    except NotFound:
        return {}
    return {r.taakstelling.gemeente.code: r.achterstand_nu for r in realisaties}


def _opgeslagen_realisaties(
    engine: Engine, periode: Periode, peildatum: date, in_gebruik: list[Gemeente] | None = None
) -> tuple[list[Realisatie], list[Koppeling]]:
    """A stored period judged on ``peildatum``, with the koppelingen it was judged on."""
    gemeenten = {g.code: g for g in (in_gebruik or gemeenten_in_gebruik(engine))}
    with transaction(engine) as session:
        stored = repository.periode(session, periode)
        if stored is None:
            raise NotFound(f"taakstelling voor periode {periode} is niet vastgesteld")
        taken = [_taak_van(r, gemeenten) for r in repository.taakstellingen(session, periode)]
        realisatie = repository.realisatie(session, periode)
        koppelingen = repository.koppelingen(session)
        audit.record(session, "read", "taakstelling_koppeling", f"periode {periode}", len(koppelingen))
    return _realiseer_alle(taken, periode, peildatum, realisatie, koppelingen), koppelingen


def _taak_van(record: TaakstellingRecord, gemeenten: dict[str, Gemeente]) -> Taakstelling:
    """A stored quota as a value; the store keeps whole persons, so ``exact`` is the whole number."""
    gemeente = gemeenten.get(record.gemeentecode) or Gemeente(
        record.gemeentecode, record.gemeentenaam, "(opgeheven)", 0
    )
    gecorrigeerd = record.gecorrigeerde_taakstelling
    voorsprong = max(-(record.taakstelling + record.achterstand), 0)
    return Taakstelling(
        gemeente,
        record.sleutelwaarde,
        Fraction(record.taakstelling),
        record.taakstelling,
        record.achterstand,
        gecorrigeerd,
        voorsprong,
    )


def toezicht(engine: Engine, periode: Periode, peildatum: date | None = None) -> Overzicht:
    """The supervision statement of a stored period (default: at its supervision date)."""
    peildatum = peildatum or periode.supervision_date
    realisaties, koppelingen = _opgeslagen_realisaties(engine, periode, peildatum)
    return _overzicht(periode, realisaties, koppelingen, peildatum)


def importeer_realisatie(engine: Engine, path: Path) -> int:
    """Validate a realisation file whole, then store it in one transaction."""
    codes = {g.code for g in gemeenten_in_gebruik(engine)}
    rows = io.lees_realisatie(path, codes)
    with transaction(engine) as session:
        return repository.bewaar_realisatie(
            session, rows, str(path), datetime.now(ZoneInfo(get_settings().timezone))
        )


def importeer_koppelingen(engine: Engine, path: Path) -> int:
    """Validate a koppelingen file whole, then store it in one transaction."""
    codes = {g.code for g in gemeenten_in_gebruik(engine)}
    rows = io.lees_koppelingen(path, codes)
    with transaction(engine) as session:
        audit.record(session, "write", "taakstelling_koppeling", str(path), len(rows))
        return repository.bewaar_koppelingen(session, rows, str(path))


def alleen_provincie(overzicht: Overzicht, provincie: str) -> Overzicht:
    """The part of a statement a province supervises: its own municipalities only."""
    records = [r for r in overzicht.records if r["provincie"].lower() == provincie.lower()]
    if not records:
        raise InputError(Problem(f"geen gemeenten in provincie '{provincie}'", field="--provincie"))
    codes = {r["gemeentecode"] for r in records}
    te_laat = [r for r in overzicht.te_laat if r["gemeentecode"] in codes]
    return Overzicht(overzicht.periode, records, te_laat, overzicht.afrondingsverschil, overzicht.peildatum)


def resterend(engine: Engine, periode: Periode, peildatum: date | None = None) -> dict[str, int] | None:
    """Persons each municipality still has to house in a stored period (None: period not set).

    This is the koppeling's default capacity: COA links within the remaining corrected quota.
    """
    try:
        realisaties, _ = _opgeslagen_realisaties(engine, periode, peildatum or standaard_peildatum(periode))
    except NotFound:
        return None
    return {r.taakstelling.gemeente.code: r.resterend for r in realisaties}
