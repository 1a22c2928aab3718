"""Structured (JSON) logging for the server, without personal data.

Every record becomes one JSON object with time, level, logger, message and the whitelisted extra
fields the API adds (method, route template, status, duration, request id, error type). Messages are
fixed texts; nothing from a request body, query string or database row is logged.
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


def configureer(formaat: str = "json", niveau: int = logging.INFO) -> dict[str, object]:
    """A ``logging.config.dictConfig`` for uvicorn and Doorstroom (uvicorn's access log is off)."""
    formatter = (
        {"()": JsonFormatter}
        if formaat == "json"
        else {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    )
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
