"""Which municipality list is in use, and replacing it with a newer CBS list.

The list in use is the one stored in the database; a fresh database starts with the embedded CBS
list (1 January 2024). Importing a newer list reports what a municipal merger changed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from doorstroom.db import transaction
from doorstroom.reference import repository
from doorstroom.reference.domain import Gemeente, Herindeling, compare
from doorstroom.reference.loader import embedded_gemeenten, load_gemeenten

EMBEDDED_PEILDATUM = date(2024, 1, 1)
EMBEDDED_BRON = "CBS 85984NED / 03759ned, 1 januari 2024 (ingebouwd)"


def gemeenten_in_gebruik(engine: Engine) -> list[Gemeente]:
    """The stored list; stores and returns the embedded list when the database has none."""
    with transaction(engine) as session:
        stored = repository.gemeenten(session)
        if stored:
            return stored
        embedded = list(embedded_gemeenten())
        repository.vervang(session, embedded, EMBEDDED_PEILDATUM, EMBEDDED_BRON)
        return embedded


def importeer(engine: Engine, path: Path, peildatum: date) -> Herindeling:
    """Validate ``path`` whole, then replace the list in use; returns what changed."""
    nieuw = load_gemeenten(path)
    oud = gemeenten_in_gebruik(engine)
    with transaction(engine) as session:
        repository.vervang(session, nieuw, peildatum, str(path))
    return compare(oud, nieuw)


def gemeenten_uit(path: Path | None) -> list[Gemeente]:
    """A user's list when ``path`` is given, else the embedded CBS list (no database needed)."""
    return load_gemeenten(path) if path else list(embedded_gemeenten())
