"""Finding a municipality by CBS code or by name, as a user types it.

Listings and filters accept ``--gemeente GM0344`` as well as ``--gemeente Utrecht``; names match
without regard to case or accents, and a CBS qualifier may be left out when that leaves one
municipality ("Hengelo" finds "Hengelo (O.)"; "Bergen" is ambiguous and the error says so).
Outputs that show a code show the name beside it via :func:`label`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from doorstroom.platform.errors import InputError, Problem
from doorstroom.reference.core.domain import Gemeente
from doorstroom.values.gemeentecode import als_code, codes_met_naam
from doorstroom.values.suggest import unknown_message


def find_gemeente(text: str, gemeenten: Sequence[Gemeente], *, field: str = "gemeente") -> Gemeente:
    """The municipality with code or name ``text``; an InputError with suggestions otherwise."""
    found = _matches(text, gemeenten)
    if len(found) == 1:
        return found[0]
    if found:
        names = ", ".join(f"{g.naam} ({g.code})" for g in found)
        raise InputError(Problem(f"'{text}' is niet eenduidig: {names}", field=field))
    raise InputError(Problem(unknown_message("gemeente", text, (g.naam for g in gemeenten)), field=field))


def _matches(text: str, gemeenten: Sequence[Gemeente]) -> list[Gemeente]:
    """By code, else by name as every import matches names (:func:`codes_met_naam`)."""
    per_code = {g.code: g for g in gemeenten}
    code = als_code(text)
    if code is not None:
        return [per_code[code]] if code in per_code else []
    return [per_code[c] for c in codes_met_naam(text, {g.code: g.naam for g in gemeenten})]


def label(code: str, namen: dict[str, str]) -> str:
    """'GM0344 Utrecht' for display; the bare code when the name is not known."""
    naam = namen.get(code)
    return f"{code} {naam}" if naam else code


def namen(gemeenten: Iterable[Gemeente]) -> dict[str, str]:
    """Code → name, for :func:`label` and for name columns beside code columns."""
    return {g.code: g.naam for g in gemeenten}
