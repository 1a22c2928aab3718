"""``doorstroom db ...``: apply migrations and show the schema version."""

from __future__ import annotations

import typer
from rich.console import Console

from doorstroom.cli.store import configured_engine, head_revision
from doorstroom.platform.db import current_revision, upgrade
from doorstroom.platform.errors import ConfigurationError

app = typer.Typer(help="Database: migraties toepassen en schemaversie tonen.", no_args_is_help=True)


@app.command("upgrade")
def upgrade_command() -> None:
    """Breng de database naar het schema van deze versie (Alembic-migraties)."""
    with configured_engine() as engine:
        try:
            upgrade(engine)
        except Exception as error:  # connection and permission errors come from the driver
            raise ConfigurationError(
                f"migratie mislukt op {engine.url.render_as_string(hide_password=True)}: {error}"
            ) from None
        Console().print(f"database op schema {current_revision(engine)}")


@app.command("status")
def status_command() -> None:
    """Toon op welk schema de database staat."""
    with configured_engine() as engine:
        Console().print(f"database: {engine.url.render_as_string(hide_password=True)}")
        Console().print(f"schema: {current_revision(engine) or 'leeg'} (nieuwste: {head_revision()})")
