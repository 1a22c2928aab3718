"""Hypothesis strategies of the dossier context: BSNs (valid and not), event timelines."""

from __future__ import annotations

from datetime import date

from hypothesis import assume
from hypothesis import strategies as st

from doorstroom.dossier.bsn import GEWICHTEN


@st.composite
def geldige_bsns(draw: st.DrawFn) -> str:
    """Nine digits passing the eleven-test, not all zero."""
    digits = draw(st.lists(st.integers(0, 9), min_size=8, max_size=8).filter(any))
    rest = sum(d * w for d, w in zip(digits, GEWICHTEN[:8], strict=True)) % 11
    if rest == 10:
        digits[0] = (digits[0] + 1) % 10
        rest = sum(d * w for d, w in zip(digits, GEWICHTEN[:8], strict=True)) % 11
    assume(rest <= 9 and any(digits))
    return "".join(map(str, digits)) + str(rest)


datums = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
