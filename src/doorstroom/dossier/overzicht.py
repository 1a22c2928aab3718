"""Overviews of the case file: the deadlines view per municipality and case worker, and aggregates.

The deadlines view lists, per person, what is due or overdue (:mod:`doorstroom.dossier.termijnen`)
and is personal data (audited). Aggregates count persons per municipality and phase; they contain no
personal data and are what a provincial supervisor sees.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from doorstroom.accounts.domain import Gebruiker
from doorstroom.accounts.namens import namens
from doorstroom.accounts.service import bereik_voor
from doorstroom.accounts.toegang import Bereik, aggregaatbereik
from doorstroom.dossier import repository, termijnen, weergave
from doorstroom.dossier.models import PersoonRecord
from doorstroom.dossier.tijdlijn import Fase, actueel
from doorstroom.platform import audit
from doorstroom.platform.db import transaction
from doorstroom.platform.errors import InputError, NotFound, Problem
from doorstroom.platform.paging import Pagina
from doorstroom.taakstelling import service as taakstelling
from doorstroom.taakstelling.berekening import standaard_peildatum
from doorstroom.values import afscherming
from doorstroom.values.periode import Periode

Record = weergave.Record


@dataclass(frozen=True)
class Termijnfilter:
    """Which deadlines to list; ``peildatum`` defaults to today (Europe/Amsterdam)."""

    gemeentecode: str | None = None
    casemanager: str | None = None
    status: termijnen.Status | None = None
    regel: str | None = None
    peildatum: date | None = None


Open = tuple[PersoonRecord, termijnen.Termijn]
"""An open deadline and the person it is for: rows are built only for the page shown."""

SORTERINGEN: dict[str, Callable[[Open], tuple[str, ...]]] = {
    "vervaldatum": lambda o: (o[1].vervaldatum.isoformat(), o[0].sorteernaam, o[1].regel),
    "naam": lambda o: (o[0].sorteernaam, o[1].vervaldatum.isoformat(), o[1].regel),
    "casemanager": lambda o: (o[0].casemanager or "", o[1].vervaldatum.isoformat(), o[0].sorteernaam),
    "status": lambda o: (o[1].status.value, o[1].vervaldatum.isoformat(), o[0].sorteernaam),
}
"""How the deadlines view can be ordered; names as Dutch lists file them (:mod:`doorstroom.values.naam`)."""


@namens
def termijnoverzicht(
    engine: Engine,
    gebruiker: Gebruiker,
    filter_: Termijnfilter,
    pagina: Pagina,
    aflopend: bool = False,
    sorteer: str = "vervaldatum",
) -> tuple[list[Record], int]:
    """Open deadlines of the persons within scope, earliest due first (or by ``sorteer``), one page."""
    if sorteer not in SORTERINGEN:
        raise InputError(Problem(f"sorteer op {' of '.join(SORTERINGEN)}", field="sorteer"))
    scope = bereik_voor(engine, gebruiker)
    regels, peildatum = weergave.regels(), filter_.peildatum or weergave.vandaag()
    with transaction(engine) as session:
        open_ = _alle_termijnen(session, scope, filter_, regels, peildatum)
        open_.sort(key=lambda o: (*SORTERINGEN[sorteer](o), o[0].id), reverse=aflopend)
        gekozen = pagina.uit(open_)
        referenties = repository.referenties_van(
            session, {p.huishouden_id for p, _ in gekozen if p.huishouden_id}
        )
        page = [weergave.termijn(p, t, referenties.get(p.huishouden_id or "")) for p, t in gekozen]
        if page:
            audit.record(
                session,
                "read",
                "termijn",
                f"overzicht pagina {pagina.nummer}",
                len(page),
                velden=page[0],
                objecten=sorted({str(r["persoonId"]) for r in page}),
            )
        return page, len(open_)


def _alle_termijnen(
    session: Session, scope: Bereik, filter_: Termijnfilter, regels: termijnen.Regels, peildatum: date
) -> list[Open]:
    filters: dict[str, object] = {}
    if filter_.gemeentecode:
        filters["gemeentecode"] = filter_.gemeentecode
    if filter_.casemanager:
        filters["casemanager"] = filter_.casemanager
    personen = [p for p in repository.alle_zichtbare(session, scope, filters) if p.fase != Fase.afgerond]
    soorten = repository.zichtbare_soorten(scope)
    per_persoon: dict[str, list[object]] = {}
    for record in repository.gebeurtenissen_van(session, [p.id for p in personen], soorten):
        per_persoon.setdefault(record.persoon_id, []).append(weergave.als_waarde(record))
    open_: list[Open] = []
    for persoon in personen:
        tijdlijn = actueel(per_persoon.get(persoon.id, []))  # type: ignore[arg-type]
        feiten = termijnen.Persoonsfeiten(persoon.geboortedatum)
        for t in termijnen.termijnen(tijdlijn, regels, peildatum, feiten):
            if (filter_.status is None or t.status is filter_.status) and (filter_.regel in (None, t.regel)):
                open_.append((persoon, t))
    return open_


@namens
def aantallen(engine: Engine, gebruiker: Gebruiker, codes: Iterable[str] | None = None) -> dict[str, Record]:
    """Per municipality within the caller's aggregate scope: persons per phase and in reception."""
    scope = bereik_voor(engine, gebruiker)
    with transaction(engine) as session:
        ruw = _tellingen(session, scope, codes)
    return {code: _afgeschermd(telling, scope.exact_aantal(code)) for code, telling in ruw.items()}


