"""An attacker on published tables: from the shown cells, the sums between them and what the markers
say ("< 10": 1 to 9 persons; "afgeschermd": ten or more; zero shown), the smallest and largest whole
number each withheld cell can hold, by integer programming (scipy's ``milp``).

Written apart from :mod:`doorstroom.values.afscherming` (which audits with the linear relaxation):
the tests hold the published outputs against this stricter, independent reader.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from doorstroom.values.afscherming import TEKST, TEKST_SECUNDAIR

Waarde = int | str
"""A published cell: a count, or the text of a withheld one."""


def herleid(
    gepubliceerd: Mapping[Hashable, Waarde], sommen: Sequence[tuple[Hashable, Sequence[Hashable]]]
) -> dict[Hashable, int]:
    """The withheld cells whose value the published table pins to one whole number, with that value.

    ``sommen``: (total, parts) pairs that hold in the published table.
    """
    verborgen = [cel for cel, waarde in gepubliceerd.items() if isinstance(waarde, str)]
    if not verborgen:
        return {}
    plaats = {cel: i for i, cel in enumerate(verborgen)}
    rijen, rechts = [], []
    for totaal, delen in sommen:
        rij, constante = np.zeros(len(verborgen)), 0.0
        for cel, teken in [(totaal, -1.0), *((d, 1.0) for d in delen)]:
            if cel in plaats:
                rij[plaats[cel]] += teken
            else:
                constante -= teken * float(gepubliceerd[cel])
        if rij.any():
            rijen.append(rij)
            rechts.append(constante)
    laag = [1.0 if gepubliceerd[c] == TEKST else 10.0 for c in verborgen]
    hoog = [9.0 if gepubliceerd[c] == TEKST else 10.0**7 for c in verborgen]
    assert all(gepubliceerd[c] in (TEKST, TEKST_SECUNDAIR) for c in verborgen)
    beperking = [LinearConstraint(np.array(rijen), rechts, rechts)] if rijen else []
    gevonden = {}
    for cel, i in plaats.items():
        uiterst = []
        for teken in (1.0, -1.0):
            doel = np.zeros(len(verborgen))
            doel[i] = teken
            uitkomst = milp(
                doel,
                constraints=beperking,
                bounds=Bounds(laag, hoog),
                integrality=np.ones(len(verborgen)),
            )
            assert uitkomst.status == 0, uitkomst.message
            uiterst.append(round(uitkomst.x[i]))
        if uiterst[0] == uiterst[1]:
            gevonden[cel] = uiterst[0]
    return gevonden
