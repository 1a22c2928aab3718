"""The housing plan's endpoints: a municipality its own, a province its municipalities, one error body."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from doorstroom.accounts.domain import Gebruiker, Rol
from doorstroom.huisvesting import service

API = "/api/v1"
KOP = "kenmerk;naam;soort;aantal;personen;beschikbaar per;einddatum;status;bron\n"
RIJEN = (
    "A1;Noord;sociale huur;2;1;1-1-2026;;beschikbaar;corporatie\n"
    "A2;Groot;flexwoning;1;6;1-1-2026;;plan;raad\n"
)


def test_supply_plan_and_money_table_under_the_access_rule(
    engine: Engine, client: TestClient, als: dict[str, dict[str, str]], csv_file: Callable[[str, str], Path]
) -> None:
    utrecht = Gebruiker("utrecht", Rol.gemeente, gemeentecode="GM0344")
    service.importeer(engine, utrecht, "GM0344", csv_file("aanbod.csv", KOP + RIJEN), "test")
    aanbod = client.get(f"{API}/gemeenten/GM0344/woningaanbod", headers=als["utrecht"]).json()
    assert [(r["kenmerk"], r["plaatsen"], r["geregistreerdDoor"]) for r in aanbod["resultaten"]] == [
        ("A1", 2, "gebruiker:utrecht"),
        ("A2", 6, "gebruiker:utrecht"),
    ]
    plan = client.get(
        f"{API}/gemeenten/GM0344/huisvestingsplan?maanden=3", headers=als["prov-utrecht"]
    ).json()
    assert len(plan["resultaten"]) >= 1
    assert all(m["behoefte"] - m["aanbod"] == m["saldo"] for m in plan["resultaten"])
    assert client.get(f"{API}/gemeenten/GM0344/woningaanbod", headers=als["amersfoort"]).status_code == 404
    assert (
        client.get(f"{API}/gemeenten/GM0344/huisvestingsplan", headers=als["prov-groningen"]).status_code
        == 404
    )
    fout = client.get(f"{API}/gemeenten/GM0344/huisvestingsplan?maanden=99", headers=als["utrecht"])
    assert fout.status_code in (400, 422) and fout.headers["content-type"].startswith(
        "application/problem+json"
    )
    regelingen = client.get(f"{API}/regelingen?paginaGrootte=100", headers=als["utrecht"]).json()[
        "resultaten"
    ]
    assert regelingen and all(
        r["bron"] and r["status"] in ("gepubliceerd", "inschatting") for r in regelingen
    )
