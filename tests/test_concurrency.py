"""Two users at once: writers serialise or retry, or one gets a clear Dutch message; nothing lost or doubled.

Each writer runs in its own thread with its own engine (its own connections), as two processes
would; one test runs the installed console script twice at the same time.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text

from doorstroom.platform.db import DatabaseBezet, make_engine, transaction
from doorstroom.platform.errors import InputError
from doorstroom.platform.settings import get_settings
from doorstroom.taakstelling import importeren, vaststelling
from doorstroom.taakstelling.models import KoppelingMeldingRecord, VaststellingRecord
from doorstroom.values.periode import Periode
from tests.taakstelling.test_imports import koppelingen

PROGRAM = Path(sys.executable).parent / "doorstroom"


def tegelijk(url: str, *taken: Callable[[Engine], Any]) -> list[Any]:
    """Run each task on its own engine at (nearly) the same moment; results or raised exceptions."""
    start = threading.Barrier(len(taken))

    def uitvoeren(taak: Callable[[Engine], Any]) -> Any:
        engine = make_engine(url)
        try:
            start.wait()
            return taak(engine)
        except Exception as error:  # the outcome under test may be an error
            return error
        finally:
            engine.dispose()

    with ThreadPoolExecutor(len(taken)) as pool:
        return list(pool.map(uitvoeren, taken))


def tel(engine: Engine, model: type, *where: Any) -> int:
    with transaction(engine, schrijven=False) as session:
        return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def stel_vast(periode: str, **opties: Any) -> Callable[[Engine], Any]:
    verzoek = vaststelling.Vaststelverzoek(Periode.parse(periode), totaal=10_000, **opties)
    return lambda engine: vaststelling.vaststellen(engine, verzoek)


@pytest.mark.parametrize("ronde", range(4))
def test_two_fixings_of_one_period_at_once_one_wins_the_other_is_told(engine: Engine, ronde: int) -> None:
    periode = f"{2025 + ronde // 2}-{1 + ronde % 2}"
    uitkomsten = tegelijk(
        str(engine.url.render_as_string(hide_password=False)), stel_vast(periode), stel_vast(periode)
    )
    gelukt = [u for u in uitkomsten if isinstance(u, vaststelling.Vastgesteld)]
    geweigerd = [u for u in uitkomsten if isinstance(u, InputError)]
    assert len(gelukt) == 1 and len(geweigerd) == 1, uitkomsten
    assert "al vastgesteld" in str(geweigerd[0])
    assert tel(engine, VaststellingRecord, VaststellingRecord.periode == periode) == 1


def test_two_revisions_at_once_both_land_as_consecutive_versions(engine: Engine) -> None:
    url = engine.url.render_as_string(hide_password=False)
    assert isinstance(tegelijk(url, stel_vast("2026-1"))[0], vaststelling.Vastgesteld)
    herzien = stel_vast("2026-1", herzien=True, reden="nieuwe circulaire")
    uitkomsten = tegelijk(url, herzien, herzien)
    assert sorted(u.versie for u in uitkomsten) == [2, 3], uitkomsten


def test_the_same_import_twice_at_once_stores_each_row_once(engine: Engine, tmp_path: Path) -> None:
    path = koppelingen(tmp_path / "k.csv", 3_000)
    url = engine.url.render_as_string(hide_password=False)
    importeer = lambda e: importeren.importeer_koppelingen(e, path)  # noqa: E731
    uitkomsten = tegelijk(url, importeer, importeer)
    assert [u.aantal for u in uitkomsten] == [3_000, 3_000], uitkomsten
    assert tel(engine, KoppelingMeldingRecord) == 3_000


def test_fixing_during_an_import_waits_and_both_finish(engine: Engine, tmp_path: Path) -> None:
    path = koppelingen(tmp_path / "k.csv", 60_000)
    url = engine.url.render_as_string(hide_password=False)
    uitkomsten = tegelijk(url, lambda e: importeren.importeer_koppelingen(e, path), stel_vast("2026-2"))
    assert uitkomsten[0].aantal == 60_000 and isinstance(uitkomsten[1], vaststelling.Vastgesteld), uitkomsten


def test_a_writer_that_cannot_get_the_database_in_time_gets_a_clear_message(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("DOORSTROOM_DATABASE_WACHTTIJD", "1")
    get_settings.cache_clear()
    url = engine.url.render_as_string(hide_password=False)
    bezet = threading.Event()
    klaar = threading.Event()

    def houd_vast(andere: Engine) -> None:
        with transaction(andere, schrijven=True) as session:
            if andere.dialect.name == "postgresql":
                session.execute(text("LOCK TABLE taakstelling_vaststelling IN EXCLUSIVE MODE"))
            else:
                session.execute(text("SELECT 1"))  # SQLite: BEGIN IMMEDIATE takes the write lock
            bezet.set()
            klaar.wait(30)

    def schrijver(eigen: Engine) -> Any:
        bezet.wait(10)
        try:
            return stel_vast("2026-1")(eigen)
        finally:
            klaar.set()

    monkeypatch.setattr("doorstroom.platform.db.SQLITE_WACHT_MS", 200)
    houder, uitkomst = tegelijk(url, houd_vast, schrijver)
    assert houder is None and isinstance(uitkomst, DatabaseBezet), uitkomst
    assert "de database is bezet" in str(uitkomst) and "er is niets opgeslagen" in str(uitkomst)
    assert tel(engine, VaststellingRecord) == 0
    if engine.dialect.name == "sqlite":
        assert "Doorstroom wacht en probeert opnieuw" in caplog.text


def test_two_console_scripts_at_once_no_traceback(engine: Engine, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DOORSTROOM_DATABASE_URL": engine.url.render_as_string(hide_password=False),
        "DOORSTROOM_DATA_DIR": str(tmp_path / "data"),
    }
    command = [str(PROGRAM), "taakstelling", "vaststellen", "-p", "2025-2", "-f", "csv"]
    processen = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]  # fmt: skip
    uitvoer = [(p.wait(120), *p.communicate()) for p in processen]
    assert sorted(code for code, _, _ in uitvoer) == [0, 2], uitvoer
    assert all("Traceback" not in fout for _, _, fout in uitvoer)
    assert any("al vastgesteld" in fout for _, _, fout in uitvoer)
    assert tel(engine, VaststellingRecord) == 1
