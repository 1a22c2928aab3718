#!/usr/bin/env python3
"""Developer tasks that need nothing but Python 3.11+ and PyPI.

    python3 dev.py run        the main job: the demo web application on http://127.0.0.1:8000
                              (reference data and a labelled synthetic case load; --port N)
    python3 dev.py test       all tests (SQLite, and PostgreSQL when its server binaries exist)
    python3 dev.py lint       ruff (lint + format check), mypy --strict and the import contracts
    python3 dev.py bench      the benchmarks under bench/
    python3 dev.py install    only create .venv and install the project with its dev extras

Every task first makes sure ``.venv`` holds the project as ``pyproject.toml`` describes it.
Extra arguments go to the underlying tool (``python3 dev.py test -k verdeling``).
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if sys.platform == "win32" else "bin")
STAMP = VENV / ".installed"


def _fingerprint() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def install() -> None:
    """Create .venv and install the project (editable, with dev extras) when pyproject changed."""
    if STAMP.exists() and STAMP.read_text() == _fingerprint():
        return
    if not (BIN / "python").exists():
        print("creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    _call([str(BIN / "python"), "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    _call([str(BIN / "python"), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[dev]"])
    STAMP.write_text(_fingerprint())


def _call(command: list[str]) -> int:
    result = subprocess.run(command, cwd=ROOT, check=False)
    if result.returncode != 0 and command[1:3] == ["-m", "pip"]:
        sys.exit(result.returncode)
    return result.returncode


def run(args: list[str]) -> int:
    """``doorstroom demo``: loads the demo once (a second start reuses it) and serves the web app."""
    try:
        return _call([str(BIN / "doorstroom"), "demo", *args])
    except KeyboardInterrupt:
        return 0


def test(args: list[str]) -> int:
    return _call([str(BIN / "python"), "-m", "pytest", *args])


def lint(args: list[str]) -> int:
    paths = [name for name in ("src", "tests", "bench", "dev.py") if (ROOT / name).exists()]
    steps = [
        [str(BIN / "ruff"), "check", *paths, *args],
        [str(BIN / "ruff"), "format", "--check", *paths],
        [str(BIN / "mypy")],
        [str(BIN / "lint-imports")],  # the contracts in pyproject.toml (docs/architecture.md)
    ]
    return max(_call(step) for step in steps)


def bench(args: list[str]) -> int:
    scripts = sorted(p for p in (ROOT / "bench").glob("*.py") if not p.name.startswith("_"))  # _x: helpers
    return max((_call([str(BIN / "python"), str(script), *args]) for script in scripts), default=0)


TASKS = {"run": run, "test": test, "lint": lint, "bench": bench, "install": lambda args: 0}


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in TASKS:
        print(__doc__)
        return 2
    install()
    return TASKS[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
