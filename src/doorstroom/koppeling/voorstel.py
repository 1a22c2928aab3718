"""Use cases of one koppeling run: generate an instance, read it, solve, validate, explain, store.

``genereer`` writes a SYNTHETIC instance; ``voorstel`` reads the input files, solves, validates,
explains and (optionally) stores the run; ``advies`` and ``rapport`` read the same input for advice
per household and the report beside the greedy baseline. A proposal is advice: nothing is final
until a person accepts or overrides it (human oversight, :mod:`~doorstroom.koppeling.beoordeling`).
Delivery layers reach these through :mod:`doorstroom.koppeling.service`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from doorstroom import __version__
from doorstroom.koppeling import io, repository
from doorstroom.koppeling.core import capaciteit as capaciteitsregel
from doorstroom.koppeling.core.batchaandeel import batch_aandeel
from doorstroom.koppeling.core.domain import Beleid, GemeenteCapaciteit, Huishouden, Instantie, RegioSoort
from doorstroom.koppeling.core.outcome import UitkomstModel, train
from doorstroom.koppeling.core.result import KoppelingResult
from doorstroom.koppeling.core.synthetic import synthetisch
from doorstroom.koppeling.core.validate import check_result
from doorstroom.koppeling.explain import rapport as rapportage
from doorstroom.koppeling.explain import uitleg as explain
from doorstroom.koppeling.models import KoppelingRunRecord, KoppelingVoorstelRecord
from doorstroom.koppeling.solver.registry import STANDAARD_SOLVER, TIJDSLIMIET, solver
from doorstroom.platform import audit
from doorstroom.platform.clock import lokale_tijd
from doorstroom.platform.db import schrijf, transaction
from doorstroom.platform.errors import DoorstroomError, InputError, Problem
from doorstroom.platform.paging import Deel, Pagina
from doorstroom.reference.core.domain import Gemeente
from doorstroom.reference.core.lookup import find_gemeente
from doorstroom.reference.io import embedded_gemeenten
from doorstroom.taakstelling import service as taakstelling
from doorstroom.values.domains import AANDEEL, GEWICHT, HUISHOUDENS, KANDIDATEN, SECONDEN, SEED
from doorstroom.values.periode import Periode


@dataclass(frozen=True)
class Verzoek:
    """What to solve: input files and policy settings.

    ``huishoudens`` is a file, or the households themselves when they come from the case file
    (:func:`doorstroom.dossier.service.wachtende_huishoudens`: no upload for data Doorstroom holds).
    """

    huishoudens: Path | tuple[Huishouden, ...]
    capaciteit: Path | None = None
    arbeidsmarkt: Path | None = None
    regiosoort: RegioSoort = RegioSoort.provincie
    regiobestand: Path | None = None
    solver: str = STANDAARD_SOLVER
    tijdslimiet: float = TIJDSLIMIET
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
    HUISHOUDENS.check(huishoudens, field="huishoudens")
    SEED.check(seed, field="seed")
    if huishoudens < 1:
        raise InputError(Problem("geef minstens 1 huishouden", field="huishoudens"))
    return io.schrijf_instantie(synthetisch(embedded_gemeenten(), huishoudens, seed), map_)


def laad(
    verzoek: Verzoek, gemeenten: tuple[Gemeente, ...] | None = None, engine: Engine | None = None
) -> tuple[Instantie, str]:
    """Read and check every input file; any problem stops here, before solving.

    Returns the instance and where its capacity came from (file, stored taakstelling, fallback).
    Names are checked against what they name: ``voorkeur_regio`` against the run's regions, a
    labour-market region against the CBS regions and the other file that names it.
    """
    _check_verzoek(verzoek)
    gemeenten = gemeenten or embedded_gemeenten()
    bekend = {g.code: g for g in gemeenten}
    bestand = io.lees_regios(verzoek.regiobestand, bekend) if verzoek.regiobestand else None
    regio = io.regio_indeling(gemeenten, verzoek.regiosoort, bestand)
    huishoudens, synthetisch_h = _huishoudens(verzoek.huishoudens, bekend, set(regio.values()))
    vraag = io.lees_vraag(verzoek.arbeidsmarkt) if verzoek.arbeidsmarkt else None
    cbs = {g.arbeidsmarktregio for g in gemeenten if g.arbeidsmarktregio}
    capaciteit, synthetisch_c, bron = _capaciteit(
        verzoek, gemeenten, huishoudens, regio, engine, cbs | (vraag.regios if vraag else set())
    )
    gebruikt = {g.arbeidsmarktregio for g in capaciteit if g.arbeidsmarktregio}
    instantie = Instantie(
        tuple(huishoudens),
        tuple(capaciteit),
        io.locaties(gemeenten, regio),
        vraag.gecontroleerd(cbs | gebruikt) if vraag else {},
        synthetisch_h or synthetisch_c,
    )
    return instantie, bron


def _huishoudens(
    bron: Path | tuple[Huishouden, ...], bekend: Mapping[str, Gemeente], regios: set[str]
) -> tuple[list[Huishouden], bool]:
    """The households of a run: read from a file, or given (from the case file, never synthetic)."""
    if isinstance(bron, Path):
        return io.lees_huishoudens(bron, bekend, regios)
    onbekend = sorted({h.opvang_gemeente for h in bron if h.opvang_gemeente not in bekend})
    if onbekend:
        raise InputError(Problem(f"onbekende opvanggemeente {', '.join(onbekend)}", field="opvang_gemeente"))
    if not bron:
        raise InputError(Problem("geen huishoudens om te koppelen", field="huishoudens"))
    return list(bron), False


def _check_verzoek(verzoek: Verzoek) -> None:
    """Numbers of a request within their documented domains (the CLI's and the API's options)."""
    SECONDEN.check(verzoek.tijdslimiet, field="tijdslimiet")
    if verzoek.aandeel is not None:
        AANDEEL.check(verzoek.aandeel, field="aandeel")
    for naam, gewicht in verzoek.beleid.gewichten.as_dict().items():
        GEWICHT.check(gewicht, field="uitkomstgewicht" if naam == "uitkomst" else f"gewicht {naam}")


def _capaciteit(
    verzoek: Verzoek,
    gemeenten: tuple[Gemeente, ...],
    huishoudens: list[Huishouden],
    regio: dict[str, str],
    engine: Engine | None,
    arbeidsmarktregios: set[str],
) -> tuple[list[GemeenteCapaciteit], bool, str]:
    """Capacity from the file; else the stored remaining taakstelling, pro-rated; else a fallback."""
    if verzoek.capaciteit is not None:
        capaciteit, synthetisch_c = io.lees_capaciteit(
            verzoek.capaciteit, {g.code: g for g in gemeenten}, regio, arbeidsmarktregios
        )
        return capaciteit, synthetisch_c, f"bestand {verzoek.capaciteit}"
    periode = verzoek.periode or Periode.containing(taakstelling.vandaag())
    resterend = taakstelling.resterend(engine, periode) if engine is not None else None
    if resterend is None:
        bron = f"geen taakstelling {periode} opgeslagen: personen van deze batch +3 %, naar inwoners"
        return capaciteitsregel.standaard(gemeenten, huishoudens, regio), False, bron
    aandeel = verzoek.aandeel or batch_aandeel(periode, taakstelling.vandaag())
    bron = f"resterende taakstelling {periode} × {aandeel:.3f} (aandeel van de batch)"
    return capaciteitsregel.uit_taakstelling(gemeenten, resterend, aandeel, regio), False, bron


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
    validatie = validatie_van(model)
    run_id = (
        _bewaar(engine, verzoek, instantie, result, uitleg, validatie)
        if engine is not None and bewaren
        else None
    )
    return Uitkomst(instantie, result, uitleg, run_id, bron, validatie)


def uitkomstmodel(pad: Path, instantie: Instantie) -> UitkomstModel:
    """Train the outcome model on the history in ``pad``; refuse one that fails validation."""
    bekend = {g.code: g for g in embedded_gemeenten()}
    regios = {locatie.regio for locatie in instantie.locaties.values()}
    huishoudens, geplaatst, uitkomsten = io.lees_uitkomsten(pad, bekend, regios)
    try:
        model = train(replace(instantie, huishoudens=tuple(huishoudens)), huishoudens, geplaatst, uitkomsten)
    except ValueError as error:
        raise InputError(Problem(f"uitkomstmodel niet te trainen: {error}", file=str(pad))) from None
    v = model.validatie
    if not v.bruikbaar:
        melding = f"uitkomstmodel afgekeurd: AUC {v.auc:.2f}, ECE {v.ece:.3f}, {v.rijen} validatierijen"
        raise InputError(Problem(melding, file=str(pad)))
    return model


def validatie_van(model: UitkomstModel | None) -> dict[str, float]:
    """The outcome model's validation figures as stored with a run (empty without a model)."""
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
    daarna: Callable[[Session, int], None] | None = None,
) -> int:
    """Store the run; ``daarna`` stores what belongs to it in the same transaction (all or nothing).

    Through the write door (:func:`doorstroom.platform.db.schrijf`): while another user writes, the
    run waits and is stored when the database is free; the solve is never repeated.
    """
    record = _run_record(verzoek, instantie, result, validatie)
    record.invoer["bestanden"] = _vingerafdrukken(verzoek)
    record.voorstellen = _voorstel_records(instantie, result, uitleg)

    def opslaan(session: Session) -> int:
        run_id = repository.bewaar_run(session, record)
        audit.record(session, "write", "koppeling_run", str(run_id), len(instantie.huishoudens))
        if daarna is not None:
            daarna(session, run_id)
        return run_id

    return schrijf(engine, opslaan)


