"""Carry-over into the next period, across municipal mergers.

What a municipality has not housed at the end of a period (arrears) or housed beyond its number
(advance) carries into its next period (see :mod:`doorstroom.taakstelling.core.correctie`). When
municipalities merge on 1 January, their arrears and advances carry over to the successor: the
successor starts with the sum, so no person of the national total is lost or counted twice.
"""

from __future__ import annotations

from collections.abc import Mapping


def naar_opvolgers(
    saldo: Mapping[str, int], opvolgers: Mapping[str, str]
) -> tuple[dict[str, int], dict[str, int]]:
    """Signed carry-over per successor code, and the part of it taken over from other codes.

    ``saldo``: arrears (positive) or advance (negative) per code of the earlier division;
    ``opvolgers``: each earlier code's code in the later division (unknown codes keep their own).
    """
    achterstand: dict[str, int] = {}
    overgenomen: dict[str, int] = {}
    for code, waarde in saldo.items():
        doel = opvolgers.get(code, code)
        achterstand[doel] = achterstand.get(doel, 0) + waarde
        if doel != code:
            overgenomen[doel] = overgenomen.get(doel, 0) + waarde
    return achterstand, overgenomen
