"""Small files a municipality or province would hand in, written per test."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def csv_file(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write ``content`` to ``tmp_path/name`` and return its path."""

    def write(name: str, content: str) -> Path:
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        return path

    return write
