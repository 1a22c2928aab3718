"""Who may do what, and see whom: the one access rule of Doorstroom.

Every service of every context asks this module, with the acting user passed in; no other module
compares roles (a test walks the source and says so). It answers three questions:

1. *May this user do X?* — :func:`mag` / :func:`eis` over the named permissions
   (:class:`Handeling`), granted per role in :data:`RECHTEN` (least privilege, AVG art. 5(1)(c) and
   25; BIO 9.1/9.2 access control and user access management).
2. *Whose records may this user see and change?* — :func:`bereik` returns a :class:`Bereik`
   (scope) that every case-file query applies:

   | role | persons | events | BSN | V-number | aggregates | quota and realisation |
   |---|---|---|---|---|---|---|
   | gemeente | linked to its own municipality | all stages | yes | yes | its own | all |
   | coa | in COA reception, any municipality | reception up to housing | no | yes | all | all |
   | provincie | none | none | no | no | its municipalities | all |
   | beheerder | none: users and the audit log | none | no | no | none | none |
   | systeem | all (the command line on the server) | all | yes | yes | all | all |

   The quota and its realisation per municipality are public (the ministry fixes the quota, COA
   publishes the realisation), so a role that reads the chain's figures sees every municipality's
   (:meth:`Bereik.ziet_taakstelling`); the case file's counts stay within ``aggregates``.

   A record outside the caller's scope does not exist for the caller (API 404, not 403): its
   existence is itself information. A role that may not use a kind of record at all gets 403.
3. *Does this user see persons or only counts?* — :meth:`Bereik.exact_aantal`: a count is shown
   exactly only where the caller may see the persons behind it; elsewhere a count below
   :data:`doorstroom.values.afscherming.MINIMUM` is hidden (:func:`Bereik.aantal`), so no figure
   from fewer than ten persons reaches a province or another municipality.
4. *Whose stored forecast does this user see?* — :func:`ziet_prognose`: their own, the shared one,
   the server's own; a national planner (:attr:`Handeling.prognose_delen`) every one.

The purpose of each role's processing (AVG art. 5(1)(b), purpose limitation) is part of the rule
too (:func:`doel`): the audit trail records it with every line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from doorstroom.accounts.domain import Gebruiker, Rol, door_gebruiker
from doorstroom.platform.errors import PermissionDenied, Problem
from doorstroom.values import afscherming
from doorstroom.values.stadium import OPVANGSTADIA, Stadium


class Handeling(StrEnum):
    """A named permission (as open-zaak's scopes): what a user may do, whatever the record."""

    dossier_lezen = "persoonsgegevens in het dossier inzien"
    dossier_schrijven = "het dossier bijwerken"
    dossier_importeren = "lijsten in het dossier inlezen"
    identiteit_beoordelen = "aanmeldingen met een bestaand BSN of V-nummer beoordelen"
    koppeling_beoordelen = "koppelruns maken en beoordelen"
    ketencijfers_lezen = "cijfers van de keten inzien"
    spreiding_lezen = "de spreiding van opvangplaatsen inzien"
    prognose_rekenen = "prognoses rekenen"
    prognose_delen = "een prognose aanwijzen als de gedeelde prognose van de keten"
    gebruikers_beheren = "gebruikers beheren"
    auditlog_lezen = "het auditlog inzien"
    bewaartermijn_uitvoeren = "dossiers na de bewaartermijn verwijderen"
    monitor_lezen = "de monitor van integratie-uitkomsten inzien (alleen afgeschermde cijfers)"
    beleid_vastleggen = "een beleidsregime toevoegen"
    huisvesting_lezen = "het huisvestingsplan en het woningaanbod inzien"
    huisvesting_beheren = "het woningaanbod van de eigen gemeente bijwerken"
    geldregelingen_beheren = "de tabel met financiële regelingen bijwerken"


_KETEN = {Handeling.ketencijfers_lezen, Handeling.spreiding_lezen, Handeling.prognose_rekenen}
_KETEN |= {Handeling.monitor_lezen}  # the monitor's figures are chain figures: aggregates only
_DOSSIER = {Handeling.dossier_lezen, Handeling.dossier_schrijven, Handeling.dossier_importeren}
_KETEN |= {Handeling.huisvesting_lezen}  # the housing plan is read as the chain's figures are
RECHTEN: Mapping[Rol, frozenset[Handeling]] = {
    Rol.gemeente: frozenset(_KETEN | _DOSSIER | {Handeling.huisvesting_beheren}),
    Rol.coa: frozenset(
        _KETEN
        | _DOSSIER
        | {Handeling.koppeling_beoordelen, Handeling.identiteit_beoordelen, Handeling.prognose_delen}
    ),
    Rol.provincie: frozenset(_KETEN),
    Rol.beheerder: frozenset({Handeling.gebruikers_beheren, Handeling.auditlog_lezen}),
    Rol.systeem: frozenset(Handeling),
}
"""Permissions per role. ``systeem`` is the operator on the server (command line), never a login."""

DOELEN: Mapping[Rol, str] = {
    Rol.gemeente: "huisvesting en inburgering (Huisvestingswet 2014, Wet inburgering 2021)",
    Rol.coa: "opvang, koppeling en uitstroom (COA)",
    Rol.provincie: "interbestuurlijk toezicht (alleen aantallen)",
    Rol.beheerder: "beheer van gebruikers en instellingen",
    Rol.systeem: "beheer via de opdrachtregel",
}


def bereikvelden(rol: Rol) -> tuple[bool, bool]:
    """Whether an account of ``rol`` belongs to one municipality, and whether to one province."""
    return rol is Rol.gemeente, rol is Rol.provincie


def bereikproblemen(rol: Rol, gemeentecode: str | None, provincie: str | None) -> list[Problem]:
    """Why an account of ``rol`` cannot have this scope: a gemeente account names one municipality,
    a provincie account one province, and no other role names either."""
    problems = []
    if rol is Rol.systeem:
        problems.append(Problem("rol 'systeem' is voorbehouden aan de opdrachtregel", field="rol"))
    if rol is Rol.gemeente and not gemeentecode:
        problems.append(Problem("een account met rol gemeente hoort bij een gemeente", field="gemeente"))
    if rol is Rol.provincie and not provincie:
        problems.append(Problem("een account met rol provincie hoort bij een provincie", field="provincie"))
    if rol is not Rol.gemeente and gemeentecode:
        problems.append(Problem(f"een gemeente hoort niet bij rol {rol}", field="gemeente"))
    if rol is not Rol.provincie and provincie:
        problems.append(Problem(f"een provincie hoort niet bij rol {rol}", field="provincie"))
    return problems


def mag(gebruiker: Gebruiker, handeling: Handeling) -> bool:
    """Whether ``gebruiker``'s role grants ``handeling``."""
    return handeling in RECHTEN[gebruiker.rol]


def eis(gebruiker: Gebruiker, handeling: Handeling) -> None:
    """Refuse (:class:`PermissionDenied`, API 403) a user whose role does not grant ``handeling``."""
    if not mag(gebruiker, handeling):
        raise PermissionDenied(f"uw rol ({gebruiker.rol}) mag niet: {handeling.value}")


def ziet_prognose(gebruiker: Gebruiker, maker: str, gedeeld: bool) -> bool:
    """Whether ``gebruiker`` may see a stored forecast made by actor ``maker``.

    A forecast is its maker's (a test of one planner is no one else's default) until a national
    planner shares it; what the server stored itself (the demo's standard forecast) is everyone's.
    Whoever may share sees every forecast, since they choose among them.
    """
    eigen = maker == gebruiker.actor or not door_gebruiker(maker)
    return mag(gebruiker, Handeling.prognose_rekenen) and (
        eigen or gedeeld or mag(gebruiker, Handeling.prognose_delen)
    )


def doel(gebruiker: Gebruiker) -> str:
    """The purpose of this user's processing, as the audit trail records it."""
    return DOELEN[gebruiker.rol]


@dataclass(frozen=True)
class Bereik:
    """The records one user may see and change; every case-file query takes one.

    ``gemeentecodes`` None means every municipality; ``aggregaten`` None means counts of every
    municipality. ``onbekoppelde_huishoudens``: households not yet linked to a municipality (COA
    registers them in reception before a koppeling). ``openbare_cijfers``: the public quota and
    realisation of every municipality, whatever ``aggregaten`` says.
    """

    rol: Rol
    personen: bool
    gemeentecodes: frozenset[str] | None
    alleen_opvang: bool
    stadia: frozenset[Stadium]
    bsn: bool
    vnummer: bool
    aggregaten: frozenset[str] | None
    onbekoppelde_huishoudens: bool = False
    openbare_cijfers: bool = False

    def eis_personen(self) -> None:
        """Refuse roles that never see personal data (provincie, beheerder)."""
        if not self.personen:
            raise PermissionDenied(f"uw rol ({self.rol}) heeft geen toegang tot persoonsgegevens")

    def eis_stadium(self, stadium: Stadium) -> None:
        """Refuse writing an event of a stage outside the role (COA: reception up to housing)."""
        self.eis_personen()
        if stadium not in self.stadia:
            raise PermissionDenied(
                f"uw rol ({self.rol}) mag geen gebeurtenissen van stadium {stadium} vastleggen"
            )

    def eis_identificatie(self, *, bsn: bool, vnummer: bool) -> None:
        """Refuse recording an identifier the role may not hold (COA: no BSN)."""
        if bsn and not self.bsn:
            raise PermissionDenied(f"uw rol ({self.rol}) mag geen BSN vastleggen")
        if vnummer and not self.vnummer:
            raise PermissionDenied(f"uw rol ({self.rol}) mag geen V-nummer vastleggen")

    def mag_gemeente(self, code: str | None) -> bool:
        """Whether a person linked to ``code`` falls in this scope (None: not linked yet)."""
        if not self.personen:
            return False
        if self.gemeentecodes is None:
            return True
        return code is not None and code in self.gemeentecodes

    def eigen_gemeente(self) -> str | None:
        """The one municipality this scope writes for, if it is limited to one (a gemeente user)."""
        if self.gemeentecodes is not None and len(self.gemeentecodes) == 1:
            return next(iter(self.gemeentecodes))
        return None

    def ziet_aggregaat(self, code: str) -> bool:
        """Whether this user may see aggregate figures of municipality ``code``."""
        return self.aggregaten is None or code in self.aggregaten

    def ziet_taakstelling(self, code: str) -> bool:
        """Whether this user may see the quota and realisation of municipality ``code``.

        Those are counts that are published anyway (no person behind them can be singled out from
        them that the publication does not already show), so they are not limited to the
        municipalities whose case-file counts the user may see.
        """
        return self.openbare_cijfers or self.ziet_aggregaat(code)

    def exact_aantal(self, code: str | None) -> bool:
        """Whether counts of ``code`` are shown exactly: only where the caller sees the persons."""
        return self.personen and not self.alleen_opvang and self.mag_gemeente(code)

    def exact_voor(self, codes: Iterable[str] | None) -> bool:
        """Whether a count over ``codes`` (None: every municipality in aggregate scope) may be exact."""
        gekozen = codes if codes is not None else self.aggregaten
        if gekozen is None:
            return self.personen and not self.alleen_opvang and self.gemeentecodes is None
        return all(self.exact_aantal(code) for code in gekozen)

    def aantal(self, code: str | None, waarde: int) -> int | None:
        """A count of persons of ``code`` as this user may see it (None: fewer than the minimum)."""
        return waarde if self.exact_aantal(code) else afscherming.toon(waarde)


def bereik(gebruiker: Gebruiker, gemeenten_van_provincie: Iterable[str] = ()) -> Bereik:
    """The scope of ``gebruiker``; a provincial user's municipalities are passed in by the caller."""
    rol = gebruiker.rol
    alle = frozenset(Stadium)
    if rol is Rol.gemeente:
        eigen = frozenset({gebruiker.gemeentecode or ""})
        return Bereik(rol, True, eigen, False, alle, True, True, eigen, openbare_cijfers=True)
    if rol is Rol.coa:
        return Bereik(
            rol,
            True,
            None,
            True,
            OPVANGSTADIA,
            False,
            True,
            None,
            onbekoppelde_huishoudens=True,
            openbare_cijfers=True,
        )
    if rol is Rol.provincie:
        codes = frozenset(gemeenten_van_provincie)
        return Bereik(rol, False, frozenset(), False, frozenset(), False, False, codes, openbare_cijfers=True)
    if rol is Rol.beheerder:
        return Bereik(rol, False, frozenset(), False, frozenset(), False, False, frozenset())
    return Bereik(
        rol, True, None, False, alle, True, True, None, onbekoppelde_huishoudens=True, openbare_cijfers=True
    )


def aggregaatbereik(scope: Bereik, codes: Iterable[str] | None = None) -> Bereik:
    """A scope that reads the files behind the counts ``scope`` may see, never showing a person.

    For aggregate services only (counts per municipality): every stage, no identifiers, limited
    to the municipalities whose aggregates ``scope`` may see (and to ``codes`` when given); counts
    leave through :meth:`Bereik.aantal` of the caller's own scope.
    """
    toegestaan = scope.aggregaten
    if codes is not None:
        toegestaan = frozenset(c for c in codes if scope.ziet_aggregaat(c))
    alle = frozenset(Stadium)
    return Bereik(scope.rol, True, toegestaan, False, alle, False, False, toegestaan)


def statistiekbereik(gebruiker: Gebruiker) -> Bereik:
    """The scope in which the monitor's figures are computed: every file, never a person shown.

    The monitor compares a municipality with its peers, its province and the country, so its
    figures rest on every municipality's files; what leaves is only aggregates, hidden below ten and
    protected against derivation (:func:`doorstroom.values.afscherming.afschermen`). Only a user who
    may read the monitor gets this scope, and the case file hands over no name, number, identifier
    or date of birth within it (:mod:`doorstroom.dossier.statistiek`).
    """
    eis(gebruiker, Handeling.monitor_lezen)
    alle = frozenset(Stadium)
    return Bereik(gebruiker.rol, True, None, False, alle, False, False, None)


def overdrachtsbereik(gebruiker: Gebruiker) -> Bereik:
    """The scope in which a granted aanmelding moves an existing file to the opener's municipality.

    That file lies outside the decider's own scope (which is why the aanmelding needed a decision);
    the decision is the legal ground for this one write, so only a user who may decide gets it.
    """
    eis(gebruiker, Handeling.identiteit_beoordelen)
    alle = frozenset(Stadium)
    return Bereik(gebruiker.rol, True, None, False, alle, False, False, None)
