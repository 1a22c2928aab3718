#!/usr/bin/env bash
# Starts 'doorstroom serve' inside the built image and checks it over loopback
# (docs/deployment.md#image). Containers cannot be started on the CI machine (the runtime may not
# set rlimits there), so the image's root filesystem runs with 'buildah run --isolation chroot':
# same files, same user, same environment, the host's network namespace (so 127.0.0.1 reaches it).
# Checks: non-root user, no secret in the image's configuration or files, migrations, then the
# liveness and readiness probes, the API's /gezondheid and the login page.
set -euo pipefail
cd "$(dirname "$0")/../.."

VERSIE=$(.venv/bin/python -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
BEELD=${DOORSTROOM_IMAGE:-localhost/doorstroom:$VERSIE}
POORT=${DOORSTROOM_SMOKE_PORT:-18765}
export STORAGE_DRIVER=${STORAGE_DRIVER:-vfs}
CONTAINER=$(buildah from "$BEELD")
SERVER=""
opruimen() {
  [ -n "$SERVER" ] && kill -TERM -- "-$SERVER" 2>/dev/null && sleep 2 || true
  buildah rm "$CONTAINER" >/dev/null 2>&1 || true
}
trap opruimen EXIT
fout() { echo "SMOKE FOUT: $*" >&2; exit 1; }

echo "== configuration: non-root, no secrets"
gebruiker=$(buildah inspect --format '{{.OCIv1.Config.User}}' "$CONTAINER")
[ "$gebruiker" = "10001:10001" ] || fout "image draait als '$gebruiker', niet als 10001"
if buildah inspect --format '{{range .OCIv1.Config.Env}}{{println .}}{{end}}' "$CONTAINER" \
    | grep -Ei '^DOORSTROOM_[A-Z_]*(SECRET|TOKEN|PASSWORD|DATABASE_URL)='; then
  fout "een geheim in de omgeving van het image"
fi
[ "$(buildah run --isolation chroot "$CONTAINER" -- id -u)" = "10001" ] || fout "buildah run is geen uid 10001"
# No settings file and no private key outside the packages' own test data (tornado ships a test key).
buildah run --isolation chroot --user 0:0 "$CONTAINER" -- sh -c \
  '! { find / -xdev -name .env -print; grep -rlE "BEGIN [A-Z ]*PRIVATE KEY" /etc /root /home /var/lib/doorstroom; } | grep -q .' \
  || fout "een .env- of sleutelbestand in het image"

GEHEIM=$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')
draai() { buildah run --isolation chroot --env "DOORSTROOM_SESSION_SECRET=$GEHEIM" "$CONTAINER" -- "$@"; }

echo "== doorstroom db upgrade (SQLite in the data volume)"
draai doorstroom db upgrade

echo "== doorstroom serve on 127.0.0.1:$POORT"
setsid buildah run --isolation chroot --env "DOORSTROOM_SESSION_SECRET=$GEHEIM" "$CONTAINER" -- \
  doorstroom serve --host 127.0.0.1 --port "$POORT" > "${TMPDIR:-/tmp}/doorstroom-smoke.log" 2>&1 &
SERVER=$!

python3 - "$POORT" <<'PY' || { cat "${TMPDIR:-/tmp}/doorstroom-smoke.log" >&2; fout "server antwoordt niet zoals verwacht"; }
import json, sys, time, urllib.request

basis = f"http://127.0.0.1:{sys.argv[1]}"

def haal(pad: str) -> tuple[int, str]:
    with urllib.request.urlopen(basis + pad, timeout=5) as antwoord:
        return antwoord.status, antwoord.read().decode()

for _ in range(240):
    try:
        haal("/gezondheid/leeft")
        break
    except OSError:
        time.sleep(0.5)
else:
    sys.exit("geen antwoord binnen 120 s")
status, tekst = haal("/gezondheid/gereed")
assert status == 200 and json.loads(tekst)["migraties"] == "actueel", tekst
status, tekst = haal("/api/v1/gezondheid")
assert status == 200 and json.loads(tekst)["status"] == "ok", tekst
status, tekst = haal("/aanmelden")
assert status == 200 and 'id="wachtwoord"' in tekst, "aanmeldpagina"
print("probes, /api/v1/gezondheid en /aanmelden: ok")
PY
grep -q '"logger"' "${TMPDIR:-/tmp}/doorstroom-smoke.log" || fout "geen JSON-logregels"
echo "smoke test van $BEELD geslaagd"
