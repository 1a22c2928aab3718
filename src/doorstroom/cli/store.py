"""Opening the store from the CLI: the configured database, migrated to the current schema."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from doorstroom.accounts.service import Gebruiker
from doorstroom.platform.audit import current_actor
from doorstroom.platform.db import alembic_config, current_revision, make_engine
from doorstroom.platform.errors import ConfigurationError


def operator() -> Gebruiker:
    """The user a command acts as: the operator on the server, audited under the OS user name."""
    return Gebruiker.systeem(current_actor().removeprefix("os:"))


def head_revision() -> str | None:
    """The newest migration shipped with this version of Doorstroom."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


@contextmanager
def configured_engine() -> Iterator[Engine]:
    """The configured database's engine, its connections closed when the command ends."""
    engine = make_engine()
    try:
        yield engine
    finally:
        engine.dispose()


@contextmanager
def open_store() -> Iterator[Engine]:
    """The configured database; refuses one that is not migrated to this version's schema."""
    with configured_engine() as engine:
        try:
            revision = current_revision(engine)
        except Exception as error:  # driver errors differ per database; the message is what matters
            raise ConfigurationError(f"database niet bereikbaar ({_safe_url(engine)}): {error}") from None
        if revision != head_revision():
            raise ConfigurationError(
                f"database staat op schema {revision or 'leeg'}, deze versie vraagt {head_revision()}: "
                "voer eerst 'doorstroom db upgrade' uit"
            )
        yield engine


def _safe_url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


@contextmanager
def optional_store() -> Iterator[Engine | None]:
    """The configured database when it is migrated; None otherwise (for read-only extras)."""
    with configured_engine() as engine:
        try:
            ready = current_revision(engine) == head_revision()
        except Exception:  # an unreachable database only means: no stored data to use
            ready = False
        yield engine if ready else None
