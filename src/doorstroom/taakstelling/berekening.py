"""What the taakstelling's use cases share: options, the basis of a split, swaps, the accounting.

Called by the calculation from files (:mod:`doorstroom.taakstelling.service`) and by the store's
use cases (:mod:`doorstroom.taakstelling.vaststelling`), so both read options, choose the basis of
the split and account for it in exactly the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from doorstroom.platform.clock import vandaag
from doorstroom.platform.errors import InputError, Problem
from doorstroom.reference.core.indeling import Indelingen
from doorstroom.reference.service import gemeenten_uit
from doorstroom.taakstelling import io
from doorstroom.taakstelling.core import grondslag as grondslagen
from doorstroom.taakstelling.core.domain import STANDAARD_REGEL, Taakstelling
from doorstroom.taakstelling.core.grondslag import Grondslag
from doorstroom.taakstelling.core.overdracht import naar_opvolgers
from doorstroom.taakstelling.core.report import Verantwoording
from doorstroom.taakstelling.core.ruil import onder_nul, problemen
from doorstroom.taakstelling.core.verdeling import Afrondingsregel
from doorstroom.values.gemeentecode import Gemeentenamen
from doorstroom.values.periode import Periode


@dataclass(frozen=True)
class Keuzes:
    """The choices of a period's split, the same for a calculation from files and for fixing it in
    the store: the period, the national total, the rounding rule, the key, the population vintage and
    last period's statement (``vorige``) for the carry-over."""

    periode: Periode
    totaal: int | None = None
    regel: Afrondingsregel = STANDAARD_REGEL
    sleutel: str = "inwoners"
    bevolking: int | None = None
    vorige: Path | None = None


def standaard_peildatum(periode: Periode, today: date | None = None) -> date:
    """Today within the period; the supervision date after it; its first day before it."""
    today = today or vandaag()
    if today > periode.end:
        return periode.supervision_date
    return max(today, periode.start)


def kies_grondslag(
    periode: Periode,
    catalogus: Indelingen,
    sleutel: str = "inwoners",
    bevolking: int | None = None,
    gemeenten: Path | None = None,
) -> Grondslag:
    """The basis of the split: statutory population by default (art. 29(1)), or the key asked for."""
    if bevolking is not None and (sleutel != "inwoners" or gemeenten is not None):
        raise InputError(
            Problem("een bevolking van een ander jaar kan alleen met de sleutel inwoners", field="bevolking")
        )
    if gemeenten is not None:
        return grondslagen.uit_lijst(periode, gemeenten_uit(gemeenten), str(gemeenten))
    if sleutel == "inwoners":
        return grondslagen.inwoners(periode, catalogus, bevolking)
    if sleutel == "woningvoorraad":
        return grondslagen.woningvoorraad(periode, catalogus)
    path = Path(sleutel)
    if not path.exists():
        raise InputError(
            Problem(
                f"'{sleutel}' is geen sleutel (inwoners, woningvoorraad) of bestaand bestand",
                field="sleutel",
            )
        )
    indeling = catalogus.indeling(periode.year)
    return grondslagen.uit_sleutel(periode, indeling, io.lees_sleutel(path, indeling.namen()), str(path))


def codes_per_jaar(catalogus: Indelingen, grondslag: Grondslag | None = None) -> io.CodesPerJaar:
    """The municipalities (code → name) of 1 January of a year (a user's own list: its own, whatever
    the year); names as well as codes, so a file may name a municipality either way."""
    if grondslag is not None and grondslag.eigen_lijst:
        eigen = {g.code: g.naam for g in grondslag.gemeenten}
        return lambda _jaar: eigen

    @cache
    def codes(jaar: int) -> Gemeentenamen:
        return catalogus.indeling(jaar).namen()

    return codes


def achterstand_uit_bestand(
    path: Path, grondslag: Grondslag, catalogus: Indelingen
) -> tuple[dict[str, int], dict[str, int]]:
    """Arrears from a previous statement, carried onto the period's municipalities (mergers summed)."""
    huidig = {g.code: g.naam for g in grondslag.gemeenten}
    if grondslag.eigen_lijst:
        return io.lees_vorige(path, huidig), {}
    vorig_jaar = grondslag.periode.previous().year
    saldo = io.lees_vorige(path, catalogus.indeling(vorig_jaar).namen() | huidig)
    return naar_opvolgers(saldo, catalogus.opvolgers(vorig_jaar, grondslag.periode.year))


def ruil_uit_bestanden(paths: Sequence[Path], grondslag: Grondslag) -> dict[str, int]:
    """Net swaps per municipality from agreement files, each checked like a recorded one."""
    namen = {g.code: g.naam for g in grondslag.gemeenten}
    totaal: dict[str, int] = {}
    for path in paths:
        regels = io.lees_ruil(path, namen)
        fouten = problemen(regels, namen)
        if fouten:
            raise InputError([Problem(message, str(path), row, "gemeentecode") for row, message in fouten])
        for _, code, wijziging in regels:
            totaal[code] = totaal.get(code, 0) + wijziging
    return totaal


def controleer_ruil(taken: Sequence[Taakstelling], ruil: Mapping[str, int]) -> None:
    """Refuse swaps that would take a municipality's number below zero."""
    namen = {t.gemeente.code: t.gemeente.naam for t in taken}
    fouten = onder_nul({t.gemeente.code: t.taakstelling for t in taken}, ruil, namen)
    if fouten:
        raise InputError([Problem(message, field="ruil") for message in fouten])


def verantwoording(
    grondslag: Grondslag,
    regel: Afrondingsregel,
    landelijk: tuple[int, str],
    taken: Sequence[Taakstelling],
    meldingen: Sequence[str] = (),
) -> Verantwoording:
    """The accounting of a statement: rule, reference date, national number and the sum."""
    return Verantwoording(
        periode=grondslag.periode,
        regel=regel,
        landelijk=landelijk[0],
        landelijk_bron=landelijk[1],
        som=sum(t.taakstelling for t in taken),
        peildatum=grondslag.peildatum,
        bron=grondslag.bron,
        meldingen=(*grondslag.meldingen(), *meldingen),
    )


def binnen_periode(
    realisatie: Mapping[str, Mapping[str, int]], periode: Periode
) -> dict[str, dict[str, int]]:
    """The months of ``periode`` per code (codes without any month in it are left out)."""
    maanden = {f"{year}-{month:02d}" for year, month in periode.months()}
    result = {code: {m: n for m, n in months.items() if m in maanden} for code, months in realisatie.items()}
    return {code: months for code, months in result.items() if months}
