"""Revision 0005 keeps every period fixed before it, as version 1, on both databases."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from doorstroom.platform.db import make_engine, upgrade


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def leeg(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty database, not migrated at all."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'oud.db'}")
        yield engine
        engine.dispose()
        return
    server = request.getfixturevalue("postgres_url")
    naam = f"migratie_{uuid.uuid4().hex[:8]}"
    beheer = create_engine(server, isolation_level="AUTOCOMMIT")
    with beheer.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {naam}")
    engine = make_engine(server.rsplit("/", 1)[0] + f"/{naam}")
    yield engine
    engine.dispose()
    with beheer.connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE {naam}")
    beheer.dispose()


def test_a_period_fixed_before_versioning_becomes_version_1(leeg: Engine) -> None:
    upgrade(leeg, "0004")
    with leeg.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO taakstelling_periode VALUES ('2026-1', 16500, 'hamilton', 'inwoners', :moment)"
            ),
            {"moment": datetime(2026, 1, 5, tzinfo=UTC)},
        )
        connection.execute(
            text(
                "INSERT INTO taakstelling (periode, gemeentecode, gemeentenaam, sleutelwaarde, taakstelling, "
                "achterstand, gecorrigeerde_taakstelling) "
                "VALUES ('2026-1', 'GM0344', 'Utrecht', 374238, 344, -400, 0)"
            )
        )
    upgrade(leeg)
    with leeg.connect() as connection:
        versie = connection.execute(
            text("SELECT periode, versie, totaal, door FROM taakstelling_vaststelling")
        ).one()
        regel = connection.execute(
            text("SELECT gemeentecode, taakstelling, achterstand FROM taakstelling_regel")
        ).one()
    assert tuple(versie) == ("2026-1", 1, 16500, "onbekend (vóór versiebeheer)")
    assert tuple(regel) == ("GM0344", 344, -400)
    upgrade_down(leeg)
    with leeg.connect() as connection:
        terug = connection.execute(text("SELECT gecorrigeerde_taakstelling FROM taakstelling")).scalar_one()
    assert terug == 0


def upgrade_down(engine: Engine) -> None:
    from alembic import command

    from doorstroom.platform.db import alembic_config

    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0004")
