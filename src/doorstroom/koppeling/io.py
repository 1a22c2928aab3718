"""Read and write the koppeling's tables: households, capacity, labour demand, region mapping.

Formats are described in ``docs/koppeling.md``. Every problem names file, row and field; reading
is all-or-nothing. Columns not listed here are ignored on purpose — in particular any column about
nationality, religion, ethnicity, country or language of origin never reaches the score.
Lists inside a cell are separated by ``|`` (CSV files may use ``,`` or ``;`` between cells).

Every name is checked against what it names: a municipality (CBS code or name, via
:func:`~doorstroom.reference.core.lookup.find_gemeente`), a region of the run's region mapping, a
labour-market region. An unknown name is an error listing the valid names, closest first — never
a silent score of 0. Every number lies in its documented domain (:mod:`doorstroom.values.domains`).
Messages never repeat a household reference (it is personal data); they name the row instead.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from doorstroom.files.outfile import maak_map
from doorstroom.files.tabular import Row, parse_each, read_table, write_csv
from doorstroom.koppeling.core.domain import (
    GEEN_SECTOR,
    GemeenteCapaciteit,
    HardeBinding,
    Huishouden,
    Instantie,
    Locatie,
    Opleiding,
    RegioSoort,
    Volwassene,
)
from doorstroom.platform.errors import InputError, Problem
from doorstroom.reference.core.domain import Gemeente
from doorstroom.reference.core.lookup import find_gemeente
from doorstroom.values.domains import (
    FRACTIE,
    KINDEREN,
    NAAM,
    PERSONEN_GEMEENTE,
    REFERENTIE,
    UITKOMST,
    VOLWASSENEN,
    WONINGEN,
)
from doorstroom.values.suggest import find, unknown_message

K = TypeVar("K", bound=Hashable)
LIJST = "|"
HUISHOUDEN_KOLOMMEN = (
    "huishouden_id", "volwassenen", "kinderen", "opleidingen", "sectoren", "opvang_gemeente",
    "binding_gemeente", "binding", "netwerk_gemeenten", "zorg", "voorkeur_regio", "synthetisch",
)  # fmt: skip
CAPACITEIT_KOLOMMEN = (
    "gemeentecode", "gemeentenaam", "capaciteit", "woningen_1", "woningen_2", "woningen_3_4",
    "woningen_5plus", "zorg", "onderwijs", "arbeidsmarktregio", "maximum", "synthetisch",
)  # fmt: skip
WONING_KOLOMMEN = CAPACITEIT_KOLOMMEN[3:7]
VRAAG_KOLOMMEN = ("arbeidsmarktregio", "sector", "vraag")


@dataclass
class Gemeentezoeker:
    """Finds municipalities by CBS code or name, once per distinct text (files repeat them)."""

    bekend: Mapping[str, Gemeente]
    _gevonden: dict[str, str] = field(default_factory=dict)

    def code(self, row: Row, veld: str, tekst: str) -> str:
        """The CBS code ``tekst`` names (a code, also as Excel keeps it as a number, or a name: the one
        rule of :mod:`doorstroom.values.gemeentecode`); a row problem with suggestions when none."""
        if tekst.upper() in self.bekend:
            return tekst.upper()
        if tekst not in self._gevonden:
            try:
                self._gevonden[tekst] = find_gemeente(tekst, list(self.bekend.values()), field=veld).code
            except InputError as error:
                raise row.problem(veld, error.problems[0].message) from None
        return self._gevonden[tekst]


def lees_huishoudens(
    path: Path | str, bekend: Mapping[str, Gemeente], regios: Collection[str]
) -> tuple[list[Huishouden], bool]:
    """Households from CSV/XLSX, and whether the file is marked SYNTHETIC.

    ``regios`` are the region names of the run's mapping: ``voorkeur_regio`` must be one of them.
    """
    rows = read_table(path, required=(*HUISHOUDEN_KOLOMMEN[:3], "opvang_gemeente"))
    zoeker = Gemeentezoeker(bekend)
    huishoudens = _alle(rows, lambda row: _huishouden(row, zoeker, regios))
    _uniek(str(path), [(line, h.id) for line, h in huishoudens], "huishouden_id", toon=False)
    return [h for _, h in huishoudens], _synthetisch(rows)


def _alle(rows: Sequence[Row], parse: Callable[[Row], K]) -> list[tuple[int, K]]:
    parsed, problems = parse_each(rows, parse)
    if problems:
        raise InputError(problems)
    return parsed


def _huishouden(row: Row, zoeker: Gemeentezoeker, regios: Collection[str]) -> Huishouden:
    volwassenen = row.integer("volwassenen", domain=VOLWASSENEN)
    binding_gemeente = _gemeente(row, "binding_gemeente", zoeker, required=False)
    binding = _keuze(row, "binding", HardeBinding)
    if (binding is None) != (binding_gemeente is None):
        raise row.problem("binding", "binding en binding_gemeente horen samen ingevuld te zijn")
    return Huishouden(
        id=row.text("huishouden_id", limit=REFERENTIE),
        volwassenen=_volwassenen(row, volwassenen),
        kinderen=row.integer("kinderen", domain=KINDEREN),
        opvang_gemeente=_gemeente(row, "opvang_gemeente", zoeker) or "",
        binding_gemeente=binding_gemeente,
        binding=binding,
        netwerk_gemeenten=frozenset(_gemeenten(row, "netwerk_gemeenten", zoeker)),
        zorg=row.text("zorg", required=False, limit=NAAM) or None,
        voorkeur_regio=_regio(row, "voorkeur_regio", regios),
    )


def _volwassenen(row: Row, aantal: int) -> tuple[Volwassene, ...]:
    """One entry per adult; empty lists mean 'unknown' (basis education, no sector)."""
    opleidingen = _lijst(row, "opleidingen") or [Opleiding.basis.value] * aantal
    sectoren = _lijst(row, "sectoren") or [GEEN_SECTOR] * aantal
    for veld, waarden in (("opleidingen", opleidingen), ("sectoren", sectoren)):
        if len(waarden) != aantal:
            raise row.problem(veld, f"{len(waarden)} waarden voor {aantal} volwassenen")
    onbekend = [w for w in opleidingen if w not in Opleiding.__members__]
    if onbekend:
        raise row.problem("opleidingen", f"onbekend niveau '{onbekend[0]}' (kies uit {', '.join(Opleiding)})")
    return tuple(
        Volwassene(Opleiding(o), s or GEEN_SECTOR) for o, s in zip(opleidingen, sectoren, strict=True)
    )


def _lijst(row: Row, veld: str) -> list[str]:
    text = row.text(veld, required=False)
    parts = [part.strip() for part in text.split(LIJST)] if text else []
    for part in parts:
        problem = NAAM.problem(part)
        if problem:
            raise row.problem(veld, problem)
    return parts


def _keuze(row: Row, veld: str, soort: type[HardeBinding]) -> HardeBinding | None:
    text = row.text(veld, required=False, limit=NAAM)
    if not text:
        return None
    if text not in soort.__members__:
        raise row.problem(veld, unknown_message("waarde", text, list(soort)))
    return soort(text)


def _gemeente(row: Row, veld: str, zoeker: Gemeentezoeker, *, required: bool = True) -> str | None:
    tekst = row.text(veld, required=required, limit=NAAM)
    return zoeker.code(row, veld, tekst) if tekst else None


def _gemeenten(row: Row, veld: str, zoeker: Gemeentezoeker) -> list[str]:
    return [zoeker.code(row, veld, tekst) for tekst in _lijst(row, veld)]


def _regio(row: Row, veld: str, regios: Collection[str]) -> str | None:
    """A region of the run's mapping, as written there (case and accents need not match)."""
    tekst = row.text(veld, required=False, limit=NAAM)
    if not tekst:
        return None
    gevonden = find(tekst, regios)
    if gevonden is None:
        raise row.problem(veld, unknown_message("regio", tekst, regios))
    return gevonden


