"""Read the spreiding's user files: locations, correction factors, a province's plan; the estimates.

Every file is validated whole before anything is used or stored: each problem is reported with
file, row and field, every problem of a row at once, and a municipality that is not in the list in
use is named with the closest valid names (:func:`doorstroom.reference.core.lookup.find_gemeente`).
Column layouts are documented in ``docs/spreiding.md``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache, partial
from importlib import resources
from itertools import chain
from pathlib import Path
from typing import TypeVar

from doorstroom.files.rijfouten import veld
from doorstroom.files.tabular import Row, iter_table, parse_each, parse_rows, read_table
from doorstroom.platform.errors import InputError, Problem
from doorstroom.reference.core.domain import Gemeente
from doorstroom.reference.core.lookup import find_gemeente, label, namen
from doorstroom.spreiding.core.correctie import Correctie, Correctiesoort, factor_uit_score
from doorstroom.spreiding.core.domain import Locatie, Raming, Soort
from doorstroom.spreiding.core.plan import Plan, Planregel
from doorstroom.taakstelling.io import datum
from doorstroom.values.domains import (
    CORRECTIEFACTOR,
    NAAM,
    OPVANGPLAATSEN,
    OPVANGPLAATSEN_LOCATIE,
    REFERENTIE,
    SES_WOA,
    TOELICHTING,
)
from doorstroom.values.suggest import unknown_message

T = TypeVar("T")

GEMEENTEKOLOMMEN = ("gemeente", "gemeentecode")
LOCATIEKOLOMMEN = (
    "locatie_id",
    "naam",
    "soort",
    "gemeente",
    "capaciteit",
    "bezetting",
    "vergunninghouders",
    "amv_capaciteit",
    "opening",
    "sluiting",
    "duurzaam",
    "toelichting",
)
_JA = {"ja", "j", "1", "true", "waar", "yes"}
_NEE = {"nee", "n", "0", "false", "onwaar", "no"}


@dataclass(frozen=True)
class Invoerregel:
    """A location as read from a file, with the row's explanation (the reason of a change)."""

    locatie: Locatie
    toelichting: str
    rij: int


class Gemeentezoeker:
    """Finds a municipality by code (fast path) or by name, with suggestions when unknown."""

    def __init__(self, gemeenten: Sequence[Gemeente]) -> None:
        self._gemeenten = gemeenten
        self._per_code = {g.code: g for g in gemeenten}

    def code(self, row: Row, field: str) -> str:
        """The CBS code of the municipality named in ``field`` of ``row``."""
        text = row.text(field)
        bekend = self._per_code.get(text.upper())
        if bekend is not None:
            return bekend.code
        try:
            return find_gemeente(text, self._gemeenten, field=field).code
        except InputError as error:
            raise row.problem(field, error.problems[0].message) from None


def _gemeenteveld(row: Row) -> str:
    return next((k for k in GEMEENTEKOLOMMEN if row.values.get(k, "").strip()), "gemeente")


def _eerste(path: Path | str, rows: Iterator[Row], wat: str) -> Iterator[Row]:
    """The rows again, after checking there is one and that it names a municipality column."""
    first = next(rows, None)
    if first is None:
        raise InputError(Problem(f"geen {wat} in het bestand", file=str(path)))
    if not any(column in first.values for column in GEMEENTEKOLOMMEN):
        raise InputError(Problem("kolom ontbreekt (gemeente of gemeentecode)", str(path), 1, "gemeente"))
    return chain([first], rows)


def lees_locaties(path: Path | str, gemeenten: Sequence[Gemeente]) -> list[Invoerregel]:
    """Read and validate a locations file whole; every problem of every row in one InputError."""
    verplicht = ("locatie_id", "naam", "soort", "capaciteit", "opening")
    rows = _eerste(path, iter_table(path, required=verplicht), "locaties")
    zoeker, sleutels = Gemeentezoeker(gemeenten), Sleutels()
    numbered, problems = parse_each(rows, lambda row: _invoerregel(row, zoeker, sleutels))
    problems += sleutels.dubbel(str(path), "locatie_id")
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.row or 0, p.field or "")))
    return [regel for _, regel in numbered]


