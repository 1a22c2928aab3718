"""Use cases of the koppeling over a half year: place a batch in a period, and report on the period.

``voorstel_in_periode`` places one batch against the stored state of a taakstelling period
(issue 14): the room is each municipality's remaining taakstelling minus the persons already linked
(accepted or overridden) in the period's earlier batches; prices on that room are estimated from
scenarios drawn from the period's earlier batches, a user's history file and the batch itself
(:mod:`~doorstroom.koppeling.solver.geprijsd`); the volume still expected comes from the prognose
(:mod:`~doorstroom.koppeling.verwachting`) unless given. The run is stored like every run, with
its prices, sample rows and fairness counts in ``koppeling_periode_batch`` (one transaction), so
the half year can be replayed and each price explained.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from doorstroom.koppeling import io, repository, verwachting, voorstel
from doorstroom.koppeling.core import eerlijkheid, evenwicht
from doorstroom.koppeling.core.domain import Instantie
from doorstroom.koppeling.core.validate import check_result
from doorstroom.koppeling.explain import prijsuitleg
from doorstroom.koppeling.explain import uitleg as explain
from doorstroom.koppeling.models import KoppelingPeriodeBatchRecord
from doorstroom.koppeling.solver import geprijsd as dynamisch
from doorstroom.koppeling.solver.prijsschatting import SCENARIOS, Instelling, Schatting, Steekproef
from doorstroom.platform.clock import lokale_tijd
from doorstroom.platform.db import transaction
from doorstroom.platform.errors import InputError, Problem
from doorstroom.reference.io import embedded_gemeenten
from doorstroom.taakstelling import service as taakstelling
from doorstroom.values.domains import EVENWICHTSMARGE, PRIJSSCENARIOS, SEED, VERWACHTE_HUISHOUDENS
from doorstroom.values.periode import Periode

METHODE = "geprijsd"


@dataclass(frozen=True)
class Prijsverzoek:
    """How the batch is priced: scenarios, seed, an optional history file and expected volume, and
    the margin of the *evenwicht* option (None: off; :mod:`~doorstroom.koppeling.core.evenwicht`)."""

    scenarios: int = SCENARIOS
    seed: int = 1
    historie: Path | None = None
    verwacht: float | None = None
    evenwicht: float | None = None


@dataclass(frozen=True)
class Periodeuitkomst:
    """A placed batch: the run, its prices explained, and where the expected volume came from."""

    uitkomst: voorstel.Uitkomst
    periode: Periode
    batch: int
    schatting: Schatting
    prijzen: list[dict[str, object]]
    verwacht_bron: str
    prijs_seconden: float
    afweging: evenwicht.Afweging | None = None


def voorstel_in_periode(
    verzoek: voorstel.Verzoek, prijsverzoek: Prijsverzoek, engine: Engine, *, bewaren: bool = True
) -> Periodeuitkomst:
    """Place this batch in its period with prices for what is still to come (module docstring)."""
    _check(verzoek, prijsverzoek)
    periode = verzoek.periode or Periode.containing(taakstelling.vandaag())
    resterend = taakstelling.resterend(engine, periode)
    if resterend is None:
        melding = (
            f"geen taakstelling voor {periode} vastgesteld; stel die eerst vast (taakstelling vaststellen)"
        )
        raise InputError(Problem(melding, field="periode"))
    with transaction(engine) as session:
        batches = repository.periodebatches(session, str(periode))
        gekoppeld = _gekoppeld(session, [run.id for _, run in batches])
    instantie, _ = voorstel.laad(replace(verzoek, periode=periode, aandeel=1.0), engine=engine)
    instantie = _met_rest(instantie, resterend, gekoppeld)
    model = voorstel.uitkomstmodel(verzoek.uitkomsten, instantie) if verzoek.uitkomsten else None
    codes = tuple(g.code for g in instantie.gemeenten)
    eerder = [dynamisch.uit_bewaard(b.steekproef, codes) for b, _ in batches]
    if prijsverzoek.historie is not None:
        eerder.append(_historie(prijsverzoek.historie, instantie, verzoek, model))
    verwacht = _verwacht(prijsverzoek, periode, instantie, eerder)
    instelling = Instelling(verwacht.huishoudens, prijsverzoek.scenarios, prijsverzoek.seed)
    run = dynamisch.geprijsd(
        instantie, verzoek.beleid, eerder, instelling,
        solver_naam=verzoek.solver, tijdslimiet=verzoek.tijdslimiet, uitkomst=model,
        evenwicht_marge=prijsverzoek.evenwicht,
    )  # fmt: skip
    fouten = check_result(run.instantie, verzoek.beleid, run.result)
    if fouten:
        raise voorstel.OngeldigResultaat("resultaat afgekeurd door de controles: " + "; ".join(fouten[:5]))
    batch_scores = dynamisch.scores(run.instantie, run.instantie.huishoudens, verzoek.beleid, model)
    namen = {g.code: g.naam for g in run.instantie.gemeenten}
    ids = tuple(h.id for h in run.instantie.huishoudens)
    weg = prijsuitleg.vrijgehouden(codes, ids, batch_scores, run.result, run.schatting.prijzen)
    uitleg = prijsuitleg.met_prijzen(
        explain.uitleg(run.instantie, verzoek.beleid, run.result, model),
        weg,
        codes,
        namen,
        run.schatting.prijzen,
    )
    regels = prijsuitleg.prijsregels(codes, namen, run.schatting, weg)
    validatie = voorstel.validatie_van(model)
    record = _batch_record(periode, prijsverzoek, run, verwacht, regels, batch_scores, codes)
    run_id = (
        voorstel.bewaar(engine, verzoek, run.instantie, run.result, uitleg, validatie, _koppel(record))
        if bewaren
        else None
    )
    bron = (
        f"resterende taakstelling {periode} min {sum(gekoppeld.values())} personen al gekoppeld "
        f"in {len(batches)} eerdere batches"
    )
    uitkomst = voorstel.Uitkomst(run.instantie, run.result, uitleg, run_id, bron, validatie)
    return Periodeuitkomst(
        uitkomst, periode, len(batches) + 1, run.schatting, regels, verwacht.bron, run.prijs_seconden,
        run.afweging,
    )  # fmt: skip


def _check(verzoek: voorstel.Verzoek, prijsverzoek: Prijsverzoek) -> None:
    """Options within their domains; the capacity of a period run comes from the stored period."""
    PRIJSSCENARIOS.check(prijsverzoek.scenarios, field="scenarios")
    SEED.check(prijsverzoek.seed, field="seed")
    if prijsverzoek.verwacht is not None:
        VERWACHTE_HUISHOUDENS.check(prijsverzoek.verwacht, field="verwacht")
    if prijsverzoek.evenwicht is not None:
        EVENWICHTSMARGE.check(prijsverzoek.evenwicht, field="evenwicht")
    if verzoek.capaciteit is not None:
        melding = (
            "een eigen capaciteit gaat niet samen met de methode geprijsd: "
            "de ruimte komt uit de opgeslagen periode"
        )
        raise InputError(Problem(melding, field="capaciteit"))
    if verzoek.aandeel is not None:
        raise InputError(
            Problem("een aandeel hoort bij de methode aandeel; geprijsd gebruikt prijzen", field="aandeel")
        )
    if verzoek.solver == "greedy":
        raise InputError(
            Problem(
                "de methode geprijsd vraagt een optimaliserende rekenmethode (HiGHS of OR-Tools)",
                field="solver",
            )
        )


def _gekoppeld(session: Session, run_ids: list[int]) -> dict[str, int]:
    """Persons per municipality linked in earlier batches: the newest decision of each proposal holds."""
    laatste: dict[int, tuple[str, int]] = {}
    for voorstel_id, _besluit, code, personen in repository.besloten_personen(session, run_ids):
        laatste[voorstel_id] = (code, personen)
    per_gemeente: dict[str, int] = {}
    for code, personen in laatste.values():
        per_gemeente[code] = per_gemeente.get(code, 0) + personen
    return per_gemeente


def _met_rest(instantie: Instantie, resterend: Mapping[str, int], gekoppeld: Mapping[str, int]) -> Instantie:
    """Room left per municipality: remaining taakstelling minus persons already linked (≥ 0), hard."""
    return replace(
        instantie,
        gemeenten=tuple(
            replace(g, capaciteit=max(resterend.get(g.code, 0) - gekoppeld.get(g.code, 0), 0), maximum=None)
            for g in instantie.gemeenten
        ),
    )


def _historie(pad: Path, instantie: Instantie, verzoek: voorstel.Verzoek, model: object) -> Steekproef:
    """Earlier arrivals from a user's households file, scored against this run's municipalities."""
    bekend = {g.code: g for g in embedded_gemeenten()}
    regios = {locatie.regio for locatie in instantie.locaties.values()}
    huishoudens, _ = io.lees_huishoudens(pad, bekend, regios)
    return dynamisch.scores(instantie, huishoudens, verzoek.beleid, model)  # type: ignore[arg-type]


def _verwacht(
    prijsverzoek: Prijsverzoek, periode: Periode, instantie: Instantie, eerder: list[Steekproef]
) -> verwachting.Verwachting:
    if prijsverzoek.verwacht is not None:
        return verwachting.Verwachting(prijsverzoek.verwacht, "opgegeven verwacht aantal")
    personen = [h.grootte for h in instantie.huishoudens] + [int(p) for s in eerder for p in s.personen]
    grootte = float(np.mean(personen)) if personen else 1.0
    return verwachting.uit_prognose(periode, taakstelling.vandaag(), grootte)


def _batch_record(
    periode: Periode,
    prijsverzoek: Prijsverzoek,
    run: dynamisch.GeprijsdeRun,
    verwacht: verwachting.Verwachting,
    regels: list[dict[str, object]],
    batch_scores: Steekproef,
    codes: tuple[str, ...],
) -> KoppelingPeriodeBatchRecord:
    return KoppelingPeriodeBatchRecord(
        periode=str(periode), methode=METHODE, seed=prijsverzoek.seed, scenarios=run.schatting.scenarios,
        getrokken=run.schatting.getrokken, verwacht_huishoudens=float(verwacht.huishoudens),
        verwacht_bron=verwacht.bron, prijs_seconden=run.prijs_seconden, prijzen=regels,
        steekproef=dynamisch.bewaarbaar(batch_scores, codes),
        eerlijkheid=eerlijkheid.per_soort(
            run.instantie, run.result, dynamisch.beste_scores(run.instantie, batch_scores)
        ),
        evenwicht=None if run.afweging is None else run.afweging.as_dict(),
    )  # fmt: skip


def _koppel(record: KoppelingPeriodeBatchRecord) -> Callable[[Session, int], None]:
    def daarna(session: Session, run_id: int) -> None:
        record.run_id = run_id
        repository.bewaar_periodebatch(session, record)

    return daarna


def overzicht(
    engine: Engine, periode: Periode
) -> tuple[list[dict[str, object]], list[dict[str, object]], list[dict[str, object]]]:
    """The period's batches, every batch's prices, and outcomes by batch and household type."""
    with transaction(engine) as session:
        batches = repository.periodebatches(session, str(periode))
    lijst, prijzen, tellingen = [], [], []
    for nummer, (batch, run) in enumerate(batches, start=1):
        lijst.append({
            "batch": nummer, "run": run.id, "aangemaakt_op": lokale_tijd(run.aangemaakt_op),
            "methode": batch.methode, "status": run.status, "scenarios": batch.scenarios, "seed": batch.seed,
            "verwacht_huishoudens": round(batch.verwacht_huishoudens, 1), "prijzen": len(batch.prijzen),
            "verwacht_bron": batch.verwacht_bron, **_evenwicht_kolommen(batch.evenwicht),
        })  # fmt: skip
        prijzen += [{"batch": nummer, "run": run.id, **regel} for regel in batch.prijzen]
        tellingen.append((nummer, batch.eerlijkheid))
    return lijst, prijzen, eerlijkheid.overzicht(tellingen)


def _evenwicht_kolommen(afweging: Mapping[str, object] | None) -> dict[str, object]:
    """The evenwicht option of a batch as flat columns (empty where it was off)."""
    velden = ("marge", "schaal", "kosten", "kosten_pct")
    return {f"evenwicht_{veld}": None if afweging is None else afweging[veld] for veld in velden}
