"""Priced batches in a stored period (issue 14), on SQLite and PostgreSQL: the room left after earlier
accepted links, earlier batches as samples, prices and fairness stored with the run, bad input."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from doorstroom.koppeling import periode, service
from doorstroom.koppeling.models import KoppelingPeriodeBatchRecord
from doorstroom.platform.db import transaction
from doorstroom.platform.errors import InputError
from doorstroom.taakstelling import service as taakstelling
from doorstroom.values.periode import Periode
from tests.cli_helpers import run

PERIODE = Periode.parse("2026-2")


@pytest.fixture
def batches(tmp_path: Path) -> tuple[Path, Path]:
    """Two SYNTHETIC weekly batches (different arrivals) with a labour-demand table."""
    for naam, seed in (("w1", 3), ("w2", 4)):
        (tmp_path / naam).mkdir()
        service.genereer(40, seed, tmp_path / naam)
    return tmp_path / "w1", tmp_path / "w2"


def verzoek(map_: Path, **anders: object) -> service.Verzoek:
    return replace(
        service.Verzoek(map_ / "huishoudens.csv", arbeidsmarkt=map_ / "arbeidsmarkt.csv", tijdslimiet=5.0),
        periode=PERIODE,
        **anders,  # type: ignore[arg-type]
    )


def test_a_second_batch_uses_the_room_left_and_the_first_as_sample(
    engine: Engine, batches: tuple[Path, Path]
) -> None:
    assert run("taakstelling", "vaststellen", "-p", "2026-2", "-t", "12000", "-f", "csv").exit_code == 0
    prijzen = periode.Prijsverzoek(scenarios=3, seed=5, verwacht=400.0)
    eerste = periode.voorstel_in_periode(verzoek(batches[0]), prijzen, engine)
    assert eerste.batch == 1 and eerste.uitkomst.run_id is not None
    assert all(r["prijs"] > 0 and r["bindend"] <= 3 for r in eerste.prijzen)  # type: ignore[operator]
    alles = service.Selectie((), alle_open=True)
    service.beoordeel(engine, eerste.uitkomst.run_id, alles, service.Beoordeling("P. Jansen", "akkoord"))
    gekoppeld: dict[str, int] = {}
    for t in eerste.uitkomst.result.assignments:
        gekoppeld[t.gemeentecode] = gekoppeld.get(t.gemeentecode, 0) + t.personen

    tweede = periode.voorstel_in_periode(verzoek(batches[1]), prijzen, engine)
    resterend = taakstelling.resterend(engine, PERIODE)
    assert resterend is not None
    for g in tweede.uitkomst.instantie.gemeenten:
        assert g.capaciteit == max(resterend.get(g.code, 0) - gekoppeld.get(g.code, 0), 0)
        assert g.maximum is None
    assert tweede.batch == 2
    assert (
        f"min {sum(gekoppeld.values())} personen al gekoppeld in 1 eerdere batches"
        in tweede.uitkomst.capaciteitsbron
    )

    lijst, prijsregels, eerlijkheid = periode.overzicht(engine, PERIODE)
    assert [b["batch"] for b in lijst] == [1, 2] and [b["scenarios"] for b in lijst] == [3, 3]
    assert {r["batch"] for r in prijsregels} <= {1, 2}
    alle = [r for r in eerlijkheid if r["soort"] == "alle"]
    assert [r["huishoudens"] for r in alle] == [40, 40]
    with transaction(engine) as session:
        bewaard = session.scalars(
            select(KoppelingPeriodeBatchRecord).order_by(KoppelingPeriodeBatchRecord.id)
        )
        eerst = next(iter(bewaard))
        assert len(eerst.steekproef) == 40 and "huishouden_id" not in eerst.steekproef[0]


def test_same_seed_same_prices(engine: Engine, batches: tuple[Path, Path]) -> None:
    assert run("taakstelling", "vaststellen", "-p", "2026-2", "-t", "12000", "-f", "csv").exit_code == 0
    prijzen = periode.Prijsverzoek(scenarios=2, seed=11, verwacht=300.0)
    een = periode.voorstel_in_periode(verzoek(batches[0]), prijzen, engine, bewaren=False)
    twee = periode.voorstel_in_periode(verzoek(batches[0]), prijzen, engine, bewaren=False)
    assert een.prijzen == twee.prijzen
    with transaction(engine) as session:
        assert session.scalar(select(func.count(KoppelingPeriodeBatchRecord.id))) == 0


def test_without_a_fixed_taakstelling_the_period_is_named(engine: Engine, batches: tuple[Path, Path]) -> None:
    with pytest.raises(InputError) as fout:
        periode.voorstel_in_periode(verzoek(batches[0]), periode.Prijsverzoek(), engine)
    assert fout.value.problems[0].field == "periode" and "2026-2" in fout.value.problems[0].message


@pytest.mark.parametrize(
    ("anders", "prijsverzoek", "veld"),
    [
        ({"capaciteit": Path("capaciteit.csv")}, periode.Prijsverzoek(), "capaciteit"),
        ({"aandeel": 0.1}, periode.Prijsverzoek(), "aandeel"),
        ({"solver": "greedy"}, periode.Prijsverzoek(), "solver"),
        ({}, periode.Prijsverzoek(scenarios=0), "scenarios"),
        ({}, periode.Prijsverzoek(verwacht=-1.0), "verwacht"),
    ],
)
def test_options_that_do_not_fit_a_priced_batch_are_refused_before_any_work(
    engine: Engine,
    batches: tuple[Path, Path],
    anders: dict[str, object],
    prijsverzoek: periode.Prijsverzoek,
    veld: str,
) -> None:
    with pytest.raises(InputError) as fout:
        periode.voorstel_in_periode(verzoek(batches[0], **anders), prijsverzoek, engine)
    assert fout.value.problems[0].field == veld


def test_retention_empties_the_sample_rows_and_keeps_the_counts(
    engine: Engine, batches: tuple[Path, Path]
) -> None:
    from datetime import UTC, datetime, timedelta

    assert run("taakstelling", "vaststellen", "-p", "2026-2", "-t", "12000", "-f", "csv").exit_code == 0
    periode.voorstel_in_periode(verzoek(batches[0]), periode.Prijsverzoek(scenarios=1, verwacht=50.0), engine)
    service.opschonen(engine, nu=datetime.now(UTC) + timedelta(days=10_000))
    with transaction(engine) as session:
        batch = session.scalars(select(KoppelingPeriodeBatchRecord)).one()
        assert batch.steekproef == [] and batch.eerlijkheid
