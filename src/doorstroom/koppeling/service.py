"""Use cases of the koppeling for the CLI (and later the API and web app).

``genereer`` writes a SYNTHETIC instance; ``voorstel`` reads the input files, solves, validates,
explains and (optionally) stores the run; ``beoordeel`` records a person's decision on a proposal.
A proposal is advice: nothing is final until a person accepts or overrides it (human oversight).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from doorstroom import audit
from doorstroom.db import transaction
from doorstroom.errors import DoorstroomError, InputError, NotFound, Problem
from doorstroom.koppeling import explain, io, repository
from doorstroom.koppeling.domain import Beleid, GemeenteCapaciteit, Huishouden, Instantie, RegioSoort
from doorstroom.koppeling.models import KoppelingRunRecord, KoppelingVoorstelRecord
from doorstroom.koppeling.outcome import UitkomstModel, train
from doorstroom.koppeling.result import KoppelingResult
from doorstroom.koppeling.solvers import solver
from doorstroom.koppeling.synthetic import synthetisch
from doorstroom.koppeling.validate import check_result
from doorstroom.reference.domain import Gemeente
from doorstroom.reference.loader import embedded_gemeenten
from doorstroom.reference.periode import Periode
from doorstroom.settings import get_settings
from doorstroom.taakstelling import service as taakstelling

BEOORDELINGEN = ("geaccepteerd", "overschreven")


@dataclass(frozen=True)
class Verzoek:
    """What to solve: input files and policy settings."""

    huishoudens: Path
    capaciteit: Path | None = None
    arbeidsmarkt: Path | None = None
    regiosoort: RegioSoort = RegioSoort.provincie
    regiobestand: Path | None = None
    solver: str = "highs"
    tijdslimiet: float = 60.0
    beleid: Beleid = field(default_factory=Beleid)
    periode: Periode | None = None
    aandeel: float | None = None
    uitkomsten: Path | None = None


@dataclass(frozen=True)
class Uitkomst:
    """A solved, validated run with its explanations; ``run_id`` when stored."""

    instantie: Instantie
    result: KoppelingResult
    uitleg: dict[str, explain.Uitleg]
    run_id: int | None = None
    capaciteitsbron: str = ""
    uitkomstvalidatie: dict[str, float] = field(default_factory=dict)


class OngeldigResultaat(DoorstroomError):
    """A solver produced a plan that breaks capacity or a hard criterion (a bug; never saved)."""


def genereer(huishoudens: int, seed: int, map_: Path) -> list[Path]:
    """Write a SYNTHETIC instance as CSV files into ``map_``."""
    if huishoudens < 1:
        raise InputError(Problem("minstens 1 huishouden", field="--huishoudens"))
    return io.schrijf_instantie(synthetisch(embedded_gemeenten(), huishoudens, seed), map_)


def laad(
    verzoek: Verzoek, gemeenten: tuple[Gemeente, ...] | None = None, engine: Engine | None = None
) -> tuple[Instantie, str]:
    """Read and check every input file; any problem stops here, before solving.

    Returns the instance and where its capacity came from (file, stored taakstelling, fallback).
    """
    gemeenten = gemeenten or embedded_gemeenten()
    bekend = {g.code: g for g in gemeenten}
    bestand = io.lees_regios(verzoek.regiobestand, bekend) if verzoek.regiobestand else None
    regio = io.regio_indeling(gemeenten, verzoek.regiosoort, bestand)
    huishoudens, synthetisch_h = io.lees_huishoudens(verzoek.huishoudens, bekend)
    capaciteit, synthetisch_c, bron = _capaciteit(verzoek, gemeenten, huishoudens, regio, engine)
    vraag = io.lees_vraag(verzoek.arbeidsmarkt) if verzoek.arbeidsmarkt else {}
    instantie = Instantie(
        tuple(huishoudens),
        tuple(capaciteit),
        io.locaties(gemeenten, regio),
        vraag,
        synthetisch_h or synthetisch_c,
    )
    return instantie, bron


def _capaciteit(
    verzoek: Verzoek,
    gemeenten: tuple[Gemeente, ...],
    huishoudens: list[Huishouden],
    regio: dict[str, str],
    engine: Engine | None,
) -> tuple[list[GemeenteCapaciteit], bool, str]:
    """Capacity from the file; else the stored remaining taakstelling, pro-rated; else a fallback."""
    if verzoek.capaciteit is not None:
        capaciteit, synthetisch_c = io.lees_capaciteit(
            verzoek.capaciteit, {g.code: g for g in gemeenten}, regio
        )
        return capaciteit, synthetisch_c, f"bestand {verzoek.capaciteit}"
    periode = verzoek.periode or Periode.containing(taakstelling.vandaag())
    resterend = taakstelling.resterend(engine, periode) if engine is not None else None
    if resterend is None:
        bron = f"geen taakstelling {periode} opgeslagen: personen van deze batch +3 %, naar inwoners"
        return io.standaard_capaciteit(gemeenten, huishoudens, regio), False, bron
    aandeel = verzoek.aandeel or batch_aandeel(periode, taakstelling.vandaag())
    bron = f"resterende taakstelling {periode} × {aandeel:.3f} (aandeel van de batch)"
    return io.capaciteit_uit_taakstelling(gemeenten, resterend, aandeel, regio), False, bron


def lokale_tijd(moment: datetime) -> str:
    """A stored UTC moment as Europe/Amsterdam time (SQLite returns it without a zone)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(ZoneInfo(get_settings().timezone)).isoformat(timespec="seconds")


