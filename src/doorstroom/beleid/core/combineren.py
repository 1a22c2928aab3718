"""Combining regimes into one rule set: the precedence rule, and conflicts refused (issue 24).

The rule, in this order:

1. **One base.** Every combination rests on exactly one base regime (``soort = "basis"``), which
   sets every parameter. Choosing no base takes the default one; choosing two is refused.
2. **A change overrides the base.** Each parameter a change regime sets replaces the base's value.
3. **Between changes, a declared replacement wins.** When regime A lists B in ``vervangt``, A's
   value wins wherever both set a parameter.
4. **Otherwise two changes may not disagree.** Two changes setting one parameter to the same value
   agree; to different values they conflict, and the combination is refused with a Dutch message
   naming the parameter, both regimes and both values. So is a pair one of which lists the other in
   ``sluit_uit``, and a withdrawn regime (``ingetrokken``).
5. **Changes of forecast parameters add up.** The ``[[prognose.wijziging]]`` lists of the chosen
   regimes are applied one after the other, in the order the regimes were chosen.

Regimes *in force on a date* are those with status ``in werking`` whose period holds the date; they
are combined by the same rule, so two regimes in force that disagree are refused too (an operator
adding such a regime is told so before anything is stored).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from doorstroom.beleid.core.schema import Aanname, Herkomst, Regime, Status, Wijziging
from doorstroom.platform.errors import Conflict


@dataclass(frozen=True)
class Combinatie:
    """A complete rule set: the chosen regimes (base first), every parameter and who set it."""

    regimes: tuple[Regime, ...]
    parameters: Mapping[str, object]
    herkomst: Mapping[str, str]
    wijzigingen: tuple[tuple[str, Wijziging], ...]

    @property
    def basis(self) -> Regime:
        """The base regime the combination rests on."""
        return self.regimes[0]

    @property
    def naam(self) -> str:
        """The regimes by id, base first: ``wet-2024 + tweestatusstelsel``."""
        return " + ".join(r.id for r in self.regimes)

    def waarde(self, sleutel: str) -> object:
        """The value of parameter ``sectie.naam``."""
        return self.parameters[sleutel]

    def niet_geldend(self, datum: date | None = None) -> list[Regime]:
        """The regimes that are not law in force (on ``datum``, when given)."""
        return [
            r
            for r in self.regimes
            if r.status is not Status.in_werking or (datum and not r.geldend_op(datum))
        ]

    def markering(self, datum: date | None = None) -> str | None:
        """A clear mark when anything in the combination is not law in force; None when all is."""
        buiten = self.niet_geldend(datum)
        if not buiten:
            return None
        delen = ", ".join(f"{r.id} ({_status_tekst(r, datum)})" for r in buiten)
        return f"GEEN GELDEND RECHT: {delen}"

    def oordelen(self) -> list[Oordeel]:
        """The forecast assumptions in use that are judgements, not law or published figures."""
        gezet = [
            Oordeel(sleutel, f"{waarde.waarde:g}", waarde.toelichting, self.herkomst[sleutel])
            for sleutel, waarde in self.parameters.items()
            if isinstance(waarde, Aanname) and waarde.herkomst is Herkomst.oordeel
        ]
        return gezet + [
            Oordeel(f"prognose.wijziging.{w.parameter}", _wijziging_tekst(w), w.toelichting, regime)
            for regime, w in self.wijzigingen
            if w.herkomst is Herkomst.oordeel
        ]


@dataclass(frozen=True)
class Oordeel:
    """A judgement a result rests on: which parameter, its value, why, and which regime sets it."""

    parameter: str
    waarde: str
    toelichting: str
    regime: str


def _wijziging_tekst(wijziging: Wijziging) -> str:
    wat = f"× {wijziging.factor:g}" if wijziging.factor is not None else f"+ {wijziging.plus:g}"
    return f"{wat} vanaf {wijziging.na_maanden} maanden na het begin"


def _status_tekst(regime: Regime, datum: date | None) -> str:
    if regime.status is Status.in_werking and datum is not None and regime.begin and datum < regime.begin:
        return f"in werking vanaf {regime.begin:%d-%m-%Y}"
    if regime.status is Status.in_werking and datum is not None:
        return "niet meer in werking"
    return regime.status.value


def combineer(gekozen: Sequence[Regime], standaardbasis: Regime) -> Combinatie:
    """The rule set of ``gekozen`` by the precedence rule; a :class:`Conflict` when they disagree."""
    regimes = list({r.id: r for r in gekozen}.values())
    for regime in regimes:
        if regime.status is Status.ingetrokken:
            raise Conflict(f"regime {regime.id} is ingetrokken en kan niet worden gekozen")
    basis = _basis(regimes, standaardbasis)
    wijzigingen = [r for r in regimes if r.soort == "wijziging"]
    _uitsluitingen(wijzigingen)
    parameters: dict[str, object] = dict(basis.parameters())
    herkomst = dict.fromkeys(parameters, basis.id)
    for sleutel in parameters:
        gevonden = _winnaar(sleutel, wijzigingen)
        if gevonden is not None:
            parameters[sleutel], herkomst[sleutel] = gevonden[1], gevonden[0].id
    lijst = tuple((r.id, w) for r in (basis, *wijzigingen) for w in r.prognose.wijziging)
    return Combinatie((basis, *wijzigingen), parameters, herkomst, lijst)


def _basis(regimes: Sequence[Regime], standaard: Regime) -> Regime:
    bases = [r for r in regimes if r.soort == "basis"]
    if len(bases) > 1:
        raise Conflict(f"kies één basisregime, niet {' en '.join(r.id for r in bases)}")
    return bases[0] if bases else standaard


def _uitsluitingen(wijzigingen: Sequence[Regime]) -> None:
    ids = {r.id for r in wijzigingen}
    for regime in wijzigingen:
        botsend = sorted(ids & set(regime.sluit_uit))
        if botsend:
            raise Conflict(f"regime {regime.id} sluit {', '.join(botsend)} uit: kies één van beide")


def _winnaar(sleutel: str, wijzigingen: Sequence[Regime]) -> tuple[Regime, object] | None:
    """The change that sets ``sleutel`` after replacements; a Conflict when two remain that disagree."""
    zetters = [(r, r.parameters()[sleutel]) for r in wijzigingen if r.parameters()[sleutel] is not None]
    vervangen = {v for r, _ in zetters for v in r.vervangt}
    over = [(r, w) for r, w in zetters if r.id not in vervangen]
    if not over:
        return None
    eerste_regime, eerste = over[0]
    for regime, waarde in over[1:]:
        if waarde != eerste:
            raise Conflict(
                f"regimes {eerste_regime.id} en {regime.id} stellen {sleutel} verschillend vast "
                f"({_tekst(eerste)} tegenover {_tekst(waarde)}); kies één van beide, of laat het ene "
                "het andere vervangen (vervangt)"
            )
    return eerste_regime, eerste


def _tekst(waarde: object) -> str:
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, Aanname):
        return f"{waarde.waarde:g} ({waarde.herkomst})"
    if isinstance(waarde, tuple):
        return ", ".join(str(w) for w in waarde) or "geen"
    return str(waarde)


def geldend(regimes: Sequence[Regime], datum: date) -> list[Regime]:
    """The regimes in force on ``datum``, the base first, then by start date."""
    gevonden = [r for r in regimes if r.geldend_op(datum)]
    return sorted(gevonden, key=lambda r: (r.soort != "basis", r.begin or date.min, r.id))


def op_datum(regimes: Sequence[Regime], datum: date, standaardbasis: Regime) -> Combinatie:
    """The rule set in force on ``datum`` (the default base when no base is in force then)."""
    return combineer(geldend(regimes, datum), standaardbasis)
