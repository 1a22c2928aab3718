"""Work that takes longer than a page view (a forecast, a koppeling run), done in the background.

One worker thread per server process runs the tasks in turn, so two planners starting a forecast
at once do not make both wait for twice the CPU. A page polls the task (htmx) and shows its
progress; the task belongs to the user who started it, and only that user sees it. Finished tasks
are forgotten after an hour; their results (a stored forecast, a stored run) live in the database.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from doorstroom.accounts.service import Gebruiker
from doorstroom.platform import audit, metrics
from doorstroom.platform.errors import DoorstroomError, InputError, NotFound
from doorstroom.web.weergeven import problemen

BEWAREN_SECONDEN = 3600
_log = logging.getLogger("doorstroom.web")
Werk = Callable[[Callable[[float], None]], Any]


@dataclass
class Taak:
    """A task's state as the page shows it."""

    id: str
    eigenaar: str
    soort: str
    omschrijving: str
    status: str = "wachtend"
    voortgang: float = 0.0
    resultaat: Any = None
    fouten: list[str] = field(default_factory=list)
    gestart: float = field(default_factory=time.monotonic)
    klaar_op: float | None = None

    @property
    def klaar(self) -> bool:
        """Finished, with a result or with errors."""
        return self.status in ("klaar", "fout")


class Takenlijst:
    """The tasks of this server process."""

    def __init__(self) -> None:
        self._taken: dict[str, Taak] = {}
        self._slot = threading.Lock()
        self._uitvoerder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="doorstroom-taak")

    def start(self, gebruiker: Gebruiker, soort: str, omschrijving: str, werk: Werk) -> Taak:
        """Queue ``werk`` (called with a progress callback 0..1) as ``gebruiker``."""
        self._opruimen()
        taak = Taak(secrets.token_urlsafe(12), gebruiker.gebruikersnaam, soort, omschrijving)
        with self._slot:
            self._taken[taak.id] = taak
        metrics.taak_gestart(soort)
        self._uitvoerder.submit(self._voer_uit, taak, gebruiker, werk)
        return taak

    def _voer_uit(self, taak: Taak, gebruiker: Gebruiker, werk: Werk) -> None:
        taak.status = "bezig"

        def voortgang(deel: float) -> None:
            taak.voortgang = max(0.0, min(1.0, deel))

        try:
            with audit.acting_as(gebruiker.actor):
                taak.resultaat = werk(voortgang)
            taak.status, taak.voortgang = "klaar", 1.0
        except InputError as error:
            taak.status, taak.fouten = "fout", problemen(error)
        except DoorstroomError as error:
            taak.status, taak.fouten = "fout", [str(error)]
        except Exception as error:  # a defect: logged by type only, the user gets a reference
            referentie = secrets.token_hex(8)
            _log.error("interne fout in taak", extra={"fout": type(error).__name__, "request_id": referentie})
            taak.status, taak.fouten = "fout", [f"interne fout (referentie {referentie})"]
        finally:
            taak.klaar_op = time.monotonic()
            metrics.taak_klaar(taak.soort, taak.status)

    def van(self, gebruiker: Gebruiker, taak_id: str) -> Taak:
        """The task, when it is this user's (NotFound otherwise: another's task does not exist)."""
        with self._slot:
            taak = self._taken.get(taak_id)
        if taak is None or taak.eigenaar != gebruiker.gebruikersnaam:
            raise NotFound("deze taak bestaat niet (meer)")
        return taak

    def _opruimen(self) -> None:
        grens = time.monotonic() - BEWAREN_SECONDEN
        with self._slot:
            for taak_id in [t.id for t in self._taken.values() if t.klaar_op and t.klaar_op < grens]:
                del self._taken[taak_id]
