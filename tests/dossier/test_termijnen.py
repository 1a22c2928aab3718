"""Deadline rules: each legal term on a hand-checked timeline, corrections, and configuration."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from doorstroom.dossier import termijnbestand, termijnen
from doorstroom.dossier.termijnen import Status
from doorstroom.dossier.tijdlijn import (
    Fase,
    Gebeurtenis,
    actueel,
    fase,
    in_opvang,
    problemen,
    verantwoordelijke_gemeente,
)
from doorstroom.platform.errors import InputError

_teller = 0


def g(soort: str, datum: str, vervangt: str | None = None, **gegevens: Any) -> Gebeurtenis:
    global _teller
    _teller += 1
    return Gebeurtenis(f"e{_teller}", soort, date.fromisoformat(datum), gegevens, vervangt)


PLICHT = {"indicatorInburgeringsplicht": True, "doelgroep": "Asielstatushouder"}


def open_termijnen(
    tijdlijn: list[Gebeurtenis],
    peildatum: str,
    regels: termijnen.Regels | None = None,
    geboren: str | None = None,
) -> dict[str, tuple[str, Status]]:
    feiten = termijnen.Persoonsfeiten(date.fromisoformat(geboren) if geboren else None)
    found = termijnen.termijnen(
        actueel(tijdlijn), regels or termijnen.standaard(), date.fromisoformat(peildatum), feiten
    )
    return {t.regel: (t.vervaldatum.isoformat(), t.status) for t in found}


def woningregels(found: dict[str, tuple[str, Status]]) -> dict[str, tuple[str, Status]]:
    return {r: v for r, v in found.items() if r in ("huisvesting_na_koppeling", "woningaanbod_na_koppeling")}


def test_housing_term_is_the_taakstelling_rule_three_months_after_koppeling() -> None:
    tijdlijn = [g("registratie", "2026-05-01"), g("koppeling", "2026-08-31", gemeentecode="GM0344")]
    assert open_termijnen(tijdlijn, "2026-11-24") == {
        "huisvesting_na_koppeling": ("2026-11-30", Status.binnenkort),
        "woningaanbod_na_koppeling": ("2026-11-09", Status.verlopen),
    }
    assert open_termijnen(tijdlijn, "2026-12-01")["huisvesting_na_koppeling"][1] is Status.verlopen
    assert (
        open_termijnen([*tijdlijn, g("huisvesting", "2026-11-01", gemeentecode="GM0344")], "2026-12-01") == {}
    )


def test_intake_and_pip_terms_start_at_move_in_when_the_rule_says_huisvesting() -> None:
    tijdlijn = [
        g("koppeling", "2026-06-01", gemeentecode="GM0344"),
        g("inburgeringsplicht", "2026-05-15", **PLICHT),
    ]
    regels = replace(termijnen.standaard(), inburgering_vanaf="huisvesting")
    assert "pip_vaststelling" not in open_termijnen(tijdlijn, "2026-07-01", regels)  # DUO SS139
    tijdlijn.append(g("huisvesting", "2026-09-01", gemeentecode="GM0344"))
    found = open_termijnen(tijdlijn, "2026-09-02", regels)
    assert found["pip_vaststelling"] == ("2026-11-10", Status.open)  # ten weeks after moving in
    assert found["brede_intake"] == ("2026-11-10", Status.open)


def test_intake_and_pip_terms_start_at_the_koppeling_by_default() -> None:
    tijdlijn = [g("koppeling", "2026-06-01", gemeentecode="GM0344")]
    found = open_termijnen(tijdlijn, "2026-07-01", geboren="1990-01-01")  # an adult, still in reception
    assert found["brede_intake"] == ("2026-08-10", Status.open)
    assert found["pip_vaststelling"] == ("2026-08-10", Status.open)
    assert "brede_intake" not in open_termijnen(tijdlijn, "2026-07-01", geboren="2010-01-01")  # a minor
    assert "brede_intake" not in open_termijnen(tijdlijn, "2026-07-01")  # age unknown
    plicht_later = [*tijdlijn, g("inburgeringsplicht", "2026-06-15", **PLICHT)]
    assert open_termijnen(plicht_later, "2026-07-01")["pip_vaststelling"] == ("2026-08-24", Status.open)
    geen_plicht = [*tijdlijn, g("inburgeringsplicht", "2026-06-15", indicatorInburgeringsplicht=False)]
    assert "brede_intake" not in open_termijnen(geen_plicht, "2026-07-01", geboren="1990-01-01")
    intake = [*tijdlijn, g("brede_intake", "2026-06-20")]
    assert "brede_intake" not in open_termijnen(intake, "2026-07-01", geboren="1990-01-01")


def test_the_tvs_terms_offer_in_ten_weeks_and_move_two_weeks_later_within_the_housing_term() -> None:
    tijdlijn = [g("koppeling", "2026-01-05", gemeentecode="GM0344")]
    assert woningregels(open_termijnen(tijdlijn, "2026-02-01"))["woningaanbod_na_koppeling"] == (
        "2026-03-16",
        Status.open,
    )
    aanbod = [*tijdlijn, g("woningaanbod", "2026-03-02")]
    found = open_termijnen(aanbod, "2026-03-03")
    assert "woningaanbod_na_koppeling" not in found
    assert found["verhuizing_na_aanbod"] == ("2026-03-16", Status.binnenkort)
    laat = [*tijdlijn, g("woningaanbod", "2026-03-30")]  # late offer: the housing term caps the move
    assert open_termijnen(laat, "2026-03-31")["verhuizing_na_aanbod"] == ("2026-04-05", Status.binnenkort)
    regels = termijnen.standaard()
    assert termijnen.verhuizing_uiterlijk(date(2026, 1, 5), None, regels) == date(2026, 3, 30)
    huisvesting = [*aanbod, g("huisvesting", "2026-03-10", gemeentecode="GM0344")]
    assert woningregels(open_termijnen(huisvesting, "2026-03-11")) == {}
    assert "verhuizing_na_aanbod" not in open_termijnen(huisvesting, "2026-03-11")


def test_family_migrants_term_starts_with_the_obligation() -> None:
    tijdlijn = [
        g(
            "inburgeringsplicht",
            "2026-01-05",
            indicatorInburgeringsplicht=True,
            doelgroep="Gezinsmigrant en overige migrant",
        )
    ]
    assert open_termijnen(tijdlijn, "2026-03-20")["pip_vaststelling"] == ("2026-03-16", Status.verlopen)


def test_integration_term_runs_three_years_from_the_day_after_the_pip_and_follows_extensions() -> None:
    tijdlijn = [
        g("inburgeringsplicht", "2026-01-05", **PLICHT),
        g("brede_intake", "2026-02-01"),
        g("pip", "2026-03-01", leerroute="B"),
    ]
    assert open_termijnen(tijdlijn, "2026-04-01") == {"inburgeringstermijn": ("2029-03-02", Status.open)}
    tijdlijn.append(
        g("inburgeringstermijn_verlenging", "2029-01-10", einddatum="2030-03-02", verlengingsgrondcode="NV")
    )
    assert open_termijnen(tijdlijn, "2029-04-01") == {"inburgeringstermijn": ("2030-03-02", Status.open)}
    tijdlijn.append(
        g(
            "inburgeringsplicht",
            "2029-06-01",
            indicatorInburgeringsplicht=False,
            redenGeenInburgeringsplicht="Inburgeringsplicht voldaan",
        )
    )
    assert open_termijnen(tijdlijn, "2029-07-01") == {}
    assert fase(actueel(tijdlijn)) is Fase.afgerond


def test_ontzorgen_ends_six_months_after_it_starts() -> None:
    tijdlijn = [g("ontzorgen", "2026-09-01")]
    assert open_termijnen(tijdlijn, "2026-11-24") == {"ontzorgen": ("2027-03-01", Status.open)}
    assert open_termijnen([*tijdlijn, g("ontzorgen_einde", "2027-02-01")], "2026-11-24") == {}


def test_a_correction_replaces_the_event_it_corrects_and_the_old_one_stays_in_history() -> None:
    oud = g("koppeling", "2026-01-01", gemeentecode="GM0344")
    nieuw = g("koppeling", "2026-02-01", vervangt=oud.id, gemeentecode="GM0307")
    huidig = actueel([oud, nieuw])
    assert huidig == [nieuw]
    assert verantwoordelijke_gemeente(huidig, None) == "GM0307"


def test_phase_and_reception_follow_the_timeline() -> None:
    tijdlijn = [g("registratie", "2026-01-01")]
    assert (fase(tijdlijn), in_opvang(tijdlijn)) == (Fase.opvang, True)
    tijdlijn.append(g("huisvesting", "2026-03-01", gemeentecode="GM0344"))
    assert (fase(tijdlijn), in_opvang(tijdlijn)) == (Fase.gehuisvest, False)


def test_pip_needs_a_prior_intake_and_may_not_precede_the_obligation() -> None:
    tijdlijn = [g("inburgeringsplicht", "2026-03-01", **PLICHT)]
    fouten = problemen(tijdlijn, g("pip", "2026-02-01", leerroute="B"))
    assert {f.message.split(" (")[0] for f in fouten} == {
        "een PIP volgt op de brede intake",
        "dagtekening PIP ligt voor de start van de inburgeringsplicht",
    }


def test_rule_parameters_come_from_a_toml_file(tmp_path: Path) -> None:
    path = tmp_path / "regels.toml"
    path.write_text("[pip_vaststelling]\nweken = 12\n[signalering]\ndagen = 30\n", encoding="utf-8")
    regels = termijnbestand.laad(path)
    assert regels["pip_vaststelling"].waarde == 12 and regels.signaal_dagen == 30
    assert regels["brede_intake"].waarde == 10 and regels.inburgering_vanaf == "koppeling"
    path.write_text('[inburgering_start]\nvanaf = "huisvesting"\n', encoding="utf-8")
    assert termijnbestand.laad(path).inburgering_vanaf == "huisvesting"


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("[pip_vasstelling]\nweken = 12\n", "pip_vasstelling"),
        ("[pip_vaststelling]\nweken = -1\n", "pip_vaststelling"),
        ("[ontzorgen]\nmaanden = 'zes'\n", "ontzorgen"),
        ("[huisvesting_na_koppeling]\nmaanden = 4\n", "huisvesting_na_koppeling"),
        ('[inburgering_start]\nvanaf = "morgen"\n', "inburgering_start"),
    ],
)
def test_bad_rule_files_name_the_rule(tmp_path: Path, text: str, field: str) -> None:
    path = tmp_path / "regels.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        termijnbestand.laad(path)
    assert caught.value.problems[0].field == field
    if field == "pip_vasstelling":
        assert "pip_vaststelling" in caught.value.problems[0].message  # closest name suggested


def test_every_rule_cites_a_legal_source_and_is_documented() -> None:
    page = (Path(__file__).resolve().parents[2] / "docs" / "dossier.md").read_text(encoding="utf-8")
    for regel in termijnen.STANDAARD.values():
        assert regel.bron and f"`{regel.naam}`" in page


def test_the_housing_term_is_one_setting_for_the_file_and_the_quota_statement(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 11 review: the file's deadline and the statement's *te laat* follow the same value."""
    from doorstroom.dossier import weergave
    from doorstroom.platform.settings import get_settings
    from doorstroom.taakstelling.core.domain import Koppeling
    from doorstroom.taakstelling.huisvestingstermijn import huisvestingstermijn

    monkeypatch.setenv("DOORSTROOM_HUISVESTINGSTERMIJN_MAANDEN", "2")
    get_settings.cache_clear()
    regel = weergave.regels()["huisvesting_na_koppeling"]
    koppeling = Koppeling("GM0344", "H-1", 3, date(2026, 9, 15), termijn_maanden=huisvestingstermijn())
    assert regel.na(date(2026, 9, 15)) == koppeling.uiterste_datum() == date(2026, 11, 15)
    assert koppeling.te_laat(date(2026, 11, 16)) and not koppeling.te_laat(date(2026, 11, 15))


