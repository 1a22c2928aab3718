"""Who may read and change a municipality's housing plan: the access rule asked for this context.

A municipality reads and keeps its own plan; a province reads the plans of its municipalities and
COA and the national level those of all, in aggregate
(:meth:`~doorstroom.accounts.toegang.Bereik.ziet_aggregaat`).
A plan outside the caller's scope does not exist for the caller (404), as in the case file. Changing
the supply is a municipality's own (:data:`~doorstroom.accounts.toegang.Handeling.huisvesting_beheren`
within its scope); the money table is the operator's. Whether the case file's counts may be used
exactly is :meth:`~doorstroom.accounts.toegang.Bereik.exact_aantal`'s answer.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Engine

from doorstroom.accounts import toegang
from doorstroom.accounts.domain import Gebruiker
from doorstroom.accounts.service import bereik_voor
from doorstroom.accounts.toegang import Bereik, Handeling
from doorstroom.platform.errors import InputError, NotFound, Problem
from doorstroom.reference.service import Gemeente, find_gemeente, gemeenten_in_gebruik
from doorstroom.values.suggest import unknown_message


def gemeente(engine: Engine, tekst: str, veld: str = "gemeente") -> Gemeente:
    """The municipality in use with code or name ``tekst`` (closest names suggested when unknown)."""
    return find_gemeente(tekst, gemeenten_in_gebruik(engine), field=veld)


def lezer_overal(gebruiker: Gebruiker) -> None:
    """Refuse a user who may read no housing plan at all (the money table is the same for all)."""
    toegang.eis(gebruiker, Handeling.huisvesting_lezen)


def lezer(engine: Engine, gebruiker: Gebruiker, code: str) -> Bereik:
    """The caller's scope, after checking it may read the plan of ``code`` (404 outside it)."""
    toegang.eis(gebruiker, Handeling.huisvesting_lezen)
    scope = bereik_voor(engine, gebruiker)
    if not scope.ziet_aggregaat(code):
        raise NotFound(f"gemeente {code} valt buiten uw bereik")
    return scope


def beheerder(engine: Engine, gebruiker: Gebruiker, code: str) -> Bereik:
    """The caller's scope, after checking it may change the supply of ``code``."""
    toegang.eis(gebruiker, Handeling.huisvesting_beheren)
    scope = bereik_voor(engine, gebruiker)
    if not scope.mag_gemeente(code):
        raise NotFound(f"gemeente {code} valt buiten uw bereik")
    return scope


def mag_beheren(engine: Engine, gebruiker: Gebruiker, code: str) -> bool:
    """Whether the caller may change the supply of ``code`` (the web page offers the import then)."""
    return toegang.mag(gebruiker, Handeling.huisvesting_beheren) and bereik_voor(
        engine, gebruiker
    ).mag_gemeente(code)


def operator(gebruiker: Gebruiker) -> None:
    """Refuse anyone but the operator updating the money table."""
    toegang.eis(gebruiker, Handeling.geldregelingen_beheren)


def in_bereik(engine: Engine, gebruiker: Gebruiker, provincie: str | None) -> tuple[Bereik, list[Gemeente]]:
    """The municipalities whose plans the caller may read (of one province, when given)."""
    toegang.eis(gebruiker, Handeling.huisvesting_lezen)
    scope = bereik_voor(engine, gebruiker)
    alle = gemeenten_in_gebruik(engine)
    gekozen = [g for g in alle if scope.ziet_aggregaat(g.code)]
    if provincie is None:
        return scope, gekozen
    naam = _provincie(provincie, sorted({g.provincie for g in alle}))
    return scope, [g for g in gekozen if g.provincie == naam]


def _provincie(tekst: str, namen: Sequence[str]) -> str:
    gekozen = next((n for n in namen if n.casefold() == tekst.strip().casefold()), None)
    if gekozen is None:
        raise InputError(Problem(unknown_message("provincie", tekst, namen), field="provincie"))
    return gekozen
