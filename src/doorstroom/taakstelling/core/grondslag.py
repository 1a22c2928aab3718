"""The basis of a period's split: which municipalities, which key, which reference date (art. 29–30).

Huisvestingswet 2014:

* art. 29(1): a municipality's number is the national number × its inhabitants / the inhabitants of
  the Netherlands, both per CBS on **1 January of the calendar year before** the half year's year
  (:func:`wettelijk_peiljaar`: 2026-1 and 2026-2 use 1 January 2025);
* the municipalities are those of 1 January of the half year's year (the division in force);
* art. 30: for municipalities merging on 1 January of that year, Gedeputeerde Staten set the
  inhabitants; when their number is not known, the components' sum stands in, and the output says so.

A period whose vintage is not available is an error naming the missing year and how to load it;
there is never a silent fallback to another year. Other keys (housing stock, a user's file, another
vintage chosen with ``--bevolking``) are allowed and always reported as not the statutory basis.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from doorstroom.platform.errors import InputError, Problem
from doorstroom.reference.core.domain import Gemeente
from doorstroom.reference.core.indeling import Indeling, Indelingen
from doorstroom.values.periode import Periode

WONINGVOORRAAD_PEILDATUM = date(2024, 1, 1)


def wettelijk_peiljaar(periode: Periode) -> int:
    """Art. 29(1): the population of 1 January of the calendar year before the period's year."""
    return periode.year - 1


@dataclass(frozen=True)
class Grondslag:
    """Municipalities of the period with the key they are split by, and where the key comes from."""

    periode: Periode
    gemeenten: tuple[Gemeente, ...]
    sleutelnaam: str
    sleutel: Mapping[str, int]
    noemer: int
    """Inhabitants of the Netherlands on the reference date (or the sum of a non-population key)."""
    peildatum: date | None
    bron: str
    wettelijk: bool
    toelichting: Mapping[str, str] = field(default_factory=dict)
    eigen_lijst: bool = False
    """The municipalities are a user's own list (``--gemeenten``), not a CBS division."""

    def meldingen(self) -> list[str]:
        """Dutch notes on the basis: what is not statutory, and merged municipalities' populations."""
        notes = (
            [] if self.wettelijk else [f"let op: niet de wettelijke grondslag (art. 29 lid 1): {self.bron}"]
        )
        namen = {g.code: g.naam for g in self.gemeenten}
        return notes + [
            f"{code} {namen.get(code, '')}: {tekst}" for code, tekst in sorted(self.toelichting.items())
        ]


def inwoners(periode: Periode, indelingen: Indelingen, peiljaar: int | None = None) -> Grondslag:
    """The population key of ``periode``: the statutory vintage, or ``peiljaar``'s when chosen."""
    wettelijk = wettelijk_peiljaar(periode)
    jaar = wettelijk if peiljaar is None else peiljaar
    bevolking = indelingen.bevolking(jaar)
    if bevolking is None:
        raise InputError(_ontbreekt(periode, jaar, sorted(indelingen.jaargangen)))
    indeling = indelingen.op_indeling(bevolking, periode.year)
    bron = bevolking.bron if jaar == wettelijk else f"{bevolking.bron}; wettelijk is 1 januari {wettelijk}"
    return Grondslag(
        periode=periode,
        gemeenten=indeling.gemeenten,
        sleutelnaam="inwoners",
        sleutel={g.code: g.inwoners for g in indeling.gemeenten},
        noemer=bevolking.totaal,
        peildatum=bevolking.peildatum,
        bron=bron,
        wettelijk=jaar == wettelijk,
        toelichting=indeling.toelichting,
    )


def _ontbreekt(periode: Periode, jaar: int, bekend: list[int]) -> Problem:
    jaren = f"{bekend[0]}–{bekend[-1]}" if bekend else "geen"
    return Problem(
        f"de bevolking op 1 januari {jaar} ontbreekt: de taakstelling van {periode} rust op de CBS-bevolking "
        f"van 1 januari {wettelijk_peiljaar(periode)} (art. 29 lid 1 Huisvestingswet); bekend zijn {jaren}. "
        f"Laad de CBS-gemeentelijst met peildatum {jaar}-01-01 (gemeenten importeren) of verdeel met een "
        "eigen sleutel: een bestand met gemeentecode en waarde",
        field="periode",
    )


def woningvoorraad(periode: Periode, indelingen: Indelingen) -> Grondslag:
    """Housing stock on 1 January 2024 as key (an alternative under discussion, not the law's)."""
    indeling = indelingen.indeling(periode.year)
    missing = [g.code for g in indeling.gemeenten if g.woningvoorraad is None]
    if missing:
        raise InputError(
            Problem(
                f"woningvoorraad (1 januari 2024) ontbreekt voor {len(missing)} gemeenten van {periode}, "
                f"o.a. {', '.join(missing[:5])}; geef een eigen sleutel "
                "(een bestand met gemeentecode en waarde)",
                field="sleutel",
            )
        )
    waarden = {g.code: int(g.woningvoorraad or 0) for g in indeling.gemeenten}
    return _anders(
        periode, indeling, "woningvoorraad", waarden, "CBS 85984NED woningvoorraad, 1 januari 2024"
    )


def uit_sleutel(periode: Periode, indeling: Indeling, waarden: Mapping[str, int], bron: str) -> Grondslag:
    """A user's key (``--sleutel BESTAND``) for the municipalities of the period's division."""
    return _anders(periode, indeling, "sleutel", waarden, f"eigen verdeelsleutel {bron}", peildatum=None)


def uit_lijst(periode: Periode, gemeenten: list[Gemeente], bron: str) -> Grondslag:
    """A user's own municipality list with population (``--gemeenten BESTAND``)."""
    return Grondslag(
        periode=periode,
        gemeenten=tuple(gemeenten),
        sleutelnaam="inwoners",
        sleutel={g.code: g.inwoners for g in gemeenten},
        noemer=sum(g.inwoners for g in gemeenten),
        peildatum=None,
        bron=f"eigen gemeentelijst {bron} (peildatum onbekend)",
        wettelijk=False,
        eigen_lijst=True,
    )


def _anders(
    periode: Periode,
    indeling: Indeling,
    naam: str,
    waarden: Mapping[str, int],
    bron: str,
    peildatum: date | None = WONINGVOORRAAD_PEILDATUM,
) -> Grondslag:
    return Grondslag(
        periode=periode,
        gemeenten=indeling.gemeenten,
        sleutelnaam=naam,
        sleutel=dict(waarden),
        noemer=sum(waarden.values()),
        peildatum=peildatum,
        bron=bron,
        wettelijk=False,
    )