def test_every_term_keeps_its_start_and_due_date_after_it_was_met() -> None:
    """For figures after the fact (the monitor): the terms of a timeline whose steps were all taken."""
    tijdlijn = actueel(
        [
            g("koppeling", "2026-01-05", gemeentecode="GM0344"),
            g("koppeling", "2026-02-01", gemeentecode="GM0344"),
            g("huisvesting", "2026-03-02", gemeentecode="GM0344"),
            g("koppeling", "2026-04-01", gemeentecode="GM0307"),
            g("inburgeringsplicht", "2026-02-15", **PLICHT),
            g("brede_intake", "2026-03-20"),
            g("pip", "2026-05-20", leerroute="B"),
            g("ontzorgen", "2026-03-10"),
            g("ontzorgen_einde", "2026-09-10"),
        ]
    )
    alle = termijnen.alle_termijnen(tijdlijn, termijnen.standaard())
    dag = date.fromisoformat
    assert alle["huisvesting_na_koppeling"] == (dag("2026-02-01"), dag("2026-05-01"))  # held at move-in
    # From the koppeling (the rule's default) that held at the move-in, or the later obligation: ten
    # weeks after 15 February; the koppeling of 1 April (after the move-in) moves nothing.
    assert alle["brede_intake"] == (dag("2026-02-15"), dag("2026-04-26"))
    assert alle["pip_vaststelling"] == alle["brede_intake"]
    na_verhuizing = termijnen.alle_termijnen(
        tijdlijn, replace(termijnen.standaard(), inburgering_vanaf="huisvesting")
    )
    assert na_verhuizing["brede_intake"] == (
        dag("2026-03-02"),
        dag("2026-05-11"),
    )  # ten weeks after moving in
    assert alle["inburgeringstermijn"] == (dag("2026-05-21"), dag("2029-05-21"))
    assert alle["ontzorgen"] == (dag("2026-03-10"), dag("2026-09-10"))
    assert open_termijnen(tijdlijn, "2026-06-01") == {"inburgeringstermijn": ("2029-05-21", Status.open)}
