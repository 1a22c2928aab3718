"""Read and write scenario TOML files; every mistake names the file and the key path.

A scenario file has the sections ``[scenario]``, ``[seizoen]``, ``[doelen]``,
``[parameters.NAME]``, ``[[wijzigingen]]`` and, when written by ``prognose kalibreer``,
``[[kalibratie]]`` (see ``docs/prognose.md``). With ``basis = "standaard"`` in ``[scenario]`` a
file only lists what differs from the default scenario built from published figures (for the
file's ``start`` if it gives one); without it, every parameter must be given. Types and unknown
keys are checked here (unknown names list the valid ones, closest first); every value's domain,
and the horizon of each change, by :mod:`~doorstroom.prognose.core.scenario_check`. All problems of a
file are reported at once.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import tomli_w

from doorstroom.platform.errors import InputError, Problem
from doorstroom.prognose.core import scenario_check
from doorstroom.prognose.core.scenario import (
    OPTIONEEL,
    SPECS,
    Doelen,
    Herkomst,
    Kalibratie,
    Parameter,
    Scenario,
    Verdeling,
    Wijziging,
)
from doorstroom.prognose.standaard import standaard
from doorstroom.values.domains import heeft_float
from doorstroom.values.suggest import unknown_message

SECTIONS = ("scenario", "seizoen", "doelen", "parameters", "wijzigingen", "kalibratie")
SCENARIO_KEYS = ("naam", "beschrijving", "start", "maanden", "basis")
PARAMETER_KEYS = (
    "waarde",
    "eenheid",
    "verdeling",
    "laag",
    "hoog",
    "sd",
    "bron",
    "herkomst",
    "datum",
    "spreiding",
    "vrijheidsgraden",
)
CHANGE_KEYS = ("parameter", "vanaf_maand", "tot_maand", "factor", "plus", "waarde", "toelichting")
DOEL_KEYS = ("wachtende_vergunninghouders", "uiterlijk_maand", "kans")
KALIBRATIE_KEYS = (
    "parameter",
    "waarde",
    "standaardfout",
    "bestand",
    "kolommen",
    "perioden",
    "waarnemingen",
    "methode",
)


def laad(path: Path | str) -> Scenario:
    """Read and validate a scenario file; raise one InputError with every problem found."""
    path = Path(path)
    if not path.is_file():
        raise InputError(Problem("bestand niet gevonden", file=str(path)))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputError(Problem(f"onleesbare TOML: {error}", file=str(path))) from None
    except OSError as error:
        raise InputError(Problem(f"bestand niet leesbaar: {error.strerror}", file=str(path))) from None
    return lees(data, file=str(path))


def lees(data: Mapping[str, Any], *, file: str | None = None) -> Scenario:
    """Build a scenario from parsed TOML data (``file`` is only used in messages)."""
    check = _Checker(file)
    check.keys(data, SECTIONS, "")
    head = check.table(data, "scenario")
    check.keys(head, SCENARIO_KEYS, "scenario")
    start = check.text(head, "start", "scenario", default="")
    base = _base(check, head, start)
    season, season_source = _season(check, check.table(data, "seizoen"), base)
    months = check.integer(head, "maanden", "scenario", default=base.maanden if base else 36)
    scenario = Scenario(
        naam=check.text(head, "naam", "scenario", default=base.naam if base else "scenario"),
        start=start or (base.start if base else ""),
        maanden=months,
        parameters=_parameters(check, check.table(data, "parameters"), base),
        seizoen=season,
        seizoen_bron=season_source,
        wijzigingen=(*_base_changes(base, months), *_changes(check, data.get("wijzigingen", []))),
        doelen=_goals(check, check.table(data, "doelen"), base, months),
        beschrijving=check.text(head, "beschrijving", "scenario", default=base.beschrijving if base else ""),
        kalibratie=(*(base.kalibratie if base else ()), *_calibration(check, data.get("kalibratie", []))),
    )
    check.raise_if_any()
    scenario_check.controleer(scenario, file=file)
    return scenario


@dataclass
class _Checker:
    """Collects type problems while reading, so a user sees all of them at once."""

    file: str | None
    problems: list[Problem] = field(default_factory=list)

    def add(self, key: str, message: str) -> None:
        self.problems.append(Problem(message, file=self.file, field=key))

    def raise_if_any(self) -> None:
        if self.problems:
            raise InputError(self.problems)

    def keys(self, table: Mapping[str, Any], allowed: tuple[str, ...], where: str) -> None:
        for key in table:
            if key not in allowed:
                self.add(_join(where, key), unknown_message("sleutel", key, allowed))

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
        if not heeft_float(value):  # an int beyond 1.8e308 (TOML and JSON allow any length)
            self.add(_join(where, key), "getal te groot (groter dan elk toegestaan getal)")
            return None
        return float(value)

    def integer(self, table: Mapping[str, Any], key: str, where: str, default: int) -> int:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(_join(where, key), f"'{value}' is geen geheel getal")
            return default
        return value

    def choice(
        self, table: Mapping[str, Any], key: str, where: str, options: tuple[str, ...], default: str
    ) -> str:
        value = table.get(key, default)
        if value not in options:
            self.add(_join(where, key), unknown_message(key, str(value), options))
            return default
        return str(value)


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _base(check: _Checker, head: Mapping[str, Any], start: str) -> Scenario | None:
    name = head.get("basis")
    if name is None:
        return None
    if name != "standaard":
        check.add("scenario.basis", unknown_message("basis", str(name), ("standaard",)))
        return None
    if start and not scenario_check.MONTH.match(start):
        return standaard()  # the start itself is reported by the domain check
    return standaard(start or None)


def _base_changes(base: Scenario | None, months: int) -> tuple[Wijziging, ...]:
    """The base's changes (the published taakstelling ahead) that fall inside the file's horizon;
    the file's own changes follow them, so they win where both set a value."""
    if base is None:
        return ()
    return tuple(
        replace(change, tot_maand=None if change.tot_maand is None else min(change.tot_maand, months))
        for change in base.wijzigingen
        if change.vanaf_maand <= months
    )


