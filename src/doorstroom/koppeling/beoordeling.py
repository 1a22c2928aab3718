"""Use cases of the review: decide on proposals, show them with their history, remove them after the term.

Delivery layers (CLI, REST API, web app) call :func:`beoordeel` with a :class:`Selectie` (which
proposals) and a :class:`Beoordeling` (who decides, why, and optionally which other municipality).
Every decision is appended, never replaces one (:mod:`~doorstroom.koppeling.core.besluit`), and the
resulting plan must pass the same validator as a solver result
(:func:`~doorstroom.koppeling.core.validate.controleer_plan`); a refused override names the
municipalities that would be allowed and have room. Decisions on one run take turns (its row is
locked), so two people cannot together push a municipality past its maximum. The audit line of a
decision names the person who decided.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from doorstroom.koppeling import repository
from doorstroom.koppeling.core import besluit, bewaartermijn
from doorstroom.koppeling.core.besluit import Wijziging
from doorstroom.koppeling.core.domain import GemeenteCapaciteit
from doorstroom.koppeling.core.validate import Overtreding, controleer_plan, ruimte_voor, samengevat
from doorstroom.koppeling.models import (
    KoppelingBesluitRecord,
    KoppelingRunGemeenteRecord,
    KoppelingRunRecord,
    KoppelingVoorstelRecord,
)
from doorstroom.koppeling.opgeslagen import Opgeslagen, namen_van
from doorstroom.platform import audit
from doorstroom.platform.clock import lokale_tijd
from doorstroom.platform.db import schrijf, transaction
from doorstroom.platform.errors import InputError, NotFound, Problem, Verouderd
from doorstroom.platform.settings import get_settings
from doorstroom.reference.core.lookup import find_gemeente
from doorstroom.reference.io import embedded_gemeenten
from doorstroom.values.domains import NAAM, REFERENTIE, RUNNUMMER, TOELICHTING

MAX_ALTERNATIEVEN = 10


@dataclass(frozen=True)
class Selectie:
    """Which proposals of a run one decision covers.

    Either named ``huishoudens`` (COA references), or ``alle_open``: every proposal nobody has
    decided on, optionally only those proposed to municipality ``voorgesteld`` (name or code).
    ``versies`` (optional, per household: the number of decisions the decider saw) makes the
    decision conditional: when someone decided in between, nothing is recorded (:class:`Verouderd`),
    so of two people deciding on one proposal at once, one wins and the other is told.
    """

    huishoudens: tuple[str, ...] = ()
    alle_open: bool = False
    voorgesteld: str | None = None
    versies: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Beoordeling:
    """Who decides, why, and what: accept (``gemeente`` None) or override with ``gemeente``.

    ``toelichting`` is required for an override, for a decision that reverses the one holding
    now, and for a decision over several proposals at once.
    """

    door: str
    toelichting: str | None = None
    gemeente: str | None = None


def beoordeel(
    engine: Engine, run_id: int, selectie: Selectie, beoordeling: Beoordeling
) -> list[dict[str, object]]:
    """Record one decision on every selected proposal; all of them, or none when any is refused."""
    return schrijf(engine, lambda session: beoordeel_in(session, run_id, selectie, beoordeling))


def beoordeel_in(
    session: Session, run_id: int, selectie: Selectie, beoordeling: Beoordeling
) -> list[dict[str, object]]:
    """:func:`beoordeel` inside the caller's write transaction, for a caller that records more with
    it (the case file records the koppeling in the same transaction: both, or neither)."""
    door, toelichting, doel = _gecontroleerd(run_id, selectie, beoordeling)
    with audit.acting_as(door):
        run = _run(session, run_id, voor_wijziging=True)
        opgeslagen = Opgeslagen.van(run, repository.voorstellen(session, run_id))
        gekozen = _kies(opgeslagen, selectie)
        _eis_versies(gekozen, selectie.versies)
        wijzigingen = _wijzigingen(opgeslagen, gekozen, doel, toelichting, meerdere=len(gekozen) > 1)
        records = [
            KoppelingBesluitRecord(
                voorstel_id=v.id, besluit=str(w.besluit), gemeentecode=w.gemeentecode, door=door,
                genomen_op=datetime.now(UTC), toelichting=toelichting,
            )
            for v, w in zip(gekozen, wijzigingen, strict=True)
        ]  # fmt: skip
        repository.voeg_besluiten_toe(session, records)
        ref = f"run {run_id}, besluit {records[0].id}" + (f"-{records[-1].id}" if len(records) > 1 else "")
        audit.record(session, "write", "koppeling_besluit", ref, len(records))
        return [_besluit_dict(opgeslagen, v, r) for v, r in zip(gekozen, records, strict=True)]


def _gecontroleerd(
    run_id: int, selectie: Selectie, beoordeling: Beoordeling
) -> tuple[str, str | None, str | None]:
    """The decision's texts within their domains, the target municipality as a CBS code."""
    RUNNUMMER.check(run_id, field="run")
    door = NAAM.check(beoordeling.door.strip(), field="door")
    if not door:
        raise InputError(Problem("wie beslist? Geef een naam", field="door"))
    toelichting = TOELICHTING.check((beoordeling.toelichting or "").strip(), field="toelichting") or None
    for ident in selectie.huishoudens:
        REFERENTIE.check(ident, field="huishouden")
    if bool(selectie.huishoudens) == selectie.alle_open:
        raise InputError(
            Problem("noem huishoudens, of kies alle open voorstellen (niet beide)", field="huishouden")
        )
    if selectie.voorgesteld is not None and not selectie.alle_open:
        raise InputError(
            Problem(
                "een filter op de voorgestelde gemeente geldt alleen bij alle open voorstellen",
                field="voorgesteld",
            )
        )
    return door, toelichting, _code(beoordeling.gemeente, "gemeente")


