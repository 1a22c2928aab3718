"""The housing rule of the prognose: how many permit holders municipalities house each month.

Huisvestingswet 2014 art. 28–29: each half year the Minister sets a national taakstelling, which
is divided over municipalities by population; what a municipality did not realise carries over to
the next half year as arrears (and what it realised beyond its task as an advance). The published
half-year series (``taakstelling/data/landelijk.csv``) show that municipalities realise between
about 60 % and 110 % of their task *including* arrears. Nareizigers who join a family member count
toward the task (they are housed with that family member).

So, per province and month::

    maandtaak = taakstelling · aandeel / 6 + achterstand_begin_halfjaar / maanden_in_halfjaar
    ruimte    = realisatiegraad · maandtaak
    beschikbaar = heel(max(ruimte − nareizigers, 0))
    uit COA   = min(wachtend, beschikbaar)

and at the end of a half year the arrears are the task minus what was housed (nareizigers
included). ``heel`` rounds down to whole persons when persons are whole (Monte-Carlo paths) and is
exact on the expected path. The model (:mod:`~doorstroom.prognose.core.model`) and the needed
taakstelling (:mod:`~doorstroom.prognose.core.benodigd`) both call these functions, so the rule has one
home.
"""

from __future__ import annotations

import numpy as np

from doorstroom.prognose.core.scenario import FloatArray


def maandtaak(
    taakstelling: FloatArray, aandeel: FloatArray | float, achterstand: FloatArray, maanden: float
) -> FloatArray:
    """The month's share of the task: the half year's quota plus its arrears, spread evenly.

    ``maanden`` is the number of months of the half year that lie in the forecast (6, or fewer when
    the forecast starts within a half year), so arrears are caught up within the half year.
    """
    task: FloatArray = taakstelling * aandeel / 6.0 + achterstand / maanden
    return task


def ruimte(taak: FloatArray, realisatiegraad: FloatArray) -> FloatArray:
    """Persons municipalities can house this month: the realised share of the month's task."""
    room: FloatArray = np.maximum(taak, 0.0) * realisatiegraad
    return room


def beschikbare_ruimte(ruimte: FloatArray, nareizigers: FloatArray, *, hele: bool) -> FloatArray:
    """Room for permit holders from reception after nareizigers (whole persons when ``hele``)."""
    left: FloatArray = np.maximum(ruimte - nareizigers, 0.0)
    return np.floor(left) if hele else left


def uit_coa(wachtend: FloatArray, beschikbaar: FloatArray) -> FloatArray:
    """Permit holders housed from reception: the room left after nareizigers, at most those waiting."""
    housed: FloatArray = np.minimum(wachtend, beschikbaar)
    return housed
