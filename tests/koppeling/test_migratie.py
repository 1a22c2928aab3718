"""Migration 0004 on stored data: reviews become history, runs lose their per-household input."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import Engine

from doorstroom.platform.db import alembic_config, make_engine, upgrade

HUISHOUDENS = [
    {"huishouden_id": "H1", "opvang_gemeente": "GM0363", "zorg": "dialyse", "binding": "",
     "binding_gemeente": "", "opleidingen": "hoger", "sectoren": "zorg", "netwerk_gemeenten": "GM0344",
     "voorkeur_regio": "Utrecht"},
    {"huishouden_id": "H2", "opvang_gemeente": "GM0599", "zorg": "", "binding": "werkcontract",
     "binding_gemeente": "GM0014", "opleidingen": "basis", "sectoren": "-", "netwerk_gemeenten": "",
     "voorkeur_regio": ""},
]  # fmt: skip


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def lege_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty database of its own (a fresh one on the PostgreSQL test server)."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'migratie.db'}")
        yield engine
        engine.dispose()
        return
    beheer = make_engine(request.getfixturevalue("postgres_url"))
    naam = f"migratie_{uuid.uuid4().hex[:12]}"
    with beheer.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(sa.text(f"CREATE DATABASE {naam}"))
    engine = make_engine(beheer.url.set(database=naam).render_as_string(hide_password=False))
    try:
        yield engine
    finally:
        engine.dispose()
        with beheer.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(sa.text(f"DROP DATABASE {naam}"))
        beheer.dispose()


def _oude_run(engine: Engine) -> None:
    """A run as revision 0003 stored it: full household input, the last review on the proposal."""
    metadata = sa.MetaData()
    metadata.reflect(engine, only=["koppeling_run", "koppeling_voorstel"])
    run, voorstel = metadata.tables["koppeling_run"], metadata.tables["koppeling_voorstel"]
    nu = datetime(2026, 11, 1, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(
            run.insert().values(
                id=1, aangemaakt_op=nu, aangemaakt_door="os:coa", solver="highs", status="optimal",
                objective=1.0, bound=1.0, gap=0.0, seconds=0.1, synthetisch=False,
                instellingen={"regio_binding": "hard", "regiosoort": "provincie"},
                invoer={"huishoudens": HUISHOUDENS, "capaciteit": [], "arbeidsmarkt": []},
                conflicten=[{"beperking": "zorg dialyse", "toelichting": "x", "huishoudens": ["H1"]}],
            )
        )  # fmt: skip
        gedeeld = {
            "run_id": 1, "personen": 1, "score": 1.0, "criteria": {}, "uitleg": "u",
            "definitieve_gemeentecode": None, "beoordeeld_door": None, "beoordeeld_op": None,
            "toelichting": None,
        }  # fmt: skip
        connection.execute(
            voorstel.insert(),
            [
                {**gedeeld, "huishouden_id": "H1", "gemeentecode": "GM0363", "beoordeling": "overschreven",
                 "definitieve_gemeentecode": "GM0344", "beoordeeld_door": "P. Jansen", "beoordeeld_op": nu,
                 "toelichting": "familie"},
                {**gedeeld, "huishouden_id": "H2", "gemeentecode": "GM0014", "beoordeling": "open"},
            ],
        )  # fmt: skip


def test_stored_reviews_become_history_and_runs_lose_household_input(lege_database: Engine) -> None:
    upgrade(lege_database, "0003")
    _oude_run(lege_database)
    upgrade(lege_database)
    with lege_database.connect() as connection:
        besluiten = connection.execute(
            sa.text("SELECT besluit, gemeentecode, door, toelichting FROM koppeling_besluit")
        ).all()
        assert [tuple(b) for b in besluiten] == [("overschreven", "GM0344", "P. Jansen", "familie")]
        feiten = connection.execute(
            sa.text(
                "SELECT huishouden_id, opvang_gemeente, zorg, binding, binding_gemeente "
                "FROM koppeling_voorstel ORDER BY id"
            )
        ).all()
        assert [tuple(f) for f in feiten] == [
            ("H1", "GM0363", "dialyse", None, None), ("H2", "GM0599", None, "werkcontract", "GM0014"),
        ]  # fmt: skip
        invoer, conflicten = connection.execute(sa.text("SELECT invoer, conflicten FROM koppeling_run")).one()
    invoer = invoer if isinstance(invoer, dict) else json.loads(invoer)
    conflicten = conflicten if isinstance(conflicten, list) else json.loads(conflicten)
    assert "huishoudens" not in invoer and invoer["regio"]["GM0363"] == "Noord-Holland"
    assert conflicten == [{"beperking": "zorg dialyse", "toelichting": "x", "huishoudens": 1}]


def test_the_migration_goes_down_and_up_again(lege_database: Engine) -> None:
    upgrade(lege_database, "0003")
    _oude_run(lege_database)
    upgrade(lege_database)
    with lege_database.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")
    with lege_database.connect() as connection:
        rij = connection.execute(
            sa.text(
                "SELECT beoordeling, definitieve_gemeentecode, beoordeeld_door "
                "FROM koppeling_voorstel ORDER BY id"
            )
        ).all()
    assert [tuple(r) for r in rij] == [("overschreven", "GM0344", "P. Jansen"), ("open", None, None)]
    upgrade(lege_database)


def test_stored_runs_speak_the_new_status_words(lege_database: Engine) -> None:
    """Migration 0006: a stored 'infeasible' run that linked households becomes 'partial'."""
    upgrade(lege_database, "0005")
    with lege_database.begin() as connection:
        nu = datetime(2026, 11, 1, tzinfo=UTC)
        for ident, status in ((1, "infeasible"), (2, "infeasible"), (3, "optimal")):
            connection.execute(
                sa.text(
                    "INSERT INTO koppeling_run (id, aangemaakt_op, aangemaakt_door, solver, status, "
                    "seconds, synthetisch, instellingen, invoer, conflicten) "
                    "VALUES (:id, :nu, 'os:coa', 'highs', :status, 0.1, false, '{}', '{}', '[]')"
                ),
                {"id": ident, "nu": nu, "status": status},
            )
        connection.execute(
            sa.text(
                "INSERT INTO koppeling_voorstel (run_id, huishouden_id, gemeentecode, personen, criteria, "
                "uitleg, opvang_gemeente) VALUES (1, 'H1', 'GM0363', 1, '{}', 'u', 'GM0363'), "
                "(2, 'H2', NULL, 1, '{}', 'u', 'GM0363'), (3, 'H3', 'GM0344', 1, '{}', 'u', 'GM0363')"
            )
        )
    upgrade(lege_database)
    with lege_database.connect() as connection:
        status = dict(connection.execute(sa.text("SELECT id, status FROM koppeling_run")).all())
    assert status == {1: "partial", 2: "infeasible", 3: "optimal"}
    with lege_database.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")
    with lege_database.connect() as connection:
        assert (
            connection.execute(sa.text("SELECT status FROM koppeling_run WHERE id = 1")).scalar()
            == "infeasible"
        )
