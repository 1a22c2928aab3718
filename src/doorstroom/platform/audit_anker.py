"""Where the audit trail's anchors are kept: outside the database (``DOORSTROOM_AUDIT_ANKER``).

An anchor (:class:`doorstroom.platform.audit.Anker`) is only worth something in a place the people
who can change the database cannot rewrite (BIO 12.4.2: protection of log information; the NCSC
advises shipping logs to a separate system). Two kinds of place:

* **a file path**: one JSON object per line, appended (``O_APPEND``) and flushed to disk, the file
  0600. Put it on another machine (a mounted share of the log server) or on WORM storage; a file
  beside the database can be rewritten together with it.
* **an http(s) URL**: ``doorstroom audit anker`` POSTs the anchor as JSON, for example to a
  time-stamping or WORM service; ``doorstroom audit controleer`` GETs the same URL and reads the
  anchors back, as JSON lines or as one JSON array. A 2xx answer counts as kept.

A place that cannot be reached, written or read is a :class:`ConfigurationError` naming the setting
and the place (never a URL's credentials or query string); a line that is no anchor names its row.
"""

from __future__ import annotations

import errno
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx2 as httpx

from doorstroom.platform.audit import Anker
from doorstroom.platform.errors import ConfigurationError

INSTELLING = "DOORSTROOM_AUDIT_ANKER"
TIJDSLIMIET_SECONDEN = 10.0
"""How long a request to an anchor URL may take before it counts as unreachable."""
VELDEN = ("keten", "volgnummer", "aantal", "hash", "moment")


@dataclass(frozen=True)
class Ankerplaats:
    """The configured place: a file path or an http(s) URL (the setting checked its form)."""

    tekst: str

    @property
    def is_url(self) -> bool:
        """True for an http(s) URL."""
        return self.tekst.startswith(("http://", "https://"))

    @property
    def naam(self) -> str:
        """The place for messages: a path, or a URL without credentials, query or fragment."""
        if not self.is_url:
            return self.tekst
        delen = urlsplit(self.tekst)
        poort = f":{delen.port}" if delen.port else ""
        return f"{delen.scheme}://{delen.hostname}{poort}{delen.path}"


_REDENEN = {
    errno.ENOENT: "de map bestaat niet",
    errno.EACCES: "geen rechten",
    errno.EPERM: "geen rechten",
    errno.EROFS: "alleen-lezen bestandssysteem",
    errno.ENOSPC: "schijf vol",
    errno.EISDIR: "is een map",
}


def os_reason(error: OSError) -> str:
    """A short Dutch reason for an operating-system error."""
    return (
        _REDENEN.get(error.errno or 0) or f"systeemfout {errno.errorcode.get(error.errno or 0, error.errno)}"
    )


def _fout(plaats: Ankerplaats, wat: str) -> ConfigurationError:
    return ConfigurationError(f"{INSTELLING}: {plaats.naam} {wat}")


def schrijf(plaats: Ankerplaats, anker: Anker) -> None:
    """Keep ``anker`` at ``plaats``: append a line to the file, or POST it to the URL."""
    tekst = json.dumps(anker.als_json(), ensure_ascii=False, sort_keys=True)
    if plaats.is_url:
        _post(plaats, tekst)
    else:
        _voeg_toe(plaats, tekst)


def _voeg_toe(plaats: Ankerplaats, tekst: str) -> None:
    try:
        descriptor = os.open(plaats.tekst, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(descriptor, (tekst + "\n").encode("utf-8"))
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    except OSError as error:
        raise _fout(plaats, f"is niet te schrijven: {os_reason(error)}") from None


def _post(plaats: Ankerplaats, tekst: str) -> None:
    try:
        antwoord = httpx.post(
            plaats.tekst,
            content=tekst.encode("utf-8"),
            headers={"Content-Type": "application/json"},
            timeout=TIJDSLIMIET_SECONDEN,
        )
    except httpx.HTTPError as error:
        raise _fout(
            plaats, f"is niet bereikbaar ({type(error).__name__}); het anker is niet bewaard"
        ) from None
    if not antwoord.is_success:
        raise _fout(plaats, f"antwoordde {antwoord.status_code}; het anker is niet bewaard")


def lees(plaats: Ankerplaats) -> list[Anker]:
    """Every anchor kept at ``plaats``, oldest first; none when the file does not exist yet."""
    if plaats.is_url:
        return _uit_tekst(plaats, _get(plaats))
    try:
        tekst = Path(plaats.tekst).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as error:
        reden = os_reason(error) if isinstance(error, OSError) else "geen UTF-8"
        raise _fout(plaats, f"is niet te lezen: {reden}") from None
    return _uit_tekst(plaats, tekst)


def _get(plaats: Ankerplaats) -> str:
    try:
        antwoord = httpx.get(plaats.tekst, timeout=TIJDSLIMIET_SECONDEN)
    except httpx.HTTPError as error:
        raise _fout(
            plaats, f"is niet bereikbaar ({type(error).__name__}); de ankers zijn niet gelezen"
        ) from None
    if not antwoord.is_success:
        raise _fout(plaats, f"antwoordde {antwoord.status_code}; de ankers zijn niet gelezen")
    return antwoord.text


def _uit_tekst(plaats: Ankerplaats, tekst: str) -> list[Anker]:
    """Anchors from JSON lines, or from one JSON array (what a service may answer instead)."""
    if tekst.lstrip().startswith("["):
        try:
            items = json.loads(tekst)
        except ValueError:
            raise _fout(plaats, "gaf geen leesbare JSON-lijst van ankers") from None
        return [_anker(plaats, nummer, item) for nummer, item in enumerate(items, start=1)]
    regels = [(nummer, regel) for nummer, regel in enumerate(tekst.splitlines(), start=1) if regel.strip()]
    return [_anker(plaats, nummer, _json(plaats, nummer, regel)) for nummer, regel in regels]


def _json(plaats: Ankerplaats, nummer: int, regel: str) -> Any:
    try:
        return json.loads(regel)
    except ValueError:
        raise _fout(plaats, f"rij {nummer} is geen JSON") from None


def _anker(plaats: Ankerplaats, nummer: int, item: Any) -> Anker:
    """One stored anchor, checked: every field present with the right type."""
    if not isinstance(item, dict) or any(veld not in item for veld in VELDEN):
        raise _fout(plaats, f"rij {nummer} is geen anker (velden {', '.join(VELDEN)} nodig)")
    getallen, teksten = ("volgnummer", "aantal"), ("keten", "hash", "moment")
    if not all(type(item[v]) is int and item[v] >= 0 for v in getallen) or not all(
        isinstance(item[v], str) for v in teksten
    ):
        raise _fout(plaats, f"rij {nummer} is geen anker (volgnummer en aantal getallen, de rest tekst)")
    return Anker(
        volgnummer=item["volgnummer"],
        hash=item["hash"],
        aantal=item["aantal"],
        moment=item["moment"],
        keten=item["keten"],
        database=str(item.get("database", "")),
        plaats=f"{plaats.naam} rij {nummer}",
    )
