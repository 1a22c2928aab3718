"""Read scenario TOML files, checking every key; every mistake names the file and the key path.

A scenario file has the sections ``[scenario]``, ``[seizoen]``, ``[doelen]``,
``[parameters.NAME]`` and ``[[wijzigingen]]`` (see ``docs/prognose.md``). With
``basis = "standaard"`` in ``[scenario]`` a file only lists what differs from the shipped default
scenario; without it, every parameter must be given. All problems of a file are reported at once.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from doorstroom.errors import InputError, Problem
from doorstroom.prognose.scenario import (
    SPECS,
    Doelen,
    Parameter,
    Scenario,
    Soort,
    Verdeling,
    Wijziging,
)

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
SECTIONS = {"scenario", "seizoen", "doelen", "parameters", "wijzigingen"}
SCENARIO_KEYS = {"naam", "beschrijving", "start", "maanden", "basis"}
PARAMETER_KEYS = {"waarde", "eenheid", "verdeling", "laag", "hoog", "sd", "bron"}
CHANGE_KEYS = {"parameter", "vanaf_maand", "tot_maand", "factor", "plus", "waarde", "toelichting"}
DOEL_KEYS = {"wachtende_vergunninghouders", "uiterlijk_maand", "kans"}


def standaard_pad() -> Path:
    """Path of the documented default scenario shipped in the package."""
    return Path(str(resources.files("doorstroom.prognose") / "defaults" / "standaard.toml"))


@lru_cache(maxsize=1)
def standaard() -> Scenario:
    """The default scenario (``defaults/standaard.toml``)."""
    return laad(standaard_pad())


def laad(path: Path | str) -> Scenario:
    """Read and validate a scenario file; raise one InputError with every problem found."""
    path = Path(path)
    if not path.is_file():
        raise InputError(Problem("bestand niet gevonden", file=str(path)))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputError(Problem(f"onleesbare TOML: {error}", file=str(path))) from None
    return lees(data, file=str(path))


def lees(data: Mapping[str, Any], *, file: str | None = None) -> Scenario:
    """Build a scenario from parsed TOML data (``file`` is only used in messages)."""
    check = _Checker(file)
    check.keys(data, SECTIONS, "")
    head = check.table(data, "scenario")
    check.keys(head, SCENARIO_KEYS, "scenario")
    base = _base(check, head)
    season, season_source = _season(check, check.table(data, "seizoen"), base)
    scenario = Scenario(
        naam=check.text(head, "naam", "scenario", default=base.naam if base else "scenario"),
        start=_start(check, head, base),
        maanden=_months(check, head, base),
        parameters=_parameters(check, check.table(data, "parameters"), base),
        seizoen=season,
        seizoen_bron=season_source,
        wijzigingen=_changes(check, data.get("wijzigingen", [])),
        doelen=_goals(check, check.table(data, "doelen"), base),
        beschrijving=check.text(head, "beschrijving", "scenario", default=""),
    )
    check.raise_if_any()
    return scenario


@dataclass
class _Checker:
    """Collects problems while reading, so a user sees all of them at once."""

    file: str | None
    problems: list[Problem] = field(default_factory=list)

    def add(self, key: str, message: str) -> None:
        self.problems.append(Problem(message, file=self.file, field=key))

    def raise_if_any(self) -> None:
        if self.problems:
            raise InputError(self.problems)

    def keys(self, table: Mapping[str, Any], allowed: set[str], where: str) -> None:
        for key in table:
            if key not in allowed:
                self.add(_join(where, key), f"onbekende sleutel; toegestaan: {', '.join(sorted(allowed))}")

    def table(self, data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
        value = data.get(key, {})
        if not isinstance(value, dict):
            self.add(key, "moet een tabel zijn")
            return {}
        return value

    def text(self, table: Mapping[str, Any], key: str, where: str, default: str) -> str:
        value = table.get(key, default)
        if not isinstance(value, str):
            self.add(_join(where, key), "moet tekst zijn")
            return default
        return value

    def number(self, table: Mapping[str, Any], key: str, where: str) -> float | None:
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.add(_join(where, key), f"'{value}' is geen getal")
            return None
        return float(value)

    def valid(self, soort: Soort, value: float | None, key: str) -> None:
        if value is None:
            return
        if soort is Soort.kans and not 0.0 <= value <= 1.0:
            self.add(key, f"{value:g} is een kans of aandeel en moet tussen 0 en 1 liggen")
        elif soort is Soort.duur and value <= 0.0:
            self.add(key, f"{value:g} is een duur en moet groter dan 0 zijn")
        elif value < 0.0:
            self.add(key, f"{value:g} is negatief; een {soort.value} kan niet negatief zijn")


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _base(check: _Checker, head: Mapping[str, Any]) -> Scenario | None:
    name = head.get("basis")
    if name is None:
        return None
    if name != "standaard":
        check.add("scenario.basis", f"onbekende basis '{name}'; alleen 'standaard' bestaat")
        return None
    return standaard()


def _start(check: _Checker, head: Mapping[str, Any], base: Scenario | None) -> str:
    start = check.text(head, "start", "scenario", default=base.start if base else "")
    if not MONTH.match(start):
        check.add("scenario.start", f"'{start}' is geen maand; schrijf bijvoorbeeld 2026-01")
        return "2026-01"
    return start


def _months(check: _Checker, head: Mapping[str, Any], base: Scenario | None) -> int:
    value = head.get("maanden", base.maanden if base else 36)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 240:
        check.add("scenario.maanden", f"'{value}' moet een geheel aantal maanden van 1 t/m 240 zijn")
        return 36
    return value


def _parameters(check: _Checker, table: Mapping[str, Any], base: Scenario | None) -> dict[str, Parameter]:
    result = dict(base.parameters) if base else {}
    for name, raw in table.items():
        if name not in SPECS:
            check.add(f"parameters.{name}", "onbekende parameter")
        elif not isinstance(raw, dict):
            check.add(f"parameters.{name}", "moet een tabel zijn (waarde, eenheid, verdeling, bron)")
        else:
            result[name] = _parameter(check, name, raw)
    for name in SPECS:
        if name not in result:
            check.add(f"parameters.{name}", 'parameter ontbreekt (of zet basis = "standaard")')
    return result


def _parameter(check: _Checker, name: str, raw: Mapping[str, Any]) -> Parameter:
    where = f"parameters.{name}"
    check.keys(raw, PARAMETER_KEYS, where)
    spec = SPECS[name]
    values = {key: check.number(raw, key, where) for key in ("waarde", "laag", "hoog", "sd")}
    for key in ("waarde", "laag", "hoog"):
        check.valid(spec.soort, values[key], f"{where}.{key}")
    if values["waarde"] is None:
        check.add(f"{where}.waarde", "waarde ontbreekt")
    if name == "instroom_dispersie" and values["waarde"] is not None and values["waarde"] <= 0:
        check.add(f"{where}.waarde", "de dispersievorm moet groter dan 0 zijn")
    unit = raw.get("eenheid", spec.eenheid)
    if unit != spec.eenheid:
        check.add(f"{where}.eenheid", f"eenheid '{unit}' past niet; verwacht '{spec.eenheid}'")
    distribution = _distribution(check, raw, where, values)
    return Parameter(
        naam=name,
        waarde=values["waarde"] or 0.0,
        verdeling=distribution,
        laag=values["laag"],
        hoog=values["hoog"],
        sd=values["sd"],
        bron=check.text(raw, "bron", where, default="illustratief"),
    )


def _distribution(
    check: _Checker, raw: Mapping[str, Any], where: str, values: Mapping[str, float | None]
) -> Verdeling:
    name = raw.get("verdeling", "vast")
    if name not in Verdeling.__members__:
        check.add(f"{where}.verdeling", f"onbekende verdeling '{name}'; kies uit {', '.join(Verdeling)}")
        return Verdeling.vast
    distribution = Verdeling(name)
    if distribution in (Verdeling.uniform, Verdeling.driehoek):
        _check_range(check, where, values)
    if distribution in (Verdeling.normaal, Verdeling.lognormaal):
        sd = values["sd"]
        if sd is None or sd < 0:
            check.add(f"{where}.sd", f"verdeling '{name}' vraagt een sd van 0 of meer")
    return distribution


def _check_range(check: _Checker, where: str, values: Mapping[str, float | None]) -> None:
    low, high, central = values["laag"], values["hoog"], values["waarde"]
    if low is None or high is None:
        check.add(where, "deze verdeling vraagt laag en hoog")
    elif central is not None and not low <= central <= high:
        check.add(where, f"waarde {central:g} ligt niet tussen laag {low:g} en hoog {high:g}")


def _season(
    check: _Checker, table: Mapping[str, Any], base: Scenario | None
) -> tuple[tuple[float, ...], str]:
    check.keys(table, {"factoren", "bron"}, "seizoen")
    default = (base.seizoen, base.seizoen_bron) if base else ((1.0,) * 12, "geen seizoen")
    factors = table.get("factoren")
    if factors is None:
        return default
    ok = (
        isinstance(factors, list)
        and len(factors) == 12
        and all(isinstance(f, int | float) and not isinstance(f, bool) and f > 0 for f in factors)
    )
    if not ok:
        check.add("seizoen.factoren", "moet een lijst van 12 positieve getallen zijn (jan t/m dec)")
        return default
    return tuple(float(f) for f in factors), check.text(table, "bron", "seizoen", default[1])


def _goals(check: _Checker, table: Mapping[str, Any], base: Scenario | None) -> Doelen:
    check.keys(table, DOEL_KEYS, "doelen")
    default = base.doelen if base else Doelen()
    target = check.number(table, "wachtende_vergunninghouders", "doelen")
    month = table.get("uiterlijk_maand", default.uiterlijk_maand)
    kans = check.number(table, "kans", "doelen")
    check.valid(Soort.aantal, target, "doelen.wachtende_vergunninghouders")
    if kans is not None and not 0.0 < kans < 1.0:
        check.add("doelen.kans", f"{kans:g} moet tussen 0 en 1 liggen")
    if isinstance(month, bool) or not isinstance(month, int) or month < 1:
        check.add("doelen.uiterlijk_maand", f"'{month}' moet een maandnummer van 1 of meer zijn")
        month = default.uiterlijk_maand
    return Doelen(
        wachtende_vergunninghouders=default.wachtende_vergunninghouders if target is None else target,
        uiterlijk_maand=month,
        kans=default.kans if kans is None or not 0 < kans < 1 else kans,
    )


def _changes(check: _Checker, raw: Any) -> tuple[Wijziging, ...]:
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        check.add("wijzigingen", "schrijf wijzigingen als [[wijzigingen]]-tabellen")
        return ()
    return tuple(_change(check, item, f"wijzigingen[{n}]") for n, item in enumerate(raw, start=1))


def _change(check: _Checker, raw: Mapping[str, Any], where: str) -> Wijziging:
    check.keys(raw, CHANGE_KEYS, where)
    name = raw.get("parameter")
    if name not in SPECS:
        check.add(f"{where}.parameter", f"onbekende parameter '{name}'")
    elif str(name).startswith("begin_"):
        check.add(f"{where}.parameter", "een beginvoorraad verandert niet in de tijd")
    start, end = raw.get("vanaf_maand"), raw.get("tot_maand")
    if isinstance(start, bool) or not isinstance(start, int) or start < 1:
        check.add(f"{where}.vanaf_maand", f"'{start}' moet een maandnummer van 1 of meer zijn")
        start = 1
    if end is not None and (isinstance(end, bool) or not isinstance(end, int) or end < start):
        check.add(f"{where}.tot_maand", f"'{end}' moet een maandnummer vanaf {start} zijn")
        end = None
    amounts = {key: check.number(raw, key, where) for key in ("factor", "plus", "waarde")}
    _check_amounts(check, where, str(name), amounts)
    return Wijziging(
        parameter=str(name),
        vanaf_maand=start,
        tot_maand=end,
        toelichting=check.text(raw, "toelichting", where, default=""),
        **amounts,
    )


def _check_amounts(check: _Checker, where: str, name: str, amounts: Mapping[str, float | None]) -> None:
    given = [key for key, value in amounts.items() if value is not None]
    if len(given) != 1:
        check.add(where, "geef precies één van factor, plus of waarde")
    check.valid(Soort.factor, amounts["factor"], f"{where}.factor")
    if name in SPECS:
        check.valid(SPECS[name].soort, amounts["waarde"], f"{where}.waarde")
