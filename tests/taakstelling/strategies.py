"""Hypothesis strategies for the taakstelling: distribution keys, totals, carry-over."""

from __future__ import annotations

from hypothesis import strategies as st

from doorstroom.reference.core.domain import Gemeente


@st.composite
def sleutels(draw: st.DrawFn, min_size: int = 1, max_size: int = 40) -> dict[str, int]:
    """A distribution key over distinct GM codes with non-negative weights summing above zero."""
    codes = draw(st.lists(st.integers(1, 9999), min_size=min_size, max_size=max_size, unique=True))
    weights = draw(st.lists(st.integers(0, 1_000_000), min_size=len(codes), max_size=len(codes)))
    if sum(weights) == 0:
        weights[0] = 1
    return {f"GM{code:04d}": weight for code, weight in zip(codes, weights, strict=True)}


totalen = st.integers(min_value=0, max_value=50_000)


@st.composite
def gemeenten_met_sleutel(draw: st.DrawFn) -> tuple[list[Gemeente], dict[str, int], dict[str, int]]:
    """Municipalities, their population key and a signed previous arrears per municipality."""
    sleutel = draw(sleutels())
    gemeenten = [
        Gemeente(code, f"Gemeente {code}", "Utrecht", inwoners) for code, inwoners in sleutel.items()
    ]
    vorige = {code: draw(st.integers(-500, 500)) for code in sleutel}
    return gemeenten, sleutel, vorige


@st.composite
def ruilen(draw: st.DrawFn, codes: list[str]) -> dict[str, int]:
    """A swap agreement over some of ``codes``: signed changes that sum to zero (art. 29(2))."""
    gekozen = draw(st.lists(st.sampled_from(codes), min_size=2, max_size=min(len(codes), 8), unique=True))
    wijzigingen = draw(st.lists(st.integers(-50, 50), min_size=len(gekozen) - 1, max_size=len(gekozen) - 1))
    return dict(zip(gekozen, [*wijzigingen, -sum(wijzigingen)], strict=True))


@st.composite
def saldi_en_opvolgers(draw: st.DrawFn) -> tuple[dict[str, int], dict[str, str]]:
    """Signed carry-over per code and a merger mapping of some codes onto others."""
    codes = [
        f"GM{code:04d}" for code in draw(st.lists(st.integers(1, 9999), min_size=1, max_size=30, unique=True))
    ]
    saldo = {code: draw(st.integers(-500, 500)) for code in codes}
    opvolgers = {code: draw(st.sampled_from(codes)) for code in codes}
    return saldo, opvolgers
