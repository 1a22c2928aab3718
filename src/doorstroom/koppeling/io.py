"""Read and write the koppeling's tables: households, capacity, labour demand, region mapping.

Formats are described in ``docs/koppeling.md``. Every problem names file, row and field; reading
is all-or-nothing. Columns not listed here are ignored on purpose — in particular any column about
nationality, religion, ethnicity, country or language of origin never reaches the score.
Lists inside a cell are separated by ``|`` (CSV files may use ``,`` or ``;`` between cells).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path

from doorstroom.domains import FRACTIE, KINDEREN, PERSONEN_GEMEENTE, UITKOMST, VOLWASSENEN, WONINGEN
from doorstroom.errors import InputError, Problem
from doorstroom.koppeling.domain import (
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
from doorstroom.reference.domain import Gemeente
from doorstroom.taakstelling.verdeling import verdeel
from doorstroom.tabular import Row, parse_rows, read_table, write_csv

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


def lees_huishoudens(path: Path | str, bekend: Mapping[str, Gemeente]) -> tuple[list[Huishouden], bool]:
    """Households from CSV/XLSX, and whether the file is marked SYNTHETIC."""
    rows = read_table(path, required=(*HUISHOUDEN_KOLOMMEN[:3], "opvang_gemeente"))
    huishoudens = parse_rows(rows, lambda row: _huishouden(row, bekend))
    _uniek(str(path), [h.id for h in huishoudens], "huishouden_id")
    return huishoudens, _synthetisch(rows)


def _huishouden(row: Row, bekend: Mapping[str, Gemeente]) -> Huishouden:
    volwassenen = row.integer("volwassenen", domain=VOLWASSENEN)
    binding_gemeente = _gemeentecode(row, "binding_gemeente", bekend, required=False)
    binding = _keuze(row, "binding", HardeBinding)
    if (binding is None) != (binding_gemeente is None):
        raise row.problem("binding", "binding en binding_gemeente horen samen ingevuld te zijn")
    return Huishouden(
        id=row.text("huishouden_id"),
        volwassenen=_volwassenen(row, volwassenen),
        kinderen=row.integer("kinderen", domain=KINDEREN),
        opvang_gemeente=_gemeentecode(row, "opvang_gemeente", bekend) or "",
        binding_gemeente=binding_gemeente,
        binding=binding,
        netwerk_gemeenten=frozenset(_codes(row, "netwerk_gemeenten", bekend)),
        zorg=row.text("zorg", required=False) or None,
        voorkeur_regio=row.text("voorkeur_regio", required=False) or None,
    )


def _volwassenen(row: Row, aantal: int) -> tuple[Volwassene, ...]:
    """One entry per adult; empty lists mean 'unknown' (basis education, no sector)."""
    opleidingen = _lijst(row, "opleidingen") or [Opleiding.basis.value] * aantal
    sectoren = _lijst(row, "sectoren") or [GEEN_SECTOR] * aantal
    for field, waarden in (("opleidingen", opleidingen), ("sectoren", sectoren)):
        if len(waarden) != aantal:
            raise row.problem(field, f"{len(waarden)} waarden voor {aantal} volwassenen")
    onbekend = [w for w in opleidingen if w not in Opleiding.__members__]
    if onbekend:
        raise row.problem("opleidingen", f"onbekend niveau '{onbekend[0]}' (kies uit {', '.join(Opleiding)})")
    return tuple(
        Volwassene(Opleiding(o), s or GEEN_SECTOR) for o, s in zip(opleidingen, sectoren, strict=True)
    )


def _lijst(row: Row, field: str) -> list[str]:
    text = row.text(field, required=False)
    return [part.strip() for part in text.split(LIJST)] if text else []


def _keuze(row: Row, field: str, soort: type[HardeBinding]) -> HardeBinding | None:
    text = row.text(field, required=False)
    if not text:
        return None
    if text not in soort.__members__:
        raise row.problem(field, f"onbekende waarde '{text}' (kies uit {', '.join(soort)})")
    return soort(text)


def _gemeentecode(
    row: Row, field: str, bekend: Mapping[str, Gemeente], *, required: bool = True
) -> str | None:
    code = row.text(field, required=required).upper()
    if not code:
        return None
    if code.isdigit():
        code = f"GM{int(code):04d}"
    if code not in bekend:
        raise row.problem(field, f"onbekende gemeentecode '{code}'")
    return code


def _codes(row: Row, field: str, bekend: Mapping[str, Gemeente]) -> list[str]:
    codes = [c.upper() for c in _lijst(row, field)]
    onbekend = [c for c in codes if c not in bekend]
    if onbekend:
        raise row.problem(field, f"onbekende gemeentecode '{onbekend[0]}'")
    return codes


def _uniek(file: str, waarden: Sequence[str], field: str) -> None:
    gezien: set[str] = set()
    problemen = []
    for row, waarde in enumerate(waarden, start=2):
        if waarde in gezien:
            problemen.append(Problem(f"'{waarde}' komt dubbel voor", file, row, field))
        gezien.add(waarde)
    if problemen:
        raise InputError(problemen)


def _synthetisch(rows: Sequence[Row]) -> bool:
    return any(row.values.get("synthetisch", "").strip().lower() in ("ja", "true", "1") for row in rows)


def lees_capaciteit(
    path: Path | str, bekend: Mapping[str, Gemeente], regio: Mapping[str, str]
) -> tuple[list[GemeenteCapaciteit], bool]:
    """Capacity per municipality (persons, dwellings per class, care, education)."""
    rows = read_table(path, required=("gemeentecode", "capaciteit"))
    gemeenten = parse_rows(rows, lambda row: _capaciteit(row, bekend, regio))
    _uniek(str(path), [g.code for g in gemeenten], "gemeentecode")
    return gemeenten, _synthetisch(rows)


def _capaciteit(row: Row, bekend: Mapping[str, Gemeente], regio: Mapping[str, str]) -> GemeenteCapaciteit:
    code = _gemeentecode(row, "gemeentecode", bekend) or ""
    gemeente = bekend[code]
    arbeidsmarktregio = row.text("arbeidsmarktregio", required=False) or gemeente.arbeidsmarktregio
    capaciteit = row.integer("capaciteit", domain=PERSONEN_GEMEENTE)
    return GemeenteCapaciteit(
        code=code,
        naam=gemeente.naam,
        capaciteit=capaciteit,
        maximum=_maximum(row, capaciteit),
        regio=regio[code],
        arbeidsmarktregio=arbeidsmarktregio or gemeente.provincie,
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
    ingevuld = [field for field in WONING_KOLOMMEN if row.text(field, required=False)]
    if not ingevuld:
        return None
    if len(ingevuld) != len(WONING_KOLOMMEN):
        ontbreekt = next(field for field in WONING_KOLOMMEN if field not in ingevuld)
        raise row.problem(ontbreekt, "vul alle woningkolommen in, of geen")
    a, b, c, d = (row.integer(field, domain=WONINGEN) for field in WONING_KOLOMMEN)
    return (a, b, c, d)


def lees_vraag(path: Path | str) -> dict[tuple[str, str], float]:
    """Labour demand per (arbeidsmarktregio, sector), each in [0, 1]."""
    rows = read_table(path, required=VRAAG_KOLOMMEN)
    paren = parse_rows(
        rows,
        lambda r: ((r.text("arbeidsmarktregio"), r.text("sector")), r.number("vraag", domain=FRACTIE)),
    )
    return dict(paren)


def lees_regios(path: Path | str, bekend: Mapping[str, Gemeente]) -> dict[str, str]:
    """A user's mapping gemeentecode → regio (e.g. COA's regions)."""
    rows = read_table(path, required=("gemeentecode", "regio"))
    paren = parse_rows(rows, lambda r: (_gemeentecode(r, "gemeentecode", bekend) or "", r.text("regio")))
    return dict(paren)


def regio_indeling(
    gemeenten: Sequence[Gemeente], soort: RegioSoort, bestand: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Region of every municipality for the chosen kind; a missing kind is an explicit error."""
    if soort is RegioSoort.provincie:
        return {g.code: g.provincie for g in gemeenten}
    if soort is RegioSoort.bestand:
        if bestand is None:
            raise InputError(Problem("regiosoort 'bestand' vraagt om --regiobestand", field="--regiobestand"))
        return _volledig(gemeenten, bestand, "het regiobestand")
    bekend = {g.code: g.arbeidsmarktregio for g in gemeenten if g.arbeidsmarktregio}
    return _volledig(gemeenten, bekend, "de gemeentelijst (arbeidsmarktregio; geef anders --regiobestand)")


