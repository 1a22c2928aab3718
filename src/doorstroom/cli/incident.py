"""Recording an internal error without personal data: a reference for the user, details for the admin.

A database driver quotes the row it choked on (``Key (huishouden_ref)=(H-123) already exists``), so
an exception's message may hold personal data (AVG; BIO). Neither the user's terminal nor the log
gets that message: the log keeps the exception *types* and the code locations (file, line,
function) of the traceback, enough to find the defect, and the user gets a reference to quote.
The log lives in the data directory, readable by its owner only (0600 in a 0700 directory).
"""

from __future__ import annotations

import os
import secrets
import traceback
from pathlib import Path

LOG_NAME = "fouten.log"


def record_incident(error: BaseException) -> str:
    """Log ``error`` without its messages; return the reference the user can quote."""
    reference = f"F-{secrets.token_hex(4).upper()}"
    try:
        _append(_log_path(), _entry(reference, error))
    except Exception:  # an unwritable data directory must not hide the original error
        return f"{reference} (niet gelogd)"
    return reference


def _log_path() -> Path:
    from doorstroom.platform.settings import get_settings

    directory = get_settings().data_dir / "logboek"
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory / LOG_NAME


def _entry(reference: str, error: BaseException) -> str:
    from doorstroom.platform.clock import nu  # only when an incident happens (lazy start)

    now = nu().isoformat(timespec="seconds")
    lines = [f"{now} {reference}"]
    current: BaseException | None = error
    while current is not None:
        lines.append(f"  {type(current).__module__}.{type(current).__qualname__}")
        lines += [
            f"    {frame.filename}:{frame.lineno} in {frame.name}"
            for frame in traceback.extract_tb(current.__traceback__)
        ]
        current = current.__cause__ or current.__context__
    return "\n".join(lines) + "\n"


def _append(path: Path, text: str) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(descriptor, "a", encoding="utf-8") as handle:
        handle.write(text)
