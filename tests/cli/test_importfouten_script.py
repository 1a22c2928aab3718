"""Issue 20 item 7 through the installed ``doorstroom`` script: an import's errors name file, row and
column and exit 2; a municipality named by name is taken as its code."""

from __future__ import annotations

from pathlib import Path

from tests.cli_helpers import script as run

KOP = "huishouden_ref;vnummer;geslachtsnaam;geboortedatum;gemeentecode;koppeldatum\n"


def test_import_errors_name_file_row_and_column_and_exit_2(tmp_path: Path) -> None:
    assert run("db", "upgrade", cwd=tmp_path).returncode == 0
    lijst = tmp_path / "koppellijst.csv"
    lijst.write_text(
        KOP
        + "H1;1234567890;Jansen;31-02-1990;Utreht;2026-09-01\n"
        + "H2;1234567891;Ali;1990-01-01;UTRECHT;2026-09-01\n",
        encoding="utf-8",
    )
    fout = run("dossier", "importeer-koppellijst", str(lijst), cwd=tmp_path)
    assert fout.returncode == 2 and "Traceback" not in fout.stderr
    assert f"{lijst}, rij 2, veld 'geboortedatum': '31-02-1990' is geen bestaande datum" in fout.stderr
    assert f"{lijst}, rij 2, veld 'gemeentecode': onbekende gemeente 'Utreht'" in fout.stderr
    assert "Utrecht" in fout.stderr  # the closest name suggested
    assert "rij 3" not in fout.stderr  # 'UTRECHT' is a municipality's name


def test_a_realisation_names_its_municipalities_by_name(tmp_path: Path) -> None:
    assert run("db", "upgrade", cwd=tmp_path).returncode == 0
    lijst = tmp_path / "realisatie.csv"
    lijst.write_text("gemeentecode;maand;gehuisvest\nUtrecht;2026-01;3\n's-Hertogenbosch;2026-01;2\n")
    goed = run("taakstelling", "importeer", "realisatie", str(lijst), cwd=tmp_path)
    assert goed.returncode == 0, goed.stderr
    fout = tmp_path / "fout.csv"
    fout.write_text("gemeentecode;maand;gehuisvest\nGM0344;2026-01;3\nBergen;2026-01;2\n")
    result = run("taakstelling", "importeer", "realisatie", str(fout), cwd=tmp_path)
    assert result.returncode == 2
    assert f"{fout}, rij 3, veld 'gemeentecode': 'Bergen' is niet eenduidig" in result.stderr
