#!/usr/bin/env bash
# Times `eksguard scan node` on the fixture node roots (AL2, AL2023 with drop-ins, Bottlerocket, flag
# overrides, wrong permissions, missing configuration), every benchmark version, RUNS times each.
# kube-bench, the peer, is a Go binary that is neither on PyPI nor in Debian, and nothing else can be
# fetched here, so there is no side-by-side ratio: this prints eksguard's own time per node scan.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-20}
EKSGUARD=${EKSGUARD:-.build/release/eksguard}
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/node.sh [RUNS]" >&2; exit 2; }
if [[ ! -x $EKSGUARD ]]; then
    echo "==> building $EKSGUARD" >&2
    swift build -c release --product eksguard >&2
fi
FIXTURES=Tests/NodeBenchmarkTests/Fixtures
WORK=bench/.work/node
rm -rf "$WORK" && mkdir -p "$WORK"
scans=0
start=$(date +%s.%N)
for (( i = 0; i < RUNS; i++ )); do
    for root in "$FIXTURES"/*/; do
        for benchmark in eks-1.2.0 eks-1.5.0 eks-1.7.0 eks-1.8.0; do
            rc=0
            "$EKSGUARD" scan node --root "$root" --benchmark "$benchmark" --format json -o "$WORK/report.json" || rc=$?
            # 0 clean, 1 failures, 3 errors (missing-config): anything else is a broken run.
            [[ $rc == 0 || $rc == 1 || $rc == 3 ]] || { echo "scan of $root ($benchmark) exited $rc" >&2; exit 1; }
            scans=$((scans + 1))
        done
    done
done
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v n="$scans" 'BEGIN { printf "%d node scans in %.2f s: %.1f ms per scan (process start included)\n", n, e - s, (e - s) * 1000 / n }'
