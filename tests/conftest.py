"""Shared fixtures: a migrated database on SQLite and on a throwaway PostgreSQL 15 cluster.

Tests that take ``engine`` run twice, once per database. PostgreSQL tests are skipped only when
no server binaries exist *and* ``DOORSTROOM_REQUIRE_POSTGRES`` is unset; CI sets it, so there a
missing PostgreSQL fails the run instead of silently skipping half the suite.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import Engine, text

from doorstroom.platform.db import make_engine, upgrade
from doorstroom.platform.settings import get_settings
from tests.postgres import find_binaries, throwaway_cluster

settings.register_profile("ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test gets its own data directory and SQLite file; nothing touches the user's."""
    monkeypatch.setenv("DOORSTROOM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DOORSTROOM_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def csv_file(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write ``content`` to ``tmp_path/name`` (as a user's CSV would arrive) and return its path."""

    def write(name: str, content: str) -> Path:
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """URL of a PostgreSQL server migrated to head: the given one, or a throwaway cluster."""
    given = os.environ.get("DOORSTROOM_TEST_POSTGRES_URL")
    if given:
        yield _migrated(given)
        return
    binaries = find_binaries()
    if binaries is None:
        if os.environ.get("DOORSTROOM_REQUIRE_POSTGRES"):
            pytest.fail(
                "PostgreSQL is required (DOORSTROOM_REQUIRE_POSTGRES) but initdb/pg_ctl were not found"
            )
        pytest.skip("PostgreSQL server binaries not installed")
    with throwaway_cluster(binaries) as url:
        yield _migrated(url)


def _migrated(url: str) -> str:
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    return url


def _truncate_all(engine: Engine) -> None:
    with engine.begin() as connection:
        tables = (
            connection.execute(
                text(
                    "SELECT tablename FROM pg_tables "
                    "WHERE schemaname='public' AND tablename <> 'alembic_version'"
                )
            )
            .scalars()
            .all()
        )
        if tables:
            connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Engine]:
    """A database migrated to head, empty, and configured as DOORSTROOM_DATABASE_URL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.db'}"
        _migrated(url)
    else:
        url = request.getfixturevalue("postgres_url")
    monkeypatch.setenv("DOORSTROOM_DATABASE_URL", url)
    get_settings.cache_clear()
    engine = make_engine(url)
    try:
        yield engine
    finally:
        if engine.dialect.name == "postgresql":
            _truncate_all(engine)
        engine.dispose()
