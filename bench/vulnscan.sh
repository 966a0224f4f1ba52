#!/usr/bin/env bash
# Benchmark: a whole vulnerability scan, `eksguard scan image` against `trivy image`, on the same image and
# the same advisories. Trivy cannot download its database here, so bench/trivydb/trivy_db.py writes one
# (trivy-db schema 2) from the OSV records eksguard imports; both then scan offline, in a network namespace
# with only loopback. Prints both finding counts, every difference, and the time ratio.
# Everything it makes goes to bench/.work/ (git-ignored). See bench/README.md.
set -euo pipefail

usage() {
    cat <<'USAGE'
Usage: bench/vulnscan.sh [--runs K] [--peer-runs K] [--osv DIR]... [--rootfs DIR --ecosystem NAME]

  --runs K          timed runs of eksguard, best kept (default 5)
  --peer-runs K     timed runs of trivy, best kept (default 3)
  --osv DIR         OSV records (folders of .json) to scan against, in addition to the boundary records made
                    from the image's own package versions (repeatable)
  --rootfs DIR      scan this root filesystem instead of the image (`trivy rootfs` for the peer)
  --ecosystem NAME  OSV ecosystem of the boundary records (default Debian:12; Ubuntu:24.04:LTS for noble)

The default image is bench/image.sh's Debian bookworm minbase image (run bench/image.sh first).
Environment: EKSGUARD (default .build/release/eksguard, built if missing). Needs root for `unshare -n`.
USAGE
}

BENCH_NAME=bench/vulnscan.sh
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
WORK=$BENCH_DIR/.work
SCAN_WORK=$WORK/vulnscan
RESULTS=$WORK/results/vulnscan
VENV=$WORK/venv
PYTHON=${PYTHON:-python3}
RUNS=5 PEER_RUNS=3 ROOTFS='' ECOSYSTEM=Debian:12
EXTRA_OSV=()
STATS=/dev/null
# shellcheck source=bench/common.sh
source "$BENCH_DIR/common.sh"

while (( $# )); do
    case $1 in
        --runs) positive_int --runs "${2-}" 1; RUNS=$2; shift 2 ;;
        --peer-runs) positive_int --peer-runs "${2-}" 1; PEER_RUNS=$2; shift 2 ;;
        --osv) [[ -d ${2-} ]] || die "--osv needs a folder, got '${2-}'"; EXTRA_OSV+=("$(cd "$2" && pwd)"); shift 2 ;;
        --rootfs) [[ -d ${2-} ]] || die "--rootfs needs a folder, got '${2-}'"; ROOTFS=$(cd "$2" && pwd); shift 2 ;;
        --ecosystem) [[ -n ${2-} ]] || die "--ecosystem needs a name"; ECOSYSTEM=$2; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown option $1" ;;
    esac
done
LAYOUT=$WORK/image/layout
if [[ -n $ROOTFS ]]; then
    STATUS=$ROOTFS/var/lib/dpkg/status
    TARGET=(--rootfs "$ROOTFS") PEER_TARGET=(rootfs "$ROOTFS")
else
    STATUS=$WORK/image/rootfs/var/lib/dpkg/status
    [[ -f $LAYOUT/index.json ]] || die "no image at $LAYOUT: run bench/image.sh first"
    TARGET=(bookworm --oci-layout "$LAYOUT") PEER_TARGET=(image --input "$LAYOUT")
fi
[[ -f $STATUS ]] || die "no dpkg status at $STATUS"
[[ -x $VENV/bin/trivy ]] || die "no trivy in $VENV: run bench/image.sh first (it installs trivy)"
use_netns
use_eksguard

# --- the same advisories for both -------------------------------------------------------------
rm -rf "$SCAN_WORK" "$RESULTS"
mkdir -p "$SCAN_WORK" "$RESULTS"
OSV=$SCAN_WORK/osv
"$PYTHON" "$BENCH_DIR/trivydb/boundary_records.py" "$STATUS" "$ECOSYSTEM" "$OSV/boundary"
for dir in "${EXTRA_OSV[@]}"; do cp -r "$dir" "$OSV/extra-$(basename "$dir")"; done
"$PYTHON" "$BENCH_DIR/trivydb/trivy_db.py" "$SCAN_WORK/trivy-cache" "$SCAN_WORK/records" "$OSV"
"$EKSGUARD" db import --db "$SCAN_WORK/eksguard.db" "$SCAN_WORK/records" >&2

# --- runs (exit 1 is expected: both find vulnerabilities) --------------------------------------
log "eksguard"
best eksguard "$RUNS" "0 1" "$RESULTS/eksguard.json" "$RESULTS/eksguard.stderr" \
    "${NETNS[@]}" "$EKSGUARD" scan image "${TARGET[@]}" --db "$SCAN_WORK/eksguard.db" --format json --quiet
E_WALL=$B_WALL E_RSS=$B_RSS
log "trivy"
# The layout is copied per run: trivy caches layer analyses in its cache dir, so each run starts cold
# (eksguard keeps no cache between runs either).
best trivy "$PEER_RUNS" "0" "$RESULTS/trivy.stdout" "$RESULTS/trivy.stderr" \
    "${NETNS[@]}" sh -c 'cache=$1 trivy=$2 out=$3; shift 3; rm -rf "$cache/fanal" && exec "$trivy" "$@" --cache-dir "$cache" \
        --skip-db-update --offline-scan --scanners vuln --format json --output "$out" --quiet' trivy \
        "$SCAN_WORK/trivy-cache" "$VENV/bin/trivy" "$RESULTS/trivy.json" "${PEER_TARGET[@]}"
T_WALL=$B_WALL T_RSS=$B_RSS

# --- findings ----------------------------------------------------------------------------------
log "findings (advisory id, package)"
"$PYTHON" "$BENCH_DIR/trivydb/compare_findings.py" "$RESULTS/eksguard.json" "$RESULTS/trivy.json" "$OSV" \
    | tee "$RESULTS/findings.txt" || SAME=no
echo "eksguard ${E_WALL}s ($(( E_RSS / 1024 )) MiB) | trivy ${T_WALL}s ($(( T_RSS / 1024 )) MiB)"
echo "eksguard / trivy = $(ratio "$E_WALL" "$T_WALL"); identical findings: ${SAME:-yes}"
