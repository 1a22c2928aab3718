"""The accounts context's one door: users, tokens, authentication, the scope of a user, the audit log.

Management functions take the acting user (a *beheerder* in the browser, the operator on the
server as ``Gebruiker.systeem``) and ask the access rule (:mod:`doorstroom.accounts.toegang`);
every change is audited under that user (BIO 9.2: user access management). Authentication takes
no user: it produces one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from doorstroom.accounts import auditlog, oidc_aanmelding, repository, sessies, toegang, tokens, wachtwoord
from doorstroom.accounts.authenticatie import als_gebruiker as als_gebruiker
from doorstroom.accounts.authenticatie import authenticeer as authenticeer
from doorstroom.accounts.authenticatie import authenticeer_token as authenticeer_token
from doorstroom.accounts.authenticatie import authenticeer_wachtwoord as authenticeer_wachtwoord
from doorstroom.accounts.domain import AANMAAKBARE_ROLLEN as AANMAAKBARE_ROLLEN
from doorstroom.accounts.domain import Gebruiker as Gebruiker
from doorstroom.accounts.domain import Rol as Rol
from doorstroom.accounts.domain import naamprobleem
from doorstroom.accounts.domain import normaliseer_gebruikersnaam as normaliseer_gebruikersnaam
from doorstroom.accounts.models import GebruikerRecord, TokenRecord
from doorstroom.accounts.namens import namens
from doorstroom.accounts.oidc_aanmelding import Stroom as Stroom
from doorstroom.accounts.oidc_aanmelding import autorisatie_url as autorisatie_url
from doorstroom.accounts.sessies import Sessie as Sessie
from doorstroom.accounts.toegang import Handeling as Handeling
from doorstroom.accounts.toegang import mag as mag
from doorstroom.platform import audit
from doorstroom.platform.db import transaction
from doorstroom.platform.errors import InputError, NotFound, Problem
from doorstroom.platform.paging import Pagina
from doorstroom.platform.settings import Settings, get_settings
from doorstroom.reference.core.lookup import find_gemeente
from doorstroom.reference.io import embedded_provincies
from doorstroom.reference.service import gemeenten_in_gebruik
from doorstroom.values.domains import TOKEN_GELDIGHEID_DAGEN
from doorstroom.values.suggest import fold, unknown_message


@dataclass(frozen=True)
class TokenInfo:
    """A token as listed: never the token itself."""

    id: int
    gebruikersnaam: str
    omschrijving: str
    aangemaakt_op: datetime
    verloopt_op: datetime
    ingetrokken_op: datetime | None


def bereik_voor(engine: Engine, gebruiker: Gebruiker) -> toegang.Bereik:
    """The scope of ``gebruiker`` (:func:`toegang.bereik`); a province's municipalities from the list
    in use."""
    provincie = gebruiker.provincie
    codes = [g.code for g in gemeenten_in_gebruik(engine) if provincie and g.provincie == provincie]
    return toegang.bereik(gebruiker, codes)


def bestaat(engine: Engine, gebruikersnaam: str) -> bool:
    """Whether an account of this name exists (for the operator setting up accounts, e.g. the demo)."""
    with transaction(engine) as session:
        return repository.gebruiker(session, normaliseer_gebruikersnaam(gebruikersnaam)) is not None


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@namens
def maak_gebruiker(
    engine: Engine,
    gebruiker: Gebruiker,
    gebruikersnaam: str,
    rol: Rol,
    *,
    gemeente: str | None = None,
    provincie: str | None = None,
    wachtwoord_tekst: str | None = None,
    oidc_subject: str | None = None,
) -> Gebruiker:
    """Create an account; the municipality or province must exist (closest names suggested)."""
    toegang.eis(gebruiker, Handeling.gebruikers_beheren)
    gebruikersnaam = normaliseer_gebruikersnaam(gebruikersnaam)
    problems = [p for p in [naamprobleem(gebruikersnaam)] if p] + toegang.bereikproblemen(
        rol, gemeente, provincie
    )
    if problems:
        raise InputError(problems)
    code = find_gemeente(gemeente, gemeenten_in_gebruik(engine), field="gemeente").code if gemeente else None
    provincienaam = _provincie(provincie) if provincie else None
    with transaction(engine, schrijven=True) as session:
        if repository.gebruiker(session, gebruikersnaam) is not None:
            raise InputError(Problem(f"gebruiker '{gebruikersnaam}' bestaat al", field="gebruikersnaam"))
        session.add(_record(gebruikersnaam, rol, code, provincienaam, wachtwoord_tekst, oidc_subject))
        audit.record(session, "write", "gebruiker", gebruikersnaam, velden=["rol", "bereik"])
    return Gebruiker(gebruikersnaam, rol, code, provincienaam)


def _record(
    naam: str, rol: Rol, code: str | None, provincie: str | None, tekst: str | None, subject: str | None
) -> GebruikerRecord:
    settings = get_settings()
    return GebruikerRecord(
        gebruikersnaam=naam,
        rol=rol.value,
        gemeentecode=code,
        provincie=provincie,
        wachtwoord_hash=wachtwoord.hash_wachtwoord(tekst) if tekst else None,
        oidc_issuer=settings.oidc_issuer if subject else None,
        oidc_subject=subject,
        actief=True,
        aangemaakt_op=datetime.now(UTC),
    )


def _provincie(tekst: str) -> str:
    namen = [p.naam for p in embedded_provincies()]
    for naam in namen:
        if fold(naam) == fold(tekst):
            return naam
    raise InputError(Problem(unknown_message("provincie", tekst, namen), field="provincie"))


@namens
def gebruikers(engine: Engine, gebruiker: Gebruiker) -> list[dict[str, object]]:
    """Every account for listing (no hashes)."""
    toegang.eis(gebruiker, Handeling.gebruikers_beheren)
    with transaction(engine) as session:
        return [
            {
                "gebruikersnaam": r.gebruikersnaam,
                "rol": r.rol,
                "gemeentecode": r.gemeentecode,
                "provincie": r.provincie,
                "actief": r.actief,
                "oidc": r.oidc_subject is not None,
            }
            for r in repository.gebruikers(session)
        ]


@namens
def maak_token(
    engine: Engine,
    gebruiker: Gebruiker,
    gebruikersnaam: str,
    *,
    geldig_dagen: int | None = None,
    omschrijving: str = "",
) -> tuple[str, TokenInfo]:
    """A new bearer token for an active user; the token text is returned once and never stored."""
    toegang.eis(gebruiker, Handeling.gebruikers_beheren)
    dagen = geldig_dagen if geldig_dagen is not None else get_settings().token_lifetime_days
    probleem = TOKEN_GELDIGHEID_DAGEN.problem(dagen)
    if probleem:
        raise InputError(Problem(probleem, field="geldig_dagen"))
    token, nu = tokens.nieuw_token(), datetime.now(UTC)
    with transaction(engine, schrijven=True) as session:
        houder = _actieve(session, gebruikersnaam)
        record = TokenRecord(
            gebruiker_id=houder.id,
            digest=tokens.digest(token),
            omschrijving=omschrijving[:100],
            aangemaakt_op=nu,
            verloopt_op=nu + timedelta(days=dagen),
        )
        session.add(record)
        session.flush()
        audit.record(session, "write", "gebruiker_token", f"{houder.gebruikersnaam}/{record.id}")
        return token, _info(record, houder.gebruikersnaam)


def _actieve(session: object, gebruikersnaam: str) -> GebruikerRecord:
    gebruikersnaam = normaliseer_gebruikersnaam(gebruikersnaam)
    record = repository.gebruiker(session, gebruikersnaam)  # type: ignore[arg-type]
    if record is None or not record.actief:
        raise NotFound(f"geen actieve gebruiker '{gebruikersnaam}'")
    return record


def _info(record: TokenRecord, naam: str) -> TokenInfo:
    ingetrokken = _utc(record.ingetrokken_op) if record.ingetrokken_op else None
    return TokenInfo(
        record.id,
        naam,
        record.omschrijving,
        _utc(record.aangemaakt_op),
        _utc(record.verloopt_op),
        ingetrokken,
    )


@namens
def tokens_van(engine: Engine, gebruiker: Gebruiker, gebruikersnaam: str | None = None) -> list[TokenInfo]:
    """Tokens (without their text) of one user, or of everyone."""
    toegang.eis(gebruiker, Handeling.gebruikers_beheren)
    with transaction(engine) as session:
        gebruiker_id = _actieve(session, gebruikersnaam).id if gebruikersnaam else None
        return [_info(t, naam) for t, naam in repository.tokens(session, gebruiker_id)]


@namens
def trek_token_in(engine: Engine, gebruiker: Gebruiker, token_id: int) -> TokenInfo:
    """Revoke a token at once; revoking twice keeps the first moment."""
    toegang.eis(gebruiker, Handeling.gebruikers_beheren)
    with transaction(engine, schrijven=True) as session:
        record = session.get(TokenRecord, token_id)
        if record is None:
            raise NotFound(f"token {token_id} bestaat niet")
        record.ingetrokken_op = record.ingetrokken_op or datetime.now(UTC)
        naam = session.get(GebruikerRecord, record.gebruiker_id)
        audit.record(session, "write", "gebruiker_token", f"intrekking {token_id}")
        return _info(record, naam.gebruikersnaam if naam else "")


@namens
def blokkeer(engine: Engine, gebruiker: Gebruiker, gebruikersnaam: str) -> None:
    """Deactivate an account: its sessions end and its tokens stop working at once (history is kept;
    :func:`deblokkeer` undoes it, without reviving a session).

    Nobody blocks their own account, so the application never loses its last way in by accident.
    """
    toegang.eis(gebruiker, Handeling.gebruikers_beheren)
    if normaliseer_gebruikersnaam(gebruikersnaam) == gebruiker.gebruikersnaam:
        raise InputError(Problem("u kunt uw eigen account niet blokkeren", field="gebruikersnaam"))
    with transaction(engine, schrijven=True) as session:
        record = _actieve(session, gebruikersnaam)
        record.actief = False
        repository.beeindig_sessies(session, record.id, datetime.now(UTC))
        audit.record(session, "write", "gebruiker", record.gebruikersnaam, velden=["actief"])


@namens
def deblokkeer(engine: Engine, gebruiker: Gebruiker, gebruikersnaam: str) -> None:
    """Give a blocked account its access back: its password, and its tokens that have not expired or
    been revoked, work again; its sessions ended at blocking stay ended, so it logs in anew.

    Only a blocked account can be unblocked: a slip of the hand on an active one says so.
    """
    toegang.eis(gebruiker, Handeling.gebruikers_beheren)
    with transaction(engine, schrijven=True) as session:
        record = _geblokkeerde(session, gebruikersnaam)
        record.actief = True
        audit.record(session, "write", "gebruiker", record.gebruikersnaam, velden=["actief"])


def _geblokkeerde(session: Session, gebruikersnaam: str) -> GebruikerRecord:
    gebruikersnaam = normaliseer_gebruikersnaam(gebruikersnaam)
    record = repository.gebruiker(session, gebruikersnaam)
    if record is None:
        raise NotFound(f"geen gebruiker '{gebruikersnaam}'")
    if record.actief:
        raise InputError(Problem(f"gebruiker '{gebruikersnaam}' is niet geblokkeerd", field="gebruikersnaam"))
    return record


@namens
def zet_wachtwoord(engine: Engine, gebruiker: Gebruiker, gebruikersnaam: str, tekst: str) -> None:
    """Set or replace an account's password (argon2id; the hash refuses fewer than 12 characters)."""
    toegang.eis(gebruiker, Handeling.gebruikers_beheren)
    if not tekst:
        raise InputError(Problem("geef een wachtwoord van minstens 12 tekens", field="wachtwoord"))
    hashed = wachtwoord.hash_wachtwoord(tekst)
    with transaction(engine, schrijven=True) as session:
        record = _actieve(session, gebruikersnaam)
        record.wachtwoord_hash = hashed
        audit.record(session, "write", "gebruiker", record.gebruikersnaam, velden=["wachtwoord"])


