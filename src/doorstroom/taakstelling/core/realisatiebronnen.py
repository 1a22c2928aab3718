"""How imported monthly realisation and move-ins recorded in the case file combine (no double counting).

Two sources report the same fact, persons housed by a municipality in a month: the imported monthly
figure (COA/TVS or the municipality's own list, ``taakstelling importeer``) and the move-ins recorded
person by person in the case file (``dossier``). A municipality that keeps its files in Doorstroom
*and* imports the official figure would be counted twice if the two were added. The rule:

    realisation(gemeente, maand) = max(imported figure, move-ins in the case file)

Both count the same people, so each is a lower bound of the truth and neither may be added to the
other; the larger one is the best available figure. A month without an import is therefore counted
from the file alone (no double entry), and a month whose import already includes the file's people
is not inflated. ``docs/dossier.md`` (section "Housing counts toward the taakstelling") explains it.
"""

from __future__ import annotations

from collections.abc import Mapping


def samenvoegen(
    geimporteerd: Mapping[str, Mapping[str, int]], dossier: Mapping[str, Mapping[str, int]]
) -> dict[str, dict[str, int]]:
    """Per municipality code and month: the larger of the imported figure and the file's count."""
    result = {code: dict(months) for code, months in geimporteerd.items()}
    for code, months in dossier.items():
        target = result.setdefault(code, {})
        for month, aantal in months.items():
            target[month] = max(target.get(month, 0), aantal)
    return result
