"""Statistical disclosure control (*afscherming*): no figure from fewer than ten persons, and no
withheld figure recoverable from the figures that are shown.

A count of persons shown to someone who may not see those persons can identify one of them when it
is small (AVG art. 5(1)(c), data minimisation; CBS publishes no cell below 10 for the same reason).
Such a count is shown only from :data:`MINIMUM` persons up; below it the figure is withheld and
pages, files and the API say "< 10" (:data:`TEKST`). Who may see exact counts is the access rule's
question (:meth:`doorstroom.accounts.toegang.Bereik.exact_aantal`); this module only hides.

**Tables with totals** (the monitor's figures per municipality, group, province and country) need
more: a withheld cell must not follow from the totals, margins or differences that are shown.
:func:`afschermen` does, for a set of counts and the sums that bind them (:class:`Som`):

1. *primary* suppression: every count from 1 to 9 is withheld (:attr:`Afscherming.primair`);
2. *secondary* suppression: every sum that holds exactly one withheld cell gets a second one, its
   smallest shown non-zero cell (:attr:`Afscherming.secundair`), repeated until no sum holds
   exactly one (a fixed point). This is the classic heuristic for secondary cell suppression; on
   its own it does not protect every linked table, hence step 3;
3. an *audit* (:func:`herleidbaar`): for every withheld cell the smallest and largest value the
   shown figures allow, by linear programming over all sums at once, knowing what anyone knows
   (a "< 10" cell holds 1 to 9 persons, a secondary one at least 10, zeros are shown). A cell whose
   range holds one whole number only can be derived; the smallest shown cell of one of its sums is
   then withheld too, and steps 2 and 3 repeat. Every round withholds at least one more cell, so it
   ends. (The ranges are those of the linear relaxation; someone who also uses that counts are whole
   numbers could in rare cases narrow a range further.)

Zero is shown as zero (no person can be identified in an empty cell). A secondary cell reads
"afgeschermd" (:data:`TEKST_SECUNDAIR`): it rests on ten or more persons, but showing it would
reveal a smaller one.
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    import numpy as np

MINIMUM = 10
"""The smallest number of persons a shown figure may rest on."""

TEKST = "< 10"
"""How a withheld figure reads in pages, files and messages."""

TEKST_SECUNDAIR = "afgeschermd"
"""How a figure withheld to protect another (secondary suppression) reads."""

K = TypeVar("K", bound=Hashable)
_PROBEERSELS = 3
"""Random objectives tried before a cell gets its own two linear programs (a speed-up only)."""
_MARGE = 1e-6


class Afscherming(StrEnum):
    """Why a figure is withheld; the value is how it reads."""

    primair = TEKST
    secundair = TEKST_SECUNDAIR


def toon(aantal: int) -> int | None:
    """``aantal`` when it rests on at least :data:`MINIMUM` persons or is zero, else None."""
    return aantal if aantal == 0 or aantal >= MINIMUM else None


def tekst(aantal: int | None) -> str:
    """A possibly withheld count as text for a page or a file cell."""
    return TEKST if aantal is None else str(aantal)


def primair(aantal: int) -> bool:
    """Whether a count of persons is withheld on its own: from 1 to :data:`MINIMUM` − 1."""
    return 0 < aantal < MINIMUM


@dataclass(frozen=True)
class Som(Generic[K]):
    """A published additive relation: ``totaal`` is the sum of ``delen`` (a margin and its cells)."""

    totaal: K
    delen: tuple[K, ...]

    def cellen(self) -> tuple[K, ...]:
        """The total and its parts."""
        return (self.totaal, *self.delen)

    def coefficient(self, cel: K) -> int:
        """−1 for the total, +1 for a part (the relation reads Σ delen − totaal = 0)."""
        return -1 if cel == self.totaal else 1


def afschermen(aantallen: Mapping[K, int], sommen: Sequence[Som[K]]) -> dict[K, Afscherming]:
    """The cells to withhold, and why: primary, secondary to a fixed point, audited (see module).

    ``aantallen`` holds every published count (cells and totals); every cell a sum names must be in
    it, and every sum must hold (a ValueError otherwise: the caller's table is inconsistent).
    """
    _controleer(aantallen, sommen)
    verborgen = {cel: Afscherming.primair for cel, n in aantallen.items() if primair(n)}
    per_cel = _sommen_per_cel(sommen)
    werk = list(range(len(sommen)))
    while True:
        _secundair(aantallen, sommen, per_cel, verborgen, werk)
        afleidbaar = herleidbaar(aantallen, sommen, verborgen)
        if not afleidbaar:
            return verborgen
        werk = _extra(aantallen, sommen, per_cel, verborgen, afleidbaar)


def _controleer(aantallen: Mapping[K, int], sommen: Sequence[Som[K]]) -> None:
    for som in sommen:
        if any(cel not in aantallen for cel in som.cellen()):
            raise ValueError("een som noemt een cel zonder aantal")
        if sum(aantallen[cel] for cel in som.delen) != aantallen[som.totaal]:
            raise ValueError("een som klopt niet: de tabel is niet consistent")


def _sommen_per_cel(sommen: Sequence[Som[K]]) -> dict[K, list[int]]:
    per_cel: dict[K, list[int]] = {}
    for index, som in enumerate(sommen):
        for cel in som.cellen():
            per_cel.setdefault(cel, []).append(index)
    return per_cel


def _secundair(
    aantallen: Mapping[K, int],
    sommen: Sequence[Som[K]],
    per_cel: Mapping[K, list[int]],
    verborgen: dict[K, Afscherming],
    werk: list[int],
) -> None:
    """Until no sum holds exactly one withheld cell: withhold its smallest shown non-zero cell."""
    while werk:
        som = sommen[werk.pop()]
        if sum(cel in verborgen for cel in som.cellen()) != 1:
            continue
        keuze = _kleinste(aantallen, som.cellen(), verborgen)
        if keuze is not None:
            verborgen[keuze] = Afscherming.secundair
            werk.extend(per_cel[keuze])


def _kleinste(
    aantallen: Mapping[K, int], cellen: Iterable[K], verborgen: Mapping[K, Afscherming]
) -> K | None:
    """The smallest shown non-zero cell (the first of equals), or None."""
    kandidaten = [cel for cel in cellen if cel not in verborgen and aantallen[cel] > 0]
    return min(kandidaten, key=lambda cel: aantallen[cel]) if kandidaten else None


def _extra(
    aantallen: Mapping[K, int],
    sommen: Sequence[Som[K]],
    per_cel: Mapping[K, list[int]],
    verborgen: dict[K, Afscherming],
    afleidbaar: Iterable[K],
) -> list[int]:
    """Withhold one more cell for each derivable one; returns the sums to look at again."""
    werk: list[int] = []
    for cel in afleidbaar:
        eigen = per_cel.get(cel, [])
        if set(eigen) & set(werk):  # one of its sums just got another withheld cell: audit again first
            continue
        keuze = _kleinste(aantallen, [k for i in eigen for k in sommen[i].cellen()], verborgen)
        if keuze is not None:
            verborgen[keuze] = Afscherming.secundair
            werk.extend(per_cel[keuze])
    if not werk:  # no sum of a derivable cell has a shown cell left: take one from any binding sum
        bindend = [k for som in sommen if any(c in verborgen for c in som.cellen()) for k in som.cellen()]
        keuze = _kleinste(aantallen, bindend, verborgen)
        if keuze is None:
            raise RuntimeError("afscherming: een afleidbare cel is niet verder te beschermen")
        verborgen[keuze] = Afscherming.secundair
        werk.extend(per_cel[keuze])
    return werk


def grenzen(status: Afscherming) -> tuple[float, float | None]:
    """What anyone knows of a withheld cell from how it reads: 1 to 9, or at least ten."""
    return (1, MINIMUM - 1) if status is Afscherming.primair else (MINIMUM, None)


def herleidbaar(
    aantallen: Mapping[K, int], sommen: Sequence[Som[K]], verborgen: Mapping[K, Afscherming]
) -> set[K]:
    """The withheld cells whose value follows from the shown ones (their range holds one integer)."""
    gevonden: set[K] = set()
    for cellen, indices in _groepen(sommen, verborgen):
        gevonden |= _herleidbaar_in(aantallen, sommen, verborgen, cellen, indices)
    return gevonden


def _groepen(sommen: Sequence[Som[K]], verborgen: Mapping[K, Afscherming]) -> list[tuple[list[K], list[int]]]:
    """Withheld cells linked through the sums they share, with those sums: independent problems."""
    ouder: dict[K, K] = {cel: cel for cel in verborgen}

    def wortel(cel: K) -> K:
        while ouder[cel] != cel:
            ouder[cel] = ouder[ouder[cel]]
            cel = ouder[cel]
        return cel

    betrokken: list[tuple[int, K]] = []
    for index, som in enumerate(sommen):
        binnen = [cel for cel in som.cellen() if cel in verborgen]
        if binnen:
            betrokken.append((index, binnen[0]))
            for cel in binnen[1:]:
                ouder[wortel(cel)] = wortel(binnen[0])
    groepen: dict[K, tuple[list[K], list[int]]] = {}
    for cel in verborgen:
        groepen.setdefault(wortel(cel), ([], []))[0].append(cel)
    for index, eerste in betrokken:
        groepen[wortel(eerste)][1].append(index)
    return list(groepen.values())


def _herleidbaar_in(
    aantallen: Mapping[K, int],
    sommen: Sequence[Som[K]],
    verborgen: Mapping[K, Afscherming],
    cellen: list[K],
    indices: list[int],
) -> set[K]:
    """The derivable cells of one linked group: a few random directions rule most cells out, the
    rest get their own minimum and maximum."""
    import numpy as np  # loaded only where something is withheld

    a_eq, b_eq = _vergelijkingen(aantallen, sommen, cellen, indices)
    bounds = [grenzen(verborgen[cel]) for cel in cellen]
    echt = np.array([aantallen[cel] for cel in cellen], dtype=float)
    open_ = set(range(len(cellen)))
    kans = random.Random(len(cellen))
    for _ in range(_PROBEERSELS):
        punt = _optimum(np.array([kans.uniform(-1, 1) for _ in cellen]), a_eq, b_eq, bounds)
        if punt is not None:
            open_ -= {i for i in open_ if abs(punt[i] - echt[i]) >= 1 - _MARGE}
    gevonden = set()
    for i in sorted(open_):
        eenheid = np.zeros(len(cellen))
        eenheid[i] = 1
        laag, hoog = _optimum(eenheid, a_eq, b_eq, bounds), _optimum(-eenheid, a_eq, b_eq, bounds)
        if laag is not None and hoog is not None and _een_geheel(laag[i], hoog[i]):
            gevonden.add(cellen[i])
    return gevonden


def _vergelijkingen(
    aantallen: Mapping[K, int], sommen: Sequence[Som[K]], cellen: list[K], indices: list[int]
) -> tuple[np.ndarray, np.ndarray]:
    """The sums as equations in the withheld cells; shown cells move to the right-hand side."""
    import numpy as np

    plaats = {cel: i for i, cel in enumerate(cellen)}
    a_eq = np.zeros((len(indices), len(cellen)))
    b_eq = np.zeros(len(indices))
    for rij, index in enumerate(indices):
        som = sommen[index]
        for cel in som.cellen():
            if cel in plaats:
                a_eq[rij, plaats[cel]] += som.coefficient(cel)
            else:
                b_eq[rij] -= som.coefficient(cel) * aantallen[cel]
    return a_eq, b_eq


def _optimum(
    doel: np.ndarray, a_eq: np.ndarray, b_eq: np.ndarray, bounds: list[tuple[float, float | None]]
) -> np.ndarray | None:
    """An optimal point, or None when the direction is unbounded (nothing learnt from it)."""
    from scipy.optimize import linprog

    uitkomst = linprog(doel, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
    return uitkomst.x if uitkomst.status == 0 else None


def _een_geheel(laag: float, hoog: float) -> bool:
    """Whether [laag, hoog] holds one whole number at most."""
    return math.floor(hoog + _MARGE) <= math.ceil(laag - _MARGE)