def _invoerregel(row: Row, zoeker: Gemeentezoeker, sleutels: Sleutels) -> Invoerregel:
    fouten: list[Problem] = []
    locatie_id = sleutels.noteer(row, veld(fouten, lambda: row.text("locatie_id", limit=REFERENTIE)))
    naam = veld(fouten, lambda: row.text("naam", limit=NAAM))
    soort = veld(fouten, lambda: _soort(row))
    gemeentecode = veld(fouten, lambda: zoeker.code(row, _gemeenteveld(row)))
    aantallen = _aantallen(row, fouten)
    opening = veld(fouten, lambda: datum(row, "opening"))
    sluiting = veld(fouten, lambda: datum(row, "sluiting", required=False))
    duurzaam = veld(fouten, lambda: _ja_nee(row, "duurzaam"))
    toelichting = veld(fouten, lambda: row.text("toelichting", required=False, limit=TOELICHTING))
    if fouten:
        raise InputError(fouten)
    assert locatie_id and naam and soort and gemeentecode and opening and toelichting is not None
    amv = aantallen["amv_capaciteit"]
    if not row.text("amv_capaciteit", required=False):
        amv = aantallen["capaciteit"] if soort is Soort.amv else 0
    locatie = Locatie(
        id=locatie_id,
        naam=naam,
        soort=soort,
        gemeentecode=gemeentecode,
        capaciteit=aantallen["capaciteit"] or 0,
        opening=opening,
        bezetting=aantallen["bezetting"] or 0,
        vergunninghouders=aantallen["vergunninghouders"] or 0,
        amv_capaciteit=amv or 0,
        sluiting=sluiting,
        duurzaam=duurzaam,
    )
    _samenhang(row, locatie)
    return Invoerregel(locatie, toelichting, row.line)


def _aantallen(row: Row, fouten: list[Problem]) -> dict[str, int | None]:
    """Capacity (required), occupancy, permit holders and amv places (empty: 0)."""
    aantallen: dict[str, int | None] = {}
    for naam in ("capaciteit", "bezetting", "vergunninghouders", "amv_capaciteit"):
        lees = partial(row.integer, naam, domain=OPVANGPLAATSEN_LOCATIE, required=naam == "capaciteit")
        aantallen[naam] = veld(fouten, lees)
    return aantallen


def _samenhang(row: Row, locatie: Locatie) -> None:
    """Checks across fields: dates in order, permit holders among occupants, amv within capacity."""
    fouten = []
    if locatie.sluiting is not None and locatie.sluiting < locatie.opening:
        fouten.append(("sluiting", f"sluiting {locatie.sluiting} ligt voor opening {locatie.opening}"))
    if locatie.vergunninghouders > locatie.bezetting:
        tekst = f"{locatie.vergunninghouders} vergunninghouders is meer dan de bezetting {locatie.bezetting}"
        fouten.append(("vergunninghouders", tekst))
    if locatie.amv_capaciteit > locatie.capaciteit:
        tekst = f"{locatie.amv_capaciteit} amv-plaatsen is meer dan de capaciteit {locatie.capaciteit}"
        fouten.append(("amv_capaciteit", tekst))
    if fouten:
        raise InputError([Problem(tekst, row.file, row.line, veld) for veld, tekst in fouten])


def _soort(row: Row) -> Soort:
    text = row.text("soort")
    try:
        return Soort(text.strip().lower())
    except ValueError:
        raise row.problem("soort", unknown_message("soort", text, [s.value for s in Soort])) from None


def _ja_nee(row: Row, veld: str) -> bool | None:
    text = row.text(veld, required=False).lower()
    if not text:
        return None
    if text in _JA or text in _NEE:
        return text in _JA
    raise row.problem(veld, f"'{text}' is geen ja of nee (leeg: volgens het criterium)")


class Sleutels:
    """The key of every row (location id, municipality) as soon as it is read, whatever else is wrong
    with the row: a repeated key and a missing municipality are named even next to other problems."""

    def __init__(self) -> None:
        self._gezien: list[tuple[int, str]] = []

    def noteer(self, row: Row, sleutel: str | None) -> str | None:
        """Remember ``sleutel`` of ``row`` (None: unreadable, not remembered) and pass it on."""
        if sleutel is not None:
            self._gezien.append((row.line, sleutel))
        return sleutel

    def waarden(self) -> set[str]:
        """Every key read."""
        return {sleutel for _, sleutel in self._gezien}

    def dubbel(self, file: str, veld: str) -> list[Problem]:
        """A problem for each row that repeats an earlier row's key."""
        eerste: dict[str, int] = {}
        problemen = []
        for rij, sleutel in self._gezien:
            if sleutel in eerste:
                problemen.append(Problem(f"'{sleutel}' staat al in rij {eerste[sleutel]}", file, rij, veld))
            eerste.setdefault(sleutel, rij)
        return problemen


