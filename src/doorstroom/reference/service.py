"""Which municipalities and populations are known, and loading newer CBS lists and mergers.

The list in use is the one stored in the database, or the embedded CBS list (1 January 2024) when
none was loaded. Population vintages and mergers come from three places, later ones winning:
embedded (CBS 2022–2026, Weesp and Voorne aan Zee), stored (``gemeenten importeer`` with a
1 January reference date, ``gemeenten samenvoegen``), and a user's file for one calculation.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from doorstroom.platform import audit
from doorstroom.platform.clock import nu
from doorstroom.platform.db import schrijf, transaction
from doorstroom.platform.errors import InputError, Problem
from doorstroom.platform.paging import Deel, Pagina
from doorstroom.reference import repository
from doorstroom.reference.core.domain import Bevolking, Gemeente, Herindeling, compare
from doorstroom.reference.core.indeling import Indelingen
from doorstroom.reference.core.lookup import find_gemeente, label, namen
from doorstroom.reference.core.samenvoeging import Samenvoeging
from doorstroom.reference.io import (
    INGEBOUWDE_JAREN,
    embedded_gemeenten,
    embedded_provincies,
    embedded_samenvoegingen,
    ingebouwde_bevolking,
    load_gemeenten,
    load_samenvoegingen,
)
from doorstroom.reference.kolommen import BRON_CBS, KOLOMMEN
from doorstroom.values.domains import BRON
from doorstroom.values.suggest import unknown_message

__all__ = [
    "BRON_CBS",
    "EMBEDDED_BRON",
    "EMBEDDED_PEILDATUM",
    "KOLOMMEN",
    "Gemeente",
    "Herindeling",
    "Samenvoeging",
    "compare",
    "controleer_gemeentecode",
    "embedded_gemeenten",
    "embedded_provincies",
    "find_gemeente",
    "gemeenten_in_gebruik",
    "gemeenten_uit",
    "gemeentepagina",
    "importeer",
    "indelingen",
    "label",
    "load_gemeenten",
    "namen",
    "samenvoegen",
]


EMBEDDED_PEILDATUM = date(2024, 1, 1)
EMBEDDED_BRON = "CBS 85984NED / 03759ned, 1 januari 2024 (ingebouwd)"


def gemeenten_in_gebruik(engine: Engine) -> list[Gemeente]:
    """The stored list, or the embedded list when the database has none (nothing is written)."""
    with transaction(engine, schrijven=False) as session:
        return repository.gemeenten(session) or list(embedded_gemeenten())


def controleer_gemeentecode(engine: Engine, code: str | None, veld: str = "gemeentecode") -> None:
    """A municipality code must be in the list in use; the error suggests the closest codes."""
    if code is None:
        return
    codes = {g.code for g in gemeenten_in_gebruik(engine)}
    if code not in codes:
        raise InputError(Problem(unknown_message("gemeentecode", code, codes), field=veld))


def gemeentepagina(engine: Engine, pagina: Pagina, provincie: str | None = None) -> Deel[Gemeente]:
    """One page of the list in use (of one province), by code, with its size: the stored list paged
    in its query, or the embedded list when the database has none."""
    with transaction(engine, schrijven=False) as session:
        if repository.heeft_gemeenten(session):
            return repository.gemeentepagina(session, pagina, provincie)
    lijst = [g for g in embedded_gemeenten() if provincie is None or g.provincie == provincie]
    return Deel(pagina.uit(lijst), len(lijst))


def importeer(engine: Engine, path: Path, peildatum: date) -> tuple[Herindeling, Bevolking | None]:
    """Validate ``path`` whole, then replace the list in use; returns what changed.

    With a 1 January reference date the list is also kept as that year's population vintage, which
    the taakstelling of the following year needs (Huisvestingswet art. 29(1)).
    """
    bron = _bron(path)
    nieuw = load_gemeenten(path)
    vintage = (
        Bevolking(peildatum.year, tuple(nieuw), bron) if (peildatum.month, peildatum.day) == (1, 1) else None
    )

    def werk(session: Session) -> list[Gemeente]:
        oud = repository.gemeenten(session) or list(embedded_gemeenten())
        repository.vervang(session, nieuw, peildatum, bron)
        if vintage is not None:
            repository.vervang_bevolking(session, vintage)
        return oud

    return compare(schrijf(engine, werk), nieuw), vintage


def _bron(path: Path) -> str:
    probleem = BRON.problem(str(path))
    if probleem:
        raise InputError(Problem(f"bestandsnaam: {probleem}", file=str(path)[:80] + "…"))
    return str(path)


def gemeenten_uit(path: Path | None) -> list[Gemeente]:
    """A user's list when ``path`` is given, else the embedded CBS list (no database needed)."""
    return load_gemeenten(path) if path else list(embedded_gemeenten())


def indelingen(engine: Engine | None, samenvoegingen: Path | None = None) -> Indelingen:
    """Everything known about divisions: embedded, stored (when ``engine``), and a merger file."""
    jaargangen = {jaar: b for jaar in INGEBOUWDE_JAREN if (b := ingebouwde_bevolking(jaar)) is not None}
    opgeslagen: list[Samenvoeging] = []
    if engine is not None:
        with transaction(engine, schrijven=False) as session:
            jaargangen |= {jaar: _aangevuld(b) for jaar, b in repository.jaargangen(session).items()}
            opgeslagen = repository.samenvoegingen(session)
    catalogus = Indelingen(jaargangen, embedded_samenvoegingen()).met((None, s) for s in opgeslagen)
    if samenvoegingen is None:
        return catalogus
    return catalogus.met(load_samenvoegingen(samenvoegingen), file=str(samenvoegingen))


def _aangevuld(bevolking: Bevolking) -> Bevolking:
    """A loaded vintage with regions and province filled from the embedded facts where it has none."""
    feiten = {g.code: g for g in embedded_gemeenten()}
    return replace(bevolking, gemeenten=tuple(_vul_aan(g, feiten.get(g.code)) for g in bevolking.gemeenten))


def _vul_aan(gemeente: Gemeente, bekend: Gemeente | None) -> Gemeente:
    if bekend is None:
        return gemeente
    return replace(
        gemeente,
        arbeidsmarktregio=gemeente.arbeidsmarktregio or bekend.arbeidsmarktregio,
        coropgebied=gemeente.coropgebied or bekend.coropgebied,
        latitude=gemeente.latitude if gemeente.latitude is not None else bekend.latitude,
        longitude=gemeente.longitude if gemeente.longitude is not None else bekend.longitude,
    )


def samenvoegen(engine: Engine, path: Path) -> list[Samenvoeging]:
    """Validate a merger file against the known divisions and record it (all or nothing)."""
    bron = _bron(path)
    gelezen = load_samenvoegingen(path)
    indelingen(engine).met(gelezen, file=bron)
    lijst = [replace(s, bron=s.bron or bron) for _, s in gelezen]
    moment = nu()
    schrijf(
        engine,
        lambda session: repository.bewaar_samenvoegingen(session, lijst, audit.current_actor(), moment),
    )
    return lijst
