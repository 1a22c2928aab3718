"""The spreiding as a logged-in user consults it (web application and REST API): the same use cases
as the command line, with the role rules applied.

* The distribution (:func:`opgaven`) and the region view (:func:`regio`) are aggregates of public
  estimates, population and reception places: every role that works in the chain may read them
  (gemeente, coa, provincie); a *beheerder* manages accounts and gets no figures.
* The locations register (:func:`locaties`, :func:`versies`) holds per-location occupancy, which is
  operational information: COA sees every location, a province the locations in its municipalities,
  a municipality its own. A location outside that scope does not exist for the caller (as in the
  case file: its existence is itself information).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from doorstroom.accounts import toegang
from doorstroom.accounts.domain import Gebruiker
from doorstroom.accounts.service import bereik_voor
from doorstroom.accounts.toegang import Handeling
from doorstroom.platform.clock import vandaag
from doorstroom.platform.errors import InputError, NotFound, Problem
from doorstroom.spreiding import io, register
from doorstroom.spreiding.core.domain import Raming
from doorstroom.spreiding.opgaven import Spreiding, Verzoek, bereken
from doorstroom.spreiding.regio_overzicht import RegioOverzicht, Regiosoort, RegioVerzoek
from doorstroom.spreiding.regio_overzicht import regio as regio_view
from doorstroom.values.periode import Periode
from doorstroom.values.record import Record


def _eis_lezer(gebruiker: Gebruiker) -> None:
    toegang.eis(gebruiker, Handeling.spreiding_lezen)


def standaard_raming() -> date:
    """The most recent embedded capacity estimate (estimates are revised; the newest is the default)."""
    return io.ramingen()[-1].datum


def ramingen_voor(gebruiker: Gebruiker) -> list[Raming]:
    """The embedded capacity estimates, oldest first."""
    _eis_lezer(gebruiker)
    return list(io.ramingen())


def opgaven(
    engine: Engine, gebruiker: Gebruiker, raming: date | None = None, peildatum: date | None = None
) -> Spreiding:
    """Reception places per province and municipality for a published estimate (default the newest)."""
    _eis_lezer(gebruiker)
    return bereken(Verzoek(raming=raming or standaard_raming(), peildatum=peildatum), engine)


def regio(
    engine: Engine,
    gebruiker: Gebruiker,
    per: Regiosoort = Regiosoort.provincie,
    raming: date | None = None,
    periode: Periode | None = None,
    peildatum: date | None = None,
    taakstelling: int | None = None,
) -> RegioOverzicht:
    """Reception required, present and occupied per region beside housing, and the in-region match.

    ``taakstelling`` is the national half-year number to split when the period is neither fixed in the
    database nor published; without it such a period is an InputError naming ``taakstelling`` (the
    command line's own message names its option, which means nothing in a browser or an API call).
    """
    _eis_lezer(gebruiker)
    spreiding = Verzoek(raming=raming or standaard_raming(), peildatum=peildatum)
    try:
        return regio_view(RegioVerzoek(spreiding, per, periode, taakstelling), engine)
    except InputError as error:
        if not any(p.field == "taakstelling" for p in error.problems):
            raise
        gekozen = periode or Periode.containing(peildatum or vandaag())
        raise InputError(
            Problem(
                f"geen landelijke taakstelling vastgesteld of bekend voor {gekozen}; kies een vastgestelde "
                "periode of geef het landelijke aantal",
                field="taakstelling",
            )
        ) from None


def _codes(engine: Engine, gebruiker: Gebruiker) -> frozenset[str] | None:
    """Municipalities whose locations ``gebruiker`` sees (their aggregate scope); None for all."""
    _eis_lezer(gebruiker)
    return bereik_voor(engine, gebruiker).aggregaten


def locaties(
    engine: Engine, gebruiker: Gebruiker, open_op: date | None = None, gemeentecode: str | None = None
) -> list[Record]:
    """Reception locations as registered now, within the caller's scope."""
    codes = _codes(engine, gebruiker)
    rijen = register.locatielijst(engine, open_op, gemeentecode)
    return [r for r in rijen if codes is None or r["gemeentecode"] in codes]


def versies(engine: Engine, gebruiker: Gebruiker, locatie_id: str) -> list[Record]:
    """Every version of one location within scope, with what each changed (NotFound outside it)."""
    codes = _codes(engine, gebruiker)
    huidige = [r for r in register.locatielijst(engine) if r["locatie_id"] == locatie_id]
    if not huidige or (codes is not None and huidige[0]["gemeentecode"] not in codes):
        raise NotFound(f"locatie {locatie_id} bestaat niet")
    return register.historielijst(engine, locatie_id)
