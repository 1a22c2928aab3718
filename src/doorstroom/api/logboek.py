"""Structured (JSON) logging for the server, without personal data.

Every record becomes one JSON object with time, level, logger, message and the whitelisted extra
fields the API adds (method, route template, status, duration, request id, error type). Messages are
fixed texts; nothing from a request body, query string or database row is logged. The text format
(``doorstroom demo``, ``DOORSTROOM_LOG_FORMAT=text``) writes the same whitelisted fields after the
message as ``naam=waarde``, so a request line says which request it was
(``verzoek method=GET route=/dossier/personen/{persoon_id} status=200 ms=12.3 request_id=...``).
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

VELDEN = ("method", "route", "status", "ms", "request_id", "fout", "frames", "reden")


class JsonFormatter(logging.Formatter):
    """Formats a record as one line of JSON with only the whitelisted fields."""

    def format(self, record: logging.LogRecord) -> str:
        data = {
            "tijd": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "niveau": record.levelname.lower(),
            "logger": record.name,
            "bericht": record.getMessage(),
        }
        data |= {veld: getattr(record, veld) for veld in VELDEN if hasattr(record, veld)}
        return json.dumps(data, ensure_ascii=False, default=str)


class TekstFormatter(logging.Formatter):
    """Time, level, logger and message, then the whitelisted fields the record carries."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        velden = [f"{veld}={getattr(record, veld)}" for veld in VELDEN if hasattr(record, veld)]
        return " ".join([super().format(record), *velden])


def configureer(formaat: str = "json", niveau: int = logging.INFO) -> dict[str, object]:
    """A ``logging.config.dictConfig`` for uvicorn and Doorstroom (uvicorn's access log is off)."""
    formatter = {"()": JsonFormatter if formaat == "json" else TekstFormatter}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"standaard": formatter},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "standaard",
                "stream": "ext://sys.stderr",
            }
        },
        "loggers": {
            "doorstroom": {"handlers": ["stderr"], "level": niveau, "propagate": False},
            "uvicorn": {"handlers": ["stderr"], "level": niveau, "propagate": False},
            "uvicorn.error": {"handlers": ["stderr"], "level": niveau, "propagate": False},
            "uvicorn.access": {"handlers": [], "level": logging.WARNING, "propagate": False},
        },
    }
