#!/usr/bin/env bash
# The official NL API Design Rules linter over the OpenAPI document the server serves
# (GET /api/v1/openapi.json), with @stoplight/spectral-cli from npm (pinned). Fails on any error.
#
# The ruleset is the one Logius publishes with the standard (media/linter.yaml in the
# API-Design-Rules repository, also served by developer.overheid.nl). It is not in this repository
# (we copy no third-party files) and CI reaches only package registries, so it is read from
#   $DOORSTROOM_ADR_RULESET, else ../shared/adr/ruleset.yaml (beside the clone, as CI lays it).
# Without it the step reports BLOCKED and, under DOORSTROOM_REQUIRE_ADR=1, fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
GEREEDSCHAP=${DOORSTROOM_CI_TOOLS:-$PWD/.ci-tools}
SPECTRAL_VERSIE=6.16.3
REGELS=${DOORSTROOM_ADR_RULESET:-../shared/adr/ruleset.yaml}

if [ ! -f "$REGELS" ]; then
  echo "ADR-linter BLOCKED: de officiële ruleset ontbreekt ($REGELS); zie docs/deployment.md#nl-api-design-rules" >&2
  [ -n "${DOORSTROOM_REQUIRE_ADR:-}" ] && exit 1
  exit 0
fi
if [ ! -x "$GEREEDSCHAP/spectral/node_modules/.bin/spectral" ]; then
  echo "== @stoplight/spectral-cli@$SPECTRAL_VERSIE from npm"
  npm install --silent --no-audit --no-fund --prefix "$GEREEDSCHAP/spectral" "@stoplight/spectral-cli@$SPECTRAL_VERSIE"
fi
UIT=$(mktemp -d)
trap 'rm -rf "$UIT"' EXIT
.venv/bin/python - "$UIT/openapi.json" <<'PY'
import pathlib, sys
from fastapi.testclient import TestClient
from doorstroom.platform.db import make_engine, upgrade
from doorstroom.server import create_app

engine = make_engine(f"sqlite:///{pathlib.Path(sys.argv[1]).parent / 'adr.db'}")
upgrade(engine)
with TestClient(create_app(engine, sessiegeheim="adr-" + "x" * 40)) as client:
    antwoord = client.get("/api/v1/openapi.json")
    antwoord.raise_for_status()
    pathlib.Path(sys.argv[1]).write_text(antwoord.text, encoding="utf-8")
PY
"$GEREEDSCHAP/spectral/node_modules/.bin/spectral" lint --fail-severity=error -r "$REGELS" "$UIT/openapi.json"
echo "NL API Design Rules: 0 fouten"
