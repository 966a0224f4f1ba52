# Shared by the benchmark scripts (sourced, not run): messages, argument checks, and timing of one
# command (wall time, CPU time and peak RSS through /usr/bin/time) with the best of K runs kept.
# Callers set BENCH_NAME, PYTHON, STATS, RESULTS and NETNS (the command prefix that cuts the network).

die() { echo "$BENCH_NAME: error: $*" >&2; exit 1; }
log() { echo "==> $*" >&2; }
positive_int() { if ! [[ $2 =~ ^[0-9]+$ ]] || (( $2 < $3 )); then die "$1 needs an integer >= $3, got '$2'"; fi; }
# use_netns: NETNS runs a command in a network namespace with only loopback up (peers must not phone home).
use_netns() {
    NETNS=(unshare -n sh -c 'ip link set lo up 2>/dev/null; exec "$@"' netns)
    "${NETNS[@]}" true 2>/dev/null || die "'unshare -n' failed: run as root (it needs CAP_SYS_ADMIN)"
}
# use_eksguard: EKSGUARD is the release build unless set, built when missing (REPO is the checkout).
use_eksguard() {
    EKSGUARD=${EKSGUARD:-$REPO/.build/release/eksguard}
    if [[ ! -x $EKSGUARD ]]; then
        log "building eksguard (release)"
        (cd "$REPO" && swift build -c release --product eksguard) >&2 || die "swift build failed"
    fi
}
# aws_bench NAME: the setup collect.sh and audit.sh share (both run from the checkout's root): results in
# bench/.work/results-NAME, no network namespace (moto listens on the host's loopback), the release build.
aws_bench() {
    WORK=bench/.work RESULTS=bench/.work/results-$1 PYTHON=python3 REPO=$PWD
    mkdir -p "$RESULTS"
    NETNS=()
    use_eksguard
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
stat_field() { "$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$STATS" "$1"; }

# timed NAME OUT ERR CMD...: runs CMD once; sets T_WALL (s), T_RSS (KiB), T_CPU (s) and T_RC.
timed() {
    local name=$1 out=$2 err=$3; shift 3
    local tf=$RESULTS/$name.time
    T_RC=0
    local user sys
    /usr/bin/time -o "$tf" -f "%e %M %U %S" "${NETNS[@]}" "$@" >"$out" 2>"$err" || T_RC=$?
    read -r T_WALL T_RSS user sys < <(tail -n 1 "$tf")
    [[ $T_WALL =~ ^[0-9.]+$ && $T_RSS =~ ^[0-9]+$ ]] || die "$name: cannot read /usr/bin/time output: $(cat "$tf")"
    T_CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
}

# best NAME K "OK-EXIT-CODES" OUT ERR CMD...: K timed runs; sets B_WALL, B_RSS, B_CPU of the fastest.
best() {
    local name=$1 k=$2 ok=$3 out=$4 err=$5; shift 5
    B_WALL='' B_RSS='' B_CPU=''
    local i
    for (( i = 1; i <= k; i++ )); do
        timed "$name" "$out" "$err" "$@"
        [[ " $ok " == *" $T_RC "* ]] || { tail -20 "$err" >&2; die "$name exited with $T_RC (stderr: $err)"; }
        log "$name run $i/$k: ${T_WALL}s wall, ${T_CPU}s CPU, $(( T_RSS / 1024 )) MiB peak RSS (load $(cut -d' ' -f1-3 /proc/loadavg))"
        if [[ -z $B_WALL ]] || awk -v a="$T_WALL" -v b="$B_WALL" 'BEGIN { exit !(a < b) }'; then
            B_WALL=$T_WALL B_RSS=$T_RSS B_CPU=$T_CPU
        fi
    done
}

# run_trivy SCANNER NOUN: `trivy config` with only that misconfiguration scanner, offline, on $DIR.
# Uses the caller's VER/WALL/RSS/CPU/NRUNS/FIND/SEEN/TOOLS arrays and its summarize function.
run_trivy() {
    local scanner=$1 noun=$2
    VER[trivy]=$(version_of trivy)
    mkdir -p "$WORK/trivy-cache"
    # --skip-check-update: no checks-bundle download, trivy falls back to its embedded checks.
    # --misconfig-scanners $scanner: the only scanner this corpus needs (the others only cost time).
    # The report goes to a file rather than /dev/null so that it can be checked.
    log "trivy ${VER[trivy]} (${PEER_RUNS} run(s))"
    best trivy "$PEER_RUNS" "0" "$RESULTS/trivy.stdout" "$RESULTS/trivy.stderr" \
        env TRIVY_CACHE_DIR="$WORK/trivy-cache" "$TRIVY" config --quiet --format json --output "$RESULTS/trivy.json" \
        --skip-check-update --skip-version-check --disable-telemetry --misconfig-scanners "$scanner" \
        --timeout "$TRIVY_TIMEOUT" --cache-dir "$WORK/trivy-cache" "$DIR"
    WALL[trivy]=$B_WALL RSS[trivy]=$B_RSS CPU[trivy]=$B_CPU NRUNS[trivy]=$PEER_RUNS
    read -r 'FIND[trivy]' 'SEEN[trivy]' _ < <(summarize trivy "$RESULTS/trivy.json")
    [[ ${FIND[trivy]} =~ ^[1-9][0-9]*$ ]] || die "trivy reported no misconfigurations (see $RESULTS/trivy.json); it did not scan the $noun"
    TOOLS+=(trivy)
}

# run_checkov FRAMEWORK NOUN: checkov on $DIR with only that framework, offline.
run_checkov() {
    local framework=$1 noun=$2
    VER[checkov]=$(version_of checkov)
    log "checkov ${VER[checkov]} (${PEER_RUNS} run(s))"
    # --skip-download: no Prisma Cloud metadata; no API key; no SCA; JSON report on stdout to a file.
    # checkov skips every path with a hidden component (CKV_IGNORE_HIDDEN_DIRECTORIES), and $DIR sits
    # under bench/.work/, so `-d "$DIR"` finds nothing: it runs from inside the folder as `-d .`.
    best checkov "$PEER_RUNS" "0" "$RESULTS/checkov.json" "$RESULTS/checkov.stderr" \
        env -C "$DIR" -u BC_API_KEY -u PRISMA_API_URL CHECKOV_RUN_SCA_PACKAGE_SCAN_V2=false \
        "$CHECKOV" -d . --framework "$framework" --quiet --compact --soft-fail --skip-download -o json
    WALL[checkov]=$B_WALL RSS[checkov]=$B_RSS CPU[checkov]=$B_CPU NRUNS[checkov]=$PEER_RUNS
    local CK_ERR
    read -r 'FIND[checkov]' 'SEEN[checkov]' CK_ERR < <(summarize checkov "$RESULTS/checkov.json")
    [[ ${FIND[checkov]} =~ ^[1-9][0-9]*$ ]] || die "checkov reported no failed checks (see $RESULTS/checkov.json); it did not scan the $noun"
    [[ $CK_ERR == parse_errors=0 ]] || log "warning: checkov $CK_ERR"
    TOOLS+=(checkov)
}

# install_aws_peers: the test command's moto venv (reused when it exists) and prowler in $WORK/prowler-venv;
# sets MOTO_VENV and PROWLER_VENV.
install_aws_peers() {
    MOTO_VENV=${EKSGUARD_TEST_CACHE:-$HOME/.cache/eksguard-test}/moto-venv
    [[ -x $MOTO_VENV/bin/moto_server ]] || { python3 -m venv "$MOTO_VENV" && "$MOTO_VENV/bin/pip" install --quiet 'moto[server]==5.2.1' >&2; }
    PROWLER_VENV=$WORK/prowler-venv
    [[ -x $PROWLER_VENV/bin/prowler ]] || { python3 -m venv "$PROWLER_VENV" && "$PROWLER_VENV/bin/pip" install --quiet "${PROWLER_PKG:-prowler}" >&2; }
}

# start_moto: moto on a free loopback port, stopped when the script exits; sets URL.
start_moto() {
    local port
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
    "$MOTO_VENV/bin/moto_server" -H 127.0.0.1 -p "$port" >"$RESULTS/moto.log" 2>&1 &
    MOTO_PID=$!
    trap 'kill $MOTO_PID 2>/dev/null || true' EXIT
    URL=http://127.0.0.1:$port
    for _ in $(seq 1 100); do curl -s -o /dev/null "$URL/moto-api/" && break; sleep 0.2; done
}