def _code(tekst: str | None, veld: str) -> str | None:
    if tekst is None or not tekst.strip():
        return None
    return find_gemeente(NAAM.check(tekst.strip(), field=veld), embedded_gemeenten(), field=veld).code


def _run(session: Session, run_id: int, *, voor_wijziging: bool = False) -> KoppelingRunRecord:
    run = repository.run(session, run_id, voor_wijziging=voor_wijziging)
    if run is None:
        raise NotFound(f"run {run_id} bestaat niet")
    if run.opgeschoond_op is not None:
        raise NotFound(
            f"van run {run_id} zijn de gegevens per huishouden verwijderd op "
            f"{lokale_tijd(run.opgeschoond_op)} "
            "(bewaartermijn); de samenvatting geeft nog de aantallen per gemeente"
        )
    return run


def _kies(opgeslagen: Opgeslagen, selectie: Selectie) -> list[KoppelingVoorstelRecord]:
    if selectie.alle_open:
        filter_ = _code(selectie.voorgesteld, "voorgesteld")
        gekozen = [
            v for v in opgeslagen.voorstellen
            if opgeslagen.stand(v).besluit is None and v.gemeentecode is not None
            and filter_ in (None, v.gemeentecode)
        ]  # fmt: skip
        if not gekozen:
            raise InputError(
                Problem("geen open voorstellen die aan de selectie voldoen", field="voorgesteld")
            )
        return gekozen
    per_id = {v.huishouden_id: v for v in opgeslagen.voorstellen}
    onbekend = len({ident for ident in selectie.huishoudens if ident not in per_id})
    if onbekend:
        raise NotFound(
            f"{onbekend} van de genoemde huishoudens heeft geen voorstel in run {opgeslagen.run.id}"
        )
    return [per_id[ident] for ident in dict.fromkeys(selectie.huishoudens)]


def _eis_versies(gekozen: Sequence[KoppelingVoorstelRecord], versies: Mapping[str, int]) -> None:
    """Refuse the decision when a proposal had more decisions than the decider saw."""
    verouderd = [
        v.huishouden_id for v in gekozen if versies.get(v.huishouden_id, len(v.besluiten)) != len(v.besluiten)
    ]
    if verouderd:
        raise Verouderd(
            f"over {len(verouderd)} van de gekozen voorstellen is intussen door een ander besloten; "
            "bekijk het voorstel opnieuw"
        )


def _wijzigingen(
    opgeslagen: Opgeslagen,
    gekozen: Sequence[KoppelingVoorstelRecord],
    doel: str | None,
    toelichting: str | None,
    *,
    meerdere: bool,
) -> list[Wijziging]:
    """Each selected proposal's new decision, once the reason and the hard rules allow all of them."""
    problemen: list[Problem] = []
    wijzigingen = []
    for v in gekozen:
        try:
            wijzigingen.append(besluit.nieuw(opgeslagen.stand(v), doel))
        except InputError as error:
            problemen += error.problems
    if problemen:
        raise InputError(sorted(set(problemen), key=problemen.index))
    redenen = {besluit.toelichting_nodig(w, meerdere=meerdere) for w in wijzigingen} - {None}
    if toelichting is None:
        problemen += [Problem(str(reden), field="toelichting") for reden in sorted(redenen, key=str)]
    problemen += _regels(opgeslagen, gekozen, wijzigingen)
    if problemen:
        raise InputError(problemen)
    return wijzigingen


