"""A full disk is said as such, and nothing is stored (issue 19, item 5i): SQLite reports SQLITE_FULL
("database or disk is full"), PostgreSQL 53100 disk_full; the user read "interne fout (OperationalError)".

Real full disks: SQLite's own page limit (``PRAGMA max_page_count``, the same SQLITE_FULL a full disk
gives), a tiny tmpfs in a private mount namespace for the installed program, and a PostgreSQL
tablespace on a tiny tmpfs (root only: the server runs outside any namespace of ours).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, text

from doorstroom.accounts import service as accounts
from doorstroom.accounts.domain import Rol
from doorstroom.platform.db import make_engine
from doorstroom.platform.errors import SchijfVol
from doorstroom.server import create_app
from tests.gebruikers import SYSTEEM
from tests.web.conftest import GEHEIM, WACHTWOORD, formtoken

PROGRAM = Path(sys.executable).parent / "doorstroom"
PERSOON = {"geslachtsnaam": "Jansen", "geboortedatum": "1990-01-01", "gemeentecode": "GM0344"}


def _gebruikers(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM gebruiker")).scalar_one())


def _vol(engine: Engine) -> Engine:
    """An engine on the same SQLite file that may not grow by a single page: SQLite answers SQLITE_FULL."""
    with engine.connect() as connection:
        pagina_s = int(connection.exec_driver_sql("PRAGMA page_count").scalar_one())
    vol = make_engine(str(engine.url))
    event.listen(vol, "connect", lambda dbapi, _: dbapi.execute(f"PRAGMA max_page_count={pagina_s}"))
    return vol


def _tot_vol(schrijf: object, keer: int = 300) -> BaseException:
    """Write until the disk is full (the file's free pages are used first); the error it ends with."""
    for i in range(keer):
        try:
            schrijf(i)  # type: ignore[operator]
        except BaseException as error:
            return error
    raise AssertionError(f"de schijf werd niet vol na {keer} keer schrijven")


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_a_full_sqlite_database_says_so_and_stores_nothing(engine: Engine) -> None:
    vol = _vol(engine)
    fout = _tot_vol(lambda i: accounts.maak_gebruiker(vol, SYSTEEM, f"gebruiker{i}", Rol.coa))
    assert isinstance(fout, SchijfVol) and "schijf" in str(fout) and "niets opgeslagen" in str(fout)
    voor = _gebruikers(engine)
    with pytest.raises(SchijfVol):
        accounts.maak_gebruiker(vol, SYSTEEM, "nog-een", Rol.coa)
    assert _gebruikers(engine) == voor
    vol.dispose()


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_the_api_answers_507_with_the_one_problem_body(engine: Engine) -> None:
    accounts.maak_gebruiker(engine, SYSTEEM, "utrecht", Rol.gemeente, gemeente="GM0344")
    token = accounts.maak_token(engine, SYSTEEM, "utrecht")[0]
    vol = _vol(engine)
    with TestClient(create_app(vol, sessiegeheim=GEHEIM)) as client:
        headers = {"Authorization": f"Bearer {token}"}
        antwoord = _antwoord_tot_vol(lambda: client.post("/api/v1/personen", json=PERSOON, headers=headers))
    assert antwoord.headers["content-type"] == "application/problem+json"
    assert antwoord.json()["status"] == 507 and "schijf" in antwoord.json()["detail"]
    vol.dispose()


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_the_web_application_shows_a_clear_page(engine: Engine) -> None:
    accounts.maak_gebruiker(
        engine, SYSTEEM, "utrecht", Rol.gemeente, gemeente="GM0344", wachtwoord_tekst=WACHTWOORD
    )
    vol = _vol(engine)
    with TestClient(create_app(vol, sessiegeheim=GEHEIM), base_url="https://testserver") as web:
        antwoord = _antwoord_tot_vol(lambda: _aanmelden(web))
    assert antwoord.headers["content-type"].startswith("text/html")
    assert "Schijf vol" in antwoord.text and "niets opgeslagen" in antwoord.text
    vol.dispose()


def _aanmelden(web: TestClient) -> object:
    """A login (it writes a session and an audit line), from a fresh browser each time."""
    web.cookies.clear()
    token = formtoken(web.get("/aanmelden").text)
    gegevens = {"gebruikersnaam": "utrecht", "wachtwoord": WACHTWOORD, "csrf": token}
    return web.post("/aanmelden", data=gegevens, follow_redirects=False)


def _antwoord_tot_vol(verzoek: object, keer: int = 300) -> object:
    for _ in range(keer):
        antwoord = verzoek()  # type: ignore[operator]
        if antwoord.status_code == 507:  # type: ignore[attr-defined]
            return antwoord
        assert antwoord.status_code < 500, antwoord.text[:300]  # type: ignore[attr-defined]
    raise AssertionError("geen 507")


def _namespace_met_mount() -> bool:
    """Whether this machine lets us mount a tmpfs in a private mount namespace (user namespaces)."""
    if shutil.which("unshare") is None:
        return False
    proef = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"], capture_output=True
    )
    return proef.returncode == 0


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_the_installed_program_on_a_full_disk_exits_74_saying_the_disk_is_full(
    engine: Engine, tmp_path: Path
) -> None:
    """The database on a tmpfs of 4 MB, filled to its last 128 kB, in a private mount namespace; an
    import of 3,000 rows needs more. Runs the installed ``doorstroom`` as a user would."""
    if not _namespace_met_mount():
        pytest.skip("geen mount-namespace met tmpfs beschikbaar (unshare -rm)")
    bron = Path(str(engine.url.database))
    engine.dispose()
    lijst = tmp_path / "koppellijst.csv"
    regels = ["huishouden_ref,vnummer,geslachtsnaam,geboortedatum,gemeentecode,koppeldatum"]
    regels += [f"H{i},{1_000_000_000 + i},Naam{i},1990-01-01,GM0344,2026-09-01" for i in range(3000)]
    lijst.write_text("\n".join(regels) + "\n", encoding="utf-8")
    schijf = tmp_path / "schijf"
    schijf.mkdir()
    script = f"""
set -e
mount -t tmpfs -o size=4m tmpfs {schijf}
cp {bron} {schijf}/doorstroom.db
vrij=$(df --output=avail -B1 {schijf} | tail -1)
dd if=/dev/zero of={schijf}/vulling bs=4096 count=$(( (vrij - 131072) / 4096 )) status=none
set +e
{PROGRAM} dossier importeer-koppellijst {lijst}
echo "exitcode=$?"
"""
    env = {**os.environ, "DOORSTROOM_DATABASE_URL": f"sqlite:///{schijf}/doorstroom.db"}
    uitkomst = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, env=env)
    assert "exitcode=74" in uitkomst.stdout, uitkomst.stdout + uitkomst.stderr
    assert "schijf van de database is vol" in uitkomst.stderr and "niets opgeslagen" in uitkomst.stderr
    assert "OperationalError" not in uitkomst.stderr and "Traceback" not in uitkomst.stderr


