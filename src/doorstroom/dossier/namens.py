"""Attribute a service call to the acting user and its purpose, and retry it while the database is busy.

Services of the case file are decorated with :func:`namens`; the delivery layer (API, web, CLI)
cannot forget to say who acts or why. The purpose follows from the role (AVG art. 5(1)(b), purpose
limitation): a municipality processes for housing and inburgering, COA for reception and koppeling.

Every service call is one transaction (or, for imports, one per file), so when another user holds
the write lock (:class:`~doorstroom.db.DatabaseBezet`) the whole call runs again, until the
configured waiting time (``DOORSTROOM_DATABASE_WACHTTIJD``) has passed. A call with an effect
outside its own transaction (a koppeling decision) uses :func:`namens_eenmalig` instead.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from doorstroom import audit
from doorstroom.accounts.domain import Gebruiker, Rol
from doorstroom.db import DatabaseBezet
from doorstroom.settings import get_settings

P = ParamSpec("P")
T = TypeVar("T")

DOELEN = {
    Rol.gemeente: "huisvesting en inburgering (Huisvestingswet 2014, Wet inburgering 2021)",
    Rol.coa: "opvang, koppeling en uitstroom (COA)",
    Rol.provincie: "interbestuurlijk toezicht (alleen aantallen)",
    Rol.beheerder: "beheer van gebruikers en instellingen",
    Rol.systeem: "beheer via de opdrachtregel",
}


def _namens(func: Callable[P, T], herhalen: bool) -> Callable[P, T]:
    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        gebruiker = args[1] if len(args) > 1 else kwargs.get("gebruiker")
        if not isinstance(gebruiker, Gebruiker):
            raise TypeError(f"{func.__name__} verwacht een Gebruiker als tweede argument")
        with audit.acting_as(gebruiker.actor), audit.met_doel(DOELEN[gebruiker.rol]):
            return herhaald(func, *args, **kwargs) if herhalen else func(*args, **kwargs)

    return wrapper


def namens(func: Callable[P, T]) -> Callable[P, T]:
    """Run ``func(engine, gebruiker, ...)`` as ``gebruiker`` (audit actor and purpose), retried while busy."""
    return _namens(func, herhalen=True)


def namens_eenmalig(func: Callable[P, T]) -> Callable[P, T]:
    """As :func:`namens`, without retrying (for calls with effects outside their transaction)."""
    return _namens(func, herhalen=False)


def herhaald(func: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``func(*args, **kwargs)``, run again while the database is busy, up to the waiting time."""
    einde = time.monotonic() + get_settings().database_wachttijd
    poging = 0
    while True:
        try:
            return func(*args, **kwargs)
        except DatabaseBezet:
            poging += 1
            if time.monotonic() >= einde:
                raise
            time.sleep(min(0.02 * 2**poging, 1.0))