def _volledig(gemeenten: Sequence[Gemeente], indeling: Mapping[str, str], bron: str) -> dict[str, str]:
    ontbreekt = [g.code for g in gemeenten if g.code not in indeling]
    if ontbreekt:
        voorbeeld = ", ".join(ontbreekt[:5])
        raise InputError(Problem(f"geen regio voor {len(ontbreekt)} gemeenten ({voorbeeld}) in {bron}"))
    return {g.code: indeling[g.code] for g in gemeenten}


def locaties(gemeenten: Sequence[Gemeente], regio: Mapping[str, str]) -> dict[str, Locatie]:
    """Every known municipality as a possible reception location."""
    return {g.code: Locatie(g.code, regio[g.code], g.latitude, g.longitude) for g in gemeenten}


def lees_uitkomsten(
    path: Path, bekend: Mapping[str, Gemeente]
) -> tuple[list[Huishouden], list[str], list[int]]:
    """Historical outcomes: the households file's columns plus ``geplaatst`` (the municipality the
    household was housed in) and ``uitkomst`` (1: the good outcome, e.g. in work after two years)."""
    huishoudens, _ = lees_huishoudens(path, bekend)
    rows = read_table(path, required=("geplaatst", "uitkomst"))
    paren = parse_rows(
        rows, lambda row: (_gemeentecode(row, "geplaatst", bekend), row.integer("uitkomst", domain=UITKOMST))
    )
    fout = [
        Problem("0 of 1", str(path), row.line, "uitkomst")
        for row, (_, u) in zip(rows, paren, strict=True)
        if u > 1
    ]
    if fout:
        raise InputError(fout)
    return huishoudens, [str(code) for code, _ in paren], [u for _, u in paren]


