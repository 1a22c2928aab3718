"""Regimes as data (issue 24 item 1): the shipped files, validation in Dutch, the rule set on a day,
and an operator's new version stored with who, when and why on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from doorstroom.accounts.domain import Gebruiker, Rol
from doorstroom.beleid import io
from doorstroom.beleid import service as beleid
from doorstroom.platform.errors import Conflict, InputError, PermissionDenied

OPERATOR = Gebruiker.systeem("test")
ZES = {"taakstelling-afgeschaft", "voorrang-afbouw", "tweestatusstelsel", "eu-migratiepact",
       "spreidingswet-intrekking", "doorstroomlocaties"}  # fmt: skip
GELDIG = """
id = "proef-regime"
titel = "Proef"
status = "wetsvoorstel"
samenvatting = "Een proef."
[[bronnen]]
soort = "kamerstuk"
titel = "Proefstuk"
link = "https://zoek.officielebekendmakingen.nl/dossier/1"
[dossier]
vergunningsduur_maanden = 24
"""


def test_the_six_changes_in_motion_and_the_law_in_force_are_shipped_with_a_status_and_a_source() -> None:
    regimes = {o.regime.id: o.regime for o in beleid.regimes(None, OPERATOR)}
    assert ZES | {"wet-2024"} <= set(regimes)
    assert regimes["wet-2024"].status is beleid.Status.in_werking
    assert regimes["tweestatusstelsel"].status is beleid.Status.wetsvoorstel
    assert regimes["taakstelling-afgeschaft"].status is beleid.Status.voornemen
    assert regimes["doorstroomlocaties"].eind == date(2029, 1, 1)
    assert regimes["eu-migratiepact"].begin == date(2026, 6, 12)
    assert all(r.bronnen and all(b.link.startswith("https://") for b in r.bronnen) for r in regimes.values())


def test_a_bill_is_marked_as_not_law_in_force_in_its_listing_row() -> None:
    rij = beleid.als_record(beleid.regime(None, OPERATOR, "tweestatusstelsel").regime)
    assert rij["geldend_recht"] == "GEEN GELDEND RECHT"
    assert "36703" in rij["bronnen"]
    assert beleid.als_record(beleid.regime(None, OPERATOR, "wet-2024").regime)["geldend_recht"] == "ja"


def test_the_rule_set_on_a_day_holds_only_law_in_force_in_its_period() -> None:
    voor = beleid.regime_op(None, OPERATOR, date(2026, 6, 11))
    na = beleid.regime_op(None, OPERATOR, date(2026, 6, 12))
    later = beleid.regime_op(None, OPERATOR, date(2029, 1, 1))
    assert "eu-migratiepact" not in voor.naam and "eu-migratiepact" in na.naam
    assert "doorstroomlocaties" in na.naam and "doorstroomlocaties" not in later.naam
    assert "tweestatusstelsel" not in na.naam
    assert na.waarde("taakstelling.doorstroomlocatie_telt") is True
    assert later.waarde("taakstelling.doorstroomlocatie_telt") is False
    assert na.markering(date(2026, 6, 12)) is None


def test_a_chosen_bill_overrides_the_base_and_is_marked() -> None:
    combinatie = beleid.combinatie(None, OPERATOR, ["tweestatusstelsel"])
    assert combinatie.waarde("dossier.vergunningsduur_maanden") == 36
    assert combinatie.herkomst["dossier.vergunningsduur_maanden"] == "tweestatusstelsel"
    assert combinatie.waarde("taakstelling.met_taakstelling") is True
    assert "GEEN GELDEND RECHT" in (combinatie.markering() or "")


def test_an_unknown_regime_is_named_with_the_closest_known_one() -> None:
    with pytest.raises(InputError) as fout:
        beleid.regime(None, OPERATOR, "tweestatus")
    assert fout.value.problems[0].field == "regime"
    assert "tweestatusstelsel" in fout.value.problems[0].message


@pytest.mark.parametrize(
    ("vervang", "door", "veld", "woorden"),
    [
        ('status = "wetsvoorstel"', 'status = "besloten"', "status", "kies uit"),
        ("duur_maanden = 24", "duur_maanden = 0", "dossier.vergunningsduur_maanden", "minstens 1"),
        ("vergunningsduur_maanden = 24", "vergunningsduur = 24", "dossier.vergunningsduur", "onbekend veld"),
        ('link = "https://', 'link = "http://', "bronnen.link", "vorm"),
        ('titel = "Proef"\n', "", "titel", "ontbreekt"),
    ],
)  # fmt: skip
def test_a_bad_regime_file_names_file_field_and_problem_in_dutch(
    tmp_path: Path, vervang: str, door: str, veld: str, woorden: str
) -> None:
    pad = tmp_path / "proef.toml"
    pad.write_text(GELDIG.replace(vervang, door, 1), encoding="utf-8")
    with pytest.raises(InputError) as fout:
        io.lees_bestand(pad)
    probleem = fout.value.problems[0]
    assert (probleem.file, probleem.field) == ("proef.toml", veld)
    assert woorden in probleem.message


def test_a_regime_in_force_without_a_start_date_is_refused(tmp_path: Path) -> None:
    pad = tmp_path / "proef.toml"
    pad.write_text(GELDIG.replace('"wetsvoorstel"', '"in werking"'), encoding="utf-8")
    with pytest.raises(InputError, match="begindatum"):
        io.lees_bestand(pad)


def test_an_operator_adds_a_version_with_who_and_why_and_the_newest_is_used(
    engine: Engine, tmp_path: Path
) -> None:
    pad = tmp_path / "proef.toml"
    pad.write_text(GELDIG, encoding="utf-8")
    eerste = beleid.voeg_toe(engine, OPERATOR, pad, "nieuw wetsvoorstel")
    pad.write_text(GELDIG.replace("= 24", "= 30"), encoding="utf-8")
    tweede = beleid.voeg_toe(engine, OPERATOR, pad, "nota van wijziging")
    assert (eerste.versie.versie, tweede.versie.versie) == (1, 2)
    versies = beleid.versies(engine, OPERATOR, "proef-regime")
    assert [v.reden for v in versies] == ["nieuw wetsvoorstel", "nota van wijziging"]
    assert versies[1].door and versies[1].op is not None
    regime = beleid.regime(engine, OPERATOR, "proef-regime").regime
    assert regime.dossier.vergunningsduur_maanden == 30


def test_a_new_version_of_the_law_in_force_that_conflicts_is_refused_and_nothing_is_stored(
    engine: Engine, tmp_path: Path
) -> None:
    tekst = GELDIG.replace('"wetsvoorstel"', '"in werking"\nbegin = 2026-01-01').replace(
        "[dossier]\nvergunningsduur_maanden = 24", "[taakstelling]\ndoorstroomlocatie_telt = false"
    )
    pad = tmp_path / "botsing.toml"
    pad.write_text(tekst, encoding="utf-8")
    with pytest.raises(Conflict, match="doorstroomlocatie_telt"):
        beleid.voeg_toe(engine, OPERATOR, pad, "botst")
    with pytest.raises(InputError):
        beleid.versies(engine, OPERATOR, "proef-regime")


def test_only_the_operator_adds_a_regime_and_a_reason_is_required(engine: Engine, tmp_path: Path) -> None:
    pad = tmp_path / "proef.toml"
    pad.write_text(GELDIG, encoding="utf-8")
    provincie = Gebruiker("p", Rol.provincie, provincie="Utrecht")
    with pytest.raises(PermissionDenied):
        beleid.voeg_toe(engine, provincie, pad, "mag niet")
    with pytest.raises(InputError) as fout:
        beleid.voeg_toe(engine, OPERATOR, pad, "  ")
    assert fout.value.problems[0].field == "reden"