@pytest.fixture
def kleine_tablespace(engine: Engine) -> Iterator[str]:
    """A PostgreSQL tablespace on a tmpfs of 2 MB (the server must see the mount: root only)."""
    if os.geteuid() != 0 or shutil.which("mount") is None or os.environ.get("DOORSTROOM_TEST_POSTGRES_URL"):
        pytest.skip("een tablespace op een kleine tmpfs vraagt root en de eigen testcluster")
    map_ = Path(tempfile.mkdtemp(prefix="doorstroom-vol-"))
    os.chmod(map_.parent, os.stat(map_.parent).st_mode | 0o011)
    eigenaar = subprocess.run(["id", "-u", "nobody"], capture_output=True, text=True).stdout.strip()
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size=2m,mode=0700,uid={eigenaar}", "tmpfs", str(map_)], check=True
    )
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text(f"CREATE TABLESPACE klein LOCATION '{map_}'"))
        yield "klein"
    finally:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("DROP TABLE IF EXISTS vulling"))
            connection.execute(text("ALTER TABLE audit_log SET TABLESPACE pg_default"))
            connection.execute(text("DROP TABLESPACE IF EXISTS klein"))
        subprocess.run(["umount", str(map_)], check=False)
        map_.rmdir()


@pytest.mark.postgres
@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_a_full_postgresql_tablespace_says_so_and_stores_nothing(
    engine: Engine, kleine_tablespace: str
) -> None:
    """Every write adds an audit line; with the audit table on a full tmpfs PostgreSQL reports
    53100 disk_full ("could not extend file ... No space left on device")."""
    with engine.begin() as connection:
        connection.execute(text(f"ALTER TABLE audit_log SET TABLESPACE {kleine_tablespace}"))
        connection.execute(text(f"CREATE TABLE vulling (x bytea) TABLESPACE {kleine_tablespace}"))
    _vul_tablespace(engine)
    fout = _tot_vol(lambda i: accounts.maak_gebruiker(engine, SYSTEEM, f"gebruiker{i}", Rol.coa))
    assert isinstance(fout, SchijfVol) and "niets opgeslagen" in str(fout)
    voor = _gebruikers(engine)
    with pytest.raises(SchijfVol):
        accounts.maak_gebruiker(engine, SYSTEEM, "nog-een", Rol.coa)
    assert _gebruikers(engine) == voor


VULREGELS = (
    "INSERT INTO vulling SELECT (SELECT decode(string_agg(md5(random()::text || g::text || n::text), ''), "
    "'hex') FROM generate_series(1, 60) AS n) FROM generate_series(1, 500) AS g"
)
"""500 rows of 960 random bytes: stored as they are (too small for TOAST, too random to compress)."""


def _vul_tablespace(engine: Engine) -> None:
    """Fill the tablespace until PostgreSQL refuses one more batch (its disk is full)."""
    for _ in range(100):
        try:
            with engine.begin() as connection:
                connection.execute(text(VULREGELS))
        except Exception:
            return
    raise AssertionError("tablespace niet vol geworden")
