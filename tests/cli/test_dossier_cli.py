"""Accounts, tokens, imports, backup/restore and serve as a user runs them."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx2
import pytest
from sqlalchemy import Engine, text

from doorstroom.accounts.domain import Gebruiker
from doorstroom.dossier import service
from doorstroom.dossier.invoer import NieuwePersoon
from doorstroom.platform.paging import Pagina, Volgorde
from tests.cli_helpers import head, run
from tests.web.conftest import GEHEIM

PROGRAM = Path(sys.executable).parent / "doorstroom"
SYSTEEM = Gebruiker.systeem("test")


def test_a_gemeente_user_needs_a_known_municipality(engine: Engine) -> None:
    zonder = run("gebruiker", "aanmaken", "--gebruikersnaam", "user1", "--rol", "gemeente")
    assert zonder.exit_code == 2 and "optie '--gemeente'" in zonder.stderr
    onbekend = run(
        "gebruiker", "aanmaken", "--gebruikersnaam", "user1", "--rol", "gemeente", "--gemeente", "Utreht"
    )
    assert onbekend.exit_code == 2 and "Utrecht" in onbekend.stderr  # closest name suggested
    rol = run("gebruiker", "aanmaken", "--gebruikersnaam", "user1", "--rol", "systeem")
    assert rol.exit_code == 2 and "gemeente, coa, provincie, beheerder" in rol.stderr
    ok = run(
        "gebruiker", "aanmaken", "--gebruikersnaam", "user1", "--rol", "provincie", "--provincie", "fryslan"
    )
    assert ok.exit_code == 0 and "Fryslân" in ok.stderr


def test_token_is_the_only_thing_on_stdout_and_can_be_revoked(engine: Engine) -> None:
    assert run("gebruiker", "aanmaken", "--gebruikersnaam", "coa1", "--rol", "coa").exit_code == 0
    result = run("token", "aanmaken", "--gebruikersnaam", "coa1", "--geldig-dagen", "7")
    assert result.exit_code == 0 and re.fullmatch(r"dst_[A-Za-z0-9_-]{43}\n", result.stdout)
    lijst = json.loads(run("token", "lijst", "--format", "json").stdout)
    assert lijst[0]["gebruikersnaam"] == "coa1" and "dst_" not in json.dumps(lijst)
    assert run("token", "intrekken", "--id", str(lijst[0]["id"])).exit_code == 0
    assert json.loads(run("token", "lijst", "--format", "json").stdout)[0]["ingetrokken_op"] is not None
    assert run("token", "aanmaken", "--gebruikersnaam", "coa1", "--geldig-dagen", "0").exit_code == 2


def test_import_errors_name_row_and_field_with_exit_code_2(
    engine: Engine, csv_file: Callable[[str, str], Path]
) -> None:
    path = csv_file(
        "k.csv",
        "huishouden_ref,vnummer,geslachtsnaam,geboortedatum,gemeentecode,koppeldatum\nH1,123,Ali,1990-01-01,GM0344,2026-09-01\n",
    )
    result = run("dossier", "importeer-koppellijst", str(path))
    assert (
        result.exit_code == 2
        and "rij 2" in result.stderr
        and "vnummer" in result.stderr
        and "123" not in result.stderr.split(":")[-1]
    )
    assert run("dossier", "opschonen").exit_code == 0


def _personen(engine: Engine) -> int:
    return service.personen(engine, SYSTEEM, {}, Volgorde(), Pagina())[1]


def test_backup_and_restore_round_trip(engine: Engine, tmp_path: Path) -> None:
    service.maak_persoon(
        engine,
        SYSTEEM,
        NieuwePersoon(geslachtsnaam="Bakker", geboortedatum="1990-01-01", gemeentecode="GM0344"),
    )
    bestand = tmp_path / "backup.bin"
    assert run("backup", str(bestand)).exit_code == 0
    assert bestand.stat().st_mode & 0o777 == 0o600
    service.maak_persoon(
        engine,
        SYSTEEM,
        NieuwePersoon(geslachtsnaam="Later", geboortedatum="1991-01-01", gemeentecode="GM0344"),
    )
    assert _personen(engine) == 2
    result = run("herstel", str(bestand))
    assert result.exit_code == 0, result.stderr
    assert _personen(engine) == 1
    assert run("audit", "controleer").exit_code == 0
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == head()


def test_restoring_something_that_is_not_a_backup_changes_nothing(engine: Engine, tmp_path: Path) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("pg_restore refuses a non-dump itself; covered by --single-transaction")
    service.maak_persoon(
        engine,
        SYSTEEM,
        NieuwePersoon(geslachtsnaam="Bakker", geboortedatum="1990-01-01", gemeentecode="GM0344"),
    )
    nep = tmp_path / "nep.bin"
    nep.write_text("dit is geen database", encoding="utf-8")
    result = run("herstel", str(nep))
    assert result.exit_code == 2 and "geen Doorstroom-backup" in result.stderr
    assert _personen(engine) == 1


def _vrije_poort() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_answers_with_a_token_from_the_cli(tmp_path: Path) -> None:
    env = {**os.environ, "DOORSTROOM_DATA_DIR": str(tmp_path / "data")}
    env.pop("DOORSTROOM_DATABASE_URL", None)

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(PROGRAM), *args], env=env, capture_output=True, text=True, check=False)

    assert cli("db", "upgrade").returncode == 0
    assert (
        cli(
            "gebruiker",
            "aanmaken",
            "--gebruikersnaam",
            "utrecht1",
            "--rol",
            "gemeente",
            "--gemeente",
            "GM0344",
        ).returncode
        == 0
    )
    token = cli("token", "aanmaken", "--gebruikersnaam", "utrecht1").stdout.strip()
    poort = _vrije_poort()
    env["DOORSTROOM_SESSION_SECRET"] = GEHEIM  # serve refuses productie without a (strong) secret
    server = subprocess.Popen(
        [str(PROGRAM), "serve", "--port", str(poort)], env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        basis = f"http://127.0.0.1:{poort}/api/v1"
        for _ in range(100):
            try:
                if httpx2.get(f"{basis}/gezondheid", timeout=1).status_code == 200:
                    break
            except httpx2.HTTPError:
                time.sleep(0.1)
        headers = {"Authorization": f"Bearer {token}"}
        nieuw = httpx2.post(
            f"{basis}/personen",
            json={"geslachtsnaam": "Jansen", "geboortedatum": "1990-04-02"},
            headers=headers,
        )
        assert nieuw.status_code == 201 and nieuw.headers["api-version"] == "1.0.0"
        assert httpx2.get(f"{basis}/personen", headers=headers).json()["totaalAantal"] == 1
    finally:
        server.terminate()
        _, log = server.communicate(timeout=30)
    regels = [json.loads(regel) for regel in log.splitlines() if regel.startswith("{")]
    verzoeken = [r for r in regels if r.get("bericht") == "verzoek"]
    assert {r["route"] for r in verzoeken} >= {"/personen", "/gezondheid"}
    assert "Jansen" not in log and token not in log


def test_a_koppellijst_saved_as_excel_unicode_text_is_imported(engine: Engine, tmp_path: Path) -> None:
    """Issue 19: Excel's "Unicode-tekst" (UTF-16LE with BOM, tabs) was reported as missing columns."""
    tekst = (
        "huishouden_ref\tvnummer\tgeslachtsnaam\tgeboortedatum\tgemeentecode\tkoppeldatum\r\n"
        "H1\t1234567890\tÖzdemir\t1990-01-01\tGM0344\t2026-09-01\r\n"
    )
    path = tmp_path / "koppellijst.txt.csv"
    path.write_bytes(b"\xff\xfe" + tekst.encode("utf-16-le"))
    result = run("dossier", "importeer-koppellijst", str(path))
    assert result.exit_code == 0, result.stderr
    assert _personen(engine) == 1


