"""Prognose: a Monte-Carlo forecast of the asylum-to-integration chain (issue 3).

Pure core: :mod:`~doorstroom.prognose.core.scenario` (parameters), :mod:`~doorstroom.prognose.core.model`
(the monthly flow model, vectorised over paths) and :mod:`~doorstroom.prognose.core.montecarlo`
(paths, quantiles, flex buffer, needed taakstelling, cost). Adapters: ``scenario_io`` (TOML),
``regions``, ``calibration``/``backtest``, ``sweep`` (Dask), ``figures``, ``service`` (CLI use cases).
See ``docs/prognose.md``.
"""
