#!/usr/bin/env bash
# Builds Doorstroom's container image without a container registry (docs/deployment.md#image):
#   1. the project as a wheel, with wheels of every dependency (pip, from PyPI);
#   2. the root filesystem from Debian packages (mmdebstrap, minbase: python3, tzdata, CA
#      certificates and the PostgreSQL 15 client for 'doorstroom backup');
#   3. buildah assembles it: a venv in /opt/doorstroom with the wheels installed offline, a
#      non-root user (uid 10001), the data directory as a volume, and no secret anywhere (settings
#      come from the environment at run time).
# Usage: deploy/image/build.sh            -> image localhost/doorstroom:<version> in buildah's store
#        DOORSTROOM_IMAGE_ARCHIVE=out/doorstroom.tar deploy/image/build.sh   also writes an OCI archive
# Needs root, the Debian packages buildah and mmdebstrap, and .venv (python3 dev.py install).
set -euo pipefail
cd "$(dirname "$0")/../.."

VERSIE=$(.venv/bin/python -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
BEELD=${DOORSTROOM_IMAGE:-localhost/doorstroom:$VERSIE}
SUITE=bookworm   # Debian 12: Python 3.11, the version the wheels are built for
export STORAGE_DRIVER=${STORAGE_DRIVER:-vfs}   # works without overlay mounts (CI, nested sandboxes)
WERK=$(mktemp -d)
CONTAINER=""
opruimen() {
  [ -n "$CONTAINER" ] && buildah rm "$CONTAINER" >/dev/null 2>&1 || true
  rm -rf "$WERK"
}
trap opruimen EXIT

echo "== wheels: doorstroom $VERSIE and its dependencies"
mkdir "$WERK/bron"   # build from a copy: setuptools would leave build/ and *.egg-info in the clone
cp -r pyproject.toml README.md src "$WERK/bron/"
.venv/bin/python -m pip wheel --quiet --wheel-dir "$WERK/wielen" "$WERK/bron"

echo "== root filesystem from Debian packages ($SUITE, minbase)"
mmdebstrap --quiet --variant=minbase --mode=root --format=tar \
  --include=python3,python3-venv,ca-certificates,tzdata,postgresql-client-15 \
  --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
  "$SUITE" "$WERK/rootfs.tar"

echo "== assembling $BEELD with buildah"
CONTAINER=$(buildah from scratch)
buildah add --quiet "$CONTAINER" "$WERK/rootfs.tar" /
buildah copy --quiet "$CONTAINER" "$WERK/wielen" /tmp/wielen
buildah run --isolation chroot "$CONTAINER" -- python3 -m venv /opt/doorstroom
buildah run --isolation chroot "$CONTAINER" -- /opt/doorstroom/bin/pip install --quiet --no-index \
  --no-cache-dir --find-links /tmp/wielen doorstroom
buildah run --isolation chroot "$CONTAINER" -- sh -c '
  rm -rf /tmp/wielen &&
  useradd --uid 10001 --user-group --home-dir /var/lib/doorstroom --create-home \
    --shell /usr/sbin/nologin doorstroom &&
  chmod 0700 /var/lib/doorstroom'
buildah config \
  --user 10001:10001 \
  --workingdir /var/lib/doorstroom \
  --env PATH=/opt/doorstroom/bin:/usr/local/bin:/usr/bin:/bin \
  --env HOME=/var/lib/doorstroom \
  --env DOORSTROOM_DATA_DIR=/var/lib/doorstroom \
  --env DOORSTROOM_LOG_FORMAT=json \
  --env PYTHONDONTWRITEBYTECODE=1 \
  --env PYTHONUNBUFFERED=1 \
  --volume /var/lib/doorstroom \
  --port 8000 \
  --entrypoint '["doorstroom"]' \
  --cmd '["serve", "--host", "0.0.0.0", "--port", "8000"]' \
  --label org.opencontainers.image.title=Doorstroom \
  --label org.opencontainers.image.version="$VERSIE" \
  --label org.opencontainers.image.licenses=EUPL-1.2 \
  --label org.opencontainers.image.source=https://github.com/doorstroom/doorstroom \
  "$CONTAINER"
buildah commit --quiet --rm "$CONTAINER" "$BEELD" >/dev/null
CONTAINER=""
if [ -n "${DOORSTROOM_IMAGE_ARCHIVE:-}" ]; then
  mkdir -p "$(dirname "$DOORSTROOM_IMAGE_ARCHIVE")"
  buildah push --quiet "$BEELD" "oci-archive:$DOORSTROOM_IMAGE_ARCHIVE:$BEELD"
  echo "OCI archive: $DOORSTROOM_IMAGE_ARCHIVE"
fi
echo "image: $BEELD"