def batch_aandeel(periode: Periode, vandaag: date, dagen: int = 7) -> float:
    """Share of the rest of the period one batch of ``dagen`` days covers (a week by default)."""
    if vandaag > periode.end:
        return 1.0
    over = (periode.end - max(vandaag, periode.start)).days + 1
    return min(1.0, dagen / over)


def voorstel(verzoek: Verzoek, engine: Engine | None = None, *, bewaren: bool = True) -> Uitkomst:
    """Solve, validate and explain; store the run when an engine is given and ``bewaren``.

    The engine also supplies the default capacity (the stored remaining taakstelling). With
    ``verzoek.uitkomsten`` an outcome model is trained on that history, validated, and used as the
    ``uitkomst`` criterion; a model that fails validation stops the run (algoritmeregister).
    """
    instantie, bron = laad(verzoek, engine=engine)
    model = uitkomstmodel(verzoek.uitkomsten, instantie) if verzoek.uitkomsten else None
    result = solver(verzoek.solver).los_op(instantie, verzoek.beleid, verzoek.tijdslimiet, model)
    fouten = check_result(instantie, verzoek.beleid, result)
    if fouten:
        raise OngeldigResultaat("resultaat afgekeurd door de controles: " + "; ".join(fouten[:5]))
    uitleg = explain.uitleg(instantie, verzoek.beleid, result, model)
    validatie = _validatie(model)
    run_id = (
        _bewaar(engine, verzoek, instantie, result, uitleg, validatie)
        if engine is not None and bewaren
        else None
    )
    return Uitkomst(instantie, result, uitleg, run_id, bron, validatie)


def uitkomstmodel(pad: Path, instantie: Instantie) -> UitkomstModel:
    """Train the outcome model on the history in ``pad``; refuse one that fails validation."""
    bekend = {g.code: g for g in embedded_gemeenten()}
    huishoudens, geplaatst, uitkomsten = io.lees_uitkomsten(pad, bekend)
    try:
        model = train(replace(instantie, huishoudens=tuple(huishoudens)), huishoudens, geplaatst, uitkomsten)
    except ValueError as error:
        raise InputError(Problem(f"uitkomstmodel niet te trainen: {error}", file=str(pad))) from None
    v = model.validatie
    if not v.bruikbaar:
        melding = f"uitkomstmodel afgekeurd: AUC {v.auc:.2f}, ECE {v.ece:.3f}, {v.rijen} validatierijen"
        raise InputError(Problem(melding, file=str(pad)))
    return model


