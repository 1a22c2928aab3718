"""Typed settings, read from ``DOORSTROOM_*`` environment variables (or a ``.env`` file).

Every setting carries a description; ``docs/configuration.md`` lists them and a test keeps that
page complete. Secrets are never given defaults that work outside development, and a configured
secret must be one nobody can guess (:func:`geheimprobleem`; BIO 10.1.2 key management, OWASP ASVS
V6.4 secret management): the process refuses to start with a weak one, in every environment.
Error messages name the setting, never its value (a refused secret may be reused elsewhere, and a
database URL carries a password).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from doorstroom.platform.errors import ConfigurationError

MINIMALE_GEHEIMLENGTE = 32
"""Characters a secret needs at least (``secrets.token_urlsafe(48)`` gives 64)."""
MINIMAAL_VERSCHILLENDE_TEKENS = 10
"""Different characters a secret needs at least: 36 times ``a`` is long but guessable. A random hex
secret of 32 characters has fewer than 10 different ones about once in 10,000 draws."""
VOORBEELDWOORDEN = (
    "changeme",
    "change-me",
    "changethis",
    "wachtwoord",
    "password",
    "secret",
    "geheim",
    "voorbeeld",
    "example",
    "default",
    "placeholder",
    "vervangen",
    "replace",
    "insecure",
    "onveilig",
    "letmein",
    "qwerty",
    "123456",
)
"""Words of example and template secrets (six characters or more, so a random secret contains
one by chance less than once in a billion)."""


def geheimprobleem(geheim: str) -> str | None:
    """Why ``geheim`` is too weak to sign anything, in Dutch and without quoting it; None when strong.

    Weak: white space (40 spaces, a pasted line break), shorter than :data:`MINIMALE_GEHEIMLENGTE`,
    fewer than :data:`MINIMAAL_VERSCHILLENDE_TEKENS` different characters, one short pattern repeated
    (``changeme`` four times), or a known example word (:data:`VOORBEELDWOORDEN`).
    """
    if any(teken.isspace() for teken in geheim):
        return "bevat witruimte (spaties, tabs of regeleinden)"
    if len(geheim) < MINIMALE_GEHEIMLENGTE:
        return f"is korter dan {MINIMALE_GEHEIMLENGTE} tekens"
    if len(set(geheim)) < MINIMAAL_VERSCHILLENDE_TEKENS:
        return f"heeft minder dan {MINIMAAL_VERSCHILLENDE_TEKENS} verschillende tekens"
    if _herhaald_patroon(geheim):
        return "is een kort patroon dat zich herhaalt"
    if any(woord in geheim.lower() for woord in VOORBEELDWOORDEN):
        return "bevat een bekend voorbeeldwoord (zoals changeme, secret of geheim)"
    return None


def _herhaald_patroon(tekst: str) -> bool:
    """True when ``tekst`` is one piece of at most half its length repeated (the last copy may be cut)."""
    return any(
        all(tekst[i] == tekst[i - lengte] for i in range(lengte, len(tekst)))
        for lengte in range(1, len(tekst) // 2 + 1)
    )


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "doorstroom"


ALLEEN_OMGEVING = frozenset({"oidc_client_secret"})


class _ZonderGeheimen(PydanticBaseSettingsSource):
    """A settings source without the settings that may come from the environment only."""

    def __init__(self, settings_cls: type[BaseSettings], bron: PydanticBaseSettingsSource) -> None:
        super().__init__(settings_cls)
        self.bron = bron

    def get_field_value(self, field: object, field_name: str) -> tuple[object, str, bool]:
        return None, field_name, False

    def __call__(self) -> dict[str, object]:
        return {naam: waarde for naam, waarde in self.bron().items() if naam not in ALLEEN_OMGEVING}


class Settings(BaseSettings):
    """Doorstroom's configuration; one instance per process, see :func:`get_settings`."""

    model_config = SettingsConfigDict(env_prefix="DOORSTROOM_", env_file=".env", extra="ignore")

    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description="Directory for the embedded SQLite database and stored run files.",
    )
    database_url: str | None = Field(
        default=None,
        description=(
            "SQLAlchemy URL of the database. Default: a SQLite file in data_dir. Production: "
            "postgresql+psycopg://user:password@host/doorstroom."
        ),
    )
    boundary_file: Path | None = Field(
        default=None,
        description="GeoJSON of municipal boundaries (statcode, WGS84) replacing the embedded map file.",
    )
    database_wachttijd: float = Field(
        default=60.0,
        ge=0.0,
        le=3600.0,
        description=(
            "Seconds a write waits for another user's write to finish before giving up with "
            "'database bezet' (0 to 3600)."
        ),
    )
    timezone: str = Field(
        default="Europe/Amsterdam", description="Time zone for dates, deadlines and periods."
    )
    koppeling_bewaartermijn_dagen: int = Field(
        default=365,
        ge=1,
        le=3650,
        description=(
            "Days a stored koppeling run keeps its per-household data (proposals, decisions); "
            "'doorstroom koppeling opschonen' then removes it and keeps counts per municipality."
        ),
    )
    token_lifetime_days: int = Field(
        default=90, ge=1, le=3650, description="Days a new API bearer token stays valid (1-3650)."
    )
    oidc_issuer: str | None = Field(
        default=None, description="OpenID Connect issuer URL of a municipality's identity provider."
    )
    oidc_audience: str | None = Field(
        default=None, description="Audience (client id) the identity provider's tokens must carry."
    )
    oidc_jwks_url: str | None = Field(
        default=None, description="JWKS URL of the identity provider; default: from its discovery document."
    )
    oidc_client_id: str | None = Field(
        default=None,
        description=(
            "Client id of Doorstroom at the identity provider, for the browser login (authorisation "
            "code with PKCE). With oidc_issuer and oidc_redirect_uri it shows 'Inloggen via ...'."
        ),
    )
    oidc_client_secret: SecretStr | None = Field(
        default=None,
        description=(
            "Client secret for the browser login (confidential client); read from the environment "
            "only, never from a .env file. Without it Doorstroom logs in as a public client (PKCE)."
        ),
    )
    oidc_redirect_uri: str | None = Field(
        default=None,
        description=(
            "The address the identity provider sends the browser back to: "
            "https://<host>/aanmelden/oidc/terug, registered at the provider exactly so."
        ),
    )
    oidc_provider_name: str = Field(
        default="de identity provider",
        max_length=60,
        description="Name on the login button: 'Inloggen via <name>' (for example 'Gemeente Utrecht').",
    )
    oidc_scopes: str = Field(
        default="openid profile",
        description="Scopes the browser login asks for (space separated; 'openid' is always sent).",
    )
    oidc_role_claim: str = Field(
        default="doorstroom_rol",
        description=(
            "Claim holding the Doorstroom role (gemeente, coa, provincie, beheerder; text or list). "
            "Without it in a token, a local account linked to the subject supplies role and scope."
        ),
    )
    oidc_municipality_claim: str = Field(
        default="gemeentecode",
        description="Claim holding the municipality of a gemeente user (CBS code GM0344 or 0344).",
    )
    oidc_province_claim: str = Field(
        default="provincie", description="Claim holding the province (name) of a provincie user."
    )
    api_contact_email: str = Field(
        default="beheer@doorstroom.invalid",
        max_length=200,
        description=(
            "E-mail address of the API's operator, published in the OpenAPI document's contact "
            "(NL API Design Rules /core/doc-openapi-contact). Set it to your service desk."
        ),
    )
    retention_years: int = Field(
        default=5, ge=1, le=100, description="Years after the last event before a case file is removed."
    )
    huisvestingstermijn_maanden: int = Field(
        default=3,
        ge=1,
        le=24,
        description=(
            "Months within which a municipality houses a household COA linked to it; the quota "
            "statement (te laat, buiten schuld) and the case file's deadline use this one value."
        ),
    )
    deadline_rules_file: Path | None = Field(
        default=None, description="TOML file overriding the parameters of the deadline rules (termijnen)."
    )
    log_format: Literal["json", "text"] = Field(
        default="json",
        description=(
            "Server log format: json (one object per line: time, level, logger, message and whitelisted "
            "fields such as route template, status, duration, request id; never personal data) or text "
            "(one line: time, level, logger, message, then the same fields as name=value)."
        ),
    )
    metrics_token: SecretStr | None = Field(
        default=None,
        description=(
            "Bearer token (at least 32 random characters) that Prometheus sends to GET /metrics. "
            "Without it /metrics answers 404. From the platform's secret store, never the repository."
        ),
    )
    environment: Literal["productie", "ontwikkeling", "demo"] = Field(
        default="productie",
        description=(
            "productie (default), ontwikkeling or demo. Outside productie the web application may run "
            "without DOORSTROOM_SESSION_SECRET (a random secret per process, sessions end at restart)."
        ),
    )
    session_secret: SecretStr | None = Field(
        default=None,
        description=(
            "Secret (at least 32 characters, random) that signs the web application's session and "
            "CSRF cookies. Required by 'doorstroom serve' in productie; never put it in the repository."
        ),
    )
    session_idle_minutes: int = Field(
        default=30,
        ge=5,
        le=720,
        description="Minutes without a request after which a web session ends (5-720).",
    )
    session_max_hours: int = Field(
        default=10, ge=1, le=24, description="Hours after login after which a web session ends anyway (1-24)."
    )

    audit_anker: str | None = Field(
        default=None,
        description=(
            "Where 'doorstroom audit anker' keeps the head of the audit chain, outside the database: an "
            "absolute file path (JSON lines, appended, 0600; on another machine or WORM storage) or an "
            "http(s) URL (anchors are POSTed, and read back with GET). 'doorstroom audit controleer' "
            "checks the chain against every anchor kept there."
        ),
    )
    csv_stijl: Literal["nl", "standaard"] | None = Field(
        default=None,
        description=(
            "CSV dialect Doorstroom writes: nl (semicolon, decimal comma, UTF-8 with BOM, ja/nee; for "
            "Dutch Excel) or standaard (RFC 4180, decimal point; for programs). Default: nl for files, "
            "standaard on standard output. The option --csv-stijl overrides it per command."
        ),
    )

    @field_validator("session_secret", "metrics_token")
    @classmethod
    def _sterk_geheim(cls, value: SecretStr | None, info: ValidationInfo) -> SecretStr | None:
        """A configured secret must be strong (the one rule, :func:`geheimprobleem`); a
        ConfigurationError (not a ValidationError, which would quote the input) names the setting."""
        probleem = geheimprobleem(value.get_secret_value()) if value is not None else None
        if probleem:
            naam = f"DOORSTROOM_{(info.field_name or '').upper()}"
            raise ConfigurationError(
                f"{naam} {probleem}; gebruik minstens {MINIMALE_GEHEIMLENGTE} "
                "willekeurige tekens: python3 -c 'import secrets; print(secrets.token_urlsafe(48))' "
                "(docs/configuration.md)"
            )
        return value

    @field_validator("audit_anker")
    @classmethod
    def _ankerplaats(cls, value: str | None) -> str | None:
        if value is None or value.startswith(("http://", "https://")):
            return value
        if not value.strip() or "://" in value or not Path(value).is_absolute():
            raise ValueError("geef een absoluut bestandspad of een http(s)-URL")
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """The OIDC client secret comes from the environment only: a .env file may not hold it."""
        zonder = _ZonderGeheimen(settings_cls, dotenv_settings)
        return init_settings, env_settings, zonder, file_secret_settings

    @field_validator("database_url")
    @classmethod
    def _known_dialect(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("sqlite", "postgresql")):
            raise ValueError("only sqlite:// and postgresql+psycopg:// URLs are supported")
        return value

    def resolved_database_url(self) -> str:
        """The configured URL, or the SQLite file in ``data_dir``."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'doorstroom.db'}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings; a bad environment variable is a ConfigurationError."""
    try:
        return Settings()
    except ValidationError as error:
        raise ConfigurationError(f"ongeldige instelling: {_zonder_waarden(error)}") from None
    except ValueError as error:
        raise ConfigurationError(f"ongeldige instelling: {error}") from None


def _zonder_waarden(error: ValidationError) -> str:
    """Each refused setting by its variable's name and the reason, never the value given."""
    return "; ".join(
        f"DOORSTROOM_{'_'.join(str(deel) for deel in fout['loc']).upper()}: {fout['msg']}"
        for fout in error.errors(include_input=False, include_url=False)
    )
