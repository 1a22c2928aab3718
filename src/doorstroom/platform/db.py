"""Database engine, sessions, migrations, and writing safely with more than one user at a time.

SQLite is the embedded default; PostgreSQL is the production database. The schema is owned by
Alembic migrations (``doorstroom/platform/migrations``): tables are never created with ``create_all`` outside
tests of the models themselves, so SQLite and PostgreSQL always carry the same, versioned schema.
Writes happen inside :func:`transaction`, so an import either lands whole or not at all.

Two users at once (BIO 12.4: availability, and no lost or doubled work):

* SQLite runs in WAL mode, so readers never wait for a writer; a write transaction starts with
  ``BEGIN IMMEDIATE``, so two writers queue at the start instead of failing half-way with
  ``database is locked`` when one tries to upgrade its read lock; each attempt waits up to
  :data:`SQLITE_WACHT_MS` for the lock. PostgreSQL waits up to :data:`POSTGRES_LOCK_TIMEOUT_MS`
  for a lock.
* :func:`schrijf` runs a unit of work in a transaction and runs it again when the database was busy
  (SQLite lock, PostgreSQL serialization failure or deadlock) or when a concurrent writer won a
  race the unit of work detects itself (a unique key inserted by the other). It says in Dutch that
  it waits, and gives up with :class:`DatabaseBezet` after ``DOORSTROOM_DATABASE_WACHTTIJD``.

A full disk is no reason to wait: :func:`schijf_vol_gemeld` turns it into :class:`SchijfVol` at once
(nothing stored; an operator must make room).

Data files are private (AVG art. 32): the SQLite file is created with mode 0600 in a directory
created with mode 0700.
"""

from __future__ import annotations

import errno
import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from alembic.config import Config
from sqlalchemy import Connection, Engine, Select, create_engine, event, func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import DeclarativeBase, Session

from doorstroom.platform.errors import Busy, ConfigurationError, SchijfVol
from doorstroom.platform.paging import Pagina
from doorstroom.platform.settings import get_settings

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
SQLITE_WACHT_MS = 500
"""How long SQLite waits for another connection's write lock before reporting busy; :func:`schrijf`
then says that it waits and tries again until its own deadline."""
POSTGRES_LOCK_TIMEOUT_MS = 5000
"""How long a PostgreSQL statement waits for a row or table lock before reporting busy."""
MAX_RACES = 5
"""How often :func:`schrijf` runs work again after losing a race to a concurrent writer."""
_SCHRIJVEN = "doorstroom_schrijven"
_NA_AFLOOP = "doorstroom_na_afloop"
_SQLITE_BEZET = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED (primary result codes)
_POSTGRES_OPNIEUW = {"40001", "40P01", "55P03"}  # serialization failure, deadlock, lock not available
_SQLITE_VOL = 13  # SQLITE_FULL: "database or disk is full" (also a max_page_count reached)
_POSTGRES_VOL = "53100"  # disk_full: "could not extend file ...: No space left on device"
SCHIJF_VOL = (
    "de schijf van de database is vol: er is niets opgeslagen. Meld het aan de beheerder, die ruimte "
    "moet vrijmaken; probeer het daarna opnieuw"
)

log = logging.getLogger("doorstroom.platform.db")
T = TypeVar("T")


class Base(DeclarativeBase):
    """Declarative base of every table; each context defines its tables in ``models.py``."""


class DatabaseBezet(Busy):
    """Another user kept the database busy longer than Doorstroom is configured to wait (exit 75)."""


def make_engine(url: str | None = None) -> Engine:
    """An engine for ``url`` (default: the configured database); SQLite private, in WAL mode."""
    url = url or get_settings().resolved_database_url()
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        _prive_bestand(Path(url.removeprefix("sqlite:///")))
    engine = create_engine(url, **_opties(url))
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _opties(url: str) -> dict[str, Any]:
    """PostgreSQL gives up waiting for a lock after the same time as SQLite (then :func:`schrijf` retries)."""
    if url.startswith("postgresql"):
        return {"connect_args": {"options": f"-c lock_timeout={POSTGRES_LOCK_TIMEOUT_MS}"}}
    return {}


def _prive_bestand(path: Path) -> None:
    """Create the directory (0700) and the database file (0600) before SQLite does (0644)."""
    try:
        if not path.parent.exists():
            path.parent.mkdir(parents=True, mode=0o700)
            os.chmod(path.parent, 0o700)
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            os.chmod(path, 0o600)
    except FileExistsError:  # another process created it first: its mode is its creator's choice
        return
    except OSError as error:
        raise ConfigurationError(f"kan databasebestand {path} niet aanmaken: {error.strerror}") from None