def _uniek(file: str, waarden: Sequence[tuple[int, object]], veld: str, *, toon: bool = True) -> None:
    """Duplicate keys are errors naming both rows (``toon``: also the value; never for references)."""
    eerste: dict[object, int] = {}
    problemen = []
    for line, waarde in waarden:
        if waarde in eerste:
            wat = f"{_tekst(waarde)} komt dubbel voor" if toon else "komt dubbel voor"
            problemen.append(Problem(f"{wat}: rij {eerste[waarde]} en rij {line}", file, line, veld))
        else:
            eerste[waarde] = line
    if problemen:
        raise InputError(problemen)


def _tekst(waarde: object) -> str:
    return " / ".join(f"'{deel}'" for deel in waarde) if isinstance(waarde, tuple) else f"'{waarde}'"


def _synthetisch(rows: Sequence[Row]) -> bool:
    return any(row.values.get("synthetisch", "").strip().lower() in ("ja", "true", "1") for row in rows)


def lees_capaciteit(
    path: Path | str,
    bekend: Mapping[str, Gemeente],
    regio: Mapping[str, str],
    arbeidsmarktregios: Collection[str] | None = None,
) -> tuple[list[GemeenteCapaciteit], bool]:
    """Capacity per municipality (persons, dwellings per class, care, education).

    ``arbeidsmarktregios``: the labour-market region names an ``arbeidsmarktregio`` cell may use
    (default: those of the municipality list).
    """
    rows = read_table(path, required=("gemeentecode", "capaciteit"))
    zoeker = Gemeentezoeker(bekend)
    namen = arbeidsmarktregios or {g.arbeidsmarktregio for g in bekend.values() if g.arbeidsmarktregio}
    gemeenten = _alle(rows, lambda row: _capaciteit(row, zoeker, regio, namen))
    _uniek(str(path), [(line, g.code) for line, g in gemeenten], "gemeentecode")
    return [g for _, g in gemeenten], _synthetisch(rows)


