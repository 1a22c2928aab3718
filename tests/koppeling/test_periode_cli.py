"""The installed ``doorstroom koppeling voorstel --methode geprijsd`` and ``koppeling periode`` in their
own process, on SQLite and PostgreSQL: documents on stdout exactly, prices explained on stderr, bad
input exit 2 naming it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.koppeling.test_console_script import PROGRAM, doorstroom

GEPRIJSD = ("koppeling", "voorstel", "--huishoudens", "huishoudens.csv", "--arbeidsmarkt", "arbeidsmarkt.csv",
            "--periode", "2026-2", "--methode", "geprijsd", "--tijdslimiet", "3", "--scenarios", "2",
            "--verwacht", "200")  # fmt: skip


@pytest.fixture
def omgeving(engine: Engine) -> dict[str, str]:
    """The script runs against the test's database (SQLite file or throwaway PostgreSQL)."""
    return {"DOORSTROOM_DATABASE_URL": engine.url.render_as_string(hide_password=False)}


@pytest.fixture
def map_(tmp_path: Path, omgeving: dict[str, str]) -> Path:
    assert PROGRAM.exists(), "the doorstroom console script is not installed"
    assert doorstroom("db", "upgrade", cwd=tmp_path, env=omgeving).returncode == 0
    vast = doorstroom(
        "taakstelling", "vaststellen", "-p", "2026-2", "-t", "12000", "-f", "csv", cwd=tmp_path, env=omgeving
    )
    assert vast.returncode == 0, vast.stderr
    made = doorstroom(
        "koppeling",
        "genereer",
        "--huishoudens",
        "40",
        "--seed",
        "5",
        "--out",
        ".",
        cwd=tmp_path,
        env=omgeving,
    )
    assert made.returncode == 0, made.stderr
    return tmp_path


def test_priced_batch_json_and_csv_are_the_documents_and_the_period_lists_them(
    map_: Path, omgeving: dict[str, str]
) -> None:
    voorstel = doorstroom(*GEPRIJSD, "-f", "json", cwd=map_, env=omgeving)
    assert voorstel.returncode == 0, voorstel.stderr
    document = json.loads(voorstel.stdout)
    assert document["run"] == 1 and document["periode"]["batch"] == 1
    assert (
        document["periode"]["scenarios"] == 2
        and document["periode"]["verwacht_bron"] == "opgegeven verwacht aantal"
    )
    for regel in document["periode"]["prijzen"]:
        assert regel["prijs"] > 0 and 0 <= regel["bindend"] <= 2
    assert "periode 2026-2, batch 1: 2 scenario's" in voorstel.stderr
    assert "Traceback" not in voorstel.stderr

    als_csv = doorstroom(*GEPRIJSD, "-f", "csv", "--seed", "9", cwd=map_, env=omgeving)
    assert als_csv.returncode == 0, als_csv.stderr
    rijen = list(csv.DictReader(io.StringIO(als_csv.stdout)))
    assert len(rijen) == 40 and rijen[0]["huishouden_id"].startswith("SYN-")

    for toon in ("batches", "prijzen", "eerlijkheid"):
        lijst = doorstroom(
            "koppeling",
            "periode",
            "--periode",
            "2026-2",
            "--toon",
            toon,
            "-f",
            "json",
            cwd=map_,
            env=omgeving,
        )
        assert lijst.returncode == 0, lijst.stderr
        records = json.loads(lijst.stdout)
        assert {r["batch"] for r in records} <= {1, 2}
        als_tabel = doorstroom(
            "koppeling", "periode", "--periode", "2026-2", "--toon", toon, "-f", "csv", cwd=map_, env=omgeving
        )
        assert len(list(csv.DictReader(io.StringIO(als_tabel.stdout)))) == len(records)
    batches = json.loads(
        doorstroom("koppeling", "periode", "--periode", "2026-2", "-f", "json", cwd=map_, env=omgeving).stdout
    )
    assert [b["seed"] for b in batches] == [1, 9]