def _sqlite_pragmas(connection: Any, _record: object) -> None:
    connection.isolation_level = None  # SQLAlchemy's begin event issues BEGIN itself (see below)
    cursor = connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_WACHT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "memory":
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    """Writers take SQLite's write lock at the start: they queue instead of deadlocking later."""
    immediate = connection.get_execution_options().get(_SCHRIJVEN, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextmanager
def transaction(bind: Engine | Connection, *, schrijven: bool = False) -> Iterator[Session]:
    """A session whose work is committed only if the block finishes; otherwise rolled back.

    ``bind``: an engine (a connection is taken for the block) or a connection not in a transaction
    (kept open afterwards, e.g. for its temporary tables). ``schrijven=True`` makes SQLite take its
    write lock at the start (``BEGIN IMMEDIATE``), so writers queue instead of failing half-way, and
    ends the block with :class:`DatabaseBezet` when the database stays busy; :func:`schrijf` adds
    retrying and is the way to write. Without it the transaction starts as a reader, and work
    queued with :func:`na_afloop` (audit lines of what was read) runs after it ended well.
    """
    afloop: list[Callable[[], None]] = []
    info = {} if schrijven else {_NA_AFLOOP: afloop}
    try:
        with schijf_vol_gemeld(), _verbinding(bind) as connection:
            connection.execution_options(**{_SCHRIJVEN: schrijven})
            with Session(bind=connection, expire_on_commit=False, info=info) as session, session.begin():
                yield session
    except DBAPIError as error:
        if schrijven and is_bezet(error):
            raise DatabaseBezet(_BEZET) from None
        raise
    for werk in afloop:
        werk()


def na_afloop(session: Session) -> list[Callable[[], None]] | None:
    """The work to run once ``session``'s reading transaction has ended well (before
    :func:`transaction` returns); None for a writing session or one :func:`transaction` did not open.

    The audit trail queues its readers' lines here for the group commit
    (:mod:`doorstroom.platform.audit_schrijver`).
    """
    afloop = session.info.get(_NA_AFLOOP)
    return afloop if isinstance(afloop, list) else None


@contextmanager
def schijf_vol_gemeld() -> Iterator[None]:
    """Turn a full disk inside the block into :class:`SchijfVol`; other errors pass unchanged.

    The one place that recognises a full disk: :func:`transaction` uses it, and so does any work on
    a connection of its own (bulk staging), so the user never reads "interne fout (OperationalError)".
    """
    try:
        yield
    except (DBAPIError, OSError) as error:
        if is_schijf_vol(error):
            raise SchijfVol(SCHIJF_VOL) from None
        raise


@contextmanager
def _verbinding(bind: Engine | Connection) -> Iterator[Connection]:
    if isinstance(bind, Connection):
        yield bind
        return
    with bind.connect() as connection:
        yield connection


_BEZET = "de database is bezet: een andere gebruiker schrijft op dit moment"


def is_bezet(error: BaseException) -> bool:
    """Whether ``error`` means another writer holds the database (worth trying again)."""
    original = getattr(error, "orig", error)
    code = getattr(original, "sqlite_errorcode", None)
    if code is not None:
        return int(code) & 0xFF in _SQLITE_BEZET
    return getattr(original, "sqlstate", None) in _POSTGRES_OPNIEUW


def is_schijf_vol(error: BaseException) -> bool:
    """Whether ``error`` means the disk is full: SQLite's SQLITE_FULL, PostgreSQL's 53100 disk_full, or
    an operating-system ENOSPC/EDQUOT (a driver that passes the OS error on)."""
    original = getattr(error, "orig", error)
    code = getattr(original, "sqlite_errorcode", None)
    if code is not None:
        return int(code) & 0xFF == _SQLITE_VOL
    if getattr(original, "sqlstate", None) == _POSTGRES_VOL:
        return True
    return isinstance(original, OSError) and original.errno in (errno.ENOSPC, errno.EDQUOT)


def schrijf(
    bind: Engine | Connection,
    werk: Callable[[Session], T],
    *,
    herhaal_bij: tuple[type[BaseException], ...] = (),
) -> T:
    """Run ``werk`` in one write transaction, again when the database was busy or a race was lost.

    ``herhaal_bij``: further exceptions that mean a concurrent writer won (for example the
    IntegrityError of a unique version number); ``werk`` must then see the other's result when run
    again. Gives up as :func:`opnieuw_bij_bezet` does.
    """

    def poging() -> T:
        with transaction(bind, schrijven=True) as session:
            return werk(session)

    return opnieuw_bij_bezet(poging, herhaal_bij=herhaal_bij)


def opnieuw_bij_bezet(werk: Callable[[], T], *, herhaal_bij: tuple[type[BaseException], ...] = ()) -> T:
    """``werk()`` — one whole write transaction — run again while another writer holds the database.

    The one waiting rule of Doorstroom: back off exponentially (at most 2 s between tries), give up
    with :class:`DatabaseBezet` after ``DOORSTROOM_DATABASE_WACHTTIJD`` or after ``MAX_RACES`` lost
    races (``herhaal_bij``): a clear "try again" for the user, never a driver error.
    """
    einde = time.monotonic() + get_settings().database_wachttijd
    races = 0
    for poging in range(1, 1_000_000):
        try:
            return werk()
        except DatabaseBezet:
            if time.monotonic() >= einde:
                raise DatabaseBezet(
                    f"{_BEZET}; na {get_settings().database_wachttijd:g} s wachten opgegeven, "
                    "probeer het later opnieuw (er is niets opgeslagen)"
                ) from None
        except herhaal_bij:
            races += 1
            if races > MAX_RACES:
                raise DatabaseBezet(
                    "een andere gebruiker wijzigde steeds dezelfde gegevens; er is niets opgeslagen, "
                    "probeer het opnieuw"
                ) from None
        if poging == 1:
            log.warning("database bezet door een andere gebruiker; Doorstroom wacht en probeert opnieuw")
        time.sleep(min(0.05 * 2**poging, 2.0))
    raise AssertionError("unreachable")


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply Alembic migrations up to ``revision`` on ``engine``'s database."""
    from alembic import command

    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    """The migration revision the database is at (None when never migrated)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def alembic_config() -> Config:
    """Alembic configuration pointing at the packaged migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def bladzijde(query: Select[Any], pagina: Pagina | None) -> Select[Any]:
    """``query`` limited to ``pagina`` in the database (the whole listing when None)."""
    return query if pagina is None else query.offset(pagina.offset).limit(pagina.grootte)


def aantal(session: Session, query: Select[Any]) -> int:
    """The rows ``query`` selects, counted by the database (COUNT over it, its order left out)."""
    return int(session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0)
