"""The default scenario is built from published figures, each with its source and date."""

from __future__ import annotations

import pytest

from doorstroom.prognose import gepubliceerd
from doorstroom.prognose.core.scenario import SPECS, Herkomst
from doorstroom.prognose.standaard import meest_recente_start, standaard


def test_default_starts_after_the_most_recent_inflow_figure() -> None:
    last = max(f.einde for f in gepubliceerd.reeks("eerste_asielverzoeken"))
    assert meest_recente_start() > last
    assert standaard().start == meest_recente_start() == "2026-01"


def test_no_parameter_is_illustrative_and_every_one_cites_a_source() -> None:
    scenario = standaard()
    assert set(scenario.parameters) == set(SPECS)
    for name, p in scenario.parameters.items():
        assert p.herkomst is not Herkomst.illustratief, name
        assert p.bron, name
        if p.herkomst is not Herkomst.oordeel:
            assert p.datum, f"{name}: a published, derived or fitted value has a date"
    assert not scenario.illustratief()


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("eerste_aanvragen", Herkomst.gefit),  # quarters to 2024 and the annual 2025 total
        ("nareizigers", Herkomst.gefit),
        ("instroom_drift", Herkomst.gefit),
        ("nareizigers_drift", Herkomst.gefit),
        ("instroom_dispersie", Herkomst.gefit),
        ("realisatiegraad", Herkomst.gefit),
        ("inwilligingspercentage", Herkomst.gepubliceerd),
        ("begin_ind_wachtrij", Herkomst.gepubliceerd),
        ("vertrektermijn", Herkomst.oordeel),
    ],
)
def test_published_figures_where_they_exist(name: str, kind: Herkomst) -> None:
    assert standaard().parameters[name].herkomst is kind


def test_the_inflow_fit_uses_every_annual_total_published_before_the_start() -> None:
    """2025 is published only as a year: it moves the level (24,140 first applications: 2,012 a
    month); 2015 and 2017 precede the quarters and inform the drift. From 2025-01 on, 2025 is unknown."""
    now, earlier = standaard(), standaard("2025-01")
    assert now.waarde("eerste_aanvragen") == pytest.approx(24140 / 12, rel=0.15)
    assert "jaartotalen 2015, 2017, 2025" in now.parameters["instroom_drift"].bron
    assert "jaartotalen 2015, 2017" in earlier.parameters["instroom_drift"].bron
    assert "2025" not in earlier.parameters["instroom_drift"].bron.split("jaartotalen")[-1]
    assert earlier.waarde("eerste_aanvragen") > 1.05 * now.waarde("eerste_aanvragen")  # 2024-Q4: 7,385


def test_an_earlier_start_uses_only_figures_published_before_it() -> None:
    early = standaard("2024-01")
    assert early.start == "2024-01"
    assert early.waarde("inwilligingspercentage") == pytest.approx(0.62)  # 2023, not the 35 % of 2025
    assert early.waarde("taakstelling") == 18750  # the published 2024-1 number
    for p in early.parameters.values():
        if p.datum and p.naam != "taakstelling":  # the taakstelling is published before its half year
            assert gepubliceerd.laatste_maand(p.datum) < "2024-01", p.naam


def test_a_missing_taakstelling_is_a_labelled_judgement() -> None:
    task = standaard().parameters["taakstelling"]
    assert task.herkomst is Herkomst.oordeel and "2026-1 niet gevonden" in task.bron


def test_published_next_half_year_becomes_a_change() -> None:
    scenario = standaard("2021-04")
    (change,) = [w for w in scenario.wijzigingen if w.parameter == "taakstelling"]
    assert (change.vanaf_maand, change.waarde) == (4, 11000)  # 2021-2 from July


def test_quarters_are_filled_from_annual_totals_only_when_one_is_missing() -> None:
    series = gepubliceerd.kwartaalreeks("eerste_asielverzoeken")
    assert series.kwartalen[0] == "2018-Q1" and series.kwartalen[-1] == "2024-Q4"
    assert series.afgeleid == ("2024-Q4",)
    assert series.waarden[-1] == 32175 - 8965 - 7710 - 8115
