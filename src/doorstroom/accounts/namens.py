"""Attribute a service call to the acting user and its purpose, and retry it while the database is busy.

Services of the case file are decorated with :func:`namens`; the delivery layer (API, web, CLI)
cannot forget to say who acts or why. The purpose follows from the role (AVG art. 5(1)(b), purpose
limitation): a municipality processes for housing and inburgering, COA for reception and koppeling.

Every service call is one transaction (or, for imports, one per file), so when another user holds
the write lock (:class:`~doorstroom.platform.db.DatabaseBezet`) the whole call runs again, until the
configured waiting time (``DOORSTROOM_DATABASE_WACHTTIJD``) has passed (the one waiting rule,
:func:`doorstroom.platform.db.opnieuw_bij_bezet`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from doorstroom.accounts import toegang
from doorstroom.accounts.domain import Gebruiker
from doorstroom.platform import audit
from doorstroom.platform.db import opnieuw_bij_bezet

P = ParamSpec("P")
T = TypeVar("T")


def namens(func: Callable[P, T]) -> Callable[P, T]:
    """Run ``func(engine, gebruiker, ...)`` as ``gebruiker`` (audit actor and purpose), retried while busy."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        gebruiker = args[1] if len(args) > 1 else kwargs.get("gebruiker")
        if not isinstance(gebruiker, Gebruiker):
            raise TypeError(f"{func.__name__} verwacht een Gebruiker als tweede argument")
        with audit.acting_as(gebruiker.actor), audit.met_doel(toegang.doel(gebruiker)):
            return herhaald(func, *args, **kwargs)

    return wrapper


def herhaald(func: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``func(*args, **kwargs)``, run again while the database is busy (:func:`db.opnieuw_bij_bezet`)."""
    return opnieuw_bij_bezet(lambda: func(*args, **kwargs))
