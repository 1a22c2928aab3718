"""Hypothesis strategies for the taakstelling: distribution keys, totals, carry-over."""

from __future__ import annotations

from hypothesis import strategies as st

from doorstroom.reference.domain import Gemeente


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