def standaard_capaciteit(
    gemeenten: Sequence[Gemeente],
    huishoudens: Sequence[Huishouden],
    regio: Mapping[str, str],
    ruimte: float = 1.03,
) -> list[GemeenteCapaciteit]:
    """Fallback capacity: this batch's persons (plus ``ruimte``) split by population.

    Huisvestingswet 2014 art. 28: the key of the taakstelling is population. Used when no capacity
    file is given; the remaining corrected taakstelling per municipality is better input.
    """
    personen = round(sum(h.grootte for h in huishoudens) * ruimte)
    aantallen = verdeel(personen, {g.code: g.inwoners for g in gemeenten}).aantallen
    return [
        GemeenteCapaciteit(
            g.code, g.naam, aantallen[g.code], regio[g.code], g.arbeidsmarktregio or g.provincie,
            latitude=g.latitude, longitude=g.longitude,
        )
        for g in gemeenten
    ]  # fmt: skip


def capaciteit_uit_taakstelling(
    gemeenten: Sequence[Gemeente],
    resterend: Mapping[str, int],
    aandeel: float,
    regio: Mapping[str, str],
) -> list[GemeenteCapaciteit]:
    """Capacity for a batch: the remaining corrected taakstelling, pro-rated to the batch.

    A batch covering ``aandeel`` of what is left of the period may use that share of every
    municipality's remaining quota, so early batches do not exhaust the best places. The national
    batch capacity ``ceil(aandeel · Σ resterend)`` is split over municipalities in proportion to
    what each still has to house, in whole persons (Hamilton, as the taakstelling itself).
    That share is a soft target: the hard ``maximum`` is the whole remaining quota, and persons
    above the share cost ``Beleid.overschrijding_boete`` each.
    """
    if not 0.0 < aandeel <= 1.0:
        raise InputError(Problem(f"{aandeel:g} ligt niet in (0, 1]", field="--aandeel"))
    sleutel = {g.code: max(resterend.get(g.code, 0), 0) for g in gemeenten}
    totaal = math.ceil(aandeel * sum(sleutel.values()) - 1e-9)
    aantallen = verdeel(totaal, sleutel).aantallen if totaal > 0 else dict.fromkeys(sleutel, 0)
    return [
        GemeenteCapaciteit(
            g.code, g.naam, aantallen[g.code], regio[g.code], g.arbeidsmarktregio or g.provincie,
            latitude=g.latitude, longitude=g.longitude,
            maximum=max(sleutel[g.code], aantallen[g.code]),
        )
        for g in gemeenten
    ]  # fmt: skip


