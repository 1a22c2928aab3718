"""``doorstroom serve``, ``doorstroom backup FILE`` and ``doorstroom herstel FILE``."""

from __future__ import annotations

import errno
import socket
from pathlib import Path
from typing import Annotated

import typer

from doorstroom.cli.options import getal_optie
from doorstroom.cli.output import err as _err
from doorstroom.cli.store import configured_engine, head_revision, open_store
from doorstroom.platform import backup as backups
from doorstroom.platform.errors import InputError, Problem
from doorstroom.platform.settings import get_settings
from doorstroom.values.domains import POORT


def eis_vrije_poort(host: str, port: int) -> None:
    """InputError (exit 2) when ``host:port`` cannot be listened on, before anything is loaded.

    uvicorn would otherwise log the bind error after start-up and exit with its own code.
    """
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as proef:
            proef.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            proef.bind((host, port))
    except OSError as fout:
        if fout.errno == errno.EADDRINUSE:
            probleem = Problem(f"poort {port} is al in gebruik; kies een andere met --port", field="--port")
        else:
            probleem = Problem(f"op adres {host} kan niet geluisterd worden op deze machine", field="--host")
        raise InputError(probleem) from None


def serve(
    host: Annotated[str, typer.Option("--host", help="Adres om op te luisteren.")] = "127.0.0.1",
    port: Annotated[int, getal_optie("--port", domain=POORT, help="Poort.")] = 8000,
) -> None:
    """Start de server: webapplicatie op /, API op /api/v1 (uvicorn); JSON-logs zonder persoonsgegevens."""
    import uvicorn

    from doorstroom.api.logboek import configureer
    from doorstroom.server import create_app
    from doorstroom.web.beveiliging import sessiegeheim

    geheim = sessiegeheim(get_settings())  # refuses productie without a safe secret, before anything starts
    eis_vrije_poort(host, port)
    with open_store() as engine:
        _err.print(f"Doorstroom op http://{host}:{port}/ (web) en /api/v1 (API); Ctrl+C stopt")
        uvicorn.run(
            create_app(engine, sessiegeheim=geheim),
            host=host,
            port=port,
            log_config=configureer(get_settings().log_format),
            access_log=False,
            server_header=False,
            proxy_headers=False,
        )


def backup(
    bestand: Annotated[Path, typer.Argument(help="Doelbestand (bevat persoonsgegevens; wordt 0600).")],
) -> None:
    """Maak een consistente backup van de database (SQLite online backup, PostgreSQL pg_dump)."""
    with open_store() as engine:
        uitkomst = backups.backup(engine, bestand)
    _err.print(f"backup van {uitkomst.database} geschreven naar {uitkomst.bestand} ({uitkomst.bytes} bytes)")


def herstel(bestand: Annotated[Path, typer.Argument(help="Een backup van 'doorstroom backup'.")]) -> None:
    """Zet een backup terug: vervangt de hele inhoud van de database (alles of niets)."""
    with configured_engine() as engine:
        uitkomst = backups.herstel(engine, bestand)
    _err.print(f"backup {uitkomst.bestand} teruggezet in {uitkomst.database}")
    if uitkomst.schema is not None and uitkomst.schema != head_revision():
        _err.print(f"de backup staat op schema {uitkomst.schema}: voer 'doorstroom db upgrade' uit")
