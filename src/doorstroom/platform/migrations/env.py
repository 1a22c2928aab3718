"""Alembic environment: runs on the connection Doorstroom hands it, or on the configured URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from doorstroom.platform.db import Base, make_engine
from doorstroom.platform.schema import import_all_models

import_all_models()
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Use ``config.attributes['connection']`` when given (tests, ``doorstroom db upgrade``)."""
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    with make_engine().connect() as fresh:
        _run(fresh)
        fresh.commit()


run_migrations_online()
