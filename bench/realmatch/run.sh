#!/usr/bin/env bash
# Runs the real-advisory matching check on what bench/realmatch/build.sh made: for each distribution,
# `eksguard db import` of the derived OSV records into a fresh database, `eksguard scan image --rootfs
# --format json` (with and without --ignore-unfixed), and compare.py against the expected answer
# (found/expected, false positives and negatives, fixed versions).
set -euo pipefail

usage() {
    cat <<'USAGE'
Usage: bench/realmatch/run.sh [--only debian|ubuntu]

Environment: EKSGUARD (default .build/debug/eksguard, built if missing).
Run bench/realmatch/build.sh first. Exit status 1 if any distribution has a false positive or negative.
USAGE
}

BENCH_NAME=bench/realmatch/run.sh
# shellcheck source=bench/realmatch/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

while (( $# )); do
    case $1 in
        --only) only_option "${2-}"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown option $1" ;;
    esac
done
EKSGUARD=${EKSGUARD:-$REPO/.build/debug/eksguard}
if [[ ! -x $EKSGUARD ]]; then
    log "building eksguard"
    (cd "$REPO" && swift build --product eksguard) >&2 || die "swift build failed"
fi

status=0 ran=0
for distro in debian ubuntu; do
    [[ -z $ONLY || $ONLY == "$distro" ]] || continue
    dir=$WORK/$distro
    [[ -f $dir/expected.json ]] || die "$dir/expected.json is missing: run bench/realmatch/build.sh first"
    rm -f "$dir/db.sqlite"
    log "$distro: eksguard db import $(find "$dir/osv" -name '*.json' | wc -l) records"
    "$EKSGUARD" db import --db "$dir/db.sqlite" "$dir/osv" >"$dir/import.out" || die "db import failed"
    # Every derived record has a fix, so --ignore-unfixed must not change the answer.
    for flag in '' --ignore-unfixed; do
        log "$distro: eksguard scan image --rootfs ${flag}"
        rc=0
        "$EKSGUARD" scan image --rootfs "$dir/rootfs" --db "$dir/db.sqlite" --format json --quiet ${flag:+"$flag"} \
            >"$dir/report$flag.json" 2>"$dir/scan.stderr" || rc=$?
        (( rc == 0 || rc == 1 )) || die "scan exited with $rc (stderr: $dir/scan.stderr)"
        "$PYTHON" "$HERE/compare.py" "$dir/expected.json" "$dir/report$flag.json" "scan${flag:+ $flag}" || status=1
    done
    ran=1
done
(( ran )) || die "nothing to run"
exit $status