def schrijf_instantie(instantie: Instantie, map_: Path) -> list[Path]:
    """Write huishoudens.csv, capaciteit.csv and arbeidsmarkt.csv (marked SYNTHETIC if so)."""
    if not map_.is_dir():
        raise InputError(Problem("map bestaat niet", file=str(map_)))
    label = "ja" if instantie.synthetisch else ""
    paden = [map_ / "huishoudens.csv", map_ / "capaciteit.csv", map_ / "arbeidsmarkt.csv"]
    write_csv(paden[0], [_huishouden_record(h, label) for h in instantie.huishoudens], HUISHOUDEN_KOLOMMEN)
    write_csv(paden[1], [_capaciteit_record(g, label) for g in instantie.gemeenten], CAPACITEIT_KOLOMMEN)
    vraag = [
        {"arbeidsmarktregio": r, "sector": s, "vraag": v} for (r, s), v in sorted(instantie.vraag.items())
    ]
    write_csv(paden[2], vraag, VRAAG_KOLOMMEN)
    return paden


def _huishouden_record(h: Huishouden, label: str) -> dict[str, object]:
    return {
        "huishouden_id": h.id,
        "volwassenen": len(h.volwassenen),
        "kinderen": h.kinderen,
        "opleidingen": LIJST.join(a.opleiding.value for a in h.volwassenen),
        "sectoren": LIJST.join(a.sector for a in h.volwassenen),
        "opvang_gemeente": h.opvang_gemeente,
        "binding_gemeente": h.binding_gemeente or "",
        "binding": h.binding.value if h.binding else "",
        "netwerk_gemeenten": LIJST.join(sorted(h.netwerk_gemeenten)),
        "zorg": h.zorg or "",
        "voorkeur_regio": h.voorkeur_regio or "",
        "synthetisch": label,
    }


def _capaciteit_record(g: GemeenteCapaciteit, label: str) -> dict[str, object]:
    woningen = dict(zip(WONING_KOLOMMEN, g.woningen or ("",) * 4, strict=True))
    return {
        "gemeentecode": g.code,
        "gemeentenaam": g.naam,
        "capaciteit": g.capaciteit,
        **woningen,
        "zorg": LIJST.join(sorted(g.zorg)),
        "onderwijs": LIJST.join(sorted(g.onderwijs)),
        "arbeidsmarktregio": g.arbeidsmarktregio or "",
        "maximum": "" if g.maximum is None else g.maximum,
        "synthetisch": label,
    }
