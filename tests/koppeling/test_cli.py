"""``doorstroom koppeling ...`` in process, as a user would run it."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from sqlalchemy import Engine

from tests.cli_helpers import run


def test_genereer_writes_labelled_synthetic_files(tmp_path: Path) -> None:
    result = run("koppeling", "genereer", "--huishoudens", "40", "--seed", "2", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "SYNTHETISCH" in result.stderr
    for naam in ("huishoudens.csv", "capaciteit.csv", "arbeidsmarkt.csv"):
        assert (tmp_path / naam).is_file()
    assert (tmp_path / "huishoudens.csv").read_text(encoding="utf-8-sig").count(",ja\n") == 40


def test_voorstel_json_without_storing(tmp_path: Path) -> None:
    run("koppeling", "genereer", "--huishoudens", "40", "--seed", "2", "--out", str(tmp_path))
    result = run(
        "koppeling", "voorstel", "--huishoudens", str(tmp_path / "huishoudens.csv"),
        "--capaciteit", str(tmp_path / "capaciteit.csv"),
        "--arbeidsmarkt", str(tmp_path / "arbeidsmarkt.csv"),
        "--format", "json", "--niet-opslaan",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"status", "objective", "bound", "gap", "seconds", "assignments"} <= set(data)
    eerste = data["assignments"][0]
    assert {"huishouden_id", "gemeentecode", "score", "criteria", "uitleg"} <= set(eerste)
    assert data["synthetisch"] is True and data["run"] is None


def test_bad_input_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    huishoudens = tmp_path / "h.csv"
    huishoudens.write_text(
        "huishouden_id,volwassenen,kinderen,opvang_gemeente\nH1,-1,0,GM0363\n", encoding="utf-8"
    )
    uit = tmp_path / "uit.csv"
    result = run(
        "koppeling",
        "voorstel",
        "--huishoudens",
        str(huishoudens),
        "--niet-opslaan",
        "-f",
        "csv",
        "--out",
        str(uit),
    )
    assert result.exit_code == 2
    assert "rij 2" in result.stderr and "volwassenen" in result.stderr
    assert not uit.exists()


def test_greedy_and_csv_output(invoer: tuple[Path, Path], tmp_path: Path) -> None:
    uit = tmp_path / "voorstel.csv"
    result = run(
        "koppeling", "voorstel", "--huishoudens", str(invoer[0]), "--capaciteit", str(invoer[1]),
        "--solver", "greedy", "--niet-opslaan", "-f", "csv", "--out", str(uit),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert uit.read_text(encoding="utf-8-sig").splitlines()[0].startswith("huishouden_id,gemeentecode")


def test_advies_and_rapport(invoer: tuple[Path, Path]) -> None:
    advies = run(
        "koppeling", "advies", "--huishoudens", str(invoer[0]), "--capaciteit", str(invoer[1]), "-f", "json"
    )
    assert advies.exit_code == 0, advies.output
    rijen = json.loads(advies.stdout)
    assert [r["rang"] for r in rijen if r["huishouden_id"] == "H1"] == [1, 2, 3]
    rapport = run(
        "koppeling", "rapport", "--huishoudens", str(invoer[0]), "--capaciteit", str(invoer[1]), "-f", "csv"
    )
    assert rapport.exit_code == 0, rapport.output
    assert "aandeel_in_regio" in rapport.stdout


def test_store_review_cycle(engine: Engine, invoer: tuple[Path, Path]) -> None:
    voorstel = run("koppeling", "voorstel", "--huishoudens", str(invoer[0]), "--capaciteit", str(invoer[1]))
    assert voorstel.exit_code == 0, voorstel.output
    assert "opgeslagen als run 1" in voorstel.stderr
    assert run("koppeling", "beoordeel", "1", "H1", "--door", "A. Jansen").exit_code == 0
    zonder_reden = run("koppeling", "beoordeel", "1", "H2", "--door", "A. Jansen", "--gemeente", "GM0344")
    assert zonder_reden.exit_code == 2 and "toelichting" in zonder_reden.stderr
    runs = run("koppeling", "runs", "-f", "json")
    assert json.loads(runs.stdout)[0]["open"] == 2
    toon = json.loads(run("koppeling", "toon", "1", "-f", "json").stdout)
    assert [v["beoordeling"] for v in toon] == ["geaccepteerd", "open", "open"]
    assert run("koppeling", "toon", "99").exit_code == 1


def test_default_capacity_is_the_stored_remaining_taakstelling_pro_rated(
    engine: Engine, tmp_path: Path
) -> None:
    assert run("taakstelling", "vaststellen", "-p", "2026-2", "-t", "10000", "-f", "csv").exit_code == 0
    run("koppeling", "genereer", "--huishoudens", "30", "--seed", "3", "--out", str(tmp_path))
    result = run(
        "koppeling", "voorstel", "--huishoudens", str(tmp_path / "huishoudens.csv"),
        "--periode", "2026-2", "--aandeel", "0.05", "--format", "json", "--niet-opslaan",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "resterende taakstelling 2026-2 × 0.050" in result.stderr
    linked = {a["gemeentecode"] for a in json.loads(result.stdout)["assignments"] if a["gemeentecode"]}
    assert linked


def test_without_a_stored_taakstelling_the_fallback_is_named(tmp_path: Path) -> None:
    run("koppeling", "genereer", "--huishoudens", "10", "--seed", "3", "--out", str(tmp_path))
    result = run(
        "koppeling", "advies", "--huishoudens", str(tmp_path / "huishoudens.csv"), "--format", "json"
    )
    assert result.exit_code == 0, result.output
    assert "geen taakstelling" in result.stderr and "+3 %" in result.stderr


def test_voorstel_json_reports_overflow_above_the_batch_share(tmp_path: Path) -> None:
    """Halve every batch share and keep the old value as maximum: the plan must overflow, reported."""
    run("koppeling", "genereer", "--huishoudens", "40", "--seed", "2", "--out", str(tmp_path))
    pad = tmp_path / "capaciteit.csv"
    with pad.open(encoding="utf-8-sig", newline="") as bestand:
        rijen = list(csv.DictReader(bestand))
    for rij in rijen:
        rij["maximum"], rij["capaciteit"] = rij["capaciteit"], str(int(rij["capaciteit"]) // 2)
    with pad.open("w", encoding="utf-8", newline="") as bestand:
        schrijver = csv.DictWriter(bestand, fieldnames=list(rijen[0]))
        schrijver.writeheader()
        schrijver.writerows(rijen)
    result = run(
        "koppeling", "voorstel", "--huishoudens", str(tmp_path / "huishoudens.csv"),
        "--capaciteit", str(pad), "--format", "json", "--niet-opslaan",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["overschrijding_personen"] == sum(data["overschrijding"].values()) > 0
    per_gemeente: dict[str, int] = {}
    for a in data["assignments"]:
        per_gemeente[a["gemeentecode"]] = per_gemeente.get(a["gemeentecode"], 0) + a["personen"]
    aandeel = {rij["gemeentecode"]: int(rij["capaciteit"]) for rij in rijen}
    assert data["overschrijding"] == {
        code: n - aandeel[code] for code, n in sorted(per_gemeente.items()) if n > aandeel[code]
    }
