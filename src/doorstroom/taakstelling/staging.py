"""Bulk imports of any size: stream, stage, check whole, then write in one short transaction.

A file of a million rows must neither be held in memory nor be written with one ``IN (...)`` list
(PostgreSQL fails at a few thousand values, SQLite at 32,766 variables). So an import

1. streams the file row by row, parsing each and keeping at most :data:`MAX_PROBLEMEN` problems
   (with a count of the rest);
2. writes the valid rows in batches of :data:`PARTIJ` into a temporary table of its own
   connection (SQLite keeps it in its temp database: the main database is not locked meanwhile);
3. finds repeated keys in the staged rows with one query, naming both rows;
4. only if there is no problem at all, copies the staged rows into the target table with one
   ``INSERT ... SELECT ... ON CONFLICT DO UPDATE`` in a short write transaction, retried when
   another user holds the database (:func:`doorstroom.platform.db.schrijf`).

All or nothing: a problem anywhere leaves the target untouched. Two imports of overlapping rows at
once both succeed without doubling a row, because the upsert and its unique key serialise them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Index,
    Integer,
    MetaData,
    Table,
    and_,
    func,
    select,
    true,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from doorstroom.platform.db import schijf_vol_gemeld, schrijf
from doorstroom.platform.errors import InputError, Problem

PARTIJ = 5_000
"""Rows per batch written to the staging table (bounded memory, few round trips)."""
MAX_PROBLEMEN = 1_000
"""Problems kept to report; beyond this only their number is counted."""


class Problemen:
    """The problems of one file: the first :data:`MAX_PROBLEMEN` kept, all counted."""

    def __init__(self, file: str, maximum: int = MAX_PROBLEMEN) -> None:
        self.file = file
        self.maximum = maximum
        self.bewaard: list[Problem] = []
        self.aantal = 0
        self.gelezen = 0
        """Data rows read from the file (valid or not)."""

    def voeg_toe(self, problems: Iterable[Problem]) -> None:
        """Count ``problems`` and keep them while there is room."""
        for problem in problems:
            self.aantal += 1
            if len(self.bewaard) < self.maximum:
                self.bewaard.append(problem)

    def fout(self) -> InputError | None:
        """One error holding every kept problem (sorted by row), or None when there is none."""
        if not self.aantal:
            return None
        gesorteerd = sorted(self.bewaard, key=lambda p: (p.row or 0, p.field or ""))
        if self.aantal > len(gesorteerd):
            kop = Problem(
                f"{self.aantal} problemen gevonden; de eerste {len(gesorteerd)} staan hieronder, "
                "niets is opgeslagen",
                self.file,
            )
            gesorteerd.insert(0, kop)
        return InputError(gesorteerd)


@dataclass(frozen=True)
class Bulkinvoer:
    """Where staged rows go: the target table, its unique key, and how a repeated key is named."""

    doel: Table
    sleutel: tuple[str, ...]
    kolommen: tuple[str, ...]
    sleutel_label: str


Rij = tuple[int, tuple[Any, ...]]
"""A valid row: its row number in the file and its values in the order of ``Bulkinvoer.kolommen``."""


def importeer(
    engine: Engine,
    invoer: Bulkinvoer,
    rijen: Iterable[Rij],
    problemen: Problemen,
    daarna: Callable[[Session, Connection, Table], None] | None = None,
) -> int:
    """Stage ``rijen`` (the valid rows), check, and upsert; returns the number of rows written.

    ``problemen`` is filled by whoever parses the rows (and here with repeated keys); ``daarna``
    runs in the write transaction (an audit line) and may query the staging table.
    """
    staging = _staging_tabel(invoer)
    with schijf_vol_gemeld(), engine.connect() as connection:
        try:
            _laad(connection, staging, invoer, rijen, problemen)
            fout = problemen.fout()
            if fout is not None:
                raise fout
            return schrijf(connection, lambda session: _schrijf(session, connection, staging, invoer, daarna))
        finally:
            _ruim_op(connection, staging)


def _staging_tabel(invoer: Bulkinvoer) -> Table:
    kolommen = [Column(naam, invoer.doel.c[naam].type) for naam in invoer.kolommen]
    return Table(
        f"staging_{invoer.doel.name}", MetaData(), Column("regel", Integer), *kolommen, prefixes=["TEMPORARY"]
    )


def _laad(
    connection: Connection,
    staging: Table,
    invoer: Bulkinvoer,
    rijen: Iterable[Rij],
    problemen: Problemen,
) -> None:
    connection.execution_options(doorstroom_schrijven=False)
    with connection.begin():
        staging.drop(connection, checkfirst=True)
        staging.create(connection)
        for partij in _partijen(rijen):
            _voeg_toe(connection, staging, [(regel, *waarden) for regel, waarden in partij])
        Index(f"ix_{staging.name}_sleutel", *(staging.c[k] for k in invoer.sleutel)).create(connection)
        problemen.voeg_toe(_dubbel(connection, staging, invoer, problemen))


def _partijen(rijen: Iterable[Rij]) -> Iterator[list[Rij]]:
    iterator = iter(rijen)
    while partij := list(islice(iterator, PARTIJ)):
        yield partij


def _voeg_toe(connection: Connection, staging: Table, waarden: list[tuple[Any, ...]]) -> None:
    """Write a batch the fastest way each driver offers: COPY on PostgreSQL, executemany on SQLite.

    The statement names only the staging table and its columns, which are Doorstroom's own.
    """
    kolommen = ", ".join(column.name for column in staging.columns)
    if connection.dialect.name == "postgresql":
        cursor = connection.connection.cursor()
        with cursor.copy(f"COPY {staging.name} ({kolommen}) FROM STDIN") as copy:
            for rij in waarden:
                copy.write_row(rij)
        return
    plaatsen = ", ".join("?" for _ in staging.columns)
    connection.exec_driver_sql(f"INSERT INTO {staging.name} ({kolommen}) VALUES ({plaatsen})", waarden)


def _dubbel(
    connection: Connection, staging: Table, invoer: Bulkinvoer, problemen: Problemen
) -> list[Problem]:
    """Every row whose key an earlier row already had, naming that earlier row."""
    sleutel = [staging.c[k] for k in invoer.sleutel]
    eerste = (
        select(*sleutel, func.min(staging.c.regel).label("eerste"))
        .group_by(*sleutel)
        .having(func.count() > 1)
        .subquery()
    )
    gelijk = and_(*(staging.c[k] == eerste.c[k] for k in invoer.sleutel))
    query = (
        select(staging.c.regel, eerste.c.eerste)
        .join(eerste, gelijk)
        .where(staging.c.regel != eerste.c.eerste)
        .order_by(staging.c.regel)
        .limit(problemen.maximum + 1)
    )
    return [
        Problem(
            f"dubbel: zelfde {invoer.sleutel_label} als rij {eerste_rij}",
            problemen.file,
            regel,
            invoer.sleutel_label,
        )
        for regel, eerste_rij in connection.execute(query)
    ]


def _schrijf(
    session: Session,
    connection: Connection,
    staging: Table,
    invoer: Bulkinvoer,
    daarna: Callable[[Session, Connection, Table], None] | None,
) -> int:
    dialect = sqlite if connection.dialect.name == "sqlite" else postgresql
    bron = select(*(staging.c[k] for k in invoer.kolommen)).where(true())
    statement = dialect.insert(invoer.doel).from_select(list(invoer.kolommen), bron)
    statement = statement.on_conflict_do_update(
        index_elements=[invoer.doel.c[k] for k in invoer.sleutel],
        set_={k: statement.excluded[k] for k in invoer.kolommen if k not in invoer.sleutel},
    )
    session.connection().execute(statement)
    if daarna is not None:
        daarna(session, connection, staging)
    return int(session.connection().scalar(select(func.count()).select_from(staging)) or 0)


def _ruim_op(connection: Connection, staging: Table) -> None:
    """Drop the staging table; a connection that cannot do so is discarded (and its table with it)."""
    try:
        if connection.in_transaction():
            connection.rollback()
        connection.execution_options(doorstroom_schrijven=False)
        with connection.begin():
            staging.drop(connection, checkfirst=True)
    except DBAPIError:
        connection.invalidate()
