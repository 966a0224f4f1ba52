#!/usr/bin/env bash
# Hostile images against `eksguard scan image`: a gzip bomb layer (SIZE GiB of zeros in about a
# thousandth of that), the same layer truncated, and a layer whose entries climb out of the image with
# `..`, absolute paths and links. Prints exit status, wall time, peak RSS and the message for each, and
# checks that nothing was written outside the scan. Everything it makes goes to bench/.work/hostile.
set -euo pipefail

usage() {
    cat <<'USAGE'
Usage: bench/hostile.sh [--size GIB]

  --size GIB   zeros inside the bomb layer, in GiB (default 8)

Environment: EKSGUARD (default .build/release/eksguard, built if missing).
USAGE
}

BENCH_NAME=bench/hostile.sh
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
WORK=$BENCH_DIR/.work/hostile
RESULTS=$WORK
PYTHON=${PYTHON:-python3}
SIZE=8
STATS=/dev/null
# shellcheck source=bench/common.sh
source "$BENCH_DIR/common.sh"

while (( $# )); do
    case $1 in
        --size) positive_int --size "${2-}" 1; SIZE=$2; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown option $1" ;;
    esac
done
use_eksguard
use_netns
rm -rf "$WORK" /tmp/eksguard-escaped
mkdir -p "$WORK/images" "$WORK/cwd"
log "writing the hostile archives (${SIZE} GiB bomb)"
"$PYTHON" "$BENCH_DIR/hostile_images.py" "$WORK/images" "$SIZE"
ls -l "$WORK/images" >&2

scan() {
    local name=$1; shift
    timed "$name" "$WORK/$name.out" "$WORK/$name.err" env -C "$WORK/cwd" "$EKSGUARD" scan image --input "$WORK/images/$name.tar" \
        --db "$WORK/empty.db" --format json --quiet "$@"
    printf '%-28s exit %s  %6ss wall  %5s MiB peak RSS  %s\n' "$name $*" "$T_RC" "$T_WALL" "$(( T_RSS / 1024 ))" \
        "$(grep -v '^eksguard: \(reading\|matching\)' "$WORK/$name.err" | head -1 | cut -c1-150)"
}

"$EKSGUARD" db import --db "$WORK/empty.db" "$BENCH_DIR/../Tests/ImageScanTests/Data/osv" >/dev/null 2>&1 \
    || die "could not build a database from Tests/ImageScanTests/Data/osv"
scan bomb
scan bomb --max-layer-size 1024
scan truncated
scan traversal
[[ ! -e /tmp/eksguard-escaped ]] || die "a file escaped the scan: /tmp/eksguard-escaped"
[[ -z $(ls -A "$WORK/cwd") ]] || die "the scan wrote into its working folder: $(ls -A "$WORK/cwd")"
echo "nothing was written outside the scan (no /tmp/eksguard-escaped, empty working folder)"
