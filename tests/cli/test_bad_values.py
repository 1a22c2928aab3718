"""Issue 8, as a user meets it: every bad value of the issue fed to its command through the installed
``doorstroom`` program. Each must exit 2 with a message naming the field, print no traceback, and
change nothing: no rows stored, no output file written.

The individual rules are tested where they live; this table keeps the issue's list in one place so
a regression in any command shows up here.
"""

from __future__ import annotations

import sqlite3
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.cli.test_console_script import assert_clean, run

GEMEENTEN_KOP = "gemeentecode,gemeentenaam,provincie,inwoners\n"
KOPPELING_KOP = "gemeentecode,huishouden_ref,personen,koppeldatum\n"
HUISHOUDENS_KOP = (
    "huishouden_id,volwassenen,kinderen,opleidingen,sectoren,opvang_gemeente,binding_gemeente,"
    "binding,netwerk_gemeenten,zorg,voorkeur_regio\n"
)


@dataclass(frozen=True)
class Geval:
    """A command with one bad value, and the field its message must name."""

    naam: str
    args: Callable[[Path], tuple[str, ...]]
    veld: str


def _bestand(naam: str, tekst: str) -> Callable[[Path], Path]:
    def maak(map_: Path) -> Path:
        path = map_ / naam
        path.write_text(tekst, encoding="utf-8")
        return path

    return maak


def _werkboek(map_: Path, rijen: list[list[object]], naam: str = "realisatie.xlsx") -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Realisatie"
    for rij in rijen:
        sheet.append(rij)
    path = map_ / naam
    workbook.save(path)
    return path


