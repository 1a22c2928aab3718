"""Backup and restore of the configured database: SQLite online backup, PostgreSQL pg_dump/pg_restore.

SQLite: the online backup API (``sqlite3.Connection.backup``) copies a consistent snapshot while the
server keeps running, and restores by copying a backup back into the live file under SQLite's own
lock. PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore --clean --single-transaction`` from
the PostgreSQL client tools (Debian: ``postgresql-client``), so a failed restore changes nothing.
The password goes through ``PGPASSWORD``, never on a command line. Backups hold personal data: the
file is written 0600 and replaced atomically.
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import URL

from doorstroom.platform.errors import ConfigurationError, InputError, Problem


@dataclass(frozen=True)
class Uitkomst:
    """What a backup or restore did."""

    bestand: Path
    database: str
    bytes: int
    schema: str | None = None


def _binary(naam: str) -> str:
    found = shutil.which(naam)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{naam}"), key=_versie, reverse=True)
    if candidates:
        return candidates[0]
    raise ConfigurationError(
        f"{naam} niet gevonden; installeer de PostgreSQL-clienttools (Debian: postgresql-client)"
    )


def _versie(pad: str) -> int:
    deel = pad.split("/")[4]
    return int(deel) if deel.isdigit() else 0


def _sqlite_pad(engine: Engine) -> Path:
    database = engine.url.database
    if not database or database == ":memory:":
        raise ConfigurationError("een database in het geheugen heeft geen backup")
    return Path(database)


def backup(engine: Engine, bestand: Path) -> Uitkomst:
    """Write a consistent backup of the database to ``bestand`` (0600, atomically replaced)."""
    doel = bestand.resolve()
    if not doel.parent.is_dir():
        raise InputError(Problem("map bestaat niet", file=str(doel.parent)))
    descriptor, tijdelijk = tempfile.mkstemp(prefix=f".{doel.name}.", dir=doel.parent)
    os.close(descriptor)
    try:
        if engine.dialect.name == "sqlite":
            _sqlite_kopie(_sqlite_pad(engine), Path(tijdelijk))
        else:
            _pg(
                ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={tijdelijk}"], engine
            )
        os.chmod(tijdelijk, 0o600)
        os.replace(tijdelijk, doel)
    finally:
        Path(tijdelijk).unlink(missing_ok=True)
    return Uitkomst(doel, engine.dialect.name, doel.stat().st_size)


def _sqlite_kopie(bron: Path, doel: Path) -> None:
    van, naar = sqlite3.connect(bron), sqlite3.connect(doel)
    try:
        van.backup(naar)
    finally:
        naar.close()
        van.close()


def _pg(command: list[str], engine: Engine) -> None:
    url: URL = engine.url.set(drivername="postgresql")
    env = {**os.environ, "PGPASSWORD": url.password or ""} if url.password else dict(os.environ)
    dsn = url.set(password=None).render_as_string(hide_password=False)
    result = subprocess.run(
        [_binary(command[0]), *command[1:], f"--dbname={dsn}"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        regels = [r for r in result.stderr.splitlines() if r.strip()][:3]
        raise ConfigurationError(f"{command[0]} mislukt (code {result.returncode}): {' / '.join(regels)}")


def schema_van_backup(bestand: Path, database: str) -> str | None:
    """The migration revision inside a SQLite backup (None for PostgreSQL dumps: checked on restore)."""
    if database != "sqlite":
        return None
    try:
        with sqlite3.connect(f"file:{bestand}?mode=ro", uri=True) as conn:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        raise InputError(
            Problem("geen Doorstroom-backup (SQLite zonder schemaversie)", file=str(bestand))
        ) from None
    return str(row[0]) if row else None


def herstel(engine: Engine, bestand: Path) -> Uitkomst:
    """Replace the database's contents with a backup made by :func:`backup`; all or nothing."""
    if not bestand.is_file():
        raise InputError(Problem("bestand niet gevonden", file=str(bestand)))
    schema = schema_van_backup(bestand, engine.dialect.name)
    if engine.dialect.name == "sqlite":
        engine.dispose()
        _sqlite_kopie(bestand, _sqlite_pad(engine))
    else:
        engine.dispose()
        _pg(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                str(bestand),
            ],
            engine,
        )
    return Uitkomst(bestand, engine.dialect.name, bestand.stat().st_size, schema)
