#!/usr/bin/env bash
# Benchmark: `eksguard webhook serve` under load. wrk (Debian package) posts AdmissionReviews over
# TLS on loopback at fixed request rates and reports throughput, p50/p99 latency and errors.
# See bench/README.md. Everything it makes goes to bench/.work/ (git-ignored).
set -euo pipefail

usage() {
    cat <<'EOF_USAGE'
Usage: bench/webhook.sh [options]

  --rates LIST     comma-separated request rates per second (default 100,500,1000)
  --duration S     seconds per rate (default 30)
  --target-ms X    p99 latency the 500 rps run must stay under (default 5)
  --strict         exit 1 when the target is missed or any request failed
  -h, --help       this text

Environment:
  EKSGUARD         eksguard binary (default .build/release/eksguard, built if missing)
EOF_USAGE
}

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
WORK=$BENCH_DIR/.work
RESULTS=$WORK/results
RATES=100,500,1000 DURATION=30 TARGET_MS=5 STRICT=0
BENCH_NAME=webhook.sh
# shellcheck source=bench/common.sh
source "$BENCH_DIR/common.sh"

while (( $# )); do
    case $1 in
        --rates) [[ ${2-} =~ ^[0-9]+(,[0-9]+)*$ ]] || die "--rates needs numbers like 100,500"; RATES=$2; shift 2 ;;
        --duration) positive_int "$1" "${2-}" 1; DURATION=$2; shift 2 ;;
        --target-ms) [[ ${2-} =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "--target-ms needs a number"; TARGET_MS=$2; shift 2 ;;
        --strict) STRICT=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown option $1" ;;
    esac
done

mkdir -p "$RESULTS"
if ! command -v wrk >/dev/null; then
    log "installing wrk (Debian package)"
    apt-get install -y wrk >/dev/null || die "cannot install wrk (apt-get install wrk)"
fi
use_eksguard

# A serving certificate for the loopback name, made by eksguard itself.
TLS=$WORK/webhook-tls
rm -rf "$TLS"
"$EKSGUARD" webhook manifests --generate-cert --cert-dir "$TLS" >/dev/null 2>"$RESULTS/webhook-manifests.stderr" \
    || die "webhook manifests --generate-cert failed: $(cat "$RESULTS/webhook-manifests.stderr")"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
"$EKSGUARD" webhook serve --host 127.0.0.1 --port "$PORT" --cert "$TLS/tls.crt" --key "$TLS/tls.key" \
    --log-level error 2>"$RESULTS/webhook-serve.log" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    curl -ksf -o /dev/null "https://127.0.0.1:$PORT/healthz" && break
    kill -0 "$SERVER" 2>/dev/null || die "the webhook exited: $(tail -5 "$RESULTS/webhook-serve.log")"
    sleep 0.1
done
curl -ksf -o /dev/null "https://127.0.0.1:$PORT/healthz" || die "the webhook did not start"

# A Deployment with a typical hardened-but-imperfect pod (one denial, some warnings): the
# common case, which runs every check and builds a denial message.
cat >"$WORK/webhook-review.json" <<'EOF_REVIEW'
{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"0d8b2a8e-2f4a-4a56-9a0e-6b1c2f9e8d01",
"kind":{"group":"apps","version":"v1","kind":"Deployment"},"resource":{"group":"apps","version":"v1","resource":"deployments"},
"namespace":"shop","operation":"CREATE","userInfo":{"username":"ci"},"dryRun":false,
"object":{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"api","namespace":"shop","labels":{"app":"api"}},
"spec":{"replicas":3,"selector":{"matchLabels":{"app":"api"}},"template":{"metadata":{"labels":{"app":"api"}},
"spec":{"securityContext":{"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"}},
"containers":[{"name":"api","image":"registry.example/api:1.4.2","ports":[{"containerPort":8080}],
"env":[{"name":"MODE","value":"prod"}],"resources":{"requests":{"cpu":"100m","memory":"128Mi"},"limits":{"memory":"256Mi"}},
"readinessProbe":{"httpGet":{"path":"/ready","port":8080}},
"securityContext":{"allowPrivilegeEscalation":true,"readOnlyRootFilesystem":true,"capabilities":{"drop":["ALL"]}}},
{"name":"proxy","image":"registry.example/envoy:1.30","securityContext":{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]}}}]}}}}}}
EOF_REVIEW
answer=$(curl -ksS -X POST -H 'Content-Type: application/json' --data-binary @"$WORK/webhook-review.json" "https://127.0.0.1:$PORT/validate")
[[ $answer == *'"allowed":false'* ]] || die "unexpected answer to the benchmark review: $answer"

