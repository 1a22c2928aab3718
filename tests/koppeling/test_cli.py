"""``doorstroom koppeling ...`` in process, as a user would run it."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.cli_helpers import run


def test_genereer_writes_labelled_synthetic_files(tmp_path: Path) -> None:
    result = run("koppeling", "genereer", "--huishoudens", "40", "--seed", "2", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "SYNTHETISCH" in result.stderr
    for naam in ("huishoudens.csv", "capaciteit.csv", "arbeidsmarkt.csv"):
        assert (tmp_path / naam).is_file()
    lines = (tmp_path / "huishoudens.csv").read_text(encoding="utf-8-sig").splitlines()
    assert sum(line.endswith("ja") for line in lines) == 40


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
    assert uit.read_text(encoding="utf-8-sig").splitlines()[0].startswith("huishouden_id;gemeentecode")  # nl


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
    assert run("koppeling", "toon", "99").exit_code == 2  # an unknown run is the user's input


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
        rijen = list(csv.DictReader(bestand, delimiter=";"))  # files are written in the nl dialect
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


def _history(tmp_path: Path, uitkomst: list[int] | None = None) -> Path:
    """A SYNTHETIC outcome history as a user would export it: households + geplaatst + uitkomst.

    Households housed in the province of their reception location do better (80 % vs 20 %), a
    signal the score's ``regio`` criterion carries, whatever labour-market table a run uses.
    """
    import csv

    import numpy as np

    from doorstroom.koppeling.core.synthetic import synthetisch
    from doorstroom.koppeling.io import schrijf_instantie
    from doorstroom.reference.io import embedded_gemeenten

    gemeenten = embedded_gemeenten()
    provincie = {g.code: g.provincie for g in gemeenten}
    instantie = synthetisch(gemeenten, 1500, seed=3)
    rng = np.random.default_rng(3)
    geplaatst, kansen = [], []
    for h in instantie.huishoudens:
        dichtbij = [g.code for g in gemeenten if g.provincie == provincie[h.opvang_gemeente]]
        code = str(rng.choice(dichtbij if rng.random() < 0.5 else [g.code for g in gemeenten]))
        geplaatst.append(code)
        kansen.append(0.8 if provincie[code] == provincie[h.opvang_gemeente] else 0.2)
    uitkomsten = uitkomst or [int(rng.random() < p) for p in kansen]
    map_ = tmp_path / "historie"
    map_.mkdir()
    schrijf_instantie(instantie, map_)
    with (map_ / "huishoudens.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))  # files are written in the nl dialect
    pad = tmp_path / "uitkomsten.csv"
    with pad.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, [*rows[0], "geplaatst", "uitkomst"])
        writer.writeheader()
        for row, code, y in zip(rows, geplaatst, uitkomsten, strict=True):
            writer.writerow({**row, "geplaatst": code, "uitkomst": y})
    return pad


def test_outcome_model_from_history_is_validated_and_scores(tmp_path: Path) -> None:
    run("koppeling", "genereer", "--huishoudens", "30", "--seed", "5", "--out", str(tmp_path))
    result = run(
        "koppeling", "voorstel", "--huishoudens", str(tmp_path / "huishoudens.csv"),
        "--capaciteit", str(tmp_path / "capaciteit.csv"),
        "--arbeidsmarkt", str(tmp_path / "arbeidsmarkt.csv"),
        "--uitkomsten", str(_history(tmp_path)), "--format", "json", "--niet-opslaan",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "uitkomstmodel: AUC" in result.stderr
    assignments = json.loads(result.stdout)["assignments"]
    assert any(a["criteria"]["uitkomst"] > 0 for a in assignments if a["gemeentecode"])


def test_outcome_history_problems_are_named(tmp_path: Path) -> None:
    run("koppeling", "genereer", "--huishoudens", "10", "--seed", "5", "--out", str(tmp_path))
    slecht = _history(tmp_path, [2] + [0, 1] * 749 + [0])
    result = run(
        "koppeling", "voorstel", "--huishoudens", str(tmp_path / "huishoudens.csv"),
        "--uitkomsten", str(slecht), "--niet-opslaan",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "rij 2, veld 'uitkomst'" in result.stderr


def test_outcome_model_without_signal_is_refused(tmp_path: Path) -> None:
    run("koppeling", "genereer", "--huishoudens", "10", "--seed", "5", "--out", str(tmp_path))
    ruis = _history(tmp_path, [0, 1] * 750)  # outcomes unrelated to any criterion
    result = run(
        "koppeling", "voorstel", "--huishoudens", str(tmp_path / "huishoudens.csv"),
        "--uitkomsten", str(ruis), "--niet-opslaan",
    )  # fmt: skip
    assert result.exit_code == 2 and "uitkomstmodel afgekeurd" in result.stderr


def test_review_history_batch_and_names_from_the_command_line(
    engine: Engine, invoer: tuple[Path, Path]
) -> None:
    assert (
        run(
            "koppeling", "voorstel", "--huishoudens", str(invoer[0]), "--capaciteit", str(invoer[1])
        ).exit_code
        == 0
    )
    eerste = run(
        "koppeling", "beoordeel", "1", "H2", "--door", "P. Jansen", "--gemeente", "Utrecht",
        "--toelichting", "netwerk in Utrecht", "-f", "json",
    )  # fmt: skip
    assert eerste.exit_code == 0, eerste.output
    [besluit] = json.loads(eerste.stdout)
    assert (besluit["gemeentecode"], besluit["gemeentenaam"], besluit["door"]) == (
        "GM0344",
        "Utrecht",
        "P. Jansen",
    )
    omdraaien = run("koppeling", "beoordeel", "1", "H2", "--door", "K. Bakker")
    assert omdraaien.exit_code == 2 and "draait een eerder besluit om" in omdraaien.stderr
    alle = run(
        "koppeling", "beoordeel", "1", "--alle-open", "--door", "K. Bakker", "--toelichting", "akkoord"
    )
    assert alle.exit_code == 0, alle.output
    assert "2 besluit(en) vastgelegd door K. Bakker" in alle.stderr
    historie = json.loads(run("koppeling", "toon", "1", "--geschiedenis", "-f", "json").stdout)
    assert [(b["huishouden_id"], b["door"]) for b in historie] == [
        ("H2", "P. Jansen"), ("H1", "K. Bakker"), ("H3", "K. Bakker"),
    ]  # fmt: skip
    stand = json.loads(run("koppeling", "toon", "1", "--gemeente", "utrecht", "-f", "json").stdout)
    assert [(v["huishouden_id"], v["definitief_naam"]) for v in stand] == [("H2", "Utrecht")]
    eigen = json.loads(run("koppeling", "toon", "1", "H2", "-f", "json").stdout)
    assert [b["beoordeling"] for b in eigen] == ["overschreven"]
    telling = json.loads(run("koppeling", "toon", "1", "--samenvatting", "-f", "json").stdout)
    assert {t["gemeentecode"]: t["overschreven_naartoe"] for t in telling}["GM0344"] == 1


def test_override_into_a_municipality_without_care_is_refused_with_named_alternatives(
    engine: Engine, csv_file: Callable[[str, str], Path]
) -> None:
    huishoudens = csv_file(
        "h.csv", "huishouden_id,volwassenen,kinderen,opvang_gemeente,zorg\nD1,1,0,GM0363,dialyse\n"
    )
    capaciteit = csv_file("c.csv", "gemeentecode,capaciteit,zorg\nGM0363,3,dialyse\nGM0599,3,\n")
    voorstel = run(
        "koppeling", "voorstel", "--huishoudens", str(huishoudens), "--capaciteit", str(capaciteit),
        "--regiobinding", "hard",
    )  # fmt: skip
    assert voorstel.exit_code == 0, voorstel.output
    fout = run(
        "koppeling",
        "beoordeel",
        "1",
        "D1",
        "--door",
        "P. Jansen",
        "--gemeente",
        "GM0599",
        "--toelichting",
        "wens",
    )
    assert fout.exit_code == 2
    assert "de vereiste zorg (dialyse) ontbreekt in GM0599 Rotterdam" in fout.stderr
    assert "toegestaan en met plaats: GM0363 Amsterdam" in fout.stderr
    assert "D1" not in fout.stderr


def test_proposals_and_advice_show_names_beside_codes(invoer: tuple[Path, Path], tmp_path: Path) -> None:
    uit = tmp_path / "v.csv"
    result = run(
        "koppeling", "voorstel", "--huishoudens", str(invoer[0]), "--capaciteit", str(invoer[1]),
        "--niet-opslaan", "-f", "csv", "--out", str(uit),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    with uit.open(encoding="utf-8-sig") as handle:
        rijen = list(csv.DictReader(handle, delimiter=";"))  # a file is written in the nl dialect
    assert {r["gemeentecode"]: r["gemeentenaam"] for r in rijen}["GM0014"] == "Groningen"
    assert all(r["uitleg"].startswith(f"{r['gemeentecode']} {r['gemeentenaam']}") for r in rijen)
    advies = run(
        "koppeling", "advies", "--huishoudens", str(invoer[0]), "--capaciteit", str(invoer[1]),
        "--gemeente", "Amsterdam", "-f", "json",
    )  # fmt: skip
    assert advies.exit_code == 0, advies.output
    rijen_advies = json.loads(advies.stdout)
    assert rijen_advies and {(r["gemeentecode"], r["gemeentenaam"]) for r in rijen_advies} == {
        ("GM0363", "Amsterdam")
    }


@pytest.mark.parametrize(
    ("args", "veld"),
    [
        (("genereer", "--huishoudens", "0"), "--huishoudens"),
        (("genereer", "--huishoudens", "100000000"), "--huishoudens"),
        (("genereer", "--seed", "-1"), "--seed"),
        (("genereer", "--seed", str(10**30)), "--seed"),
        (("voorstel", "--tijdslimiet", "nan"), "--tijdslimiet"),
        (("voorstel", "--tijdslimiet", "inf"), "--tijdslimiet"),
        (("voorstel", "--tijdslimiet", "0"), "--tijdslimiet"),
        (("voorstel", "--aandeel", "2"), "--aandeel"),
        (("voorstel", "--aandeel", "nan"), "--aandeel"),
        (("voorstel", "--uitkomsten", "x.csv", "--uitkomstgewicht", "inf"), "--uitkomstgewicht"),
        (("advies", "--aantal", "0"), "--aantal"),
        (("advies", "--gemeente", "Friesland"), "--gemeente"),
        (("advies", "--regiobinding", "soms"), "--regiobinding"),
    ],
)
def test_options_outside_their_domain_exit_2_naming_the_option(
    args: tuple[str, ...], veld: str, invoer: tuple[Path, Path], tmp_path: Path
) -> None:
    commando, *rest = args
    bestanden = (
        [] if commando == "genereer" else ["--huishoudens", str(invoer[0]), "--capaciteit", str(invoer[1])]
    )
    map_ = tmp_path / "uit"
    map_.mkdir()
    extra = ["--out", str(map_)] if commando == "genereer" else ["--niet-opslaan"] * (commando == "voorstel")
    result = run("koppeling", commando, *bestanden, *rest, *extra)
    assert result.exit_code == 2, result.output
    assert veld in result.stderr and "Traceback" not in result.stderr
    assert not list(map_.iterdir())
