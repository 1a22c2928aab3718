"""The region view on synthetic locations: required versus present places and the housing match."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from doorstroom.platform.errors import InputError
from doorstroom.reference.io import embedded_gemeenten
from doorstroom.spreiding import register
from doorstroom.spreiding.core.opvang import opvang_per_provincie
from doorstroom.spreiding.regio_overzicht import Regiosoort, RegioVerzoek, regio
from doorstroom.spreiding.service import Verzoek, bereken
from doorstroom.taakstelling import service as taakstelling_service
from doorstroom.values.periode import Periode
from tests.spreiding.conftest import synthetische_locaties

PEILDATUM = date(2026, 11, 24)
PERIODE = Periode(2026, 2)
Bestand = Callable[..., Path]


def _verwacht_per_provincie() -> dict[str, dict[str, int]]:
    """Open places and permit holders per province, counted straight from the synthetic rows."""
    provincie_van = {g.code: g.provincie for g in embedded_gemeenten()}
    som: dict[str, dict[str, int]] = {}
    for rij in synthetische_locaties():
        opening, sluiting = str(rij["opening"]), str(rij["sluiting"])
        if not (opening <= PEILDATUM.isoformat() and (not sluiting or PEILDATUM.isoformat() <= sluiting)):
            continue
        telling = som.setdefault(provincie_van[str(rij["gemeente"])], {"plaatsen": 0, "vergunninghouders": 0})
        telling["plaatsen"] += int(str(rij["capaciteit"]))
        telling["vergunninghouders"] += int(str(rij["vergunninghouders"]))
    return som


def test_every_province_shows_required_against_present_and_the_match(locatiebestand: Bestand) -> None:
    verzoek = RegioVerzoek(
        Verzoek(totaal=96_000, locaties=locatiebestand(), peildatum=PEILDATUM),
        periode=PERIODE,
        taakstelling=12_000,
    )
    overzicht = regio(verzoek)
    nodig = {
        r["provincie"]: r["opgave"] for r in bereken(Verzoek(totaal=96_000, peildatum=PEILDATUM)).provincies
    }
    verwacht = _verwacht_per_provincie()
    assert [r["provincie"] for r in overzicht.records] == sorted(nodig)
    for rij in overzicht.records:
        naam = rij["provincie"]
        assert rij["plaatsen_nodig"] == nodig[naam]
        assert rij["plaatsen_aanwezig"] == verwacht.get(naam, {}).get("plaatsen", 0)
        assert rij["verschil_plaatsen"] == rij["plaatsen_aanwezig"] - rij["plaatsen_nodig"]
        assert rij["vergunninghouders_in_opvang"] == verwacht.get(naam, {}).get("vergunninghouders", 0)
        assert rij["huisvesting_in_regio"] == min(rij["vergunninghouders_in_opvang"], rij["resterend"])
        assert rij["huisvesting_in_regio"] + rij["buiten_regio"] == rij["vergunninghouders_in_opvang"]
        assert rij["huisvesting_in_regio"] + rij["ruimte_voor_anderen"] == rij["resterend"]
    assert sum(r["taakstelling"] for r in overzicht.records) == _som_taakstelling(PERIODE, 12_000)
    assert sum(r["plaatsen_nodig"] for r in overzicht.records) == 96_000
    assert (
        "taakstelling",
        "landelijke taakstelling 12.000 voor 2026-2 naar inwoners verdeeld; nog niets gehuisvest",
    ) in (overzicht.toelichting.regels())


@pytest.mark.parametrize(
    ("per", "aantal"), [(Regiosoort.arbeidsmarktregio, 35), (Regiosoort.coropgebied, 40)]
)
def test_labour_market_regions_and_corop_areas(per: Regiosoort, aantal: int, locatiebestand: Bestand) -> None:
    verzoek = Verzoek(totaal=96_000, locaties=locatiebestand(), peildatum=PEILDATUM)
    overzicht = regio(RegioVerzoek(verzoek, per=per, periode=PERIODE, taakstelling=12_000))
    assert len(overzicht.records) == aantal
    assert sum(r["plaatsen_nodig"] for r in overzicht.records) == 96_000
    assert sum(r["plaatsen_aanwezig"] for r in overzicht.records) == sum(
        v["plaatsen"] for v in _verwacht_per_provincie().values()
    )


def test_the_published_national_number_is_used_for_a_past_period(locatiebestand: Bestand) -> None:
    verzoek = Verzoek(totaal=96_000, locaties=locatiebestand(), peildatum=date(2025, 3, 1))
    overzicht = regio(RegioVerzoek(verzoek))
    # 2025-1 as published (15,000), split by the taakstelling's default rule
    assert sum(r["taakstelling"] for r in overzicht.records) == _som_taakstelling(Periode(2025, 1), 15_000)
    with pytest.raises(InputError, match="veld 'taakstelling'"):
        regio(RegioVerzoek(Verzoek(totaal=96_000, peildatum=PEILDATUM)))


def test_a_stored_period_gives_what_remains_to_be_housed(
    engine: Engine, locatiebestand: Bestand, csv_file: Callable[[str, str], Path]
) -> None:
    register.importeer(engine, locatiebestand())
    taakstelling_service.vaststellen(engine, taakstelling_service.Vaststelverzoek(PERIODE, 12_000))
    taakstelling_service.importeer_realisatie(
        engine, csv_file("r.csv", "gemeentecode,maand,gehuisvest\nGM0344,2026-08,50\n")
    )
    overzicht = regio(RegioVerzoek(Verzoek(totaal=96_000, peildatum=PEILDATUM)), engine)
    utrecht = next(r for r in overzicht.records if r["provincie"] == "Utrecht")
    assert utrecht["resterend"] == utrecht["taakstelling"] - 50
    assert sum(r["plaatsen_aanwezig"] for r in overzicht.records) > 0  # the register was read
    assert any(
        naam == "taakstelling" and "database" in waarde for naam, waarde in overzicht.toelichting.regels()
    )


def test_reception_per_province_for_the_prognose_and_the_koppeling(locatiebestand: Bestand) -> None:
    from doorstroom.spreiding.io import lees_locaties

    locaties = [r.locatie for r in lees_locaties(locatiebestand(), list(embedded_gemeenten()))]
    per_provincie = opvang_per_provincie(locaties, embedded_gemeenten(), PEILDATUM)
    assert len(per_provincie) == 12
    for naam, verwacht in _verwacht_per_provincie().items():
        assert per_provincie[naam].plaatsen == verwacht["plaatsen"]
        assert per_provincie[naam].vergunninghouders == verwacht["vergunninghouders"]


def test_a_small_taakstelling_leaves_permit_holders_to_be_housed_outside_their_region(
    locatiebestand: Bestand,
) -> None:
    verzoek = Verzoek(totaal=96_000, locaties=locatiebestand(), peildatum=PEILDATUM)
    rijen = regio(RegioVerzoek(verzoek, periode=PERIODE, taakstelling=600)).records
    krap = [r for r in rijen if r["buiten_regio"] > 0]
    assert krap, "with 600 housing places nationally some region must send permit holders elsewhere"
    for rij in krap:
        assert rij["huisvesting_in_regio"] == rij["resterend"] and rij["ruimte_voor_anderen"] == 0


def _som_taakstelling(periode: Periode, totaal: int) -> int:
    """The sum of the municipal numbers as the taakstelling states it (its default rule)."""
    verzoek = taakstelling_service.Verzoek(periode=periode, totaal=totaal)
    return taakstelling_service.bereken_overzicht(verzoek).verantwoording.som