def test_a_bad_history_file_exits_2_naming_file_row_and_field(map_: Path, omgeving: dict[str, str]) -> None:
    tekst = (map_ / "huishoudens.csv").read_text(encoding="utf-8").splitlines()
    kop, eerste, *rest = tekst
    velden = eerste.split(";")  # the generator writes Dutch Excel's separator
    velden[1] = "veel"
    (map_ / "historie.csv").write_text("\n".join([kop, *rest[:3], ";".join(velden)]) + "\n", encoding="utf-8")
    result = doorstroom(*GEPRIJSD, "--historie", "historie.csv", "-f", "json", cwd=map_, env=omgeving)
    assert result.returncode == 2, result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert "historie.csv" in result.stderr and "5" in result.stderr and "volwassenen" in result.stderr
    assert "SYN-" not in result.stderr


@pytest.mark.parametrize(
    ("extra", "genoemd"),
    [
        (("--scenarios", "0"), "--scenarios"),
        (("--verwacht", "nan"), "--verwacht"),
        (("--seed", "-1"), "--seed"),
        (("--capaciteit", "capaciteit.csv"), "--capaciteit"),
        (("--periode", "2031-1"), "2031-1"),
    ],
)
def test_bad_priced_options_exit_2_without_a_traceback(
    map_: Path, omgeving: dict[str, str], extra: tuple[str, ...], genoemd: str
) -> None:
    result = doorstroom(*GEPRIJSD, *extra, "-f", "json", cwd=map_, env=omgeving)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert genoemd in result.stderr


def test_evenwicht_is_shown_with_its_cost_stored_and_listed(map_: Path, omgeving: dict[str, str]) -> None:
    """``--evenwicht``: the document carries what balancing did, stderr says it in a line, and the
    period lists its scale and cost per batch (empty for a batch without it)."""
    assert doorstroom(*GEPRIJSD, "-f", "csv", cwd=map_, env=omgeving).returncode == 0
    voorstel = doorstroom(
        *GEPRIJSD, "--evenwicht", "0,01", "--seed", "3", "-f", "json", cwd=map_, env=omgeving
    )
    assert voorstel.returncode == 0, voorstel.stderr
    afweging = json.loads(voorstel.stdout)["periode"]["evenwicht"]
    assert afweging["marge"] == 0.01 and 0.0 <= afweging["schaal"] <= 4.0
    assert 0.0 < afweging["doel"] <= 1.0 and 0.0 < afweging["aandeel_van_beste"] <= 1.0
    assert afweging["kosten"] >= -1e-6 and afweging["solves"] >= 1
    assert "evenwicht: deze batch" in voorstel.stderr and "latere aankomsten" in voorstel.stderr
    batches = json.loads(
        doorstroom("koppeling", "periode", "--periode", "2026-2", "-f", "json", cwd=map_, env=omgeving).stdout
    )
    assert [b["evenwicht_marge"] for b in batches] == [None, 0.01]
    assert batches[1]["evenwicht_schaal"] == afweging["schaal"]
    rijen = json.loads(
        doorstroom(
            "koppeling",
            "periode",
            "--periode",
            "2026-2",
            "--toon",
            "eerlijkheid",
            "-f",
            "json",
            cwd=map_,
            env=omgeving,
        ).stdout
    )
    assert all(0.0 < r["aandeel_van_beste"] <= 1.0 for r in rijen if r["gekoppeld"])


@pytest.mark.parametrize("waarde", ["2", "-0,1", "nan", "veel"])
def test_an_evenwicht_margin_outside_its_domain_exits_2(
    map_: Path, omgeving: dict[str, str], waarde: str
) -> None:
    result = doorstroom(*GEPRIJSD, "--evenwicht", waarde, "-f", "json", cwd=map_, env=omgeving)
    assert result.returncode == 2 and result.stdout == "" and "Traceback" not in result.stderr
    assert "--evenwicht" in result.stderr
