"""``doorstroom demo [--port N]``: the web application on a local SYNTHETIC demo database."""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path
from typing import Annotated

import typer

from doorstroom.cli.options import getal_optie
from doorstroom.cli.output import err as _err
from doorstroom.platform.settings import get_settings
from doorstroom.values.domains import POORT


def demo_map() -> Path:
    """``DOORSTROOM_DATA_DIR/demo``: the demo database, its passwords and session secret (0700)."""
    map_ = get_settings().data_dir / "demo"
    map_.mkdir(parents=True, exist_ok=True)
    map_.chmod(0o700)
    return map_


def demo_geheim(map_: Path) -> str:
    """The demo's session secret, made once and kept (0600) so sessions survive a restart."""
    pad = map_ / "sessiegeheim"
    if not pad.exists():
        pad.write_text(secrets.token_urlsafe(48))
        pad.chmod(0o600)
    return pad.read_text().strip()


def demo(
    host: Annotated[str, typer.Option("--host", help="Adres om op te luisteren.")] = "127.0.0.1",
    port: Annotated[int, getal_optie("--port", domain=POORT, help="Poort.")] = 8000,
) -> None:
    """Start de demo: lokale SQLite-database met SYNTHETISCHE gegevens, demo-accounts en de webapplicatie."""
    import uvicorn

    from doorstroom.api.logboek import configureer
    from doorstroom.cli.server import eis_vrije_poort
    from doorstroom.demo import laden
    from doorstroom.platform.clock import vandaag
    from doorstroom.platform.db import make_engine
    from doorstroom.server import create_app

    eis_vrije_poort(host, port)
    os.environ["DOORSTROOM_ENVIRONMENT"] = "demo"
    get_settings.cache_clear()
    map_ = demo_map()
    engine = make_engine(f"sqlite:///{map_ / 'doorstroom-demo.db'}")
    begin = time.perf_counter()
    _err.print(f"Demo-database: {map_ / 'doorstroom-demo.db'} (SYNTHETISCHE gegevens)")
    laden.vul(engine, vandaag(), lambda regel: _err.print(f"  {regel}"))
    wachtwoorden = laden.wachtwoorden(map_, engine)
    _err.print(f"klaar in {time.perf_counter() - begin:.1f} s")
    _banner(host, port, wachtwoorden)
    uvicorn.run(
        create_app(engine, sessiegeheim=demo_geheim(map_)),
        host=host,
        port=port,
        log_config=configureer("text"),
        access_log=False,
        server_header=False,
        proxy_headers=False,
    )


def _banner(host: str, port: int, wachtwoorden: dict[str, str]) -> None:
    from doorstroom.demo import laden

    _err.print(f"\n[bold]Doorstroom-demo op http://{host}:{port}/[/]  (Ctrl+C stopt)")
    _err.print("ALLEEN VOOR DE DEMO — synthetische gegevens; gebruik deze accounts nergens anders:")
    for naam, wachtwoord in wachtwoorden.items():
        _err.print(f"  {naam:<16} wachtwoord {wachtwoord:<18} {laden.rolomschrijving(naam)}")
