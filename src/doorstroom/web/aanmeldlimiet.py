"""Login rate limiting (BIO 9.4.2; OWASP Authentication: throttle failed logins).

Failed attempts are counted in a moving window per user name (read by the accounts context's one
rule, :func:`~doorstroom.accounts.domain.normaliseer_gebruikersnaam`, so `` Demo-COA`` counts as
``demo-coa``: the name the login itself looks up) and per client address with the
``limits`` library; once either limit is reached, further attempts are refused (HTTP 429 with
``Retry-After``) without checking the password, until the window has moved on. A successful login
does not reset the counts: a guesser who also knows a valid password gains nothing. The counts live
in the server process (one process per deployment of the web application; see docs/web.md).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from limits import RateLimitItem, RateLimitItemPerMinute
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from doorstroom.accounts.service import normaliseer_gebruikersnaam

PER_GEBRUIKER = RateLimitItemPerMinute(5, 15)
"""Five failed attempts per user name in 15 minutes."""
PER_ADRES = RateLimitItemPerMinute(30, 15)
"""Thirty failed attempts per client address in 15 minutes (an office behind one address)."""


@dataclass
class Aanmeldlimiet:
    """Counts failed logins; ``toegestaan`` says whether another attempt may be checked."""

    limiter: MovingWindowRateLimiter = field(default_factory=lambda: MovingWindowRateLimiter(MemoryStorage()))

    def _regels(self, gebruikersnaam: str, adres: str) -> list[tuple[RateLimitItem, str]]:
        return [
            (PER_GEBRUIKER, f"naam:{normaliseer_gebruikersnaam(gebruikersnaam)[:100]}"),
            (PER_ADRES, f"adres:{adres}"),
        ]

    def toegestaan(self, gebruikersnaam: str, adres: str) -> int | None:
        """None when an attempt may be checked; else the seconds to wait."""
        wachten = [
            int(self.limiter.get_window_stats(item, sleutel).reset_time - time.time()) + 1
            for item, sleutel in self._regels(gebruikersnaam, adres)
            if not self.limiter.test(item, sleutel)
        ]
        return max(wachten) if wachten else None

    def mislukt(self, gebruikersnaam: str, adres: str) -> None:
        """Count one failed attempt."""
        for item, sleutel in self._regels(gebruikersnaam, adres):
            self.limiter.hit(item, sleutel)
