"""Names as Dutch lists file them: "de Vries" under V, case and accents aside, found by its words."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from doorstroom.values import naam

hoofdnamen = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéöü", min_size=1, max_size=12).filter(
    lambda w: w not in naam.VOORVOEGSELS
)
voorvoegsels = st.lists(st.sampled_from(sorted(naam.VOORVOEGSELS)), max_size=3)


def test_a_prefix_files_under_the_main_name_and_case_does_not_count() -> None:
    namen = ["Yusuf", "de Vries", "Öztürk", "van der Berg", "'t Hart", "Vries", "abdi", "Van Dam"]
    assert sorted(namen, key=naam.sorteernaam) == [
        "abdi", "van der Berg", "Van Dam", "'t Hart", "Öztürk", "Vries", "de Vries", "Yusuf",
    ]  # fmt: skip
    assert naam.sorteernaam("de Vries", "Sanne") == "vries de sanne"


@given(voorvoegsels, hoofdnamen, st.sampled_from([str.lower, str.upper, str.title]))
def test_the_key_starts_with_the_main_name_whatever_the_prefix_or_case(
    voor: list[str], hoofd: str, vorm: object
) -> None:
    geschreven = " ".join([*voor, hoofd])
    sleutel = naam.sorteernaam(vorm(geschreven))  # type: ignore[operator]
    assert sleutel.split(" ")[0] == naam.sorteernaam(hoofd)


@given(voorvoegsels, hoofdnamen, st.text(max_size=30))
def test_a_name_is_found_by_any_of_its_words(voor: list[str], hoofd: str, voornamen: str) -> None:
    geslachtsnaam = " ".join([*voor, hoofd])
    sleutel = naam.sorteernaam(geslachtsnaam, voornamen)
    for woord in [*voor, hoofd, voornamen]:
        assert all(term in sleutel for term in naam.zoektermen(woord))


def test_a_name_of_prefixes_only_keeps_its_last_word_as_the_main_name() -> None:
    assert naam.hoofdnaam("Van") == ([], ["van"])
    assert naam.sorteernaam("de la") == "la de"


@given(st.text(max_size=250), st.text(max_size=250))
def test_the_key_fits_its_column(geslachtsnaam: str, voornamen: str) -> None:
    assert len(naam.sorteernaam(geslachtsnaam, voornamen)) <= naam.LENGTE