def _capaciteit(
    row: Row, zoeker: Gemeentezoeker, regio: Mapping[str, str], arbeidsmarktregios: Collection[str]
) -> GemeenteCapaciteit:
    code = _gemeente(row, "gemeentecode", zoeker) or ""
    gemeente = zoeker.bekend[code]
    capaciteit = row.integer("capaciteit", domain=PERSONEN_GEMEENTE)
    return GemeenteCapaciteit(
        code=code,
        naam=gemeente.naam,
        capaciteit=capaciteit,
        maximum=_maximum(row, capaciteit),
        regio=regio[code],
        arbeidsmarktregio=_regio(row, "arbeidsmarktregio", arbeidsmarktregios)
        or gemeente.arbeidsmarktregio
        or gemeente.provincie,
        woningen=_woningen(row),
        zorg=frozenset(_lijst(row, "zorg")),
        onderwijs=frozenset(_lijst(row, "onderwijs")),
        latitude=gemeente.latitude,
        longitude=gemeente.longitude,
    )


def _maximum(row: Row, capaciteit: int) -> int | None:
    """Optional hard ceiling in persons; the batch share ``capaciteit`` is then a soft target."""
    if not row.text("maximum", required=False):
        return None
    maximum = row.integer("maximum", domain=PERSONEN_GEMEENTE)
    if maximum < capaciteit:
        raise row.problem("maximum", f"maximum {maximum} ligt onder de capaciteit {capaciteit}")
    return maximum


def _woningen(row: Row) -> tuple[int, int, int, int] | None:
    ingevuld = [veld for veld in WONING_KOLOMMEN if row.text(veld, required=False)]
    if not ingevuld:
        return None
    if len(ingevuld) != len(WONING_KOLOMMEN):
        ontbreekt = next(veld for veld in WONING_KOLOMMEN if veld not in ingevuld)
        raise row.problem(ontbreekt, "vul alle woningkolommen in, of geen")
    a, b, c, d = (row.integer(veld, domain=WONINGEN) for veld in WONING_KOLOMMEN)
    return (a, b, c, d)


@dataclass(frozen=True)
class Vraagtabel:
    """Labour demand per (arbeidsmarktregio, sector) as read, with the row of every key."""

    bestand: str
    waarden: dict[tuple[str, str], float]
    rijen: dict[tuple[str, str], int]

    @property
    def regios(self) -> set[str]:
        """The labour-market regions the file names."""
        return {regio for regio, _ in self.waarden}

    def gecontroleerd(self, bekend: Collection[str]) -> dict[tuple[str, str], float]:
        """The demand, once every region it names is one of ``bekend`` (else an error per row)."""
        problemen = [
            Problem(
                unknown_message("arbeidsmarktregio", regio, bekend), self.bestand, rij, "arbeidsmarktregio"
            )
            for (regio, _), rij in self.rijen.items()
            if regio not in bekend
        ]
        if problemen:
            raise InputError(problemen)
        return self.waarden


def lees_vraag(path: Path | str) -> Vraagtabel:
    """Labour demand per (arbeidsmarktregio, sector), each in [0, 1]; a key may occur once."""
    rows = read_table(path, required=VRAAG_KOLOMMEN)
    paren = _alle(
        rows,
        lambda r: (
            (r.text("arbeidsmarktregio", limit=NAAM), r.text("sector", limit=NAAM)),
            r.number("vraag", domain=FRACTIE),
        ),
    )
    _uniek(str(path), [(line, sleutel) for line, (sleutel, _) in paren], "sector")
    return Vraagtabel(
        str(path), {sleutel: w for _, (sleutel, w) in paren}, {sleutel: line for line, (sleutel, _) in paren}
    )


def lees_regios(path: Path | str, bekend: Mapping[str, Gemeente]) -> dict[str, str]:
    """A user's mapping gemeentecode → regio (e.g. COA's regions); a municipality may occur once."""
    rows = read_table(path, required=("gemeentecode", "regio"))
    zoeker = Gemeentezoeker(bekend)
    paren = _alle(rows, lambda r: (_gemeente(r, "gemeentecode", zoeker) or "", r.text("regio", limit=NAAM)))
    _uniek(str(path), [(line, code) for line, (code, _) in paren], "gemeentecode")
    return {code: regio for _, (code, regio) in paren}


