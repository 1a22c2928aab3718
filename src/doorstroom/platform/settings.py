"""Typed settings, read from ``DOORSTROOM_*`` environment variables (or a ``.env`` file).

Every setting carries a description; ``docs/configuration.md`` lists them and a test keeps that
page complete. Secrets are never given defaults that work outside development.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from doorstroom.platform.errors import ConfigurationError


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
            "fields such as route template, status, duration, request id; never personal data) or text."
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

    csv_stijl: Literal["nl", "standaard"] | None = Field(
        default=None,
        description=(
            "CSV dialect Doorstroom writes: nl (semicolon, decimal comma, UTF-8 with BOM, ja/nee; for "
            "Dutch Excel) or standaard (RFC 4180, decimal point; for programs). Default: nl for files, "
            "standaard on standard output. The option --csv-stijl overrides it per command."
        ),
    )

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

    @field_validator("metrics_token")
    @classmethod
    def _long_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value()) < 32:
            raise ValueError("a secret needs at least 32 characters")
        return value

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
        return f"sqlite:///{self.data_dir / 'doorstroom.platform.db'}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings; a bad environment variable is a ConfigurationError."""
    try:
        return Settings()
    except ValueError as error:
        raise ConfigurationError(f"ongeldige instelling: {error}") from None
