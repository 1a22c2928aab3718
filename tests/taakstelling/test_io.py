"""User files of the taakstelling: every problem named, old municipality codes reported."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from doorstroom.platform.errors import InputError
from doorstroom.taakstelling import io

BEKEND = {"GM0344": "Utrecht", "GM0363": "Amsterdam", "GM0014": "Groningen"}


def per_jaar(_jaar: int) -> dict[str, str]:
    return BEKEND


Csv = Callable[[str, str], Path]


def problems(call: Callable[[], object]) -> set[tuple[int | None, str | None]]:
    with pytest.raises(InputError) as info:
        call()
    return {(p.row, p.field) for p in info.value.problems}


def test_previous_statement_variants(csv_file: Csv) -> None:
    plain = csv_file("a.csv", "gemeentecode,achterstand\nGM0344,12\nGM0363,-4\n")
    assert io.lees_vorige(plain, BEKEND) == {"GM0344": 12, "GM0363": -4}
    own = csv_file("b.csv", "gemeentecode,achterstand,achterstand_nu\nGM0344,99,3\n")
    assert io.lees_vorige(own, BEKEND) == {"GM0344": 3}
    split = csv_file("c.csv", "gemeentecode,gecorrigeerde_taakstelling,gerealiseerd\nGM0344,50,42\n")
    assert io.lees_vorige(split, BEKEND) == {"GM0344": 8}


def test_previous_statement_problems(csv_file: Csv) -> None:
    path = csv_file("v.csv", "gemeentecode,achterstand\nGM0344,1\nGM0344,2\nGM0999,1\nGM0014,1.5\n")
    assert problems(lambda: io.lees_vorige(path, BEKEND)) == {
        (3, "gemeentecode"),
        (4, "gemeentecode"),
        (5, "achterstand"),
    }
    header = csv_file("h.csv", "gemeentecode,iets\nGM0344,1\n")
    assert problems(lambda: io.lees_vorige(header, BEKEND)) == {(1, "achterstand")}


def test_merged_away_code_is_named(csv_file: Csv) -> None:
    path = csv_file("v.csv", "gemeentecode,achterstand\nGM0999,1\n")
    with pytest.raises(InputError, match="herindeling"):
        io.lees_vorige(path, BEKEND)


def test_realisation(csv_file: Csv) -> None:
    path = csv_file(
        "r.csv",
        "gemeentecode;maand;gehuisvest\nGM0344;2026-01;10\nGM0344;2026-02-15;4\nGM0363;2026-01;0\n",
    )
    assert io.lees_realisatie(path, per_jaar) == {
        "GM0344": {"2026-01": 10, "2026-02": 4},
        "GM0363": {"2026-01": 0},
    }
    bad = csv_file(
        "b.csv",
        "gemeentecode,maand,gehuisvest\nGM0344,januari,1\nGM0344,2026-01,-1\nGM0363,2026-13,2\n",
    )
    assert problems(lambda: io.lees_realisatie(bad, per_jaar)) == {
        (2, "maand"),
        (3, "gehuisvest"),
        (4, "maand"),
    }
    dup = csv_file("d.csv", "gemeentecode,maand,gehuisvest\nGM0344,2026-01,1\nGM0344,2026-01,2\n")
    assert problems(lambda: io.lees_realisatie(dup, per_jaar)) == {(3, "gemeentecode+maand")}


def test_koppelingen(csv_file: Csv) -> None:
    path = csv_file(
        "k.csv",
        "gemeentecode,huishouden_ref,personen,koppeldatum,huisvestingsdatum\n"
        "GM0344,H1,3,2026-01-05,\nGM0363,H2,1,5-2-2026,2026-03-01\n",
    )
    [een, twee] = io.lees_koppelingen(path, per_jaar)
    assert (een.personen, een.huisvestingsdatum, twee.koppeldatum) == (3, None, date(2026, 2, 5))
    bad = csv_file(
        "b.csv",
        "gemeentecode,huishouden_ref,personen,koppeldatum,huisvestingsdatum\n"
        "GM0344,H1,0,2026-01-05,\nGM0344,H2,2,gisteren,\nGM0344,H3,2,2026-03-01,2026-02-01\n",
    )
    assert problems(lambda: io.lees_koppelingen(bad, per_jaar)) == {
        (2, "personen"),
        (3, "koppeldatum"),
        (4, "huisvestingsdatum"),
    }


def test_key_must_cover_every_municipality(csv_file: Csv) -> None:
    path = csv_file("s.csv", "gemeentecode,waarde\nGM0344,5\nGM0363,5\n")
    with pytest.raises(InputError, match="geen waarde voor 1 gemeenten"):
        io.lees_sleutel(path, BEKEND)


def test_dates_and_months_outside_2000_to_2100_are_refused(csv_file: Csv) -> None:
    realisatie = csv_file("r.csv", "gemeentecode,maand,gehuisvest\nGM0344,0000-01,1\nGM0344,2101-01-05,1\n")
    assert problems(lambda: io.lees_realisatie(realisatie, per_jaar)) == {(2, "maand"), (3, "maand")}
    kop = "gemeentecode,huishouden_ref,personen,koppeldatum\n"
    koppelingen = csv_file("k.csv", kop + "GM0344,H1,1,1-1-1999\n")
    assert problems(lambda: io.lees_koppelingen(koppelingen, per_jaar)) == {(2, "koppeldatum")}


def test_a_swap_file(csv_file: Csv) -> None:
    path = csv_file("s.csv", "gemeentecode,wijziging\ngm0344,-3\nGM0363,3\n")
    assert io.lees_ruil(path, BEKEND) == [(2, "GM0344", -3), (3, "GM0363", 3)]
    bad = csv_file("b.csv", "gemeentecode,wijziging\nGM0344,-3\nGM0344,3\nX,1\nGM0363,1.5\n")
    assert problems(lambda: io.lees_ruil(bad, BEKEND)) == {
        (3, "gemeentecode"),
        (4, "gemeentecode"),
        (5, "wijziging"),
    }
