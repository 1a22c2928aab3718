"""Registry of every context's table module, so Alembic and tests see the whole schema."""

from __future__ import annotations

import importlib

TABLE_MODULES = (
    "doorstroom.platform.audit",
    "doorstroom.platform.achtergrond_model",
    "doorstroom.reference.models",
    "doorstroom.taakstelling.models",
    "doorstroom.koppeling.models",
    "doorstroom.spreiding.models",
    "doorstroom.accounts.models",
    "doorstroom.dossier.models",
    "doorstroom.prognose.models",
    "doorstroom.beleid.models",
    "doorstroom.huisvesting.models",
)


def import_all_models() -> None:
    """Import each context's ``models.py`` (present ones) so their tables join ``Base.metadata``."""
    for name in TABLE_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as error:
            if not name.startswith(error.name or "\0"):
                raise
