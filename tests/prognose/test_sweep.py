"""Scenario sweeps: grid construction, domains and caps, and a run on a local Dask cluster."""

from __future__ import annotations

from dataclasses import replace

import pytest

from doorstroom.platform.errors import InputError
from doorstroom.prognose.standaard import standaard
from doorstroom.prognose.sweep import evalueer, parse_variatie, rooster, sweep


def test_variations_parse_lists_and_ranges() -> None:
    assert parse_variatie("taakstelling=14000,18000").waarden == (14000.0, 18000.0)
    assert parse_variatie("ind_capaciteit=2000:3000:3").waarden == (2000.0, 2500.0, 3000.0)


@pytest.mark.parametrize(
    "text",
    [
        "onbekend=1",
        "taakstelling=veel",
        "taakstelling=-1",
        "taakstelling=1:2",
        "taakstelling=1e308,nan",
        "taakstelling=nan",
        "taakstelling=inf",
        "taakstelling=1:10:100000",
        "inwilligingspercentage=1.5",
        "taakstelling=١٢",
        "taakstelling=1_000",
    ],
)
def test_bad_variations_are_input_errors(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_variatie(text)
    assert caught.value.problems[0].field == "varieer"


def test_unknown_parameter_suggests_the_closest() -> None:
    with pytest.raises(InputError, match="geldig zijn onder meer: taakstelling"):
        parse_variatie("taaksteling=1")


def test_grid_is_the_cartesian_product() -> None:
    grid = rooster(standaard(), [parse_variatie("taakstelling=1,2,3"), parse_variatie("coa_nood=0:10:5")])
    assert len(grid) == 15
    point, scenario = grid[-1]
    assert point == {"taakstelling": 3.0, "coa_nood": 10.0}
    assert scenario.waarde("taakstelling") == 3.0 and scenario.waarde("coa_nood") == 10.0


def test_grid_size_is_capped() -> None:
    axes = [parse_variatie("taakstelling=1:100:100"), parse_variatie("coa_nood=1:100:11")]
    with pytest.raises(InputError, match=r"1\.100 scenario's"):
        rooster(standaard(), axes)


@pytest.mark.slow
def test_sweep_runs_on_a_local_dask_cluster_over_loopback() -> None:
    from distributed import LocalCluster

    scenario = replace(standaard(), maanden=12)
    grid = [parse_variatie("taakstelling=12000,24000"), parse_variatie("ind_capaciteit=2500,3500")]
    with LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=2,
        threads_per_worker=1,
        processes=False,
        protocol="tcp",
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        records = sweep(scenario, grid, paden=50, seed=3, scheduler=cluster.scheduler_address)
    assert [(r["taakstelling"], r["ind_capaciteit"]) for r in records] == [
        (12000.0, 2500.0),
        (12000.0, 3500.0),
        (24000.0, 2500.0),
        (24000.0, 3500.0),
    ]
    local = evalueer(
        {}, scenario.met_waarde("taakstelling", 24000.0).met_waarde("ind_capaciteit", 3500.0), 50, None, 3
    )
    assert records[-1]["kosten_p50"] == local["kosten_p50"]
    # more housing leaves fewer permit holders waiting (same seed: common random numbers)
    waiting = [float(str(r["wachtende_vergunninghouders_eind_p50"])) for r in records]
    assert waiting[2] < waiting[0]