def _parameters(check: _Checker, table: Mapping[str, Any], base: Scenario | None) -> dict[str, Parameter]:
    result = dict(base.parameters) if base else {}
    for name, raw in table.items():
        if name not in SPECS:
            check.add(f"parameters.{name}", unknown_message("parameter", name, SPECS))
        elif not isinstance(raw, dict):
            check.add(f"parameters.{name}", "moet een tabel zijn (waarde, eenheid, verdeling, bron)")
        else:
            result[name] = _parameter(check, name, raw)
    for name in SPECS:
        if name not in result and name in OPTIONEEL:
            result[name] = OPTIONEEL[name]
        elif name not in result:
            check.add(f"parameters.{name}", 'parameter ontbreekt (of zet basis = "standaard")')
    return {name: result[name] for name in SPECS if name in result}


def _parameter(check: _Checker, name: str, raw: Mapping[str, Any]) -> Parameter:
    where = f"parameters.{name}"
    check.keys(raw, PARAMETER_KEYS, where)
    spec = SPECS[name]
    values = {
        key: check.number(raw, key, where) for key in ("waarde", "laag", "hoog", "sd", "vrijheidsgraden")
    }
    if values["waarde"] is None and "waarde" not in raw:
        check.add(f"{where}.waarde", "waarde ontbreekt")
    unit = raw.get("eenheid", spec.eenheid)
    if unit != spec.eenheid:
        check.add(f"{where}.eenheid", f"eenheid '{unit}' past niet; verwacht '{spec.eenheid}'")
    origins = tuple(Herkomst)
    spread = raw.get("spreiding")
    return Parameter(
        naam=name,
        waarde=values["waarde"] if values["waarde"] is not None else 0.0,
        verdeling=Verdeling(check.choice(raw, "verdeling", where, tuple(Verdeling), "vast")),
        laag=values["laag"],
        hoog=values["hoog"],
        sd=values["sd"],
        bron=check.text(raw, "bron", where, default=""),
        herkomst=Herkomst(check.choice(raw, "herkomst", where, origins, "oordeel")),
        datum=check.text(raw, "datum", where, default=""),
        spreiding=None
        if spread is None
        else Herkomst(check.choice(raw, "spreiding", where, origins, "oordeel")),
        vrijheidsgraden=values["vrijheidsgraden"],
    )


def _season(
    check: _Checker, table: Mapping[str, Any], base: Scenario | None
) -> tuple[tuple[float, ...], str]:
    check.keys(table, ("factoren", "bron"), "seizoen")
    default = (base.seizoen, base.seizoen_bron) if base else ((1.0,) * 12, "geen seizoen")
    factors = table.get("factoren")
    if factors is None:
        return default
    numbers = isinstance(factors, list) and all(
        isinstance(f, int | float) and not isinstance(f, bool) for f in factors
    )
    if not numbers:
        check.add("seizoen.factoren", "moet een lijst van 12 getallen zijn (jan t/m dec)")
        return default
    return tuple(float(f) for f in factors), check.text(table, "bron", "seizoen", default[1])


