"""Explanations: why this municipality, why not the best alternative, and how the run did overall.

Every proposal gets the weighted score breakdown of the chosen municipality and the best
alternative that was not chosen, with the reason: it was full, it had no fitting dwelling, or it
scored lower by N — mostly on criterion X. The aggregate report (quota filled, share kept in the
region of reception, travel distance, score distribution per household type for fairness) is made
the same way for any result, so the optimiser and the greedy baseline can be set side by side.
Advice mode gives each household's top three municipalities with reasons, for staff who decide
one by one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from doorstroom.koppeling.core import bezetting
from doorstroom.koppeling.core.domain import CRITERIA, Beleid, GemeenteCapaciteit, Huishouden, Instantie
from doorstroom.koppeling.core.result import KoppelingResult
from doorstroom.koppeling.core.score import Scoreblok, UitkomstVoorspeller, scoreblok
from doorstroom.koppeling.solver.koppelmodel import BLOK


@dataclass(frozen=True)
class Uitleg:
    """Why one household got its proposal."""

    huishouden_id: str
    gemeentecode: str | None
    score: float
    bijdragen: dict[str, float]
    alternatief: str | None
    alternatief_score: float | None
    reden: str
    gemeentenaam: str = ""

    @property
    def tekst(self) -> str:
        """One line for a case worker; every municipality code with its name."""
        if self.gemeentecode is None:
            return f"niet gekoppeld: {self.reden}"
        sterkst = sorted(self.bijdragen.items(), key=lambda kv: -kv[1])[:2]
        waarom = ", ".join(f"{naam} +{waarde:.2f}" for naam, waarde in sterkst if waarde > 0)
        plaats = f"{self.gemeentecode} {self.gemeentenaam}".strip()
        return f"{plaats} (score {self.score:.2f}: {waarom}); {self.reden}"


def uitleg(
    instantie: Instantie,
    beleid: Beleid,
    result: KoppelingResult,
    uitkomst: UitkomstVoorspeller | None = None,
) -> dict[str, Uitleg]:
    """An explanation per household (linked or not), keyed by household id."""
    index = {g.code: i for i, g in enumerate(instantie.gemeenten)}
    gekozen = {t.huishouden_id: index[t.gemeentecode] for t in result.assignments}
    rest, woningen, boven = _rest_na(instantie, result, index)
    conflicten = {h: c.beperking for c in result.conflicts for h in c.huishoudens}
    verklaard: dict[str, Uitleg] = {}
    for _start, deel, blok in _blokken(instantie, beleid, uitkomst):
        for row, huishouden in enumerate(deel):
            context = _Context(instantie, beleid, blok, row, rest, woningen, boven)
            g = gekozen.get(huishouden.id)
            verklaard[huishouden.id] = (
                context.niet_gekoppeld(huishouden, conflicten.get(huishouden.id))
                if g is None
                else context.gekoppeld(huishouden, g)
            )
    return verklaard


def _blokken(
    instantie: Instantie, beleid: Beleid, uitkomst: UitkomstVoorspeller | None = None
) -> Iterable[tuple[int, Sequence[Huishouden], Scoreblok]]:
    """Scores per block, with the outcome model when the run used one (same score as solved)."""
    for start in range(0, len(instantie.huishoudens), BLOK):
        deel = instantie.huishoudens[start : start + BLOK]
        yield start, deel, scoreblok(instantie, deel, beleid, uitkomst)


def _rest_na(
    instantie: Instantie, result: KoppelingResult, index: dict[str, int]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Batch share, dwellings (per class, cumulative ≥ k) and maximum left after the plan."""
    ruimte = bezetting.ruimte_per_code(instantie.gemeenten, bezetting.personen_per_code(result.assignments))
    rest = np.array([ruimte[g.code][0] for g in instantie.gemeenten], dtype=np.int64)
    boven = np.array([ruimte[g.code][1] for g in instantie.gemeenten], dtype=np.int64)
    woningen = np.array(
        [np.cumsum(g.woningen[::-1])[::-1] if g.woningen else [10**9] * 4 for g in instantie.gemeenten]
    )
    klasse = {h.id: h.woningklasse for h in instantie.huishoudens}
    for t in result.assignments:
        woningen[index[t.gemeentecode], : klasse[t.huishouden_id] + 1] -= 1
    return rest, woningen, boven


_CODE = re.compile(r"\bGM[0-9]{4}\b")


def met_namen(tekst: str, instantie: Instantie) -> str:
    """``tekst`` with the name after every municipality code of the run that lacks one."""
    namen = {g.code: g.naam for g in instantie.gemeenten}

    def label(match: re.Match[str]) -> str:
        code, naam = match.group(0), namen.get(match.group(0), "")
        volgt = tekst[match.end() : match.end() + len(naam) + 1]
        return code if not naam or volgt == f" {naam}" else f"{code} {naam}"

    return _CODE.sub(label, tekst)


def _label(gemeente: GemeenteCapaciteit) -> str:
    """'GM0344 Utrecht': a code always with its name."""
    return f"{gemeente.code} {gemeente.naam}".strip()