def _validatie(model: UitkomstModel | None) -> dict[str, float]:
    if model is None:
        return {}
    v = model.validatie
    return {"rijen": float(v.rijen), "auc": v.auc, "brier": v.brier, "ece": v.ece}


def _bewaar(
    engine: Engine,
    verzoek: Verzoek,
    instantie: Instantie,
    result: KoppelingResult,
    uitleg: dict[str, explain.Uitleg],
    validatie: dict[str, float],
) -> int:
    record = _run_record(verzoek, instantie, result, validatie)
    record.voorstellen = _voorstel_records(instantie, result, uitleg)
    with transaction(engine) as session:
        run_id = repository.bewaar_run(session, record)
        audit.record(session, "write", "koppeling_run", str(run_id), len(instantie.huishoudens))
    return run_id


def _run_record(
    verzoek: Verzoek, instantie: Instantie, result: KoppelingResult, validatie: dict[str, float]
) -> KoppelingRunRecord:
    data = result.as_dict()
    return KoppelingRunRecord(
        aangemaakt_op=datetime.now(UTC),
        aangemaakt_door=audit.current_actor(),
        solver=result.solver,
        status=str(result.status),
        objective=_getal(result.objective),
        bound=_getal(result.bound),
        gap=_getal(result.gap),
        seconds=result.seconds,
        synthetisch=instantie.synthetisch,
        instellingen={
            **verzoek.beleid.as_dict(),
            "solver": verzoek.solver,
            "tijdslimiet": verzoek.tijdslimiet,
            "regiosoort": str(verzoek.regiosoort),
            "uitkomstmodel": validatie or None,
        },
        invoer={
            "huishoudens": [io._huishouden_record(h, "") for h in instantie.huishoudens],
            "capaciteit": [io._capaciteit_record(g, "") for g in instantie.gemeenten],
            "arbeidsmarkt": [[r, s, v] for (r, s), v in sorted(instantie.vraag.items())],
        },
        conflicten=data["conflicts"],
    )  # fmt: skip


def _bovengrens(record: dict[str, object]) -> int:
    """A stored municipality's hard ceiling: ``maximum`` if given (soft batch share), else capacity."""
    maximum = record.get("maximum")
    return int(str(maximum)) if maximum not in (None, "") else int(str(record["capaciteit"]))


def _getal(waarde: float) -> float | None:
    return None if waarde != waarde or waarde in (float("inf"), float("-inf")) else waarde


def _voorstel_records(
    instantie: Instantie, result: KoppelingResult, uitleg: dict[str, explain.Uitleg]
) -> list[KoppelingVoorstelRecord]:
    toewijzing = {t.huishouden_id: t for t in result.assignments}
    records = []
    for h in instantie.huishoudens:
        t = toewijzing.get(h.id)
        records.append(
            KoppelingVoorstelRecord(
                huishouden_id=h.id,
                gemeentecode=t.gemeentecode if t else None,
                personen=h.grootte,
                score=t.score if t else None,
                criteria=t.criteria if t else {},
                uitleg=uitleg[h.id].tekst,
                beoordeling="open",
            )
        )
    return records


def runs(engine: Engine) -> list[dict[str, object]]:
    """Stored runs, newest first, for review."""
    with transaction(engine) as session:
        return [
            {"run": r.id, "aangemaakt_op": lokale_tijd(r.aangemaakt_op), "solver": r.solver,
             "status": r.status, "gap": r.gap, "synthetisch": r.synthetisch, "voorstellen": n, "open": o}
            for r, n, o in repository.runs(session)
        ]  # fmt: skip