def _goals(check: _Checker, table: Mapping[str, Any], base: Scenario | None, months: int) -> Doelen:
    """The file's targets; an inherited target month is brought within the file's horizon."""
    check.keys(table, DOEL_KEYS, "doelen")
    default = base.doelen if base else Doelen()
    default = replace(default, uiterlijk_maand=min(default.uiterlijk_maand, max(months, 1)))
    target = check.number(table, "wachtende_vergunninghouders", "doelen")
    kans = check.number(table, "kans", "doelen")
    month = check.integer(table, "uiterlijk_maand", "doelen", default.uiterlijk_maand)
    if month > months >= 1:
        check.add("doelen.uiterlijk_maand", f"{month} ligt na de horizon van {months} maanden")
    return Doelen(
        wachtende_vergunninghouders=default.wachtende_vergunninghouders if target is None else target,
        uiterlijk_maand=month,
        kans=default.kans if kans is None else kans,
    )


def _changes(check: _Checker, raw: Any) -> tuple[Wijziging, ...]:
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        check.add("wijzigingen", "schrijf wijzigingen als [[wijzigingen]]-tabellen")
        return ()
    return tuple(_change(check, item, f"wijzigingen[{n}]") for n, item in enumerate(raw, start=1))


def _change(check: _Checker, raw: Mapping[str, Any], where: str) -> Wijziging:
    check.keys(raw, CHANGE_KEYS, where)
    until = raw.get("tot_maand")
    return Wijziging(
        parameter=check.text(raw, "parameter", where, default=""),
        vanaf_maand=check.integer(raw, "vanaf_maand", where, default=1),
        tot_maand=None if until is None else check.integer(raw, "tot_maand", where, default=1),
        factor=check.number(raw, "factor", where),
        plus=check.number(raw, "plus", where),
        waarde=check.number(raw, "waarde", where),
        toelichting=check.text(raw, "toelichting", where, default=""),
    )


def _calibration(check: _Checker, raw: Any) -> tuple[Kalibratie, ...]:
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        check.add("kalibratie", "schrijf kalibraties als [[kalibratie]]-tabellen")
        return ()
    records = []
    for n, item in enumerate(raw, start=1):
        where = f"kalibratie[{n}]"
        check.keys(item, KALIBRATIE_KEYS, where)
        columns = item.get("kolommen", [])
        records.append(
            Kalibratie(
                parameter=check.text(item, "parameter", where, ""),
                waarde=check.number(item, "waarde", where) or 0.0,
                standaardfout=check.number(item, "standaardfout", where) or 0.0,
                bestand=check.text(item, "bestand", where, ""),
                kolommen=tuple(str(c) for c in columns) if isinstance(columns, list) else (),
                perioden=check.text(item, "perioden", where, ""),
                waarnemingen=check.integer(item, "waarnemingen", where, 0),
                methode=check.text(item, "methode", where, ""),
            )
        )
    return tuple(records)


def schrijf(scenario: Scenario, kop: str = "") -> str:
    """The scenario as TOML text that :func:`lees` reads back to the same scenario."""
    document: dict[str, Any] = {
        "scenario": {
            "naam": scenario.naam,
            "beschrijving": scenario.beschrijving,
            "start": scenario.start,
            "maanden": scenario.maanden,
        },
        "seizoen": {"factoren": list(scenario.seizoen), "bron": scenario.seizoen_bron},
        "doelen": {
            "wachtende_vergunninghouders": scenario.doelen.wachtende_vergunninghouders,
            "uiterlijk_maand": scenario.doelen.uiterlijk_maand,
            "kans": scenario.doelen.kans,
        },
        "parameters": {name: _parameter_table(p) for name, p in scenario.parameters.items()},
    }
    if scenario.wijzigingen:
        document["wijzigingen"] = [_drop_none(vars(change)) for change in scenario.wijzigingen]
    if scenario.kalibratie:
        document["kalibratie"] = [
            {**vars(record), "kolommen": list(record.kolommen)} for record in scenario.kalibratie
        ]
    return kop + tomli_w.dumps(document)


def _parameter_table(p: Parameter) -> dict[str, Any]:
    table = {
        "waarde": p.waarde,
        "eenheid": p.spec.eenheid,
        "verdeling": p.verdeling.value,
        "laag": p.laag,
        "hoog": p.hoog,
        "sd": p.sd,
        "vrijheidsgraden": p.vrijheidsgraden,
        "herkomst": p.herkomst.value,
        "spreiding": p.spreiding.value if p.spreiding else None,
        "datum": p.datum or None,
        "bron": p.bron,
    }
    return _drop_none(table)


def _drop_none(table: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in table.items() if value is not None}
