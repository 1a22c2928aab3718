"""The deadline rules file (``DOORSTROOM_DEADLINE_RULES_FILE``): parameters changed without a release.

A TOML file names rules of :mod:`doorstroom.dossier.termijnen` with their one parameter
(``[pip_vaststelling] weken = 12``), how many days ahead a deadline counts as *binnenkort*
(``[signalering] dagen = 30``) and from when a linked person's intake and PIP terms run
(``[inburgering_start] vanaf = "huisvesting"``). Every problem names the rule; the housing term is the
taakstelling's setting and cannot be changed here.
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

from doorstroom.dossier.termijnen import (
    HUISVESTING,
    INBURGERING_VANAF,
    SIGNAAL_DAGEN,
    Regels,
    standaard,
)
from doorstroom.platform.errors import InputError, Problem
from doorstroom.taakstelling.core.domain import HUISVESTINGSTERMIJN_MAANDEN
from doorstroom.values.domains import TERMIJN_WEKEN, Domain
from doorstroom.values.suggest import unknown_message


def laad(path: Path | None, huisvesting_maanden: int = HUISVESTINGSTERMIJN_MAANDEN) -> Regels:
    """The defaults, with parameters overridden by a TOML file (``[pip_vaststelling] weken = 12``)."""
    if path is None:
        return standaard(huisvesting_maanden)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise InputError(Problem(f"termijnregels niet leesbaar: {error}", file=str(path))) from None
    return _toegepast(data, str(path), standaard(huisvesting_maanden))


def _toegepast(data: dict[str, object], file: str, basis: Regels) -> Regels:
    regels, problems = dict(basis.regels), list[Problem]()
    signaal = data.pop("signalering", {"dagen": SIGNAAL_DAGEN})
    vanaf = _inburgering_vanaf(data.pop("inburgering_start", {}), file, problems)
    for naam, waarden in data.items():
        if naam == HUISVESTING:
            problems.append(
                Problem(
                    "deze termijn geldt ook voor de taakstelling (te laat, buiten schuld); "
                    "stel DOORSTROOM_HUISVESTINGSTERMIJN_MAANDEN in",
                    file=file,
                    field=naam,
                )
            )
            continue
        if naam not in regels:
            problems.append(Problem(unknown_message("termijnregel", naam, regels), file=file, field=naam))
            continue
        regel = regels[naam]
        value = waarden.get(regel.eenheid) if isinstance(waarden, dict) else None
        problem = _waardeprobleem(value, regel.domein())
        if problem:
            problems.append(Problem(f"{regel.eenheid}: {problem}", file=file, field=naam))
        else:
            regels[naam] = replace(regel, waarde=int(value))  # type: ignore[arg-type]
    dagen = signaal.get("dagen") if isinstance(signaal, dict) else None
    problem = _waardeprobleem(dagen, TERMIJN_WEKEN)
    if problem:
        problems.append(Problem(f"dagen: {problem}", file=file, field="signalering"))
    if problems:
        raise InputError(problems)
    return Regels(regels, int(dagen), vanaf)  # type: ignore[arg-type]


def _inburgering_vanaf(waarden: object, file: str, problems: list[Problem]) -> str:
    """``[inburgering_start] vanaf = "koppeling"`` or ``"huisvesting"`` (default: koppeling)."""
    vanaf = waarden.get("vanaf", INBURGERING_VANAF[0]) if isinstance(waarden, dict) else None
    if vanaf not in INBURGERING_VANAF:
        melding = f"vanaf: kies {' of '.join(INBURGERING_VANAF)}"
        problems.append(Problem(melding, file=file, field="inburgering_start"))
        return INBURGERING_VANAF[0]
    return str(vanaf)


def _waardeprobleem(value: object, domain: Domain) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return "geen geheel getal"
    return domain.problem(value)
