"""``/monitor`` over a real database: the same protected figures as the command line's CSV, and a
province gets aggregates only."""

from __future__ import annotations

import csv
import io
import subprocess

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.cli.test_console_script import PROGRAM
from tests.monitor.test_monitor_service import gehuisvest

API = "/api/v1/monitor"
PAD = f"{API}/indicatoren/huisvesting_binnen_termijn/cijfers"


def _vul(engine: Engine) -> None:
    for dag in range(10):
        gehuisvest(engine, "GM0344", f"2026-02-{10 + dag:02d}", "V")
    for _ in range(3):
        gehuisvest(engine, "GM0344", "2026-05-01", "M")
    for _ in range(10):
        gehuisvest(engine, "GM0307", "2026-02-01", "V")


def _sleutel(rij: dict[str, object]) -> tuple[str, ...]:
    waarde = rij["waarde"]
    tekst = "" if waarde is None or waarde == "" else f"{float(str(waarde)):.1f}"
    return (
        *(str(rij[k]) for k in ("jaar", "eenheidsoort", "eenheid", "uitsplitsing", "groep", "personen")),
        tekst,
    )


def test_the_api_and_the_csv_give_the_same_protected_figures(
    client: TestClient, als: dict[str, dict[str, str]], engine: Engine
) -> None:
    _vul(engine)
    api = client.get(PAD, headers=als["coa"])
    assert api.status_code == 200, api.text
    rijen = api.json()["cijfers"]
    uitvoer = subprocess.run(
        [str(PROGRAM), "monitor", "cijfers", "huisvesting_binnen_termijn", "--format", "csv"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert {_sleutel(r) for r in rijen} == {_sleutel(r) for r in csv.DictReader(io.StringIO(uitvoer))}
    assert any(r["personen"] == "< 10" for r in rijen) and any(r["personen"] == "afgeschermd" for r in rijen)


def test_a_province_gets_aggregates_only_and_a_municipality_its_own_groups(
    client: TestClient, als: dict[str, dict[str, str]], engine: Engine
) -> None:
    _vul(engine)
    provincie = client.get(PAD, headers=als["prov-utrecht"]).json()
    assert not [
        r for r in provincie["cijfers"] if r["eenheidsoort"] == "gemeente" and r["uitsplitsing"] != "totaal"
    ]
    for rij in provincie["cijfers"]:
        assert not isinstance(rij["personen"], int) or rij["personen"] == 0 or rij["personen"] >= 10
    utrecht = client.get(PAD, headers=als["utrecht"]).json()
    gemeenten = {r["eenheid"] for r in utrecht["cijfers"] if r["eenheidsoort"] == "gemeente"}
    assert gemeenten == {"GM0344"} and utrecht["eigenGemeente"] == "GM0344"
    assert {v["eenheidsoort"] for v in utrecht["vergelijkingen"]} == {"grootteklasse", "provincie", "land"}
    assert client.get(PAD, headers=als["beheer"]).status_code == 403
    assert client.get(f"{API}/indicatoren/nationaliteit/cijfers", headers=als["utrecht"]).status_code == 404
    assert client.get(f"{API}/indicatoren").status_code == 401
