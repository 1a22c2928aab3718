"""Koppeling: proposals that link permit-holder households (vergunninghouders) to municipalities.

COA links every vergunninghouder to a municipality that houses him under its taakstelling
(Huisvestingswet 2014, art. 28-31). This context turns that step into a transparent optimisation:
hard COA criteria (first-degree family, family reunification, medical care, a work contract, a
study place) decide, soft criteria (region of reception, labour market, education, network,
preferences) weigh, and a person always accepts or overrides each proposal.

Layout: ``service`` is the one door (every use case and value the CLI, API and web use); the
use cases beside it are ``voorstel`` (one run), ``beoordeling`` (the review), ``periode`` (batches
priced over a half year) and ``vergelijking`` (a run with its report); ``core/`` holds the pure
rules, ``solver/`` the engine (program, backends, decomposition, pricing, time budget) and
``explain/`` the explanations; ``io``, ``repository``, ``models``, ``opgeslagen``, ``verwachting``
and ``kolommen`` are the adapters (files, queries, tables, stored runs, the prognose, workbooks).
"""
