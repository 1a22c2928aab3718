"""The web application, mounted at ``/`` beside the API by :func:`doorstroom.server.create_app`."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine

from doorstroom.accounts import service as accounts
from doorstroom.platform.settings import get_settings
from doorstroom.web import weergeven
from doorstroom.web.aanmeldlimiet import Aanmeldlimiet
from doorstroom.web.middleware import WebMiddleware
from doorstroom.web.routes import (
    aanmelden,
    aanmeldingen,
    beheer,
    beleid,
    dossier,
    gemeente,
    huisvesting,
    keten,
    koppeling,
    land,
    monitor,
    oidc,
    regio,
    scenario,
    signalen,
)
from doorstroom.web.sjablonen import maak_sjablonen
from doorstroom.web.taken import Takenlijst

LABELS = {"demo": "DEMO — synthetische gegevens", "ontwikkeling": "ontwikkeling"}


def plotly_js() -> Path:
    """plotly.js as shipped inside the installed plotly package (pages work offline)."""
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


@lru_cache(maxsize=1)
def plotly_stijl_ids() -> tuple[str, ...]:
    """Ids of the style elements plotly.js injects at load time unless one with that id exists.

    The bundle adds MapLibre's stylesheet as an inline ``<style>``, which the Content Security Policy
    blocks (and reports). Pages with charts declare these ids up front (an empty ``<meta>`` each): we
    draw no MapLibre maps, so nothing is lost, and no inline style is attempted.
    """
    tekst = plotly_js().read_text(encoding="utf-8", errors="replace")
    return tuple(
        dict.fromkeys(
            re.findall(
                r'getElementById\("([0-9a-f]{16,})"\)\)\{var \w+=document\.createElement\("style"\)', tekst
            )
        )
    )


def create_web(engine: Engine, geheim: str) -> FastAPI:
    """The pages on ``engine``; ``geheim`` signs the cookies (see :mod:`doorstroom.web.beveiliging`)."""
    settings = get_settings()
    web = FastAPI(docs_url=None, redoc_url=None, openapi_url=None, redirect_slashes=False)
    web.state.engine = engine
    web.state.geheim = geheim
    web.state.veilige_cookies = settings.environment == "productie"
    web.state.omgeving_label = LABELS.get(settings.environment, "")
    web.state.sjablonen = maak_sjablonen()
    web.state.sjablonen.env.globals["plotly_stijl_ids"] = plotly_stijl_ids
    web.state.aanmeldlimiet = Aanmeldlimiet()
    web.state.taken = Takenlijst()
    web.state.sjablonen.env.globals["oidc_knop"] = (
        accounts.oidc_knoptekst(settings) if accounts.oidc_ingeschakeld(settings) else ""
    )
    for module in (
        aanmelden,
        oidc,
        keten,
        land,
        gemeente,
        scenario,
        huisvesting,
        koppeling,
        aanmeldingen,
        signalen,
        dossier,
        regio,
        beheer,
        monitor,
        beleid,
    ):
        web.include_router(module.router)
    web.add_api_route(
        "/static/plotly.min.js", lambda: FileResponse(plotly_js(), media_type="text/javascript")
    )
    with resources.as_file(resources.files("doorstroom.web") / "static") as statisch:
        web.mount("/static", StaticFiles(directory=str(statisch)), name="static")
    for exception, handler in weergeven.HANDLERS.items():
        web.add_exception_handler(exception, handler)
    return web


def met_middleware(web: FastAPI) -> WebMiddleware:
    """The pages wrapped in the web middleware, with the site's own error page for crashes."""

    def foutpagina(status: int, tekst: str) -> bytes:
        sjabloon = web.state.sjablonen.env.get_template("fout.html")
        titel = {413: "Te groot", 500: "Er ging iets mis"}.get(status, "Fout")
        html = sjabloon.render(
            titel=titel, tekst=tekst, problemen=[], gebruiker=None, csrf="", pad="/", menu=lambda g: []
        )
        return str(html).encode()

    return WebMiddleware(web, foutpagina)