def _kapot_werkboek(map_: Path) -> Path:
    goed = _werkboek(map_, [["gemeentecode", "maand", "gehuisvest"], ["GM0344", "2026-01", 3]], "goed.xlsx")
    kapot = map_ / "kapot.xlsx"
    with zipfile.ZipFile(goed) as bron, zipfile.ZipFile(kapot, "w") as doel:
        for item in bron.infolist():
            data = bron.read(item.filename)
            doel.writestr(item, data[: len(data) // 2] if item.filename.endswith("sheet1.xml") else data)
    return kapot


def _import(soort: str, maak: Callable[[Path], Path]) -> Callable[[Path], tuple[str, ...]]:
    return lambda map_: ("taakstelling", "importeer", soort, str(maak(map_)))


def _csv(kop: str, *rijen: str) -> Callable[[Path], Path]:
    naam = f"{kop.split(',')[0]}-{zlib.crc32(''.join(rijen).encode()):08x}.csv"
    return _bestand(naam, "\n".join((kop, *rijen)) + "\n")


def _advies(huishouden: str, *extra: tuple[str, Callable[[Path], Path]]) -> Callable[[Path], tuple[str, ...]]:
    """``koppeling advies`` on one household, with extra options whose value is a file made here."""
    huishoudens = _bestand("h.csv", HUISHOUDENS_KOP + huishouden + "\n")

    def args(map_: Path) -> tuple[str, ...]:
        opties = [deel for optie, bestand in extra for deel in (optie, str(bestand(map_)))]
        return ("koppeling", "advies", "--huishoudens", str(huishoudens(map_)), *opties, "--out", "uit.csv")

    return args


def _vaststellen(totaal: str) -> Callable[[Path], tuple[str, ...]]:
    return lambda _: ("taakstelling", "vaststellen", "-p", "2025-2", "-t", totaal)


def _args(*args: str) -> Callable[[Path], tuple[str, ...]]:
    return lambda _: args


REALISATIE = "gemeentecode,maand,gehuisvest"
EEN = "H1,2,0,,,GM0344,,,,,"
SCENARIO = _bestand(
    "s.toml", '[scenario]\nbasis = "standaard"\n[parameters.ind_doorlooptijd]\nwaarde = inf\n'
)
DUBBELE_REGIO = _csv("gemeentecode,regio", "GM0344,A", "GM0344,B")
DUBBELE_VRAAG = _csv("arbeidsmarktregio,sector,vraag", "Midden-Utrecht,zorg,0.5", "Midden-Utrecht,zorg,0.7")

GEVALLEN = [
    Geval("totaal 1e20", _vaststellen("1" + "0" * 20), "--totaal"),
    Geval("totaal superscript", _vaststellen("²"), "--totaal"),
    Geval(
        "realisatie 1e10", _import("realisatie", _csv(REALISATIE, "GM0344,2026-01,10000000000")), "gehuisvest"
    ),
    Geval("realisatie 1e308", _import("realisatie", _csv(REALISATIE, "GM0344,2026-01,1e308")), "gehuisvest"),
    Geval(
        "koppeling personen 1e20",
        _import("koppelingen", _csv(KOPPELING_KOP.strip(), f"GM0344,H-1,{10**20},2026-01-05")),
        "personen",
    ),
    Geval(
        "referentie langer dan 40",
        _import("koppelingen", _csv(KOPPELING_KOP.strip(), f"GM0344,{'R' * 41},2,2026-01-05")),
        "huishouden_ref",
    ),
    Geval(
        "NUL in referentie",
        _import("koppelingen", _csv(KOPPELING_KOP.strip(), "GM0344,H-\x001,2,2026-01-05")),
        "huishouden_ref",
    ),
    Geval(
        "Arabisch-Indische cijfers in code",
        _import("koppelingen", _csv(KOPPELING_KOP.strip(), "GM١٢٣٤,H-1,2,2026-01-05")),
        "gemeentecode",
    ),
    Geval(
        "tekst in getalcel (xlsx)",
        _import("realisatie", lambda m: _werkboek(m, [REALISATIE.split(","), ["GM0344", "2026-01", "veel"]])),
        "gehuisvest",
    ),
    Geval("kapotte werkblad-XML", _import("realisatie", _kapot_werkboek), "Realisatie"),
    Geval(
        "gemeentelijst 1e20 inwoners",
        lambda m: (
            "gemeenten",
            "vergelijk",
            str(_csv(GEMEENTEN_KOP.strip(), f"GM0344,Utrecht,Utrecht,{10**20}")(m)),
        ),
        "inwoners",
    ),
    Geval("1e8 kinderen", _advies("H1,2,100000000,,,GM0344,,,,,"), "kinderen"),
    Geval("opvanggemeente superscript", _advies("H1,2,0,,,²,,,,,"), "opvang_gemeente"),
    Geval("voorkeursregio onbekend", _advies("H1,2,0,,,GM0344,,,,,Friesland"), "voorkeur_regio"),
    Geval(
        "regiobestand met dubbele code",
        _advies(EEN, ("--regio", lambda _: Path("bestand")), ("--regiobestand", DUBBELE_REGIO)),
        "gemeentecode",
    ),
    Geval(
        "arbeidsmarkt met dubbele sleutel",
        _advies(EEN, ("--arbeidsmarkt", DUBBELE_VRAAG)),
        "komt dubbel voor: rij 2 en rij 3",
    ),
    Geval("door langer dan 100", _args("koppeling", "beoordeel", "1", "H-1", "--door", "x" * 101), "--door"),
    Geval("seed -1", _args("prognose", "bereken", "--seed", "-1", "--out", "uit"), "--seed"),
    Geval(
        "sweep 1e308 en nan",
        _args("prognose", "sweep", "--varieer", "taakstelling=1e308,nan", "--out", "uit.csv"),
        "taakstelling",
    ),
    Geval(
        "sweep zonder grens",
        _args("prognose", "sweep", "--varieer", "taakstelling=1:10:100000", "--out", "uit.csv"),
        "--varieer",
    ),
    Geval(
        "scenario inf",
        lambda m: ("prognose", "bereken", "--out", "uit", "--scenario", str(SCENARIO(m))),
        "ind_doorlooptijd",
    ),
]


def _rijen(database: Path) -> dict[str, int]:
    """Rows per table of the private SQLite store (audit lines excluded: refusing may be audited)."""
    with sqlite3.connect(database) as connection:
        tabellen = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
            for t in tabellen
            if t not in ("audit_log", "alembic_version")
        }


@pytest.fixture(scope="module")
def werkmap(tmp_path_factory: pytest.TempPathFactory) -> Path:
    place = tmp_path_factory.mktemp("slecht")
    assert_clean(run("db", "upgrade", cwd=place))
    return place


@pytest.mark.parametrize("geval", GEVALLEN, ids=lambda g: g.naam)
def test_a_bad_value_exits_2_names_the_field_and_changes_nothing(werkmap: Path, geval: Geval) -> None:
    voor = _rijen(werkmap / "data" / "doorstroom.db")
    result = run(*geval.args(werkmap), cwd=werkmap)
    assert_clean(result, 2)
    assert geval.veld in result.stderr, result.stderr
    assert _rijen(werkmap / "data" / "doorstroom.db") == voor
    assert not (werkmap / "uit.csv").exists() and not (werkmap / "uit").exists()