def regio_indeling(
    gemeenten: Sequence[Gemeente], soort: RegioSoort, bestand: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Region of every municipality for the chosen kind; a missing kind is an explicit error."""
    if soort is RegioSoort.provincie:
        return {g.code: g.provincie for g in gemeenten}
    if soort is RegioSoort.bestand:
        if bestand is None:
            raise InputError(Problem("regiosoort 'bestand' vraagt om een regiobestand", field="regiobestand"))
        return _volledig(gemeenten, bestand, "het regiobestand")
    bekend = {g.code: g.arbeidsmarktregio for g in gemeenten if g.arbeidsmarktregio}
    return _volledig(gemeenten, bekend, "de gemeentelijst (arbeidsmarktregio; geef anders een regiobestand)")


def _volledig(gemeenten: Sequence[Gemeente], indeling: Mapping[str, str], bron: str) -> dict[str, str]:
    ontbreekt = [f"{g.code} {g.naam}" for g in gemeenten if g.code not in indeling]
    if ontbreekt:
        voorbeeld = ", ".join(ontbreekt[:5])
        raise InputError(Problem(f"geen regio voor {len(ontbreekt)} gemeenten ({voorbeeld}) in {bron}"))
    return {g.code: indeling[g.code] for g in gemeenten}


def locaties(gemeenten: Sequence[Gemeente], regio: Mapping[str, str]) -> dict[str, Locatie]:
    """Every known municipality as a possible reception location."""
    return {g.code: Locatie(g.code, regio[g.code], g.latitude, g.longitude) for g in gemeenten}


def lees_uitkomsten(
    path: Path, bekend: Mapping[str, Gemeente], regios: Collection[str]
) -> tuple[list[Huishouden], list[str], list[int]]:
    """Historical outcomes: the households file's columns plus ``geplaatst`` (the municipality the
    household was housed in) and ``uitkomst`` (1: the good outcome, e.g. in work after two years)."""
    zoeker = Gemeentezoeker(bekend)
    huishoudens, _ = lees_huishoudens(path, bekend, regios)
    rows = read_table(path, required=("geplaatst", "uitkomst"))
    paren = _alle(
        rows,
        lambda row: (_gemeente(row, "geplaatst", zoeker), row.integer("uitkomst", domain=UITKOMST)),
    )
    return huishoudens, [str(code) for _, (code, _) in paren], [u for _, (_, u) in paren]


def schrijf_instantie(instantie: Instantie, map_: Path) -> list[Path]:
    """Write huishoudens.csv, capaciteit.csv and arbeidsmarkt.csv (marked SYNTHETIC if so) into
    ``map_``, made when new."""
    maak_map(map_)
    label = "ja" if instantie.synthetisch else ""
    paden = [map_ / "huishoudens.csv", map_ / "capaciteit.csv", map_ / "arbeidsmarkt.csv"]
    write_csv(paden[0], [_huishouden_record(h, label) for h in instantie.huishoudens], HUISHOUDEN_KOLOMMEN)
    write_csv(paden[1], [capaciteit_record(g, label) for g in instantie.gemeenten], CAPACITEIT_KOLOMMEN)
    vraag = [
        {"arbeidsmarktregio": r, "sector": s, "vraag": v} for (r, s), v in sorted(instantie.vraag.items())
    ]
    write_csv(paden[2], vraag, VRAAG_KOLOMMEN)
    return paden


def _huishouden_record(h: Huishouden, label: str) -> dict[str, object]:
    return {
        "huishouden_id": h.id, "volwassenen": len(h.volwassenen), "kinderen": h.kinderen,
        "opleidingen": LIJST.join(a.opleiding.value for a in h.volwassenen),
        "sectoren": LIJST.join(a.sector for a in h.volwassenen), "opvang_gemeente": h.opvang_gemeente,
        "binding_gemeente": h.binding_gemeente or "", "binding": h.binding.value if h.binding else "",
        "netwerk_gemeenten": LIJST.join(sorted(h.netwerk_gemeenten)), "zorg": h.zorg or "",
        "voorkeur_regio": h.voorkeur_regio or "", "synthetisch": label,
    }  # fmt: skip


def capaciteit_record(g: GemeenteCapaciteit, label: str = "") -> dict[str, object]:
    """A municipality of a run as one row of ``capaciteit.csv`` (also how a run stores it)."""
    woningen = dict(zip(WONING_KOLOMMEN, g.woningen or ("",) * 4, strict=True))
    return {
        "gemeentecode": g.code, "gemeentenaam": g.naam, "capaciteit": g.capaciteit, **woningen,
        "zorg": LIJST.join(sorted(g.zorg)), "onderwijs": LIJST.join(sorted(g.onderwijs)),
        "arbeidsmarktregio": g.arbeidsmarktregio or "", "maximum": "" if g.maximum is None else g.maximum,
        "synthetisch": label,
    }  # fmt: skip