def _regels(
    opgeslagen: Opgeslagen, gekozen: Sequence[KoppelingVoorstelRecord], wijzigingen: Sequence[Wijziging]
) -> list[Problem]:
    """The validator's verdict on the plan with these decisions; alternatives for one household."""
    plan = opgeslagen.plan()
    plan.update({v.huishouden_id: w.gemeentecode for v, w in zip(gekozen, wijzigingen, strict=True)})
    instantie, beleid = opgeslagen.instantie(), opgeslagen.beleid()
    gewijzigd = {v.huishouden_id for v in gekozen}
    nieuw = {
        w.gemeentecode
        for v, w in zip(gekozen, wijzigingen, strict=True)
        if opgeslagen.stand(v).plaats != w.gemeentecode
    }
    overtredingen = [o for o in controleer_plan(instantie, beleid, plan) if _betreft(o, gewijzigd, nieuw)]
    if not overtredingen:
        return []
    problemen = [Problem(melding, field="gemeente") for melding in samengevat(overtredingen)]
    if len(gekozen) == 1:
        huishouden = next(h for h in instantie.huishoudens if h.id == gekozen[0].huishouden_id)
        problemen.append(_alternatieven(ruimte_voor(instantie, beleid, plan, huishouden)))
    return problemen


def _betreft(overtreding: Overtreding, huishoudens: set[str], gemeenten: set[str]) -> bool:
    """A violation this decision causes: of a decided household, or where households are added."""
    if overtreding.huishouden_id is not None:
        return overtreding.huishouden_id in huishoudens
    return overtreding.gemeentecode in gemeenten


def _alternatieven(gemeenten: Sequence[GemeenteCapaciteit]) -> Problem:
    if not gemeenten:
        return Problem("geen gemeente in deze run is toegestaan en heeft plaats", field="gemeente")
    namen = [f"{g.code} {g.naam}" for g in gemeenten[:MAX_ALTERNATIEVEN]]
    rest = len(gemeenten) - len(namen)
    staart = f" (en nog {rest})" if rest > 0 else ""
    return Problem(f"toegestaan en met plaats: {', '.join(namen)}{staart}", field="gemeente")


def _besluit_dict(
    opgeslagen: Opgeslagen, v: KoppelingVoorstelRecord, b: KoppelingBesluitRecord
) -> dict[str, object]:
    namen = opgeslagen.namen
    return {
        "run": opgeslagen.run.id,
        "huishouden_id": v.huishouden_id,
        "besluit_id": b.id,
        "beoordeling": b.besluit,
        "voorgesteld": v.gemeentecode,
        "voorgesteld_naam": namen.get(v.gemeentecode or "", ""),
        "gemeentecode": b.gemeentecode,
        "gemeentenaam": namen.get(b.gemeentecode, ""),
        "door": b.door,
        "op": lokale_tijd(b.genomen_op),
        "toelichting": b.toelichting,
    }


def voorstellen(engine: Engine, run_id: int, gemeente: str | None = None) -> list[dict[str, object]]:
    """The proposals of one run as they stand, optionally those involving one municipality."""
    RUNNUMMER.check(run_id, field="run")
    code = _code(gemeente, "gemeente")

    def werk(session: Session) -> list[dict[str, object]]:
        run = _run(session, run_id)
        opgeslagen = Opgeslagen.van(run, repository.voorstellen(session, run_id))
        rijen = [_voorstel_dict(opgeslagen, v) for v in opgeslagen.voorstellen]
        rijen = [r for r in rijen if code is None or code in (r["gemeentecode"], r["definitief"])]
        audit.record(session, "read", "koppeling_run", f"run {run_id}", len(rijen))
        return rijen

    with transaction(engine) as session:  # a reader: its audit line goes to the group commit
        return werk(session)


