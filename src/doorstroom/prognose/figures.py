"""Fan charts of a forecast and of a backtest: PNG with matplotlib, self-contained HTML with Plotly.

PNG is drawn with matplotlib's Agg backend because Plotly's static export needs Kaleido and a
Chrome browser, which are often missing on servers. The HTML embeds plotly.js, so it opens offline.
Every chart's title says what the numbers rest on (published figures, judgements, or examples).
Files are written atomically.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from doorstroom.files.tabular import atomic_write
from doorstroom.prognose.backtest import Backtest
from doorstroom.prognose.core.montecarlo import Resultaat
from doorstroom.prognose.core.reeksen import reeksnaam
from doorstroom.prognose.uitvoer import titel

WAAIERS = (
    "coa_bezetting",
    "ind_wachtrij",
    "vergunninghouders_coa",
    "instroom_totaal",
    "huisvesting_totaal",
    "achterstand",
)
"""The series drawn as fan charts, in this order; their titles come from the one table of names."""
BACKTEST_TITELS = {
    "eerste_aanvragen": "Eerste asielaanvragen per kwartaal",
    "nareizigers": "Nareizigers per kwartaal",
    "gehuisvest": "Gehuisvest per halfjaar",
}


def _figure(rows: int, width: float = 12.0, columns: int = 2) -> tuple[Any, Any]:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, 3.2 * rows), layout="constrained")
    return figure, figure.subplots(rows, columns, squeeze=False).ravel()


def waaier_png(resultaat: Resultaat, path: Path, reeksen: Sequence[str] = WAAIERS) -> None:
    """Fan charts (P10–P90 band, P50 line) of ``reeksen`` in one PNG."""
    figure, axes = _figure((len(reeksen) + 1) // 2)
    x = list(range(len(resultaat.maanden)))
    for axis, reeks in zip(axes, reeksen, strict=False):
        q = resultaat.kwantielen[reeks]
        axis.fill_between(x, q[0], q[2], alpha=0.3, label="P10–P90")
        axis.plot(x, q[1], label="P50")
        if reeks == "coa_bezetting":
            axis.plot(x, resultaat.kwantielen["capaciteit"][1], "k--", label="capaciteit")
        if reeks == "huisvesting_totaal":
            axis.plot(x, resultaat.kwantielen["taak_maand"][1], "k:", label="maandtaak (P50)")
        axis.set_title(reeksnaam(reeks, hoofdletter=True))
        axis.set_xticks(x[::6], [resultaat.maanden[t] for t in x[::6]], rotation=45)
        axis.legend(loc="upper left", fontsize="small")
    figure.suptitle(f"{titel(resultaat)} ({resultaat.paden} paden)")
    _save_png(figure, path)


def _save_png(figure: Any, path: Path) -> None:
    with atomic_write(path, "wb") as handle:
        figure.savefig(handle, format="png", dpi=100)


def waaier_html(resultaat: Resultaat, path: Path, reeksen: Sequence[str] = WAAIERS) -> None:
    """The same fan charts as one self-contained interactive HTML page."""
    from plotly.subplots import make_subplots

    rows = (len(reeksen) + 1) // 2
    figure = make_subplots(
        rows=rows, cols=2, subplot_titles=[reeksnaam(r, hoofdletter=True) for r in reeksen]
    )
    months = list(resultaat.maanden)
    for n, reeks in enumerate(reeksen):
        q = resultaat.kwantielen[reeks]
        _band(figure, months, q[0], q[1], q[2], reeks, {"row": n // 2 + 1, "col": n % 2 + 1})
    figure.update_layout(height=320 * rows, title=f"{titel(resultaat)} ({resultaat.paden} paden)")
    _save_html(figure, path)


def _band(
    figure: Any, x: Sequence[str], low: Any, mid: Any, high: Any, name: str, where: dict[str, int]
) -> None:
    figure.add_scatter(
        x=list(x), y=list(high), mode="lines", line_width=0, showlegend=False, name=f"{name} P90", **where
    )
    figure.add_scatter(
        x=list(x), y=list(low), mode="lines", line_width=0, fill="tonexty", name=f"{name} P10–P90", **where
    )
    figure.add_scatter(x=list(x), y=list(mid), mode="lines", name=f"{name} P50", **where)


def _save_html(figure: Any, path: Path) -> None:
    with atomic_write(path, "w", encoding="utf-8") as handle:
        handle.write(figure.to_html(include_plotlyjs=True, full_html=True))


def backtest_png(resultaat: Backtest, path: Path, kop: str) -> None:
    """Per series: the actual values as a line, each cut-off's forecast as a P10–P90 band with P50."""
    series = list(resultaat.werkelijk)
    figure, axes = _figure(len(series), width=12.0, columns=1)
    for axis, reeks in zip(axes, series, strict=True):
        labels, values = resultaat.werkelijk[reeks]
        position = {label: n for n, label in enumerate(labels)}
        axis.plot(range(len(labels)), values, "k-", marker=".", label="werkelijk")
        for cut in dict.fromkeys(p.afkap for p in resultaat.punten if p.reeks == reeks):
            points = [
                p for p in resultaat.punten if p.reeks == reeks and p.afkap == cut and p.periode in position
            ]
            x = [position[p.periode] for p in points]
            low, high = [p.p10 for p in points], [p.p90 for p in points]
            line = axis.plot(x, [p.p50 for p in points], "o--", markersize=4, label=f"vanaf {cut}")[0]
            axis.fill_between(x, low, high, alpha=0.25, color=line.get_color())
            axis.vlines(x, low, high, color=line.get_color(), alpha=0.6)
        axis.set_title(BACKTEST_TITELS.get(reeks, reeks))
        step = max(len(labels) // 10, 1)
        axis.set_xticks(range(0, len(labels), step), labels[::step], rotation=45)
        axis.legend(loc="upper left", fontsize="x-small")
    figure.suptitle(kop)
    _save_png(figure, path)


def backtest_html(resultaat: Backtest, path: Path, kop: str) -> None:
    """The backtest chart as one self-contained interactive HTML page."""
    from plotly.subplots import make_subplots

    series = list(resultaat.werkelijk)
    figure = make_subplots(
        rows=len(series), cols=1, subplot_titles=[BACKTEST_TITELS.get(s, s) for s in series]
    )
    for n, reeks in enumerate(series):
        labels, values = resultaat.werkelijk[reeks]
        where = {"row": n + 1, "col": 1}
        figure.add_scatter(
            x=list(labels), y=list(values), mode="lines+markers", name=f"{reeks} werkelijk", **where
        )
        for cut in dict.fromkeys(p.afkap for p in resultaat.punten if p.reeks == reeks):
            points = [p for p in resultaat.punten if p.reeks == reeks and p.afkap == cut]
            x = [p.periode for p in points]
            _band(
                figure,
                x,
                [p.p10 for p in points],
                [p.p50 for p in points],
                [p.p90 for p in points],
                f"{reeks} vanaf {cut}",
                where,
            )
    figure.update_layout(height=360 * len(series), title=kop)
    _save_html(figure, path)
