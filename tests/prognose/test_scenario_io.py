"""Scenario files: the shipped default loads; every mistake names the file and the key path."""

from __future__ import annotations

from pathlib import Path

import pytest

from doorstroom.errors import InputError
from doorstroom.prognose.scenario import SPECS, Verdeling
from doorstroom.prognose.scenario_io import laad, standaard, standaard_pad


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "scenario.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _fields(error: InputError) -> set[str | None]:
    return {problem.field for problem in error.problems}


def test_default_scenario_has_every_parameter_with_unit_and_source() -> None:
    scenario = standaard()
    assert set(scenario.parameters) == set(SPECS)
    assert all(p.bron for p in scenario.parameters.values())
    assert sum(scenario.seizoen) == pytest.approx(12.0)
    assert "illustratief" in standaard_pad().read_text(encoding="utf-8").lower()


def test_example_with_changes_over_time_loads() -> None:
    path = standaard_pad().with_name("voorbeeld_schok.toml")
    scenario = laad(path)
    names = [w.parameter for w in scenario.wijzigingen]
    assert names == ["eerste_aanvragen", "ind_capaciteit", "taakstelling"]
    assert scenario.wijzigingen[0].vanaf_maand == 6 and scenario.wijzigingen[0].factor == 1.5


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
""",
    )
    scenario = laad(path)
    assert scenario.maanden == 12
    assert scenario.parameters["inwilligingspercentage"].verdeling is Verdeling.uniform
    assert scenario.waarde("taakstelling") == standaard().waarde("taakstelling")


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
            "waarde = 3",
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
