#!/usr/bin/env bash
# Package inventories of root filesystems by eksguard, trivy and syft, compared package by package
# (bench/compare_sboms.py): the same check as bench/image.sh's, on any rootfs built here (for example
# bench/realmatch/build.sh's Debian 12 and Ubuntu 24.04). Peers run offline in a network namespace.
set -euo pipefail

usage() {
    cat <<'USAGE'
Usage: bench/inventory.sh ROOTFS...

Environment: EKSGUARD (default .build/release/eksguard, built if missing). trivy and syft come from
bench/.work/venv (run bench/image.sh once to install them). Needs root for `unshare -n`.
USAGE
}

BENCH_NAME=bench/inventory.sh
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
WORK=$BENCH_DIR/.work
RESULTS=$WORK/results/inventory
VENV=$WORK/venv
PYTHON=${PYTHON:-python3}
# shellcheck source=bench/common.sh
source "$BENCH_DIR/common.sh"

[[ $# -gt 0 && $1 != -h && $1 != --help ]] || { usage; [[ $# -gt 0 ]] && exit 0; exit 2; }
for root in "$@"; do [[ -d $root ]] || die "not a folder: $root"; done
[[ -x $VENV/bin/trivy && -x $VENV/bin/syft ]] || die "no trivy/syft in $VENV: run bench/image.sh first"
use_netns
use_eksguard
mkdir -p "$RESULTS"

status=0
for root in "$@"; do
    name=$(basename "$root")
    out=$RESULTS/$name
    mkdir -p "$out"
    log "$root"
    "${NETNS[@]}" "$EKSGUARD" scan image --rootfs "$root" --format cyclonedx --quiet >"$out/eksguard.json" 2>"$out/eksguard.stderr" \
        || die "eksguard failed on $root ($out/eksguard.stderr)"
    "${NETNS[@]}" "$VENV/bin/trivy" rootfs --quiet --cache-dir "$out/trivy-cache" --skip-db-update --skip-version-check \
        --disable-telemetry --format cyclonedx --output "$out/trivy.json" "$root" 2>"$out/trivy.stderr" \
        || die "trivy failed on $root ($out/trivy.stderr)"
    "${NETNS[@]}" env SYFT_CHECK_FOR_APP_UPDATE=false "$VENV/bin/syft" scan "dir:$root" -o cyclonedx-json -q \
        >"$out/syft.json" 2>"$out/syft.stderr" || die "syft failed on $root ($out/syft.stderr)"
    "$PYTHON" "$BENCH_DIR/compare_sboms.py" "$out/eksguard.json" trivy="$out/trivy.json" syft="$out/syft.json" || status=1
done
exit $status
