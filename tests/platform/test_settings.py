"""Settings refuse what is unsafe: a weak secret (issue 19), and their messages never quote a value."""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Any

import pytest

from doorstroom.platform.errors import ConfigurationError
from doorstroom.platform.settings import Settings, geheimprobleem, get_settings
from tests.cli_helpers import run

CASE: dict[str, Any] = json.loads(
    (Path(__file__).parent / "data" / "issue_19_zwakke_geheimen.json").read_text()
)


@pytest.mark.parametrize("geval", CASE["zwak"], ids=lambda g: g["reden"])
def test_a_weak_secret_is_refused_naming_the_setting_never_the_secret(
    geval: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOORSTROOM_SESSION_SECRET", geval["geheim"])
    with pytest.raises(ConfigurationError) as refused:
        get_settings()
    bericht = str(refused.value)
    assert "DOORSTROOM_SESSION_SECRET" in bericht and geval["reden"] in bericht, bericht
    assert not geval["geheim"].strip() or geval["geheim"].strip() not in bericht


@pytest.mark.parametrize("omgeving", ["productie", "ontwikkeling", "demo"])
def test_a_weak_secret_is_refused_in_every_environment(omgeving: str) -> None:
    with pytest.raises(ConfigurationError):
        Settings(environment=omgeving, session_secret="changeme" * 4)


@pytest.mark.parametrize("geheim", CASE["sterk"])
def test_strong_secrets_are_accepted(geheim: str) -> None:
    assert geheimprobleem(geheim) is None
    assert Settings(session_secret=geheim).session_secret is not None


def test_generated_secrets_pass_the_rule() -> None:
    """What the docs tell an operator to run always passes (token_urlsafe(48) and openssl-style hex)."""
    for _ in range(2000):
        assert geheimprobleem(secrets.token_urlsafe(48)) is None
        assert geheimprobleem(secrets.token_hex(32)) is None


def test_a_command_in_productie_with_a_weak_secret_stops_with_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOORSTROOM_SESSION_SECRET", "a" * 36)
    result = run("serve")
    assert result.exit_code == 2 and "DOORSTROOM_SESSION_SECRET" in result.stderr
    assert "a" * 36 not in result.stderr


def test_an_invalid_setting_is_named_without_its_value(monkeypatch: pytest.MonkeyPatch) -> None:
    """A database URL carries a password: the message names the variable, not what was given."""
    monkeypatch.setenv("DOORSTROOM_DATABASE_URL", "mysql://gebruiker:WachtW00rd@host/db")
    with pytest.raises(ConfigurationError) as refused:
        get_settings()
    assert "DOORSTROOM_DATABASE_URL" in str(refused.value) and "WachtW00rd" not in str(refused.value)
