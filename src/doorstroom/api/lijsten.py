"""Building a page of results with links (pagination per ADR practice: ``pagina``/``paginaGrootte``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import Request

from doorstroom.api.schemas import Links
from doorstroom.platform.paging import Pagina


def _link(request: Request, nummer: int) -> str:
    return (
        str(request.url.include_query_params(pagina=nummer).path)
        + "?"
        + str(request.url.include_query_params(pagina=nummer).query)
    )


def lijst(request: Request, resultaten: Sequence[Any], totaal: int, pagina: Pagina) -> dict[str, Any]:
    """The envelope of a page: results, counts and links to neighbouring pages."""
    paginas = max(1, -(-totaal // pagina.grootte))
    links = Links(
        self=_link(request, pagina.nummer),
        volgende=_link(request, pagina.nummer + 1) if pagina.nummer < paginas else None,
        vorige=_link(request, pagina.nummer - 1) if pagina.nummer > 1 else None,
    )
    return {
        "resultaten": list(resultaten),
        "pagina": pagina.nummer,
        "paginaGrootte": pagina.grootte,
        "totaalAantal": totaal,
        "totaalPaginas": paginas,
        "links": links.model_dump(exclude_none=True),
    }
