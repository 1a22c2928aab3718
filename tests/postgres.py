"""A throwaway PostgreSQL cluster for the test suite.

Started once per test session with the server binaries on the machine (``initdb``/``pg_ctl``),
in a temporary directory, listening on 127.0.0.1 only. PostgreSQL refuses to run as root, so under
root (as in CI) the server runs as the unprivileged user ``nobody`` via ``runuser``.
``DOORSTROOM_TEST_POSTGRES_URL`` points the tests at an existing server instead.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path


def find_binaries() -> Path | None:
    """Directory holding ``initdb`` and ``pg_ctl``, or None when PostgreSQL is not installed."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "nobody", "--", *command]


def _run(binaries: Path, program: str, *args: str) -> None:
    command = _as_server_user([str(binaries / program), *args])
    subprocess.run(command, check=True, capture_output=True)


@contextmanager
def throwaway_cluster(binaries: Path) -> Iterator[str]:
    """Start a cluster; yield its SQLAlchemy URL; stop and remove it afterwards."""
    root = Path(tempfile.mkdtemp(prefix="doorstroom-pg-"))
    data = root / "data"
    if os.geteuid() == 0:
        os.chmod(root, 0o777)
    port = _free_port()
    run = partial(_run, binaries)
    run("initdb", "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync")
    options = f"-h 127.0.0.1 -p {port} -k {root} -F -c fsync=off -c full_page_writes=off"
    run("pg_ctl", "-D", str(data), "-o", options, "-l", str(root / "log"), "-w", "start")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        run("pg_ctl", "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(root, ignore_errors=True)
