"""The ``busy`` load of the benchmarks: one child process that keeps a core busy.

The koppeling, half-year and prognose benchmarks each report an idle and a busy figure; they
make the busy one the same way, with this.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def drukte(aan: bool) -> Iterator[None]:
    """One child process that keeps a core busy while the block runs (``busy`` load)."""
    if not aan:
        yield
        return
    bezig = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.5)
        yield
    finally:
        bezig.kill()
        bezig.wait()