@dataclass(frozen=True)
class _Context:
    instantie: Instantie
    beleid: Beleid
    blok: Scoreblok
    row: int
    rest: np.ndarray
    woningen: np.ndarray
    boven: np.ndarray

    def bijdragen(self, g: int) -> dict[str, float]:
        gewichten = self.beleid.gewichten.as_dict()
        return {
            naam: round(gewichten[naam] * float(self.blok.criteria[naam][self.row, g]), 4)
            for naam in CRITERIA
        }

    def gekoppeld(self, huishouden: Huishouden, g: int) -> Uitleg:
        score = float(self.blok.totaal[self.row, g])
        alternatief = self._beste_anders(g)
        gemeente = self.instantie.gemeenten[g]
        if alternatief is None:
            reden = "geen andere gemeente toegestaan" + self._boven_aandeel(g)
            return Uitleg(
                huishouden.id, gemeente.code, score, self.bijdragen(g), None, None, reden, gemeente.naam
            )
        reden = self._reden(huishouden, g, alternatief) + self._boven_aandeel(g)
        alt_score = float(self.blok.totaal[self.row, alternatief])
        alt_code = self.instantie.gemeenten[alternatief].code
        return Uitleg(
            huishouden.id, gemeente.code, score, self.bijdragen(g), alt_code, alt_score, reden, gemeente.naam
        )

    def _boven_aandeel(self, g: int) -> str:
        """A note when the plan links more persons to ``g`` than its batch share (soft capacity)."""
        if self.rest[g] >= 0:
            return ""
        gemeente = self.instantie.gemeenten[g]
        return (
            f"; gekozen boven het batchaandeel van {_label(gemeente)} "
            f"({gemeente.capaciteit - int(self.rest[g])} personen bij een aandeel van {gemeente.capaciteit}, "
            f"maximum {gemeente.bovengrens})"
        )

    def niet_gekoppeld(self, huishouden: Huishouden, conflict: str | None) -> Uitleg:
        reden = conflict or "geen plaats of passende woning over bij de toegestane gemeenten"
        return Uitleg(huishouden.id, None, 0.0, {}, None, None, met_namen(reden, self.instantie))

    def _beste_anders(self, g: int) -> int | None:
        score = np.where(self.blok.toegestaan[self.row], self.blok.totaal[self.row], -np.inf)
        score[g] = -np.inf
        beste = int(np.argmax(score))
        return beste if np.isfinite(score[beste]) else None

    def _reden(self, huishouden: Huishouden, g: int, alt: int) -> str:
        code = _label(self.instantie.gemeenten[alt])
        verschil = float(self.blok.totaal[self.row, g] - self.blok.totaal[self.row, alt])
        if verschil < 0:
            hoger = f"beste alternatief {code} scoort {-verschil:.2f} hoger"
            if self.boven[alt] < huishouden.grootte:
                return f"{hoger} maar is vol ({max(int(self.boven[alt]), 0)} plaatsen over)"
            if self.rest[alt] < huishouden.grootte:
                over = max(int(self.rest[alt]), 0)
                return f"{hoger} maar zit aan zijn batchaandeel ({over} plaatsen over; daarboven een boete)"
            if self.woningen[alt, huishouden.woningklasse] <= 0:
                return f"{hoger} maar heeft geen passende woning"
            return f"{hoger}; die plaats levert elders meer op"
        eigen, ander = self.bijdragen(g), self.bijdragen(alt)
        naam = max(CRITERIA, key=lambda c: eigen[c] - ander[c])
        verlies = ander[naam] - eigen[naam]
        return f"beste alternatief {code} scoort {verschil:.2f} lager, vooral op {naam} ({verlies:+.2f})"


@dataclass(frozen=True)
class Advies:
    """One of a household's best municipalities, for staff who decide one by one."""

    huishouden_id: str
    rang: int
    gemeentecode: str
    gemeentenaam: str
    score: float
    redenen: str


def advies(
    instantie: Instantie, beleid: Beleid, aantal: int = 3, uitkomst: UitkomstVoorspeller | None = None
) -> list[Advies]:
    """Each household's top ``aantal`` allowed municipalities with room, with the main reasons."""
    result = []
    for _start, deel, blok in _blokken(instantie, beleid, uitkomst):
        for row, huishouden in enumerate(deel):
            result.extend(_advies_voor(instantie, beleid, blok, row, huishouden, aantal))
    return result


def _advies_voor(
    instantie: Instantie, beleid: Beleid, blok: Scoreblok, row: int, huishouden: Huishouden, aantal: int
) -> list[Advies]:
    context = _Context(instantie, beleid, blok, row, np.zeros(0), np.zeros(0), np.zeros(0))
    score = np.where(blok.toegestaan[row], blok.totaal[row], -np.inf)
    beste = [int(g) for g in np.argsort(-score, kind="stable")[:aantal] if np.isfinite(score[g])]
    adviezen = []
    for rang, g in enumerate(beste, start=1):
        bijdragen = sorted(context.bijdragen(g).items(), key=lambda kv: -kv[1])[:3]
        redenen = ", ".join(f"{naam} +{waarde:.2f}" for naam, waarde in bijdragen if waarde > 0)
        gemeente = instantie.gemeenten[g]
        adviezen.append(
            Advies(huishouden.id, rang, gemeente.code, gemeente.naam, round(float(score[g]), 4), redenen)
        )
    return adviezen