def test_the_tvs_timeline_per_household_with_a_status_filter_and_a_bad_status_exit_2(engine: Engine) -> None:
    from doorstroom.dossier.invoer import GEBEURTENISMODELLEN

    systeem = Gebruiker.systeem("test")
    persoon = service.maak_persoon(
        engine,
        systeem,
        NieuwePersoon(geslachtsnaam="Jansen", geboortedatum="1990-01-01", gemeentecode="GM0344"),
    )
    body = {"persoonId": persoon["id"], "soort": "koppeling", "datum": "2026-07-06"}
    service.leg_vast(
        engine,
        systeem,
        GEBEURTENISMODELLEN["koppeling"].model_validate({**body, "gegevens": {"gemeentecode": "GM0344"}}),
    )
    resultaat = run("dossier", "tvs", "--peildatum", "2026-09-20", "--format", "json")
    assert resultaat.exit_code == 0, resultaat.stderr
    [rij] = json.loads(resultaat.stdout)
    assert (rij["persoonId"], rij["aanbodUiterlijk"], rij["status"]) == (
        persoon["id"],
        "2026-09-14",
        "te laat",
    )
    leeg = run("dossier", "tvs", "--peildatum", "2026-09-20", "--status", "op_schema", "--format", "json")
    assert json.loads(leeg.stdout) == []
    fout = run("dossier", "tvs", "--status", "vroeg")
    assert fout.exit_code == 2 and "optie '--status'" in fout.stderr  # the CLI names its option


def test_a_koppeling_run_from_the_case_file_without_an_upload(engine: Engine) -> None:
    from doorstroom.accounts.domain import Rol
    from doorstroom.dossier.invoer import GEBEURTENISMODELLEN, NieuwHuishouden

    coa = Gebruiker("coa", Rol.coa)  # COA registers households in reception without a municipality
    huishouden = service.maak_huishouden(engine, coa, NieuwHuishouden(referentie="H-CLI"))
    persoon = service.maak_persoon(
        engine,
        coa,
        NieuwePersoon(geslachtsnaam="Jansen", geboortedatum="1990-01-01", huishoudenId=huishouden["id"]),
    )
    for soort, gegevens in (
        ("verblijfsvergunning", {"soort": "asiel bepaalde tijd"}),
        ("verblijfplaats_azc", {"locatie": "azc Zeist", "gemeentecode": "GM0355"}),
    ):
        body = {"persoonId": persoon["id"], "soort": soort, "datum": "2026-09-01", "gegevens": gegevens}
        service.leg_vast(engine, coa, GEBEURTENISMODELLEN[soort].model_validate(body))
    resultaat = run("koppeling", "voorstel", "--uit-dossier", "--solver", "greedy", "--format", "json")
    assert resultaat.exit_code == 0, resultaat.stderr
    assert [a["huishouden_id"] for a in json.loads(resultaat.stdout)["assignments"]] == ["H-CLI"]
    assert "1 huishoudens uit het dossier" in resultaat.stderr
    for args in ((), ("--uit-dossier", "--huishoudens", "h.csv")):
        fout = run("koppeling", "voorstel", *args)
        assert fout.exit_code == 2 and "optie '--huishoudens'" in fout.stderr
