"""Scenario files: the shipped default loads; every mistake names the file and the key path."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from doorstroom.platform.errors import InputError
from doorstroom.prognose.core.scenario import Herkomst, Verdeling
from doorstroom.prognose.scenario_io import laad, lees, schrijf
from doorstroom.prognose.service import scenario_tekst
from doorstroom.prognose.standaard import standaard


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "scenario.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _fields(error: InputError) -> set[str | None]:
    return {problem.field for problem in error.problems}


def test_the_default_written_as_toml_reads_back_unchanged() -> None:
    for start in (None, "2022-07"):
        scenario = standaard(start)
        assert lees(tomllib.loads(schrijf(scenario))) == scenario


def test_printed_default_names_provenance_per_parameter() -> None:
    text = scenario_tekst()
    assert 'herkomst = "gepubliceerd"' in text and 'herkomst = "oordeel"' in text
    assert "illustratief" not in text.lower().replace("herkomst", "")


def test_example_with_changes_over_time_loads() -> None:
    path = Path(__file__).resolve().parents[2] / "src/doorstroom/prognose/defaults/voorbeeld_schok.toml"
    scenario = laad(path)
    names = [w.parameter for w in scenario.wijzigingen]
    assert names[-3:] == ["eerste_aanvragen", "ind_capaciteit", "taakstelling"]
    assert scenario.wijzigingen[-3].vanaf_maand == 6 and scenario.wijzigingen[-3].factor == 1.5


def test_partial_file_on_the_default_basis(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
[scenario]
basis = "standaard"
maanden = 12
[parameters.inwilligingspercentage]
waarde = 0.5
verdeling = "uniform"
laag = 0.4
hoog = 0.6
herkomst = "gepubliceerd"
datum = "2025-12"
bron = "eigen bron"
""",
    )
    scenario = laad(path)
    assert scenario.maanden == 12
    chosen = scenario.parameters["inwilligingspercentage"]
    assert chosen.verdeling is Verdeling.uniform and chosen.herkomst is Herkomst.gepubliceerd
    assert scenario.waarde("taakstelling") == standaard().waarde("taakstelling")


def test_a_file_without_provenance_is_a_judgement(tmp_path: Path) -> None:
    path = _write(tmp_path, "[scenario]\nbasis='standaard'\n[parameters.vertrektermijn]\nwaarde = 4\n")
    assert laad(path).parameters["vertrektermijn"].herkomst is Herkomst.oordeel


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e308"])
@pytest.mark.parametrize(
    "key", ["taakstelling", "ind_doorlooptijd", "inwilligingspercentage", "instroom_drift"]
)
def test_non_finite_and_huge_values_are_refused(tmp_path: Path, key: str, value: str) -> None:
    path = _write(tmp_path, f"[scenario]\nbasis='standaard'\n[parameters.{key}]\nwaarde = {value}\n")
    with pytest.raises(InputError) as caught:
        laad(path)
    assert f"parameters.{key}.waarde" in _fields(caught.value)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("[parameters.taakstelling]\nwaarde = 1" + "0" * 400, "parameters.taakstelling.waarde"),
        ("[parameters.instroom_drift]\nsd = -1" + "0" * 400, "parameters.instroom_drift.sd"),
        (
            "[[wijzigingen]]\nparameter = 'taakstelling'\nvanaf_maand = 2\nfactor = 1" + "0" * 400,
            "wijzigingen[1].factor",
        ),
        ("maanden = 1" + "0" * 400, "scenario.maanden"),
    ],
    ids=["waarde", "sd", "factor", "maanden"],
)
def test_a_whole_number_beyond_every_float_is_a_problem_not_an_overflow(
    tmp_path: Path, text: str, field: str
) -> None:
    """Issue 19: TOML integers have any length; ``float(10**400)`` raised OverflowError (exit 3)."""
    kop = "[scenario]\nbasis='standaard'\n"
    path = _write(tmp_path, kop + text + "\n")
    with pytest.raises(InputError) as caught:
        laad(path)
    assert field in _fields(caught.value)


def test_a_change_beyond_the_horizon_is_an_error(tmp_path: Path) -> None:
    """Issue 7 item 9: vanaf_maand = 30 in a 24-month horizon was accepted."""
    text = "[scenario]\nbasis='standaard'\nmaanden = 24\n[[wijzigingen]]\nparameter = 'taakstelling'\n"
    path = _write(tmp_path, text + "vanaf_maand = 30\nfactor = 2\n")
    with pytest.raises(InputError) as caught:
        laad(path)
    problem = next(p for p in caught.value.problems if p.field == "wijzigingen[1].vanaf_maand")
    assert "1 tot en met 24" in problem.message