def voorstellen(engine: Engine, run_id: int) -> list[dict[str, object]]:
    """The proposals of one run with their review state."""
    with transaction(engine) as session:
        run = repository.run(session, run_id)
        if run is None:
            raise NotFound(f"run {run_id} bestaat niet")
        audit.record(session, "read", "koppeling_run", str(run_id), len(run.voorstellen))
        return [_voorstel_dict(v) for v in run.voorstellen]


def _voorstel_dict(v: KoppelingVoorstelRecord) -> dict[str, object]:
    return {
        "huishouden_id": v.huishouden_id,
        "gemeentecode": v.gemeentecode,
        "personen": v.personen,
        "score": v.score,
        "beoordeling": v.beoordeling,
        "definitief": v.definitieve_gemeentecode,
        "door": v.beoordeeld_door,
        "uitleg": v.uitleg,
    }


def beoordeel(
    engine: Engine,
    run_id: int,
    huishouden_id: str,
    door: str,
    *,
    gemeentecode: str | None = None,
    toelichting: str | None = None,
) -> dict[str, object]:
    """Accept a proposal, or override it with ``gemeentecode`` (a reason is then required)."""
    if not door.strip():
        raise InputError(Problem("wie beoordeelt? (naam verplicht)", field="--door"))
    with transaction(engine) as session:
        run = repository.run(session, run_id)
        voorstel = repository.voorstel(session, run_id, huishouden_id)
        if run is None or voorstel is None:
            raise NotFound(f"geen voorstel voor huishouden {huishouden_id} in run {run_id}")
        if gemeentecode is not None and gemeentecode != voorstel.gemeentecode:
            _check_override(session, run, voorstel, gemeentecode, toelichting)
            voorstel.beoordeling, voorstel.definitieve_gemeentecode = "overschreven", gemeentecode
        else:
            _check_accept(voorstel)
            voorstel.beoordeling, voorstel.definitieve_gemeentecode = "geaccepteerd", voorstel.gemeentecode
        voorstel.beoordeeld_door, voorstel.beoordeeld_op = door, datetime.now(UTC)
        voorstel.toelichting = toelichting
        audit.record(session, "write", "koppeling_voorstel", f"{run_id}/{huishouden_id}")
        return _voorstel_dict(voorstel)


def _check_accept(voorstel: KoppelingVoorstelRecord) -> None:
    if voorstel.gemeentecode is None:
        raise InputError(
            Problem("dit huishouden heeft geen voorstel; overschrijf met --gemeente", field="--gemeente")
        )


def _check_override(
    session: object,
    run: KoppelingRunRecord,
    voorstel: KoppelingVoorstelRecord,
    code: str,
    toelichting: str | None,
) -> None:
    """An override needs a reason and must respect the run's capacity and the hard criteria."""
    problemen = []
    if not (toelichting or "").strip():
        problemen.append(
            Problem("een afwijking van het voorstel vraagt een toelichting", field="--toelichting")
        )
    capaciteit = {r["gemeentecode"]: _bovengrens(r) for r in run.invoer["capaciteit"]}
    if code not in capaciteit:
        problemen.append(Problem(f"gemeente {code} doet niet mee in deze run", field="--gemeente"))
    else:
        bezet = repository.personen_per_gemeente(session, run.id).get(code, 0)  # type: ignore[arg-type]
        if bezet + voorstel.personen > capaciteit[code]:
            problemen.append(
                Problem(
                    f"{code} heeft {capaciteit[code] - bezet} plaatsen over, nodig {voorstel.personen}",
                    field="--gemeente",
                )
            )
    huishouden = next(h for h in run.invoer["huishoudens"] if h["huishouden_id"] == voorstel.huishouden_id)
    if huishouden["binding_gemeente"] and huishouden["binding_gemeente"] != code:
        problemen.append(
            Problem(
                f"harde binding ({huishouden['binding']}) aan {huishouden['binding_gemeente']}",
                field="--gemeente",
            )
        )
    if problemen:
        raise InputError(problemen)