@namens
def totaal(engine: Engine, gebruiker: Gebruiker, codes: Iterable[str] | None = None) -> Record:
    """The same counts summed over the municipalities in view, hidden below ten as one figure."""
    scope = bereik_voor(engine, gebruiker)
    gekozen = None if codes is None else sorted(set(codes))
    with transaction(engine) as session:
        ruw = _tellingen(session, scope, gekozen)
    som: Record = {"personen": 0, "inOpvang": 0, "perFase": Counter()}
    for telling in ruw.values():
        som["personen"] += telling["personen"]
        som["inOpvang"] += telling["inOpvang"]
        som["perFase"].update(telling["perFase"])
    return _afgeschermd(som, scope.exact_voor(gekozen))


def _tellingen(session: Session, scope: Bereik, codes: Iterable[str] | None) -> dict[str, Record]:
    """Raw counts per municipality in aggregate scope (never returned as they are)."""
    query = select(PersoonRecord.gemeentecode, PersoonRecord.fase, PersoonRecord.in_opvang, func.count())
    query = query.where(PersoonRecord.gemeentecode.is_not(None))
    if codes is not None:
        query = query.where(PersoonRecord.gemeentecode.in_(sorted(set(codes))))
    rows = session.execute(
        query.group_by(PersoonRecord.gemeentecode, PersoonRecord.fase, PersoonRecord.in_opvang)
    )
    result: dict[str, Record] = {}
    for code, fase, opvang, aantal in rows:
        if not scope.ziet_aggregaat(str(code)):
            continue
        entry = result.setdefault(str(code), {"personen": 0, "inOpvang": 0, "perFase": Counter()})
        entry["personen"] += int(aantal)
        entry["inOpvang"] += int(aantal) if opvang else 0
        entry["perFase"][str(fase)] += int(aantal)
    return result


def _afgeschermd(telling: Record, exact: bool) -> Record:
    """Counts as the caller may see them: exact, or each hidden below ten."""

    def cel(aantal: int) -> int | None:
        return aantal if exact else afscherming.toon(aantal)

    return {
        "personen": cel(telling["personen"]),
        "inOpvang": cel(telling["inOpvang"]),
        "perFase": {fase: cel(n) for fase, n in telling["perFase"].items()},
    }


@namens
def termijnaantallen(engine: Engine, gebruiker: Gebruiker, code: str) -> dict[str, int | None]:
    """How many deadlines of one municipality are open, due soon and overdue (no personal data)."""
    scope = bereik_voor(engine, gebruiker)
    if not scope.ziet_aggregaat(code):
        raise NotFound(f"gemeente {code} valt buiten uw bereik")
    with transaction(engine) as session:
        rijen = _alle_termijnen(
            session,
            aggregaatbereik(scope, [code]),
            Termijnfilter(gemeentecode=code),
            weergave.regels(),
            weergave.vandaag(),
        )
    counts = Counter(t.status.value for _, t in rijen)
    return {status.value: scope.aantal(code, counts.get(status.value, 0)) for status in termijnen.Status}


@namens
def taakstellingen(
    engine: Engine, gebruiker: Gebruiker, periode: Periode, peildatum: date | None, gemeentecode: str | None
) -> list[Record]:
    """Quota and realisation per municipality, public figures, so of every municipality for each role
    the access rule lets see them (no personal data).

    Realisation includes the case file's move-ins (:mod:`doorstroom.taakstelling.core.realisatiebronnen`).
    """
    scope = bereik_voor(engine, gebruiker)
    statement = taakstelling.voortgang(engine, periode, peildatum or standaard_peildatum(periode))
    return [
        _taakstelling(str(periode), r)
        for r in statement.records
        if scope.ziet_taakstelling(str(r["gemeentecode"])) and gemeentecode in (None, r["gemeentecode"])
    ]


def _taakstelling(periode: str, r: Record) -> Record:
    return {
        "periode": periode, "gemeentecode": r["gemeentecode"], "gemeentenaam": r["gemeentenaam"],
        "provincie": r["provincie"], "taakstelling": r["taakstelling"], "achterstand": r["achterstand"],
        "gecorrigeerdeTaakstelling": r["gecorrigeerde_taakstelling"], "gerealiseerd": r["gerealiseerd"],
        "resterend": r["resterend"], "status": r["status"], "peildatum": r["peildatum"],
    }  # fmt: skip