def test_a_change_that_pushes_a_value_out_of_its_domain_is_an_error(tmp_path: Path) -> None:
    text = "[scenario]\nbasis='standaard'\n[[wijzigingen]]\nparameter = 'inwilligingspercentage'\n"
    path = _write(tmp_path, text + "vanaf_maand = 2\nfactor = 5\n")
    with pytest.raises(InputError, match="buiten"):
        laad(path)


def test_unknown_parameter_lists_the_closest_names_first(tmp_path: Path) -> None:
    path = _write(tmp_path, "[scenario]\nbasis='standaard'\n[parameters.taaksteling]\nwaarde = 1\n")
    with pytest.raises(InputError) as caught:
        laad(path)
    message = caught.value.problems[0].message
    assert message.index("taakstelling") < message.index("nareizigers") if "nareizigers" in message else True
    assert "geldig zijn onder meer: taakstelling" in message


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("[scenario]\nbasis='standaard'\nonbekend = 1", "scenario.onbekend"),
        ("[scenario]\nbasis='standaard'\n[parameters.asielzoekers]\nwaarde = 1", "parameters.asielzoekers"),
        (
            "[scenario]\nbasis='standaard'\n[parameters.ind_capaciteit]\nwaarde = -5",
            "parameters.ind_capaciteit.waarde",
        ),
        (
            "[scenario]\nbasis='standaard'\n[parameters.inwilligingspercentage]\nwaarde = 1.2",
            "parameters.inwilligingspercentage.waarde",
        ),
        (
            "[scenario]\nbasis='standaard'\n[parameters.realisatiegraad]\nwaarde = 0.8\nkleur = 'rood'",
            "parameters.realisatiegraad.kleur",
        ),
        (
            "[scenario]\nbasis='standaard'\n[parameters.taakstelling]\nwaarde = 1\neenheid = 'personen/jaar'",
            "parameters.taakstelling.eenheid",
        ),
        (
            "[scenario]\nbasis='standaard'\n[parameters.vertrektermijn]\nwaarde = 0",
            "parameters.vertrektermijn.waarde",
        ),
        (
            "[scenario]\nbasis='standaard'\n[parameters.nareizigers]\nwaarde = 5\nverdeling = 'normaal'",
            "parameters.nareizigers.sd",
        ),
        ("[scenario]\nbasis='standaard'\nstart = '2026-13'", "scenario.start"),
        ("[scenario]\nbasis='standaard'\n[seizoen]\nfactoren = [1, 2]", "seizoen.factoren"),
        ("[scenario]\nbasis='standaard'\n[doelen]\nkans = 1.5", "doelen.kans"),
        (
            "[scenario]\nbasis='standaard'\n[[wijzigingen]]\nparameter = 'taakstelling'\nvanaf_maand = 3",
            "wijzigingen[1]",
        ),
        (
            "[scenario]\nbasis='standaard'\n[[wijzigingen]]\nparameter = 'realisatiegraad'\nvanaf_maand = 2\n"
            "waarde = 3.5",
            "wijzigingen[1].waarde",
        ),
        (
            "[scenario]\nbasis='standaard'\n[[wijzigingen]]\nparameter = 'taakstelling'\nvanaf_maand = 0\n"
            "factor = 2",
            "wijzigingen[1].vanaf_maand",
        ),
        (
            "[scenario]\nbasis='standaard'\n[[wijzigingen]]\nparameter = 'begin_inburgering'\n"
            "vanaf_maand = 2\nfactor = 2",
            "wijzigingen[1].parameter",
        ),
    ],
)
def test_mistakes_name_file_and_key(tmp_path: Path, text: str, field: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        laad(path)
    assert field in _fields(caught.value)
    assert all(problem.file == str(path) for problem in caught.value.problems)


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
[scenario]
basis = "standaard"
[parameters.ind_capaciteit]
waarde = -1
[parameters.inburgering_geslaagd]
waarde = 2
""",
    )
    with pytest.raises(InputError) as caught:
        laad(path)
    expected = {"parameters.ind_capaciteit.waarde", "parameters.inburgering_geslaagd.waarde"}
    assert expected <= _fields(caught.value)


def test_without_basis_every_parameter_is_required(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        laad(_write(tmp_path, "[scenario]\nnaam = 'leeg'\n"))
    assert "parameters.taakstelling" in _fields(caught.value)


def test_broken_toml_and_missing_file_name_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "[scenario\n")
    with pytest.raises(InputError, match="onleesbare TOML") as caught:
        laad(path)
    assert caught.value.problems[0].file == str(path)
    with pytest.raises(InputError, match="niet gevonden"):
        laad(tmp_path / "bestaat-niet.toml")
