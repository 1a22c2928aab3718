"""Koppeling: proposals that link permit-holder households (vergunninghouders) to municipalities.

COA links every vergunninghouder to a municipality that houses him under its taakstelling
(Huisvestingswet 2014, art. 28-31). This context turns that step into a transparent optimisation:
hard COA criteria (first-degree family, family reunification, medical care, a work contract, a
study place) decide, soft criteria (region of reception, labour market, education, network,
preferences) weigh, and a person always accepts or overrides each proposal.

Layout: ``domain`` (values), ``score`` (criteria), ``model`` (the integer program), ``solvers``
(HiGHS, OR-Tools, greedy baseline), ``decompose`` (LP → exact finish), ``validate``, ``explain``,
``synthetic``; I/O lives in ``io``, ``repository`` and ``service`` only.
"""
