"""Population vintages 2022–2026 with their own division, and mergers carried between them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from doorstroom.platform.errors import InputError
from doorstroom.reference.core.indeling import Indelingen
from doorstroom.reference.core.samenvoeging import Samenvoeging
from doorstroom.reference.io import (
    INGEBOUWDE_JAREN,
    embedded_samenvoegingen,
    ingebouwde_bevolking,
    load_samenvoegingen,
)
from doorstroom.reference.service import indelingen

SOMMEN = {2022: 17_590_672, 2023: 17_811_291, 2024: 17_942_942, 2025: 18_044_027, 2026: 18_130_208}
AANTALLEN = {2022: 345, 2023: 342, 2024: 342, 2025: 342, 2026: 342}
WIJDEMEREN = Samenvoeging(date(2027, 1, 1), "GM0402", "Hilversum", ("GM0402", "GM1696"), inwoners=119_500)


def catalogus() -> Indelingen:
    return indelingen(None)


@pytest.mark.parametrize("jaar", INGEBOUWDE_JAREN)
def test_each_vintage_has_its_own_division_and_the_cbs_total(jaar: int) -> None:
    bevolking = ingebouwde_bevolking(jaar)
    assert bevolking is not None
    assert len(bevolking.gemeenten) == AANTALLEN[jaar] and bevolking.totaal == SOMMEN[jaar]
    assert all(g.provincie and g.arbeidsmarktregio and g.coropgebied for g in bevolking.gemeenten)


def test_no_vintage_outside_the_embedded_years() -> None:
    assert ingebouwde_bevolking(2021) is None and ingebouwde_bevolking(2027) is None


def test_2022_carried_onto_2023_gives_voorne_aan_zee_and_amsterdam_with_weesp() -> None:
    indeling = catalogus().op_indeling(ingebouwde_bevolking(2022), 2023)  # type: ignore[arg-type]
    per_code = {g.code: g for g in indeling.gemeenten}
    assert len(per_code) == 342 and not {"GM0457", "GM0501", "GM0530", "GM0614"} & per_code.keys()
    assert per_code["GM1992"].inwoners == 17_704 + 40_574 + 14_960
    assert per_code["GM1992"].provincie == "Zuid-Holland"
    assert per_code["GM0363"].inwoners == 882_633 + 20_766
    assert "som van Brielle, Hellevoetsluis en Westvoorne" in indeling.toelichting["GM1992"]
    assert "GS-aantal (art. 30) niet bekend" in indeling.toelichting["GM1992"]
    assert "art. 30 niet van toepassing" in indeling.toelichting["GM0363"]
    assert sum(g.inwoners for g in indeling.gemeenten) == SOMMEN[2022]


def test_the_division_of_a_year_matches_its_own_vintage() -> None:
    c = catalogus()
    assert c.indeling(2023).codes == frozenset(g.code for g in ingebouwde_bevolking(2023).gemeenten)  # type: ignore[union-attr]
    assert len(c.indeling(2022).codes) == 345 and len(c.indeling(2027).codes) == 342


def test_wijdemeren_into_hilversum_on_1_january_2027() -> None:
    c = catalogus().met([(2, WIJDEMEREN)])
    indeling = c.op_indeling(ingebouwde_bevolking(2026), 2027)  # type: ignore[arg-type]
    per_code = {g.code: g for g in indeling.gemeenten}
    assert len(per_code) == 341 and "GM1696" not in per_code
    assert per_code["GM0402"].inwoners == 119_500
    assert "GS (art. 30" in indeling.toelichting["GM0402"]
    assert c.opvolgers(2026, 2027)["GM1696"] == "GM0402"
    assert c.opvolgers(2026, 2027)["GM0344"] == "GM0344"
    assert len(c.indeling(2026).codes) == 342


def test_a_merger_whose_components_do_not_exist_names_every_problem() -> None:
    fout = Samenvoeging(date(2027, 1, 1), "GM0363", "Groot-Amsterdam", ("GM9998", "GM9999"))
    with pytest.raises(InputError) as info:
        catalogus().met([(2, fout)], file="s.csv")
    messages = [str(p) for p in info.value.problems]
    assert any("GM9998 bestaat niet" in m for m in messages)
    assert any("GM9999 bestaat niet" in m for m in messages)
    assert any("GM0363 Amsterdam bestaat al" in m for m in messages)
    assert all("s.csv, rij 2" in m for m in messages)


def test_a_component_cannot_merge_twice_on_one_day() -> None:
    tweede = Samenvoeging(date(2027, 1, 1), "GM2001", "Wijdemeren-Noord", ("GM1696", "GM0417"))
    with pytest.raises(InputError, match="al onderdeel"):
        catalogus().met([(2, WIJDEMEREN), (3, tweede)])


def test_a_later_record_supplies_the_gs_number_for_an_embedded_merger() -> None:
    voorne = next(s for s in embedded_samenvoegingen() if s.code == "GM1992")
    met_gs = Samenvoeging(voorne.ingangsdatum, voorne.code, voorne.naam, voorne.onderdelen, inwoners=73_500)
    indeling = catalogus().met([(None, met_gs)]).op_indeling(ingebouwde_bevolking(2022), 2023)  # type: ignore[arg-type]
    assert {g.code: g.inwoners for g in indeling.gemeenten}["GM1992"] == 73_500


def test_merger_file_problems(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text(
        "ingangsdatum,gemeentecode,gemeentenaam,onderdelen,inwoners,provincie\n"
        "2027-03-01,GM0402,Hilversum,GM0402 GM1696,119500,\n"
        "2027-01-01,GM040,Hilversum,GM0402;GM1696,1,\n"
        "2027-01-01,GM0402,Hilversum,GM0402+GM1696,-4,\n"
        '2027-01-01,GM0402,Hilversum,"GM0402, GM1696",1,Noord-Holand\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        load_samenvoegingen(path)
    assert {(p.row, p.field) for p in info.value.problems} == {
        (2, "ingangsdatum"),
        (3, "gemeentecode"),
        (4, "inwoners"),
        (5, "provincie"),
    }
    assert any("Noord-Holland" in p.message for p in info.value.problems)