def lees_correctie(path: Path | str, gemeenten: Sequence[Gemeente]) -> Correctie:
    """Read correction inputs per municipality: SES-WOA scores or factors; every municipality once."""
    rows = _eerste(path, iter_table(path), "gemeenten")
    rows, soort = _correctiesoort(path, rows)
    zoeker, sleutels = Gemeentezoeker(gemeenten), Sleutels()
    numbered, problems = parse_each(rows, lambda row: _correctieregel(row, zoeker, soort, sleutels))
    problems += sleutels.dubbel(str(path), "gemeentecode")
    problems += _ontbrekend(str(path), sleutels.waarden(), gemeenten)
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.row or 0, p.field or "")))
    factoren = {code: factor for _, (code, factor) in numbered}
    return Correctie(factoren, soort, str(path))


def _correctiesoort(path: Path | str, rows: Iterator[Row]) -> tuple[Iterator[Row], Correctiesoort]:
    first = next(rows)
    kolommen = [soort for soort in Correctiesoort if soort.value in first.values]
    if len(kolommen) != 1:
        raise InputError(
            Problem("geef precies een van de kolommen ses_woa of factor", str(path), 1, "ses_woa")
        )
    return chain([first], rows), kolommen[0]


def _correctieregel(
    row: Row, zoeker: Gemeentezoeker, soort: Correctiesoort, sleutels: Sleutels
) -> tuple[str, Fraction]:
    fouten: list[Problem] = []
    code = sleutels.noteer(row, veld(fouten, lambda: zoeker.code(row, _gemeenteveld(row))))
    domein = SES_WOA if soort is Correctiesoort.ses_woa else CORRECTIEFACTOR
    waarde = veld(fouten, lambda: row.number(soort.value, domain=domein))
    if fouten:
        raise InputError(fouten)
    assert code is not None and waarde is not None
    exact = Fraction(str(waarde))
    return code, factor_uit_score(exact) if soort is Correctiesoort.ses_woa else exact


def _ontbrekend(file: str, gevonden: set[str], gemeenten: Sequence[Gemeente]) -> list[Problem]:
    bekend = namen(gemeenten)
    return [
        Problem(f"gemeente ontbreekt: {label(g.code, bekend)}", file, None, "gemeentecode")
        for g in gemeenten
        if g.code not in gevonden
    ]


def lees_plan(path: Path | str, gemeenten: Sequence[Gemeente]) -> Plan:
    """Read a province's plan: agreed places (and optionally amv places) per municipality."""
    rows = _eerste(path, iter_table(path, required=("plaatsen",)), "gemeenten")
    zoeker, sleutels = Gemeentezoeker(gemeenten), Sleutels()
    numbered, problems = parse_each(rows, lambda row: _planregel(row, zoeker, sleutels))
    problems += sleutels.dubbel(str(path), "gemeente")
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.row or 0, p.field or "")))
    return Plan({r.gemeentecode: r for _, r in numbered}, str(path))


def _planregel(row: Row, zoeker: Gemeentezoeker, sleutels: Sleutels) -> Planregel:
    fouten: list[Problem] = []
    code = sleutels.noteer(row, veld(fouten, lambda: zoeker.code(row, _gemeenteveld(row))))
    plaatsen = veld(fouten, lambda: row.integer("plaatsen", domain=OPVANGPLAATSEN))
    amv = veld(fouten, lambda: _optioneel_aantal(row, "amv"))
    if fouten:
        raise InputError(fouten)
    assert code is not None and plaatsen is not None
    if amv is not None and amv > plaatsen:
        raise row.problem("amv", f"{amv} amv-plaatsen is meer dan de {plaatsen} plaatsen van de gemeente")
    return Planregel(code, plaatsen, amv, row.line)


def _optioneel_aantal(row: Row, veld: str) -> int | None:
    return row.integer(veld, domain=OPVANGPLAATSEN) if row.text(veld, required=False) else None


def ramingen_pad() -> Path:
    """Path of the embedded table of published capacity estimates."""
    return Path(str(resources.files("doorstroom.spreiding") / "data" / "ramingen.csv"))


@lru_cache(maxsize=1)
def ramingen() -> tuple[Raming, ...]:
    """Every embedded capacity estimate, oldest first."""
    rows = read_table(ramingen_pad(), required=("datum", "totaal", "amv", "bron"))
    return tuple(sorted(parse_rows(rows, _raming), key=lambda r: r.datum))


def _raming(row: Row) -> Raming:
    dag = datum(row, "datum")
    assert dag is not None
    return Raming(
        datum=dag,
        totaal=row.integer("totaal", domain=OPVANGPLAATSEN),
        amv=_optioneel_aantal(row, "amv"),
        bron=row.text("bron"),
        toelichting=row.text("toelichting", required=False, limit=TOELICHTING),
    )
