"""The server application served by uvicorn on a free local port, for tests that need real HTTP
(chunked bodies, a browser): the in-process test client hands the application a body whole."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn


def vrije_poort() -> int:
    """A TCP port on 127.0.0.1 nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def gediend(app: Any) -> Iterator[str]:
    """``app`` served on 127.0.0.1 for the block; yields its base URL."""
    poort = vrije_poort()
    uvi = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=poort, log_level="warning"))
    draad = threading.Thread(target=uvi.run, daemon=True)
    draad.start()
    for _ in range(200):
        if uvi.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{poort}"
    finally:
        uvi.should_exit = True
        draad.join(timeout=10)
