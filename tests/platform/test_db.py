"""The schema is owned by migrations: they apply on both databases and match the models."""

from __future__ import annotations

import stat
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect

from doorstroom.platform.db import Base, current_revision, is_bezet, make_engine
from doorstroom.platform.schema import import_all_models
from tests.cli_helpers import head


def test_migrations_reach_head(engine: Engine) -> None:
    assert current_revision(engine) == head()
    tabellen = {"gemeente", "bevolking", "samenvoeging", "taakstelling_vaststelling", "taakstelling_regel"}
    assert tabellen <= set(inspect(engine).get_table_names())


def test_models_match_migrations(engine: Engine) -> None:
    import_all_models()
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_the_sqlite_file_is_private_in_a_private_directory(tmp_path: Path) -> None:
    """AVG art. 32: the database holds personal data; other users of the machine may not read it."""
    path = tmp_path / "nieuw" / "doorstroom.db"
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    engine.dispose()
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_busy_errors_are_recognised_on_both_drivers() -> None:
    class SqliteFout(Exception):
        sqlite_errorcode = 5

    class PostgresFout(Exception):
        sqlstate = "40001"

    class AndereFout(Exception):
        sqlstate = "23505"

    assert is_bezet(SqliteFout()) and is_bezet(PostgresFout()) and not is_bezet(AndereFout())
