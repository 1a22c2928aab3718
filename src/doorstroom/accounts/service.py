"""Use cases of accounts: create users and tokens, revoke them, and authenticate a request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from doorstroom.accounts import idp, oidc, repository, tokens, wachtwoord
from doorstroom.accounts.domain import Gebruiker, Rol, bereikproblemen, naamprobleem
from doorstroom.accounts.models import GebruikerRecord, TokenRecord
from doorstroom.platform import audit
from doorstroom.platform.db import transaction
from doorstroom.platform.errors import InputError, NotFound, PermissionDenied, Problem
from doorstroom.platform.settings import get_settings
from doorstroom.reference.loader import embedded_provincies
from doorstroom.reference.lookup import find_gemeente
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


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def als_gebruiker(record: GebruikerRecord) -> Gebruiker:
    """The domain value of a stored account."""
    return Gebruiker(record.gebruikersnaam, Rol(record.rol), record.gemeentecode, record.provincie)


def maak_gebruiker(
    engine: Engine,
    gebruikersnaam: str,
    rol: Rol,
    *,
    gemeente: str | None = None,
    provincie: str | None = None,
    wachtwoord_tekst: str | None = None,
    oidc_subject: str | None = None,
) -> Gebruiker:
    """Create an account; the municipality or province must exist (closest names suggested)."""
    problems = [p for p in [naamprobleem(gebruikersnaam)] if p] + bereikproblemen(rol, gemeente, provincie)
    if problems:
        raise InputError(problems)
    code = (
        find_gemeente(gemeente, gemeenten_in_gebruik(engine), field="--gemeente").code if gemeente else None
    )
    provincienaam = _provincie(provincie) if provincie else None
    with transaction(engine, schrijven=True) as session:
        if repository.gebruiker(session, gebruikersnaam) is not None:
            raise InputError(Problem(f"gebruiker '{gebruikersnaam}' bestaat al", field="--gebruikersnaam"))
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
    raise InputError(Problem(unknown_message("provincie", tekst, namen), field="--provincie"))


def gebruikers(engine: Engine) -> list[dict[str, object]]:
    """Every account for listing (no hashes)."""
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


def maak_token(
    engine: Engine, gebruikersnaam: str, *, geldig_dagen: int | None = None, omschrijving: str = ""
) -> tuple[str, TokenInfo]:
    """A new bearer token for an active user; the token text is returned once and never stored."""
    dagen = geldig_dagen if geldig_dagen is not None else get_settings().token_lifetime_days
    probleem = TOKEN_GELDIGHEID_DAGEN.problem(dagen)
    if probleem:
        raise InputError(Problem(probleem, field="--geldig-dagen"))
    token, nu = tokens.nieuw_token(), datetime.now(UTC)
    with transaction(engine, schrijven=True) as session:
        gebruiker = _actieve(session, gebruikersnaam)
        record = TokenRecord(
            gebruiker_id=gebruiker.id,
            digest=tokens.digest(token),
            omschrijving=omschrijving[:100],
            aangemaakt_op=nu,
            verloopt_op=nu + timedelta(days=dagen),
        )
        session.add(record)
        session.flush()
        audit.record(session, "write", "gebruiker_token", f"{gebruikersnaam}/{record.id}")
        return token, _info(record, gebruikersnaam)


def _actieve(session: object, gebruikersnaam: str) -> GebruikerRecord:
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


def tokens_van(engine: Engine, gebruikersnaam: str | None = None) -> list[TokenInfo]:
    """Tokens (without their text) of one user, or of everyone."""
    with transaction(engine) as session:
        gebruiker_id = _actieve(session, gebruikersnaam).id if gebruikersnaam else None
        return [_info(t, naam) for t, naam in repository.tokens(session, gebruiker_id)]


def trek_token_in(engine: Engine, token_id: int) -> TokenInfo:
    """Revoke a token at once; revoking twice keeps the first moment."""
    with transaction(engine, schrijven=True) as session:
        record = session.get(TokenRecord, token_id)
        if record is None:
            raise NotFound(f"token {token_id} bestaat niet")
        record.ingetrokken_op = record.ingetrokken_op or datetime.now(UTC)
        naam = session.get(GebruikerRecord, record.gebruiker_id)
        audit.record(session, "write", "gebruiker_token", f"intrekking {token_id}")
        return _info(record, naam.gebruikersnaam if naam else "")


def blokkeer(engine: Engine, gebruikersnaam: str) -> None:
    """Deactivate an account: its tokens stop working immediately (history is kept)."""
    with transaction(engine, schrijven=True) as session:
        record = _actieve(session, gebruikersnaam)
        record.actief = False
        audit.record(session, "write", "gebruiker", gebruikersnaam, velden=["actief"])


def zet_wachtwoord(engine: Engine, gebruikersnaam: str, tekst: str) -> None:
    """Set or replace an account's password (argon2id)."""
    hashed = wachtwoord.hash_wachtwoord(tekst)
    with transaction(engine, schrijven=True) as session:
        _actieve(session, gebruikersnaam).wachtwoord_hash = hashed
        audit.record(session, "write", "gebruiker", gebruikersnaam, velden=["wachtwoord"])


def authenticeer_token(engine: Engine, token: str) -> Gebruiker | None:
    """The user of a valid bearer token; None for unknown, expired or revoked tokens."""
    if not tokens.lijkt_op_token(token):
        return None
    with transaction(engine) as session:
        record = repository.geldig_token(session, tokens.digest(token), datetime.now(UTC))
        return als_gebruiker(record) if record else None


def authenticeer_wachtwoord(engine: Engine, gebruikersnaam: str, tekst: str) -> Gebruiker | None:
    """The user when name and password match an active account (for the web login)."""
    with transaction(engine, schrijven=True) as session:
        record = repository.gebruiker(session, gebruikersnaam)
        opgeslagen = record.wachtwoord_hash if record and record.actief else None
        if not wachtwoord.klopt(opgeslagen, tekst) or record is None:
            return None
        if wachtwoord.moet_opnieuw(record.wachtwoord_hash or ""):
            record.wachtwoord_hash = wachtwoord.hash_wachtwoord(tekst)
        return als_gebruiker(record)


def authenticeer(engine: Engine, bearer: str) -> Gebruiker | None:
    """The user behind a bearer credential: a Doorstroom token or, when configured, an OIDC JWT
    (linked account or role claims: :mod:`doorstroom.accounts.idp`)."""
    if tokens.lijkt_op_token(bearer):
        return authenticeer_token(engine, bearer)
    claims = oidc.geldige_claims(bearer)
    if claims is None:
        return None
    try:
        return idp.gebruiker(engine, claims, get_settings())
    except PermissionDenied:
        return None
