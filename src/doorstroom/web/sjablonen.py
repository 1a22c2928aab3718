"""Templates and the small formatting rules of Dutch pages (16.500; 45,3 %; 24-11-2026).

Formatting is presentation; what a number *is* comes from the services.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from importlib import resources
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from doorstroom.accounts import service as accounts
from doorstroom.accounts.service import Gebruiker, Handeling
from doorstroom.koppeling import service as koppeling
from doorstroom.values import afscherming
from doorstroom.values.number_text import format_nl

MENU: tuple[tuple[str, str, Handeling], ...] = (
    ("Keten", "/", Handeling.ketencijfers_lezen),
    ("Land in beeld", "/land", Handeling.ketencijfers_lezen),
    ("Gemeente", "/gemeente", Handeling.ketencijfers_lezen),
    ("Koppeling", "/koppeling", Handeling.koppeling_beoordelen),
    ("Dossier", "/dossier", Handeling.dossier_lezen),
    ("Meldingen", "/dossier/signalen", Handeling.dossier_lezen),
    ("Aanmeldingen", "/dossier/aanmeldingen", Handeling.identiteit_beoordelen),
    ("Regio", "/regio", Handeling.spreiding_lezen),
    ("Scenario", "/scenario", Handeling.prognose_rekenen),
    ("Monitor", "/monitor", Handeling.monitor_lezen),
    ("Beleid", "/beleid", Handeling.ketencijfers_lezen),
    ("Huisvesting", "/huisvesting", Handeling.huisvesting_lezen),
    ("Gebruikers", "/beheer/gebruikers", Handeling.gebruikers_beheren),
)
"""The navigation: each page with the permission it needs (the access rule decides who sees it)."""


def getal(waarde: Any, decimalen: int = 0) -> str:
    """A number the Dutch way: dots group thousands, a comma before decimals; '–' for nothing."""
    if waarde is None or waarde == "":
        return "–"
    try:
        return format_nl(float(waarde), decimalen)
    except (TypeError, ValueError):
        return str(waarde)


def aantal(waarde: Any, enkelvoud: str, meervoud: str) -> str:
    """'1 persoon', '2 personen', '1.250 personen': a count with the noun in the right number; a
    count withheld below ten (None) reads '< 10 personen'."""
    return f"{telling(waarde)} {enkelvoud if waarde == 1 else meervoud}"


def telling(waarde: Any) -> str:
    """A count of persons as shown: the number, or '< 10' when it was withheld (None)."""
    return afscherming.TEKST if waarde is None else getal(waarde)


def procent(waarde: Any, decimalen: int = 1) -> str:
    """A percentage (already times 100) as '45,3 %'."""
    return "–" if waarde is None else f"{getal(waarde, decimalen)} %"


def datum(waarde: Any) -> str:
    """An ISO date or moment as 24-11-2026 (with the time for a moment)."""
    if waarde is None or waarde == "":
        return "–"
    tekst = str(waarde)
    try:
        if "T" in tekst:
            moment = datetime.fromisoformat(tekst.replace("Z", "+00:00"))
            return f"{moment:%d-%m-%Y %H:%M}"
        return f"{date.fromisoformat(tekst[:10]):%d-%m-%Y}"
    except ValueError:
        return tekst


def als_json(waarde: Any) -> Markup:
    """Data for a ``<script type="application/json">`` block (no executable script; CSP-safe)."""
    tekst = json.dumps(waarde, ensure_ascii=False, default=str)
    return Markup(tekst.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def menu(gebruiker: Gebruiker | None) -> list[tuple[str, str]]:
    """The pages this user may open."""
    if gebruiker is None:
        return []
    return [(naam, pad) for naam, pad, nodig in MENU if accounts.mag(gebruiker, nodig)]


def maak_sjablonen() -> Jinja2Templates:
    """The template environment with Doorstroom's filters."""
    with resources.as_file(resources.files("doorstroom.web") / "templates") as pad:
        sjablonen = Jinja2Templates(directory=str(pad))
    sjablonen.env.filters.update(
        getal=getal, aantal=aantal, telling=telling, procent=procent, datum=datum, json=als_json
    )
    sjablonen.env.filters.update(koppelwoord=koppeling.woord)
    sjablonen.env.globals.update(menu=menu)
    return sjablonen


def context(request: Request, **waarden: Any) -> dict[str, Any]:
    """What every page needs: the user, the session's CSRF token, and the page's own values."""
    sessie = getattr(request.state, "sessie", None)
    return {
        "gebruiker": sessie.gebruiker if sessie else None,
        "csrf": sessie.csrf if sessie else "",
        "pad": request.url.path,
        **waarden,
    }
