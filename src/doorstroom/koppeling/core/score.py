"""The score of linking a household to a municipality: a documented weighted sum of named criteria.

Every criterion is valued in [0, 1] and counts the *whole* household: the labour-market fit is the
mean over every adult (not the most employable one), education access is the mean over every adult
and every child (newcomer schooling for children, Wet inburgering 2021 routes for adults). The
criteria are, per household h and municipality g:

``regio``        1 when g lies in the region of h's reception location (integral agenda);
                 0 everywhere under ``--regiobinding uit`` (the reception region then plays no part).
``afstand``      1 − distance(reception, g) / scale, floored at 0.
``arbeidsmarkt`` mean over adults of the regional demand for the adult's sector.
``onderwijs``    mean over persons of "g offers the education this person needs".
``netwerk``      1 when h has ties in g, 0.5 when in g's region, else 0.
``voorkeur``     1 when g lies in the region h stated as preference.
``uitkomst``     optional: predicted probability of a good outcome (see ``outcome``).

Hard COA criteria are not weighed; they make a pair infeasible
(:func:`doorstroom.koppeling.core.harde_criteria.toegestaan`, re-exported here). The arrays
are computed for a block of households against all municipalities at once, so the same code serves
the optimiser (thousands of pairs) and the explanation of one pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from doorstroom.koppeling.core.domain import CRITERIA, GEEN_SECTOR, Beleid, Huishouden, Instantie, Opleiding
from doorstroom.koppeling.core.harde_criteria import Mask as Mask
from doorstroom.koppeling.core.harde_criteria import toegestaan as toegestaan

Matrix = npt.NDArray[np.float64]

EARTH_RADIUS_KM = 6371.0
ONDERWIJS_BEHOEFTE = {
    Opleiding.hoger: "hbo",
    Opleiding.middelbaar: "mbo",
}
"""Education an adult of each level looks for; lower levels follow the inburgering route, offered
everywhere (Wet inburgering 2021), so they always count as served."""
KINDEREN_ONDERWIJS = "nieuwkomersonderwijs"


class UitkomstVoorspeller(Protocol):
    """An outcome model usable as score criterion (see :mod:`doorstroom.koppeling.core.outcome`)."""

    def voorspel(self, instantie: Instantie, huishoudens: Sequence[Huishouden]) -> Matrix:
        """Probability of a good outcome per (household, municipality), shape (len, gemeenten)."""
        ...


@dataclass(frozen=True)
class Scoreblok:
    """Criterion values and feasibility for a block of households × all municipalities."""

    criteria: dict[str, Matrix]
    toegestaan: Mask
    totaal: Matrix


def scoreblok(
    instantie: Instantie,
    huishoudens: Sequence[Huishouden],
    beleid: Beleid,
    uitkomst: UitkomstVoorspeller | None = None,
) -> Scoreblok:
    """Score ``huishoudens`` against every municipality of ``instantie``."""
    criteria = criteriumwaarden(instantie, huishoudens, beleid, uitkomst)
    gewichten = beleid.gewichten.as_dict()
    totaal = sum((gewichten[name] * criteria[name] for name in CRITERIA), np.zeros_like(criteria["regio"]))
    return Scoreblok(criteria, toegestaan(instantie, huishoudens, beleid), totaal)


def criteriumwaarden(
    instantie: Instantie,
    huishoudens: Sequence[Huishouden],
    beleid: Beleid,
    uitkomst: UitkomstVoorspeller | None = None,
) -> dict[str, Matrix]:
    """Each criterion as a matrix (households × municipalities), values in [0, 1]."""
    shape = (len(huishoudens), len(instantie.gemeenten))
    return {
        "regio": _opvangregio(instantie, huishoudens, beleid),
        "afstand": _afstand_score(instantie, huishoudens, beleid.afstand_schaal_km),
        "arbeidsmarkt": _arbeidsmarkt(instantie, huishoudens),
        "onderwijs": _onderwijs(instantie, huishoudens),
        "netwerk": _netwerk(instantie, huishoudens),
        "voorkeur": _zelfde_regio(instantie, [h.voorkeur_regio for h in huishoudens]),
        "uitkomst": np.zeros(shape) if uitkomst is None else uitkomst.voorspel(instantie, huishoudens),
    }


def _opvangregio(instantie: Instantie, huishoudens: Sequence[Huishouden], beleid: Beleid) -> Matrix:
    """1 inside the reception region; all 0 when the policy switches the region off."""
    if not beleid.regio_binding.weegt:
        return np.zeros((len(huishoudens), len(instantie.gemeenten)))
    return _zelfde_regio(instantie, [instantie.opvang_regio(h) for h in huishoudens])


def _zelfde_regio(instantie: Instantie, regios: Sequence[str | None]) -> Matrix:
    """1 where the municipality lies in the given region (compared as integer codes: fast)."""
    code: dict[str | None, int] = {None: -1}
    gemeente_regio = np.array([code.setdefault(g.regio, len(code)) for g in instantie.gemeenten])
    eigen = np.array([code.get(regio, -2) for regio in regios])
    gelijk: Matrix = (eigen[:, None] == gemeente_regio[None, :]).astype(np.float64)
    return gelijk


def afstanden_km(instantie: Instantie, huishoudens: Sequence[Huishouden]) -> Matrix:
    """Great-circle distance from each reception location to each municipality (NaN: unknown).

    Computed once per reception location (there are few) and then copied to its households.
    """
    plaatsen, terug = np.unique([h.opvang_gemeente for h in huishoudens], return_inverse=True)
    result: Matrix = _afstanden_vanaf(instantie, [str(code) for code in plaatsen])[terug.reshape(-1)]
    return result


def _afstanden_vanaf(instantie: Instantie, codes: Sequence[str]) -> Matrix:
    herkomst = [instantie.locaties[code] for code in codes]
    lat1 = np.radians(np.array([_coord(loc.latitude) for loc in herkomst]))[:, None]
    lon1 = np.radians(np.array([_coord(loc.longitude) for loc in herkomst]))[:, None]
    lat2 = np.radians(np.array([_coord(g.latitude) for g in instantie.gemeenten]))[None, :]
    lon2 = np.radians(np.array([_coord(g.longitude) for g in instantie.gemeenten]))[None, :]
    half = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    result: Matrix = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(half, 0.0, 1.0)))
    return result


def _coord(value: float | None) -> float:
    return np.nan if value is None else value


def _afstand_score(instantie: Instantie, huishoudens: Sequence[Huishouden], schaal: float) -> Matrix:
    score = np.clip(1.0 - afstanden_km(instantie, huishoudens) / schaal, 0.0, 1.0)
    return np.where(np.isnan(score), 0.5, score)


def _arbeidsmarkt(instantie: Instantie, huishoudens: Sequence[Huishouden]) -> Matrix:
    """Mean over every adult of regional demand for his sector (Wet inburgering: route to work)."""
    sectoren = sorted({a.sector for h in huishoudens for a in h.volwassenen} | {GEEN_SECTOR})
    kolom = {sector: index for index, sector in enumerate(sectoren)}
    aandeel = np.zeros((len(huishoudens), len(sectoren)))
    for row, huishouden in enumerate(huishoudens):
        for volwassene in huishouden.volwassenen:
            aandeel[row, kolom[volwassene.sector]] += 1.0 / len(huishouden.volwassenen)
    return aandeel @ _vraagmatrix(instantie, sectoren).T


def _vraagmatrix(instantie: Instantie, sectoren: Sequence[str]) -> Matrix:
    """Demand per (municipality, sector); unknown sector or region → the regional/national mean."""
    algemeen = float(np.mean(list(instantie.vraag.values()))) if instantie.vraag else 0.5
    regiogemiddelde: dict[str, list[float]] = {}
    for (regio, _sector), waarde in instantie.vraag.items():
        regiogemiddelde.setdefault(regio, []).append(waarde)
    vraag = np.empty((len(instantie.gemeenten), len(sectoren)))
    for row, gemeente in enumerate(instantie.gemeenten):
        regio = gemeente.arbeidsmarktregio or ""
        gemiddeld = float(np.mean(regiogemiddelde[regio])) if regio in regiogemiddelde else algemeen
        for col, sector in enumerate(sectoren):
            vraag[row, col] = instantie.vraag.get((regio, sector), gemiddeld)
    return vraag


def _onderwijs(instantie: Instantie, huishoudens: Sequence[Huishouden]) -> Matrix:
    """Share of the household's persons whose education need municipality g serves."""
    soorten = sorted(set(ONDERWIJS_BEHOEFTE.values()) | {KINDEREN_ONDERWIJS})
    kolom = {soort: index for index, soort in enumerate(soorten)}
    behoefte = np.zeros((len(huishoudens), len(soorten)))
    altijd = np.zeros((len(huishoudens), 1))
    for row, huishouden in enumerate(huishoudens):
        behoefte[row, kolom[KINDEREN_ONDERWIJS]] = huishouden.kinderen / huishouden.grootte
        for volwassene in huishouden.volwassenen:
            soort = ONDERWIJS_BEHOEFTE.get(volwassene.opleiding)
            if soort is None:
                altijd[row, 0] += 1.0 / huishouden.grootte
            else:
                behoefte[row, kolom[soort]] += 1.0 / huishouden.grootte
    aanbod = np.array(
        [[soort in g.onderwijs for soort in soorten] for g in instantie.gemeenten], dtype=np.float64
    )
    result: Matrix = behoefte @ aanbod.T + altijd
    return result


def _netwerk(instantie: Instantie, huishoudens: Sequence[Huishouden]) -> Matrix:
    """1 for a municipality where the household has ties, 0.5 for its region (COA: netwerk)."""
    index = {g.code: col for col, g in enumerate(instantie.gemeenten)}
    regio = np.array([g.regio for g in instantie.gemeenten], dtype=object)
    waarde = np.zeros((len(huishoudens), len(instantie.gemeenten)))
    for row, huishouden in enumerate(huishoudens):
        for code in huishouden.netwerk_gemeenten:
            if code in instantie.locaties:
                waarde[row] = np.maximum(waarde[row], 0.5 * (regio == instantie.locaties[code].regio))
        for code in huishouden.netwerk_gemeenten:
            if code in index:
                waarde[row, index[code]] = 1.0
    return waarde


def score_van(blok: Scoreblok, row: int, col: int) -> dict[str, float]:
    """The per-criterion values of one pair (unweighted), for explanations and output."""
    return {name: round(float(blok.criteria[name][row, col]), 4) for name in CRITERIA}
