"""Which municipalities exist on a date, and with which population: CBS vintages plus mergers.

:class:`Indelingen` is the catalogue of what is known: population vintages (embedded, stored or a
user's file) and mergers (embedded, stored or a user's file). From it follow

* the municipal division of 1 January of any year (the list of a taakstelling period, art. 29);
* a vintage carried onto a later division: the municipalities that merged since the vintage's
  date are replaced by their successor, whose population is the sum of its components or, for a
  merger on 1 January of the year the division is for, the number Gedeputeerde Staten set (art. 30);
* the successor of every code between two years, to carry arrears of merged municipalities over.

A vintage that cannot be carried onto a known division (a code disappears and no merger explains
it) is an error naming the codes, never a silent loss of inhabitants.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from doorstroom.platform.errors import InputError, Problem
from doorstroom.reference.core.domain import Bevolking, Gemeente
from doorstroom.reference.core.samenvoeging import Samenvoeging, overlap, pas_toe, problemen


@dataclass(frozen=True)
class Indeling:
    """The municipalities of 1 January ``jaar`` with the population of ``bevolking`` carried onto them."""

    jaar: int
    gemeenten: tuple[Gemeente, ...]
    bevolking: Bevolking
    toelichting: Mapping[str, str] = field(default_factory=dict)
    """Per successor code: where its population comes from (sum of components or GS, art. 30)."""

    @property
    def codes(self) -> frozenset[str]:
        """The codes of the division."""
        return frozenset(g.code for g in self.gemeenten)

    def namen(self) -> dict[str, str]:
        """Code → name, for labels beside codes."""
        return {g.code: g.naam for g in self.gemeenten}


@dataclass(frozen=True)
class Indelingen:
    """Known population vintages (by year of their 1 January) and mergers, each in force once."""

    jaargangen: Mapping[int, Bevolking]
    samenvoegingen: tuple[Samenvoeging, ...] = ()

    def bevolking(self, jaar: int) -> Bevolking | None:
        """The vintage of 1 January ``jaar``, when known."""
        return self.jaargangen.get(jaar)

    def op_indeling(self, bevolking: Bevolking, jaar: int) -> Indeling:
        """``bevolking`` carried onto the division of 1 January ``jaar`` (``jaar`` ≥ its year)."""
        if jaar < bevolking.peiljaar:
            raise InputError(
                Problem(
                    f"de bevolking van 1 januari {bevolking.peiljaar} ligt na 1 januari {jaar}: "
                    "een indeling kan niet terug in de tijd worden afgeleid",
                    field="bevolking",
                )
            )
        gemeenten, toelichting = list(bevolking.gemeenten), {}
        for samenvoeging in self._tussen(bevolking.peildatum, date(jaar, 1, 1)):
            gemeenten, toelichting[samenvoeging.code] = pas_toe(
                gemeenten, samenvoeging, gs_aantal=samenvoeging.ingangsdatum == date(jaar, 1, 1)
            )
        self._controleer_tegen_jaargang(gemeenten, bevolking, jaar)
        return Indeling(jaar, tuple(gemeenten), bevolking, toelichting)

    def indeling(self, jaar: int) -> Indeling:
        """The division of 1 January ``jaar``: its own vintage, else the latest earlier one carried on.

        For a year before every known vintage the earliest vintage is used: that only answers which
        codes existed, and callers that need the population of a date check the vintage themselves.
        """
        if not self.jaargangen:
            raise InputError(Problem("geen bevolkingsgegevens bekend"))
        eerder = [year for year in self.jaargangen if year <= jaar]
        basis = max(eerder) if eerder else min(self.jaargangen)
        return self.op_indeling(self.jaargangen[basis], max(jaar, basis))

    def opvolgers(self, van: int, tot: int) -> dict[str, str]:
        """For each code of the division of 1 January ``van``: its code in the division of ``tot``."""
        mapping = {code: code for code in self.indeling(van).codes}
        for samenvoeging in self._tussen(date(van, 1, 1), date(tot, 1, 1)):
            for bron, doel in mapping.items():
                if doel in samenvoeging.onderdelen:
                    mapping[bron] = samenvoeging.code
        return mapping

    def met(self, extra: Iterable[tuple[int | None, Samenvoeging]], *, file: str | None = None) -> Indelingen:
        """This catalogue with ``extra`` mergers, each checked against the division it merges from.

        A merger with the same date and code as a known one replaces it (for example to add the
        number GS set for Voorne aan Zee). Every problem of every merger is reported at once.
        """
        extra = list(extra)
        regels = {s.sleutel: regel for regel, s in extra}
        nieuw = {s.sleutel: s for s in self.samenvoegingen} | {s.sleutel: s for _, s in extra}
        catalogus = Indelingen(self.jaargangen, tuple(sorted(nieuw.values(), key=_volgorde)))
        found = [
            Problem(message, file, regels[samenvoeging.sleutel], veld)
            for samenvoeging in catalogus.samenvoegingen
            if samenvoeging.sleutel in regels
            for veld, message in problemen(samenvoeging, catalogus._dag_ervoor(samenvoeging))
        ]
        found += [
            Problem(message, file, regels.get(catalogus.samenvoegingen[index].sleutel), "onderdelen")
            for index, message in overlap(catalogus.samenvoegingen)
        ]
        found.sort(key=lambda p: (p.row or 0, p.field or ""))
        if found:
            raise InputError(found)
        return catalogus

    def _dag_ervoor(self, samenvoeging: Samenvoeging) -> dict[str, Gemeente]:
        """The municipalities the day before ``samenvoeging``, with the earlier mergers applied."""
        dag = samenvoeging.ingangsdatum
        eerder = [year for year in self.jaargangen if date(year, 1, 1) < dag]
        if not eerder:
            return {}
        gemeenten = list(self.jaargangen[max(eerder)].gemeenten)
        for vorige in self._tussen(date(max(eerder), 1, 1), dag):
            if vorige.ingangsdatum < dag:
                gemeenten, _ = pas_toe(gemeenten, vorige, gs_aantal=False)
        return {g.code: g for g in gemeenten}

    def _tussen(self, na: date, tot_en_met: date) -> list[Samenvoeging]:
        return [s for s in self.samenvoegingen if na < s.ingangsdatum <= tot_en_met]

    def _controleer_tegen_jaargang(self, gemeenten: list[Gemeente], bevolking: Bevolking, jaar: int) -> None:
        eigen = self.jaargangen.get(jaar)
        if eigen is None or eigen is bevolking:
            return
        afgeleid = {g.code: g.naam for g in gemeenten}
        bekend = {g.code: g.naam for g in eigen.gemeenten}
        verschil = sorted(set(afgeleid) ^ set(bekend))
        if verschil:
            namen = {**bekend, **afgeleid}
            genoemd = ", ".join(f"{code} {namen[code]}" for code in verschil[:10])
            raise InputError(
                Problem(
                    f"de gemeenten van 1 januari {bevolking.peiljaar} en de samenvoegingen daarna leiden "
                    f"niet tot de indeling van 1 januari {jaar}: verschil in {genoemd}; leg de ontbrekende "
                    "samenvoeging vast (gemeenten samenvoegen)"
                )
            )


def _volgorde(samenvoeging: Samenvoeging) -> tuple[date, str]:
    return samenvoeging.ingangsdatum, samenvoeging.code
