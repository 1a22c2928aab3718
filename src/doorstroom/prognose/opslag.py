"""Stored forecasts: run a scenario once, keep its document and workbook, show and download them.

The web application runs a forecast in the background and many pages show it afterwards (the chain
overview's fan charts and the national taakstelling it implies); computing it again for every page
would cost seconds each time. A stored forecast is repeatable: the scenario (as TOML), paths,
horizon and seed are kept with it, so ``doorstroom prognose bereken --scenario ... --seed ...``
gives the same numbers.

A stored forecast is its maker's: a user sees their own, the shared one and those the server stored
itself (:func:`doorstroom.accounts.toegang.ziet_prognose`, :mod:`~doorstroom.prognose.deling`); any
other does not exist for them.
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from doorstroom.accounts import toegang
from doorstroom.accounts.domain import Gebruiker, door_gebruiker
from doorstroom.accounts.toegang import Handeling
from doorstroom.files.csv_export import CsvStijl, records_to_csv
from doorstroom.platform import audit
from doorstroom.platform.clock import lokale_tijd
from doorstroom.platform.db import schrijf, transaction
from doorstroom.platform.errors import NotFound
from doorstroom.prognose import berekening, deling, uitvoer
from doorstroom.prognose.core.scenario import Scenario
from doorstroom.prognose.models import PrognoseRunRecord
from doorstroom.prognose.scenario_io import schrijf as scenario_toml
from doorstroom.values.domains import NAAM


@dataclass(frozen=True)
class Runverzoek:
    """What to run: a checked scenario, paths, horizon (None: the scenario's) and seed (None: new)."""

    scenario: Scenario
    naam: str
    paden: int = 1000
    maanden: int | None = None
    seed: int | None = None


def controleer(verzoek: Runverzoek) -> None:
    """Every number and the name of a request inside its domain (before any work is queued)."""
    NAAM.check(verzoek.naam.strip(), field="naam")
    berekening.kies_seed(verzoek.seed)
    berekening.controleer_run(verzoek.scenario, verzoek.paden, verzoek.maanden)


def bereken_en_bewaar(
    engine: Engine, gebruiker: Gebruiker, verzoek: Runverzoek, on_month: Callable[[int], None] | None = None
) -> int:
    """Run the forecast on the reception places known to ``engine`` and store it; its id."""
    toegang.eis(gebruiker, Handeling.prognose_rekenen)
    controleer(verzoek)
    naam, seed = verzoek.naam.strip() or verzoek.scenario.naam, berekening.kies_seed(verzoek.seed)
    plaatsen = berekening.opvang(None, verzoek.scenario, engine)
    resultaat = berekening.prognose(
        verzoek.scenario, plaatsen, paden=verzoek.paden, maanden=verzoek.maanden, seed=seed, on_month=on_month
    )
    record = PrognoseRunRecord(
        naam=naam[:100],
        aangemaakt_op=datetime.now(UTC),
        aangemaakt_door=gebruiker.actor[:100],
        scenario=scenario_toml(verzoek.scenario),
        start=resultaat.maanden[0],
        maanden=len(resultaat.maanden),
        paden=resultaat.paden,
        seed=seed,
        kenmerk=uitvoer.kenmerk(verzoek.scenario)[:200],
        document=_eindig(uitvoer.als_json(resultaat, plaatsen)),
        werkboek=_werkboek(resultaat, plaatsen, naam[:100]),
    )

    def bewaar(session: Any) -> int:
        session.add(record)
        session.flush()
        audit.record(session, "write", "prognose_run", str(record.id))
        return int(record.id)

    return schrijf(engine, bewaar)


def _werkboek(resultaat: Any, plaatsen: Any, naam: str) -> bytes:
    """The workbook titled with the forecast's own name (the scenario it started from may differ)."""
    with tempfile.TemporaryDirectory() as map_:
        pad = Path(map_) / "prognose.xlsx"
        kop = berekening.prognose_kop(resultaat, naam)
        berekening.werkboek(pad, kop, uitvoer.tabellen(resultaat, plaatsen))
        return pad.read_bytes()


def _eindig(waarde: Any) -> Any:
    """The document with every non-finite number as None (JSON, and PostgreSQL, have no NaN)."""
    if isinstance(waarde, float):
        return waarde if math.isfinite(waarde) else None
    if isinstance(waarde, dict):
        return {sleutel: _eindig(w) for sleutel, w in waarde.items()}
    if isinstance(waarde, list | tuple):
        return [_eindig(w) for w in waarde]
    return waarde


def runs(engine: Engine, gebruiker: Gebruiker) -> list[dict[str, object]]:
    """The stored forecasts ``gebruiker`` may see, newest first (without their documents), each
    flagged ``gedeeld`` (the shared one), ``eigen`` (theirs) and ``ingebouwd`` (the server's own)."""
    toegang.eis(gebruiker, Handeling.prognose_rekenen)
    with transaction(engine) as session:
        query = select(
            PrognoseRunRecord.id,
            PrognoseRunRecord.naam,
            PrognoseRunRecord.aangemaakt_op,
            PrognoseRunRecord.aangemaakt_door,
            PrognoseRunRecord.start,
            PrognoseRunRecord.maanden,
            PrognoseRunRecord.paden,
            PrognoseRunRecord.seed,
            PrognoseRunRecord.kenmerk,
        ).order_by(PrognoseRunRecord.id.desc())
        gedeeld = deling.gedeelde_id(session)
        rijen = [_rij(r, gebruiker, gedeeld) for r in session.execute(query)]
    return [r for r in rijen if toegang.ziet_prognose(gebruiker, str(r["door"]), bool(r["gedeeld"]))]


def _rij(r: Any, gebruiker: Gebruiker, gedeeld: int | None) -> dict[str, object]:
    return {
        "id": r.id,
        "naam": r.naam,
        "aangemaakt_op": lokale_tijd(r.aangemaakt_op),
        "door": r.aangemaakt_door,
        "start": r.start,
        "maanden": r.maanden,
        "paden": r.paden,
        "seed": r.seed,
        "kenmerk": r.kenmerk,
        "gedeeld": r.id == gedeeld,
        "eigen": r.aangemaakt_door == gebruiker.actor,
        "ingebouwd": not door_gebruiker(r.aangemaakt_door),
    }


def _record(session: Any, gebruiker: Gebruiker, run_id: int) -> PrognoseRunRecord:
    """The stored forecast, if ``gebruiker`` may see it: another user's trial does not exist for them."""
    record = session.get(PrognoseRunRecord, run_id)
    gedeeld = record is not None and deling.gedeelde_id(session) == run_id
    if record is None or not toegang.ziet_prognose(gebruiker, record.aangemaakt_door, gedeeld):
        raise NotFound(f"prognose {run_id} bestaat niet of valt buiten uw bereik")
    return record  # type: ignore[no-any-return]


def document(engine: Engine, gebruiker: Gebruiker, run_id: int) -> dict[str, Any]:
    """The stored JSON document of a forecast (as ``prognose bereken --format json`` prints it)."""
    toegang.eis(gebruiker, Handeling.prognose_rekenen)
    with transaction(engine) as session:
        record = _record(session, gebruiker, run_id)
        return {"id": record.id, "naam": record.naam, **record.document}


def werkboek(engine: Engine, gebruiker: Gebruiker, run_id: int) -> bytes:
    """The stored workbook (XLSX) of a forecast."""
    toegang.eis(gebruiker, Handeling.prognose_rekenen)
    with transaction(engine) as session:
        return bytes(_record(session, gebruiker, run_id).werkboek)


def kwantielen_csv(engine: Engine, gebruiker: Gebruiker, run_id: int, stijl: CsvStijl | None = None) -> str:
    """P10/P50/P90 per series and month as CSV (the ``kwantielen`` table), Dutch dialect by default."""
    reeksen = document(engine, gebruiker, run_id)["reeksen"]
    rijen = [{"reeks": naam, **punt} for naam, punten in reeksen.items() for punt in punten]
    return records_to_csv(rijen, ("reeks", "maand", "p10", "p50", "p90"), stijl or CsvStijl.nl, bom=True)


def provinciereeksen(
    engine: Engine, gebruiker: Gebruiker, run_id: int, reeks: str = "huisvesting_totaal"
) -> dict[str, dict[str, tuple[float, float, float]]]:
    """One series of a stored forecast per province: month → (P10, P50, P90); a missing value is 0.

    The housing plan reads the persons its province is expected to house each month from here.
    """
    punten: dict[str, dict[str, tuple[float, float, float]]] = {}
    for rij in document(engine, gebruiker, run_id).get("provincies", []):
        if rij.get("reeks") == reeks:
            band = tuple(float(rij.get(q) or 0.0) for q in ("p10", "p50", "p90"))
            punten.setdefault(str(rij["provincie"]), {})[str(rij["maand"])] = band  # type: ignore[assignment]
    return punten
