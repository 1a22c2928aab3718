"""Fan charts of a forecast: PNG with matplotlib, self-contained HTML with Plotly.

PNG is drawn with matplotlib's Agg backend because Plotly's static export needs Kaleido and a
Chrome browser, which are often missing on servers. The HTML embeds plotly.js, so it opens offline.
Both files are written atomically.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from doorstroom.prognose.montecarlo import Resultaat
from doorstroom.tabular import atomic_write

WAAIERS: dict[str, str] = {
    "coa_bezetting": "COA-bezetting (personen)",
    "ind_wachtrij": "Wachtend op IND-besluit",
    "vergunninghouders_coa": "Vergunninghouders in COA",
    "instroom_totaal": "Instroom per maand",
    "huisvesting_totaal": "Gehuisvest per maand",
    "inburgering": "In inburgering",
}


def waaier_png(resultaat: Resultaat, path: Path, reeksen: Sequence[str] = tuple(WAAIERS)) -> None:
    """Fan charts (P10–P90 band, P50 line) of ``reeksen`` in one PNG."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(12, 3.2 * ((len(reeksen) + 1) // 2)), layout="constrained")
    axes = figure.subplots((len(reeksen) + 1) // 2, 2, squeeze=False).ravel()
    x = list(range(len(resultaat.maanden)))
    for axis, reeks in zip(axes, reeksen, strict=False):
        q = resultaat.kwantielen[reeks]
        axis.fill_between(x, q[0], q[2], alpha=0.3, label="P10–P90")
        axis.plot(x, q[1], label="P50")
        if reeks == "coa_bezetting":
            axis.plot(x, resultaat.kwantielen["capaciteit"][1], "k--", label="capaciteit")
        axis.set_title(WAAIERS.get(reeks, reeks))
        axis.set_xticks(x[::6], [resultaat.maanden[t] for t in x[::6]], rotation=45)
        axis.legend(loc="upper left", fontsize="small")
    figure.suptitle(f"Prognose '{resultaat.scenario.naam}' ({resultaat.paden} paden)")
    with atomic_write(path, "wb") as handle:
        figure.savefig(handle, format="png", dpi=100)


def waaier_html(resultaat: Resultaat, path: Path, reeksen: Sequence[str] = tuple(WAAIERS)) -> None:
    """The same fan charts as one self-contained interactive HTML page."""
    from plotly.subplots import make_subplots

    rows = (len(reeksen) + 1) // 2
    titles = [WAAIERS.get(r, r) for r in reeksen]
    figure = make_subplots(rows=rows, cols=2, subplot_titles=titles)
    months = list(resultaat.maanden)
    for n, reeks in enumerate(reeksen):
        q = resultaat.kwantielen[reeks]
        where = {"row": n // 2 + 1, "col": n % 2 + 1}
        figure.add_scatter(
            x=months, y=q[2], mode="lines", line_width=0, showlegend=False, name=f"{reeks} P90", **where
        )
        figure.add_scatter(
            x=months, y=q[0], mode="lines", line_width=0, fill="tonexty", name=f"{reeks} P10–P90", **where
        )
        figure.add_scatter(x=months, y=q[1], mode="lines", name=f"{reeks} P50", **where)
    figure.update_layout(
        height=320 * rows, title=f"Prognose '{resultaat.scenario.naam}' ({resultaat.paden} paden)"
    )
    with atomic_write(path, "w", encoding="utf-8") as handle:
        handle.write(figure.to_html(include_plotlyjs=True, full_html=True))
