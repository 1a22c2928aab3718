"""The monitor's pure core on a small case counted by hand: indicators, groups, protection, spread."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from doorstroom.monitor.core.groepen import Cohortsoort, groepen, leeftijdsgroep
from doorstroom.monitor.core.indicatoren import INDICATOREN
from doorstroom.monitor.core.persoon import Feit, Persoon, gemeente
from doorstroom.monitor.core.tabel import tabellen
from doorstroom.monitor.core.vergelijking import Gebied, grootteklasse, verdeling
from doorstroom.values.afscherming import MINIMUM, Afscherming

DAG = date.fromisoformat
PEILDATUM = DAG("2026-11-24")
GEBIEDEN = {
    "GM0344": Gebied("GM0344", "Utrecht", "Utrecht", 367_984),
    "GM0307": Gebied("GM0307", "Amersfoort", "Utrecht", 160_000),
    "GM0363": Gebied("GM0363", "Amsterdam", "Noord-Holland", 931_000),
}


def gehuisvest(code: str, huisvesting: str, **extra: object) -> Persoon:
    """A person linked to ``code`` on 5 January 2026 (term: three months) and housed there."""
    start = DAG("2026-01-05")
    feiten = (
        Feit("verblijfsvergunning", start - timedelta(days=40)),
        Feit("koppeling", start, {"gemeentecode": code}),
        Feit("huisvesting", DAG(huisvesting), {"gemeentecode": code}),
    )
    termijn = {"huisvesting_na_koppeling": (start, DAG("2026-04-05"))}
    return Persoon(1990, feiten, termijnen=termijn, **extra)  # type: ignore[arg-type]


def test_a_hand_count_of_the_housing_indicators() -> None:
    """Twelve in Utrecht: 9 housed in time, 3 late (hand count)."""
    op_tijd = [gehuisvest("GM0344", f"2026-02-{10 + i:02d}", geslacht="V") for i in range(9)]
    te_laat = [gehuisvest("GM0344", "2026-05-01", geslacht="M") for _ in range(3)]
    tabel = {
        t.indicator.naam: t for t in tabellen(op_tijd + te_laat, PEILDATUM, Cohortsoort.huisvesting, GEBIEDEN)
    }
    utrecht = ("gemeente", "GM0344")
    binnen = tabel["huisvesting_binnen_termijn"].cijfer(utrecht)
    assert binnen.personen == 12 and binnen.waarde == 75.0  # 9 of 12
    dagen = tabel["koppeling_tot_huisvesting"].cijfer(utrecht)
    assert dagen.personen == 12 and dagen.waarde == 41.5  # 36..44, then 116 three times: median of 41 and 42
    assert tabel["vergunning_tot_koppeling"].cijfer(utrecht).waarde == 40.0
    vrouwen = tabel["huisvesting_binnen_termijn"].cijfer(utrecht, ("geslacht", "vrouw"))
    mannen = tabel["huisvesting_binnen_termijn"].cijfer(utrecht, ("geslacht", "man"))
    assert mannen.personen is Afscherming.primair  # three men: withheld
    assert vrouwen.afgeschermd  # nine women: withheld too (primary); the total alone stays shown
    assert tabel["huisvesting_binnen_termijn"].cijfer(("land", "Nederland")).personen == 12


def test_the_pip_within_ten_weeks_counts_once_the_due_date_passed_or_the_pip_was_set() -> None:
    termijn = {"pip_vaststelling": (DAG("2026-03-02"), DAG("2026-05-11"))}
    meet = INDICATOREN["pip_binnen_termijn"].meet
    tijdig = Persoon(1990, (Feit("pip", DAG("2026-05-11"), {"leerroute": "B"}),), termijnen=termijn)
    laat = Persoon(1990, (Feit("pip", DAG("2026-05-12"), {"leerroute": "B"}),), termijnen=termijn)
    nog_niet = Persoon(1990, (), termijnen=termijn)
    assert meet(tijdig, PEILDATUM, 2026).voldaan  # type: ignore[union-attr]
    assert not meet(laat, PEILDATUM, 2026).voldaan  # type: ignore[union-attr]
    assert not meet(nog_niet, PEILDATUM, 2026).voldaan  # type: ignore[union-attr]
    assert meet(nog_niet, DAG("2026-05-11"), 2026) is None  # due date not passed: not counted yet


def test_participation_after_six_months_counts_work_study_volunteering_not_an_internship() -> None:
    meet = INDICATOREN["participatie_6m"].meet
    huis = Feit("huisvesting", DAG("2025-01-10"), {"gemeentecode": "GM0344"})

    def met(soort: str, *einde: Feit) -> Persoon:
        return Persoon(1990, (huis, Feit("participatie", DAG("2025-03-01"), {"soort": soort}), *einde))

    assert meet(met("werk"), PEILDATUM, 2025).voldaan  # type: ignore[union-attr]
    assert not meet(met("stage"), PEILDATUM, 2025).voldaan  # type: ignore[union-attr]
    gestopt = met("studie", Feit("participatie_einde", DAG("2025-06-01"), {"soort": "studie"}))
    assert not meet(gestopt, PEILDATUM, 2025).voldaan  # type: ignore[union-attr]
    assert meet(met("werk"), DAG("2025-07-09"), 2025) is None  # six months not yet passed
    assert meet(Persoon(2012, (huis,)), PEILDATUM, 2025) is None  # 13 years old: not counted


def test_groups_are_household_age_and_sex_and_nothing_else() -> None:
    persoon = Persoon(1980, (), geslacht="V", huishouden=1)
    kind = Persoon(2015, (), huishouden=1)
    indeling = groepen(persoon, 2026, {1: [persoon.geboortejaar, kind.geboortejaar]})
    assert indeling == {"totaal": "alle", "huishouden": "gezin 2-4", "leeftijd": "35-49", "geslacht": "vrouw"}
    assert leeftijdsgroep(17) == "0-17" and leeftijdsgroep(67) == "67+"


def test_a_person_counts_for_the_municipality_of_the_first_move_in() -> None:
    persoon = Persoon(
        1990,
        (
            Feit("koppeling", DAG("2026-01-05"), {"gemeentecode": "GM0307"}),
            Feit("huisvesting", DAG("2026-02-05"), {"gemeentecode": "GM0344"}),
            Feit("verhuizing", DAG("2026-06-05"), {"gemeentecode": "GM0363"}),
        ),
    )
    assert gemeente(persoon) == "GM0344"


def test_size_classes_and_the_spread_among_peers() -> None:
    assert grootteklasse(4_999) == "minder dan 5.000 inwoners"
    assert grootteklasse(250_000) == "250.000 inwoners of meer"
    spreiding = verdeling([10.0, 20.0, 30.0, 40.0, 50.0], eigen=30.0)
    assert (spreiding.gemeenten, spreiding.mediaan, spreiding.lager, spreiding.hoger) == (5, 30.0, 2, 2)
    assert spreiding.kwartiel1 == 20.0 and spreiding.kwartiel3 == 40.0


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(sorted(GEBIEDEN)), st.integers(0, 120), st.sampled_from("VMO")), max_size=60
    )
)
def test_no_published_figure_rests_on_one_to_nine_persons(personen: list[tuple[str, int, str]]) -> None:
    tijdlijnen = [
        gehuisvest(code, (DAG("2026-01-06") + timedelta(days=dagen)).isoformat(), geslacht=sekse)
        for code, dagen, sekse in personen
    ]
    for tabel in tabellen(tijdlijnen, PEILDATUM, Cohortsoort.huisvesting, GEBIEDEN):
        for cijfer in tabel.cijfers.values():
            if isinstance(cijfer.personen, int):
                assert cijfer.personen == 0 or cijfer.personen >= MINIMUM
            else:
                assert cijfer.waarde is cijfer.personen  # a withheld count withholds its value


def test_every_indicator_is_defined_in_the_docs_with_the_same_text() -> None:
    pagina = (Path(__file__).resolve().parents[2] / "docs" / "monitor.md").read_text(encoding="utf-8")
    for indicator in INDICATOREN.values():
        assert f"### {indicator.titel} (`{indicator.naam}`)\n\n{indicator.definitie}\n" in pagina
