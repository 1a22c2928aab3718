"""The schema is owned by migrations: they apply on both databases and match the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect

from doorstroom.db import Base, current_revision
from doorstroom.models import import_all_models
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