def _voorstel_dict(opgeslagen: Opgeslagen, v: KoppelingVoorstelRecord) -> dict[str, object]:
    stand, namen = opgeslagen.stand(v), opgeslagen.namen
    laatste = v.besluiten[-1] if v.besluiten else None
    return {
        "huishouden_id": v.huishouden_id,
        "gemeentecode": v.gemeentecode,
        "gemeentenaam": namen.get(v.gemeentecode or "", ""),
        "personen": v.personen,
        "score": v.score,
        "beoordeling": stand.beoordeling,
        "definitief": stand.gemeentecode,
        "definitief_naam": namen.get(stand.gemeentecode or "", ""),
        "besluiten": len(v.besluiten),
        "door": laatste.door if laatste else None,
        "op": lokale_tijd(laatste.genomen_op) if laatste else None,
        "uitleg": v.uitleg,
    }


def geschiedenis(
    engine: Engine, run_id: int, huishouden_id: str | None = None, gemeente: str | None = None
) -> list[dict[str, object]]:
    """Every decision of a run (or of one household, or involving one municipality), oldest first."""
    RUNNUMMER.check(run_id, field="run")
    if huishouden_id is not None:
        REFERENTIE.check(huishouden_id, field="huishouden")
    code = _code(gemeente, "gemeente")

    def werk(session: Session) -> list[dict[str, object]]:
        run = _run(session, run_id)
        opgeslagen = Opgeslagen.van(run, repository.voorstellen(session, run_id))
        gekozen = [v for v in opgeslagen.voorstellen if huishouden_id in (None, v.huishouden_id)]
        if huishouden_id is not None and not gekozen:
            raise NotFound(f"dit huishouden heeft geen voorstel in run {run_id}")
        rijen = sorted(
            (_besluit_dict(opgeslagen, v, b) for v in gekozen for b in v.besluiten),
            key=lambda r: int(str(r["besluit_id"])),
        )
        rijen = [r for r in rijen if code is None or code in (r["voorgesteld"], r["gemeentecode"])]
        audit.record(session, "read", "koppeling_besluit", f"run {run_id}", len(rijen))
        return rijen

    with transaction(engine) as session:  # a reader: its audit line goes to the group commit
        return werk(session)


def samenvatting(engine: Engine, run_id: int) -> list[dict[str, object]]:
    """Counts per municipality: proposed, accepted, overridden, final, open (kept after the term)."""
    RUNNUMMER.check(run_id, field="run")
    with transaction(engine) as session:
        run = repository.run(session, run_id)
        if run is None:
            raise NotFound(f"run {run_id} bestaat niet")
        namen = namen_van(run)
        if run.opgeschoond_op is not None:
            tellingen = [besluit.Telling(**_kolommen(t)) for t in repository.tellingen(session, run_id)]
        else:
            opgeslagen = Opgeslagen.van(run, repository.voorstellen(session, run_id))
            tellingen = opgeslagen.tellingen()
        return [{"gemeentenaam": namen.get(t.gemeentecode or "", ""), **t.as_dict()} for t in tellingen]


def _kolommen(record: KoppelingRunGemeenteRecord) -> dict[str, Any]:
    return {f.name: getattr(record, f.name) for f in fields(besluit.Telling)}


def opschonen(engine: Engine, *, nu: datetime | None = None, proef: bool = False) -> list[dict[str, object]]:
    """Remove the per-household data of every run past its retention term; keep counts per municipality.

    ``proef``: only list what would be removed. Each run removed gets an audit line (``delete``).
    """
    nu = nu or datetime.now(UTC)
    grens = bewaartermijn.grens(nu, get_settings().koppeling_bewaartermijn_dagen)

    def werk(session: Session) -> list[dict[str, object]]:
        verlopen = repository.runs_voor(session, grens)
        resultaat = []
        for run in verlopen:
            opgeslagen = Opgeslagen.van(run, repository.voorstellen(session, run.id))
            besluiten = sum(len(v.besluiten) for v in opgeslagen.voorstellen)
            resultaat.append(
                {"run": run.id, "aangemaakt_op": lokale_tijd(run.aangemaakt_op),
                 "huishoudens": len(opgeslagen.voorstellen), "besluiten": besluiten}
            )  # fmt: skip
            if not proef:
                _schoon(session, run, opgeslagen, nu)
        return resultaat

    return schrijf(engine, werk)


def _schoon(session: Session, run: KoppelingRunRecord, opgeslagen: Opgeslagen, nu: datetime) -> None:
    session.add_all(KoppelingRunGemeenteRecord(run_id=run.id, **t.as_dict()) for t in opgeslagen.tellingen())
    verwijderd = repository.verwijder_voorstellen(session, run.id)
    repository.leeg_steekproef(session, run.id)
    run.opgeschoond_op = nu
    audit.record(session, "delete", "koppeling_run", f"run {run.id}: gegevens per huishouden", verwijderd)