bewaar = _bewaar
"""Store a run (for use cases of this context that place a run differently, e.g. in a period)."""


def _run_record(
    verzoek: Verzoek, instantie: Instantie, result: KoppelingResult, validatie: dict[str, float]
) -> KoppelingRunRecord:
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
            "capaciteit": [io.capaciteit_record(g) for g in instantie.gemeenten],
            "regio": {code: locatie.regio for code, locatie in sorted(instantie.locaties.items())},
            "arbeidsmarkt": [[r, s, v] for (r, s), v in sorted(instantie.vraag.items())],
            "versie": __version__,
        },
        conflicten=[
            {"beperking": c.beperking, "toelichting": c.toelichting, "huishoudens": len(c.huishoudens)}
            for c in result.conflicts
        ],
    )  # fmt: skip


def _vingerafdrukken(verzoek: Verzoek) -> dict[str, dict[str, object]]:
    """SHA-256 of every input file: a re-run can prove it used the same files (kept by the planner)."""
    paden = {
        "huishoudens": verzoek.huishoudens, "capaciteit": verzoek.capaciteit,
        "arbeidsmarkt": verzoek.arbeidsmarkt, "regiobestand": verzoek.regiobestand,
        "uitkomsten": verzoek.uitkomsten,
    }  # fmt: skip
    return {soort: _vingerafdruk(pad) for soort, pad in paden.items() if isinstance(pad, Path)}


