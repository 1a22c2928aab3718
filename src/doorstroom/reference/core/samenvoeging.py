"""Municipal mergers (*samenvoeging van gemeenten*, Wet arhi) and what they do to a municipal list.

A merger takes effect on a date (almost always 1 January): its components (*onderdelen*) disappear
and a successor takes their place, under a new code or the code of the component that absorbs the
others ("Wijdemeren into Hilversum": Hilversum keeps GM0402). The successor's population is the
sum of its components, except where Gedeputeerde Staten set it under Huisvestingswet 2014 art. 30
for a merger on 1 January of the taakstelling's year; that number is then used.

Pure values and rules only: :mod:`doorstroom.reference.core.indeling` applies them to CBS vintages,
:mod:`doorstroom.reference.io` reads them from files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from doorstroom.reference.core.domain import Gemeente
from doorstroom.reference.core.lookup import label
from doorstroom.values.gemeentecode import GEMEENTECODE


@dataclass(frozen=True)
class Samenvoeging:
    """One merger: ``onderdelen`` become ``code`` (``naam``) on ``ingangsdatum``."""

    ingangsdatum: date
    code: str
    naam: str
    onderdelen: tuple[str, ...]
    provincie: str | None = None
    inwoners: int | None = None
    """Inhabitants set by Gedeputeerde Staten (art. 30); None when not (yet) known."""
    bron: str = ""

    @property
    def sleutel(self) -> tuple[date, str]:
        """Identity of a merger: a later record with the same key replaces an earlier one."""
        return self.ingangsdatum, self.code


def problemen(samenvoeging: Samenvoeging, ervoor: Mapping[str, Gemeente]) -> list[tuple[str, str]]:
    """Why ``samenvoeging`` cannot apply to the list ``ervoor`` (the division the day before).

    Returns (field, Dutch message) pairs; empty when the merger is sound.
    """
    found: list[tuple[str, str]] = []
    if not GEMEENTECODE.match(samenvoeging.code):
        found.append(("gemeentecode", f"'{samenvoeging.code}' is geen CBS-gemeentecode (GMxxxx)"))
    if len(set(samenvoeging.onderdelen)) < 2:
        found.append(("onderdelen", "een samenvoeging heeft ten minste twee verschillende gemeenten"))
    dag = f"{samenvoeging.ingangsdatum:%d-%m-%Y}"
    for code in samenvoeging.onderdelen:
        if code not in ervoor:
            found.append(("onderdelen", f"{code} bestaat niet in de gemeentelijst van vóór {dag}"))
    if samenvoeging.code in ervoor and samenvoeging.code not in samenvoeging.onderdelen:
        bestaand = label(samenvoeging.code, {samenvoeging.code: ervoor[samenvoeging.code].naam})
        found.append(("gemeentecode", f"{bestaand} bestaat al en is geen onderdeel van de samenvoeging"))
    bekend = [ervoor[code] for code in samenvoeging.onderdelen if code in ervoor]
    if samenvoeging.provincie is None and len({g.provincie for g in bekend}) > 1:
        found.append(("provincie", "onderdelen liggen in verschillende provincies: geef de provincie op"))
    return found


def overlap(samenvoegingen: Sequence[Samenvoeging]) -> list[tuple[int, str]]:
    """(index, message) for every merger that reuses a component of an earlier one on the same day."""
    gezien: dict[tuple[date, str], int] = {}
    found = []
    for index, samenvoeging in enumerate(samenvoegingen):
        for code in samenvoeging.onderdelen:
            key = (samenvoeging.ingangsdatum, code)
            if key in gezien and gezien[key] != index:
                found.append((index, f"{code} is op dezelfde dag al onderdeel van een andere samenvoeging"))
            gezien.setdefault(key, index)
    return found


def pas_toe(
    gemeenten: Sequence[Gemeente], samenvoeging: Samenvoeging, *, gs_aantal: bool
) -> tuple[list[Gemeente], str]:
    """The list after the merger, and a Dutch note on where the successor's population comes from.

    ``gs_aantal``: use the number Gedeputeerde Staten set (art. 30) when there is one; otherwise
    (or when ``gs_aantal`` is false) the successor has the sum of its components.
    """
    per_code = {g.code: g for g in gemeenten}
    delen = [per_code[code] for code in samenvoeging.onderdelen]
    grootste = max(delen, key=lambda g: (g.inwoners, g.code))
    eigen = per_code.get(samenvoeging.code, grootste)
    som = sum(g.inwoners for g in delen)
    gebruik_gs = gs_aantal and samenvoeging.inwoners is not None
    opvolger = Gemeente(
        code=samenvoeging.code,
        naam=samenvoeging.naam,
        provincie=samenvoeging.provincie or grootste.provincie,
        inwoners=samenvoeging.inwoners if gebruik_gs and samenvoeging.inwoners is not None else som,
        woningvoorraad=_som_of_none([g.woningvoorraad for g in delen]),
        arbeidsmarktregio=grootste.arbeidsmarktregio,
        coropgebied=grootste.coropgebied,
        latitude=eigen.latitude,
        longitude=eigen.longitude,
    )
    rest = [g for g in gemeenten if g.code not in samenvoeging.onderdelen]
    toelichting = _toelichting(samenvoeging, delen, gebruik_gs, gs_aantal)
    return sorted([*rest, opvolger], key=lambda g: g.code), toelichting


def _som_of_none(waarden: list[int | None]) -> int | None:
    return None if any(value is None for value in waarden) else sum(v for v in waarden if v is not None)


def _toelichting(samenvoeging: Samenvoeging, delen: list[Gemeente], gebruik_gs: bool, art30: bool) -> str:
    namen = opsomming([g.naam for g in delen])
    dag = f"{samenvoeging.ingangsdatum:%d-%m-%Y}"
    if gebruik_gs:
        return f"inwoners vastgesteld door GS (art. 30 Huisvestingswet) na samenvoeging van {namen} op {dag}"
    waarom = "GS-aantal (art. 30) niet bekend" if art30 else "art. 30 niet van toepassing"
    return f"inwoners: som van {namen} (samengevoegd op {dag}; {waarom})"


def opsomming(namen: Sequence[str]) -> str:
    """'A', 'A en B', 'A, B en C': a Dutch enumeration."""
    if len(namen) <= 1:
        return "".join(namen)
    return f"{', '.join(namen[:-1])} en {namen[-1]}"