@namens
def auditregels(
    engine: Engine,
    gebruiker: Gebruiker,
    *,
    objecttype: str | None = None,
    object_id: str | None = None,
    actor: str | None = None,
    pagina: Pagina | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """A page of audit lines, newest first, optionally filtered (beheerder and operator only).

    Audit lines hold pseudonymous ids and field names, not personal data; still, who looked at which
    file is sensitive. A person's own lines reach them through the AVG inspection instead.
    """
    toegang.eis(gebruiker, Handeling.auditlog_lezen)
    with transaction(engine) as session:
        return auditlog.regels(session, objecttype, object_id, actor, pagina or Pagina())


@namens
def auditcontrole(engine: Engine, gebruiker: Gebruiker) -> dict[str, Any]:
    """Verify the whole hash chain, and against every anchor kept at ``DOORSTROOM_AUDIT_ANKER``
    (:func:`doorstroom.platform.audit.controleer`)."""
    toegang.eis(gebruiker, Handeling.auditlog_lezen)
    return auditlog.controle(engine)


@namens
def auditanker(engine: Engine, gebruiker: Gebruiker) -> dict[str, Any]:
    """Keep the head of an intact chain outside the database (``DOORSTROOM_AUDIT_ANKER``)."""
    toegang.eis(gebruiker, Handeling.auditlog_lezen)
    return auditlog.veranker(engine)


def meld_aan(engine: Engine, gebruikersnaam: str, wachtwoord_tekst: str) -> tuple[str, Sessie] | None:
    """A web session for a name (as typed) and password: the session id (shown once) and the session.

    None for a wrong name or password; PermissionDenied (saying whom to ask) for a blocked account
    whose password is right."""
    return sessies.meld_aan(engine, gebruikersnaam, wachtwoord_tekst)


def meld_aan_via_idp(engine: Engine, code: str, stroom: Stroom) -> tuple[str, Sessie]:
    """A web session after the identity provider's login (authorisation code with PKCE)."""
    return oidc_aanmelding.meld_aan(engine, code, stroom)


def sessie(engine: Engine, sessie_id: str) -> Sessie | None:
    """The live session of a browser, or None (expired, idle too long, logged out, blocked)."""
    return sessies.lees(engine, sessie_id)


def meld_af(engine: Engine, sessie_id: str) -> None:
    """End a browser's session at once."""
    sessies.meld_af(engine, sessie_id)


def oidc_ingeschakeld(settings: Settings | None = None) -> bool:
    """Whether login through the municipality's identity provider is configured."""
    return oidc_aanmelding.ingeschakeld(settings)


def oidc_knoptekst(settings: Settings | None = None) -> str:
    """The text of the login page's button for the identity provider ("Inloggen via ...")."""
    return oidc_aanmelding.knoptekst(settings)