def _vingerafdruk(pad: Path) -> dict[str, object]:
    digest = hashlib.sha256()
    with pad.open("rb") as handle:
        for blok in iter(lambda: handle.read(1 << 20), b""):
            digest.update(blok)
    return {"bestand": pad.name, "sha256": digest.hexdigest(), "bytes": pad.stat().st_size}


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
                opvang_gemeente=h.opvang_gemeente,
                zorg=h.zorg,
                binding=h.binding.value if h.binding else None,
                binding_gemeente=h.binding_gemeente,
            )
        )
    return records


def runs(engine: Engine) -> list[dict[str, object]]:
    """Stored runs, newest first, for review."""
    return runs_pagina(engine, None).rijen


def runs_pagina(engine: Engine, pagina: Pagina | None) -> Deel[dict[str, object]]:
    """One page of the stored runs, newest first, and how many there are (paged in the query)."""
    with transaction(engine) as session:
        rijen: list[dict[str, object]] = [
            {"run": r.id, "aangemaakt_op": lokale_tijd(r.aangemaakt_op), "solver": r.solver,
             "status": r.status, "gap": r.gap, "synthetisch": r.synthetisch, "voorstellen": n, "open": o,
             "opgeschoond_op": lokale_tijd(r.opgeschoond_op) if r.opgeschoond_op else None}
            for r, n, o in repository.runs(session, pagina)
        ]  # fmt: skip
        return Deel(rijen, repository.aantal_runs(session))


def advies(
    verzoek: Verzoek, engine: Engine | None = None, aantal: int = 3, gemeente: str | None = None
) -> tuple[list[explain.Advies], str, bool]:
    """Each household's best ``aantal`` municipalities with reasons (optionally only ``gemeente``).

    Returns the advice, where the capacity came from and whether the input is synthetic (so that
    what shows the advice marks it).
    """
    KANDIDATEN.check(aantal, field="aantal")
    code = find_gemeente(gemeente, embedded_gemeenten(), field="gemeente").code if gemeente else None
    instantie, bron = laad(verzoek, engine=engine)
    adviezen = explain.advies(instantie, verzoek.beleid, aantal)
    return [a for a in adviezen if code in (None, a.gemeentecode)], bron, instantie.synthetisch


def rapport(verzoek: Verzoek, engine: Engine | None = None) -> tuple[list[rapportage.Rapport], str, bool]:
    """The aggregate report of the chosen solver beside the greedy baseline (current practice), where
    the capacity came from and whether the input is synthetic."""
    instantie, bron = laad(verzoek, engine=engine)
    return (
        [
            rapportage.rapport(
                instantie, verzoek.beleid, solver(naam).los_op(instantie, verzoek.beleid, verzoek.tijdslimiet)
            )
            for naam in (verzoek.solver, "greedy")
        ],
        bron,
        instantie.synthetisch,
    )
