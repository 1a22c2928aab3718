"""``doorstroom demo``: the demo loads once (a second start duplicates nothing), and the installed
program serves it on the port given, with one working account per role printed at start."""

from __future__ import annotations

import os
import re
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

from sqlalchemy import Engine, func, inspect, select, table

from doorstroom.demo import laden
from doorstroom.platform.clock import vandaag
from tests.server import vrije_poort

PROGRAM = Path(sys.executable).parent / "doorstroom"


def _tellingen(engine: Engine) -> dict[str, int]:
    with engine.connect() as verbinding:
        return {
            naam: int(verbinding.execute(select(func.count()).select_from(table(naam))).scalar_one())
            for naam in inspect(engine).get_table_names()
            if naam not in {"audit_log", "audit_keten", "alembic_version"}
        }


def test_loading_twice_duplicates_nothing(engine: Engine) -> None:
    eerste: list[str] = []
    laden.vul(engine, vandaag(), eerste.append)
    na_eerste = _tellingen(engine)
    tweede: list[str] = []
    laden.vul(engine, vandaag(), tweede.append)
    assert len(eerste) == len(tweede) >= 7
    assert all(regel.endswith("aangemaakt") for regel in eerste), eerste
    assert all(regel.endswith("al aanwezig") for regel in tweede), tweede
    assert _tellingen(engine) == na_eerste
    for naam in ("dossier_persoon", "koppeling_run", "prognose_run", "taakstelling_vaststelling"):
        assert na_eerste[naam] > 0, naam


def _omgeving(tmp_path: Path) -> dict[str, str]:
    omgeving = {**os.environ, "DOORSTROOM_DATA_DIR": str(tmp_path / "data")}
    for naam in ("DOORSTROOM_DATABASE_URL", "DOORSTROOM_SESSION_SECRET", "DOORSTROOM_ENVIRONMENT"):
        omgeving.pop(naam, None)
    return omgeving


def _wacht_op_banner(proces: subprocess.Popen[str]) -> str:
    """stderr up to the line that says the server runs (the accounts come before it)."""
    assert proces.stderr is not None
    gelezen = ""
    eind = time.monotonic() + 300
    while time.monotonic() < eind:
        regel = proces.stderr.readline()
        if not regel and proces.poll() is not None:
            break
        gelezen += regel
        if "Uvicorn running" in regel:
            return gelezen
    raise AssertionError(f"demo startte niet: {gelezen[-2000:]}")


def _meld_aan(basis: str, naam: str, wachtwoord: str) -> int:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    formulier = opener.open(basis + "/aanmelden").read().decode()
    token = re.search(r'name="csrf" value="([^"]+)"', formulier)
    assert token
    velden = {"gebruikersnaam": naam, "wachtwoord": wachtwoord, "csrf": token.group(1), "terug": "/"}
    antwoord = opener.open(basis + "/aanmelden", urllib.parse.urlencode(velden).encode())
    assert antwoord.url.rstrip("/") in {basis, basis + "/beheer/gebruikers"}, antwoord.url
    return int(antwoord.status)


def test_the_installed_program_serves_the_demo_with_one_account_per_role(tmp_path: Path) -> None:
    poort = vrije_poort()
    proces = subprocess.Popen(
        [str(PROGRAM), "demo", "--port", str(poort)],
        env=_omgeving(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        banner = _wacht_op_banner(proces)
        assert "SYNTHETISCHE" in banner and f"http://127.0.0.1:{poort}/" in banner
        accounts = dict(re.findall(r"^\s+(demo-[a-z]+)\s+wachtwoord (\S+)", banner, re.MULTILINE))
        assert set(accounts) == set(laden.ACCOUNTS)
        for naam, wachtwoord in accounts.items():
            assert _meld_aan(f"http://127.0.0.1:{poort}", naam, wachtwoord) == 200, naam
    finally:
        proces.send_signal(signal.SIGINT)
        uit, fout = proces.communicate(timeout=60)
    assert "Traceback" not in fout and "Traceback" not in uit
    assert proces.returncode == 0, fout[-2000:]
    map_ = tmp_path / "data" / "demo"
    assert stat.S_IMODE(map_.stat().st_mode) == 0o700
    for bestand in map_.iterdir():
        assert stat.S_IMODE(bestand.stat().st_mode) & 0o077 == 0, bestand.name


def _banner_bij_breedte(tmp_path: Path, kolommen: int) -> str:
    poort = vrije_poort()
    omgeving = {**_omgeving(tmp_path), "COLUMNS": str(kolommen)}
    proces = subprocess.Popen(
        [str(PROGRAM), "demo", "--port", str(poort)],
        env=omgeving,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        return _wacht_op_banner(proces)
    finally:
        proces.send_signal(signal.SIGINT)
        proces.communicate(timeout=60)


def test_the_start_up_text_keeps_its_sentences_whole_at_any_width(tmp_path: Path) -> None:
    """Issue 20 item 11: the banner broke mid-sentence (``nergens`` / ``anders:``) at 80 columns."""
    for kolommen in (60, 200):
        regels = _banner_bij_breedte(tmp_path, kolommen).splitlines()
        assert "ALLEEN VOOR DE DEMO — synthetische gegevens; gebruik deze accounts nergens anders:" in regels
        database = [regel for regel in regels if regel.startswith("Demo-database: ")]
        assert database and database[0].endswith("doorstroom-demo.db (SYNTHETISCHE gegevens)"), regels
        accounts = [regel for regel in regels if regel.startswith("  demo-")]
        assert len(accounts) == len(laden.ACCOUNTS) and all("wachtwoord" in r for r in accounts), regels


def test_a_port_in_use_is_a_usage_error_before_anything_loads(tmp_path: Path) -> None:
    with socket.socket() as bezet:
        bezet.bind(("127.0.0.1", 0))
        bezet.listen()
        poort = bezet.getsockname()[1]
        uitkomst = subprocess.run(
            [str(PROGRAM), "demo", "--port", str(poort)],
            env=_omgeving(tmp_path),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert uitkomst.returncode == 2, uitkomst.stderr
    assert "--port" in uitkomst.stderr and "in gebruik" in uitkomst.stderr
    assert "Traceback" not in uitkomst.stderr
    assert not (tmp_path / "data" / "demo" / "doorstroom-demo.db").exists()