# wrk paces each connection with delay(): C connections each waiting C/rate seconds between
# requests give about `rate` requests per second (less the service time, which wrk reports).
cat >"$WORK/webhook.lua" <<'EOF_LUA'
local f = io.open(os.getenv("REVIEW"), "r"); local body = f:read("*a"); f:close()
wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
local pause = tonumber(os.getenv("PAUSE_MS"))
function delay() return pause end
function done(summary, latency, requests)
    local e = summary.errors
    io.stderr:write(string.format("RESULT %d %d %d %d %d %d %d %.1f %.1f %.1f\n",
        summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
        latency:percentile(50), latency:percentile(99), latency.max))
end
EOF_LUA

# CPU time of the server process (user + system, in clock ticks), to report CPU per request: a
# figure that other load on the machine disturbs much less than latency.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVER/stat"; }
TICKS=$(getconf CLK_TCK)
printf '%-8s %10s %10s %10s %10s %8s %12s\n' rate req/s p50_ms p99_ms max_ms errors cpu_ms/req | tee "$RESULTS/webhook.txt"
missed=0
IFS=, read -r -a rates <<<"$RATES"
for rate in "${rates[@]}"; do
    conns=$(( rate / 10 )); (( conns < 2 )) && conns=2
    pause=$(( 1000 * conns / rate ))
    log "rate $rate/s: $conns connections, ${pause} ms between requests each, ${DURATION}s"
    before=$(cpu_ticks)
    REVIEW=$WORK/webhook-review.json PAUSE_MS=$pause wrk -t2 -c"$conns" -d"${DURATION}s" --timeout 5s \
        -s "$WORK/webhook.lua" "https://127.0.0.1:$PORT/validate" >"$RESULTS/wrk-$rate.txt" 2>"$RESULTS/wrk-$rate.result"
    read -r _ requests micros econn eread ewrite estatus etimeout p50 p99 max < <(grep '^RESULT' "$RESULTS/wrk-$rate.result")
    errors=$(( econn + eread + ewrite + estatus + etimeout ))
    cpu=$(awk -v t=$(( $(cpu_ticks) - before )) -v hz="$TICKS" -v r="$requests" 'BEGIN { printf "%.3f", t / hz * 1000 / r }')
    rps=$(awk -v r="$requests" -v d="$micros" 'BEGIN { printf "%.1f", r / (d / 1e6) }')
    ms() { awk -v u="$1" 'BEGIN { printf "%.2f", u / 1000 }'; }
    printf '%-8s %10s %10s %10s %10s %8s %12s\n' "$rate" "$rps" "$(ms "$p50")" "$(ms "$p99")" "$(ms "$max")" "$errors" "$cpu" | tee -a "$RESULTS/webhook.txt"
    (( errors == 0 )) || missed=1
    if [[ $rate == 500 ]] && awk -v p="$p99" -v t="$TARGET_MS" 'BEGIN { exit !(p / 1000 >= t) }'; then missed=1; fi
done
kill -0 "$SERVER" 2>/dev/null || die "the webhook died under load: $(tail -5 "$RESULTS/webhook-serve.log")"
curl -ks "https://127.0.0.1:$PORT/metrics" >"$RESULTS/webhook-metrics.txt"
# Graceful shutdown: SIGTERM must end the server cleanly (exit 0).
kill -TERM "$SERVER"
rc=0; wait "$SERVER" || rc=$?
trap - EXIT
log "SIGTERM: the webhook exited with status $rc"
(( rc == 0 )) || missed=1
log "target: p99 < ${TARGET_MS} ms at 500 rps with zero errors: $([[ $missed == 0 ]] && echo met || echo MISSED)"
(( STRICT == 0 || missed == 0 ))
