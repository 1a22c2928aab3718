"""Koppelingen checked a block at a time, plain rows by a quick check (issue 22): the same
koppelingen and the same Dutch problems (words, file, row, field, order) as the row rule, on random
rows; an import still all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select

from doorstroom.files.tabular import Row, parse_each, read_table
from doorstroom.platform.db import transaction
from doorstroom.platform.errors import InputError
from doorstroom.reference.service import indelingen
from doorstroom.taakstelling import gewone_rijen, io, service
from doorstroom.taakstelling.berekening import codes_per_jaar
from doorstroom.taakstelling.models import KoppelingMeldingRecord

CODES = st.sampled_from(["GM0344", " gm0363 ", "GM0014", "GM9999", "GM034", "", "GM０３４４", "GM0344\x00"])
REFERENTIES = st.sampled_from(["H1", " H2 ", "", "x" * 40, "x" * 41, "a\x00b", "ré-7", "  "])
PERSONEN = st.sampled_from(["1", "60", "61", "0", "07", "1.0", "3,0", "", "abc", "99", " 5 ", "1.234", "٣"])
DATUMS = st.sampled_from(
    ["2026-03-01", "1-3-2026", "2026-02-30", "1999-12-31", "2101-01-01", "", "0001-01-01",
     "9999-12-31", " 2025-07-15 ", "2026-3-1", "2100-12-31", "2000-01-01", "2025-12-31"]
)  # fmt: skip
HUISVESTING = st.one_of(st.none(), DATUMS, st.sampled_from(["2026-04-01", "2026-01-01"]))


def bekend(jaar: int) -> dict[str, str]:
    """A division that changes in 2026 (GM0363 goes, GM0014 comes), as after a merger."""
    if jaar < 2026:
        return {"GM0344": "Utrecht", "GM0363": "Amsterdam"}
    return {"GM0344": "Utrecht", "GM0014": "Groningen"}


@st.composite
def rijen(draw: st.DrawFn) -> list[Row]:
    result = []
    for i in range(draw(st.integers(0, 30))):
        values = {
            "gemeentecode": draw(CODES),
            "huishouden_ref": draw(REFERENTIES),
            "personen": draw(PERSONEN),
            "koppeldatum": draw(DATUMS),
        }
        huisvesting = draw(HUISVESTING)
        if huisvesting is not None:
            values["huisvestingsdatum"] = huisvesting
        defect = draw(st.sampled_from([None, None, None, "rij heeft 3 waarden, verwacht 5"]))
        numbers = draw(st.sampled_from([{}, {}, {}, {"personen": 3}, {"personen": 3.5}]))
        result.append(Row("k.csv", i + 2, values, defect=defect, numbers=numbers))
    return result


def per_rij(blok: list[Row]) -> tuple[object, object]:
    return parse_each(blok, lambda row: io.koppeling(row, bekend))


@settings(max_examples=150, deadline=None)
@given(rijen())
def test_the_quick_check_equals_the_row_rule(blok: list[Row]) -> None:
    assert gewone_rijen.koppelingen(blok, bekend) == per_rij(blok)


def test_plain_rows_skip_the_row_rule_and_others_take_it(monkeypatch: pytest.MonkeyPatch) -> None:
    gelezen: list[int] = []
    echt = io.koppeling

    def geteld(row: Row, codes: io.CodesPerJaar) -> object:
        gelezen.append(row.line)
        return echt(row, codes)

    monkeypatch.setattr(io, "koppeling", geteld)
    gewoon = {"gemeentecode": "GM0344", "huishouden_ref": "H", "personen": "3", "koppeldatum": "2026-03-01"}
    blok = [Row("k.csv", 2, gewoon), Row("k.csv", 3, {**gewoon, "koppeldatum": "1-3-2026"})]
    geldig, problemen = gewone_rijen.koppelingen(blok, bekend)
    assert [regel for regel, _ in geldig] == [2, 3] and problemen == [] and gelezen == [3]


def _bestand(path: Path, regels: list[str]) -> Path:
    path.write_text(
        "gemeentecode,huishouden_ref,personen,koppeldatum,huisvestingsdatum\n" + "\n".join(regels)
    )
    return path


def test_an_import_in_blocks_reports_the_row_rules_problems_and_stores_nothing(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gewone_rijen, "BLOK", 3)  # problems in more than one block
    regels = [f"GM0344,H{i},{1 + i % 5},2026-0{1 + i % 9}-01," for i in range(10)]
    regels[2] = "GM0344,H2,0,2026-03-01,"
    regels[7] = "GM0363,H7,2,2026-02-30,2026-01-01"
    regels[8] = "GM9999,H8,2,2026-02-01,"
    path = _bestand(tmp_path / "k.csv", regels)
    rijen_ = read_table(path, required=io.KOPPELING_KOLOMMEN)
    with pytest.raises(InputError) as fout:
        service.importeer_koppelingen(engine, path)
    verwacht = parse_each(rijen_, lambda row: io.koppeling(row, _codes(engine)))[1]
    assert list(fout.value.problems) == verwacht and len(verwacht) == 3
    with transaction(engine) as session:
        assert session.scalar(select(func.count()).select_from(KoppelingMeldingRecord)) == 0


def test_a_valid_import_in_blocks_stores_what_the_row_rule_reads(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gewone_rijen, "BLOK", 4)
    regels = [
        f"GM0344,H{i},{1 + i % 5},2026-0{1 + i % 9}-01,{'2026-10-01' if i % 3 else ''}" for i in range(11)
    ]
    regels[5] = "gm0344 , H5 ,2,1-3-2026,"  # the row rule's notation, read by it
    path = _bestand(tmp_path / "k.csv", regels)
    assert service.importeer_koppelingen(engine, path).aantal == 11
    verwacht = io.lees_koppelingen(path, _codes(engine))
    with transaction(engine) as session:
        opgeslagen = session.scalars(select(KoppelingMeldingRecord)).all()
        gelezen = sorted(
            (r.huishouden_ref, r.gemeentecode, r.personen, r.koppeldatum, r.huisvestingsdatum)
            for r in opgeslagen
        )
    assert gelezen == sorted(
        (k.huishouden_ref, k.gemeentecode, k.personen, k.koppeldatum, k.huisvestingsdatum) for k in verwacht
    )


def _codes(engine: Engine) -> io.CodesPerJaar:
    return codes_per_jaar(indelingen(engine))
