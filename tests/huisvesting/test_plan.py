"""The housing plan's pure core: conservation per month and class, and the month of falling behind."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from doorstroom.huisvesting.core.aanbod import Eenheid, Meetellen, Soort, Status
from doorstroom.huisvesting.core.behoefte import Band, Behoefteinvoer, Maandbehoefte, Verdeling, behoefte
from doorstroom.huisvesting.core.plan import maak_plan
from doorstroom.values.maand import maand_labels
from doorstroom.values.woningklasse import GROOT, WONINGKLASSEN

MAANDEN = tuple(maand_labels("2027-01", 6))
ALLEEN = Verdeling({"1": Fraction(1), "2": Fraction(0), "3-4": Fraction(0), "5+": Fraction(0)},
                   {k: Fraction(max(i, 1)) for i, k in enumerate(WONINGKLASSEN, 1)}, "test")  # fmt: skip


def eenheid(kenmerk: str, personen: int, eenheden: int = 1, **extra: object) -> Eenheid:
    waarden: dict[str, object] = {"soort": Soort.sociale_huur, "beschikbaar": date(2027, 1, 1),
                                   "status": Status.beschikbaar, "bron": "test", **extra}  # fmt: skip
    return Eenheid("GM0344", kenmerk, kenmerk, eenheden=eenheden, personen=personen, **waarden)  # type: ignore[arg-type]


def _eenheid(i: int, p: int, n: int, soort: Soort, dag: int, duur: int | None, status: Status) -> Eenheid:
    begin = date(2027, 1 + dag % 6, 1 + dag % 28)
    einde = None if soort is Soort.sociale_huur or duur is None else date(2027, 6, 1 + duur)
    return eenheid(f"E{i}", p, n, soort=soort, beschikbaar=begin, einde=einde, status=status)


eenheden = st.lists(
    st.builds(
        _eenheid,
        st.integers(0, 10_000),
        st.integers(1, 8),
        st.integers(1, 5),
        st.sampled_from(list(Soort)),
        st.integers(0, 200),
        st.none() | st.integers(0, 27),
        st.sampled_from(list(Status)),
    ),
    max_size=8,
    unique_by=lambda e: e.kenmerk,
)
maandbehoefte = st.lists(
    st.dictionaries(st.sampled_from(WONINGKLASSEN), st.integers(0, 40)), min_size=6, max_size=6
).map(lambda lijst: [Maandbehoefte(m, dict(p), {}, "test") for m, p in zip(MAANDEN, lijst, strict=True)])


@given(maandbehoefte, eenheden, st.sampled_from(list(Meetellen)))
def test_every_person_is_housed_in_one_unit_or_counted_short(
    need: list[Maandbehoefte], lijst: list[Eenheid], meetellen: Meetellen
) -> None:
    plan = maak_plan(need, lijst, meetellen)
    plaatsen = {e.kenmerk: e.plaatsen for e in plan.eenheden}
    klasse = {e.kenmerk: e.klasse for e in plan.eenheden}
    cumulatief = dict.fromkeys(WONINGKLASSEN, 0)
    for nieuw, maand in zip(need, plan.maanden, strict=True):
        for k in WONINGKLASSEN:
            cumulatief[k] += nieuw.personen.get(k, 0)
            stand = maand.klassen[k]
            in_klasse = sum(n for kenmerk, n in maand.bezetting.items() if klasse[kenmerk] == k)
            assert stand.behoefte == cumulatief[k] == stand.gehuisvest + stand.tekort
            assert in_klasse == stand.gehuisvest
            assert stand.behoefte - stand.aanbod == stand.tekort - stand.overschot
        assert all(0 <= n <= plaatsen[kenmerk] for kenmerk, n in maand.bezetting.items())
    assert all(meetellen.telt(e.status) for e in plan.eenheden)


@given(
    st.lists(st.integers(0, 50), min_size=6, max_size=6),
    st.dictionaries(st.integers(1, 9), st.integers(0, 4)),
)
def test_the_need_adds_up_to_the_stream_and_the_linked_households(
    stroom: list[int], gekoppeld: dict[int, int]
) -> None:
    invoer = Behoefteinvoer(
        MAANDEN, {m: Band.vast(n) for m, n in zip(MAANDEN, stroom, strict=True)}, {}, gekoppeld, ALLEEN
    )
    need = behoefte(invoer)
    gekoppelde_personen = sum(g * n for g, n in gekoppeld.items())
    assert sum(m.totaal for m in need) == max(sum(stroom), gekoppelde_personen)


def test_the_month_of_falling_behind_on_a_hand_made_case() -> None:
    # One single person a month; three single homes and a temporary room that ends mid-April (it no
    # longer counts at the end of April): four places until March, three after, so behind in April.
    invoer = Behoefteinvoer(MAANDEN, {m: Band.vast(1) for m in MAANDEN}, {}, {}, ALLEEN)
    kamer = eenheid("K", 1, soort=Soort.onzelfstandig, einde=date(2027, 4, 15))
    plan = maak_plan(behoefte(invoer), [eenheid("S", 1, 3), kamer])
    assert plan.achter_vanaf == plan.achter_per_klasse["1"] == "2027-04"
    assert [m.klassen["1"].aanbod for m in plan.maanden] == [4, 4, 4, 3, 3, 3]
    assert [m.klassen["1"].tekort for m in plan.maanden] == [0, 0, 0, 1, 2, 3]
    assert plan.grote_huishoudens_achter_vanaf is None
    assert [(e.eenheid.kenmerk, e.maand) for e in plan.eindigend] == [("K", "2027-04")]


def test_a_large_home_houses_the_family_and_only_counted_units_count() -> None:
    # A family of six linked now, a large home from March: large households are behind until then.
    invoer = Behoefteinvoer(MAANDEN, {}, {}, {6: 1}, ALLEEN)
    groot = eenheid("G", 6, beschikbaar=date(2027, 3, 1))
    gepland = eenheid("P", 6, status=Status.plan)
    plan = maak_plan(behoefte(invoer), [groot, gepland], Meetellen.beschikbaar)
    assert [m.klassen[GROOT].tekort for m in plan.maanden] == [6, 6, 0, 0, 0, 0]
    assert plan.grote_huishoudens_achter_vanaf == "2027-01" and [e.kenmerk for e in plan.eenheden] == ["G"]
