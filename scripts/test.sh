#!/usr/bin/env bash
# The project's test command. Integration tests talk to real servers on loopback (moto's AWS server,
# Docker's distribution registry, ...). Each scripts/services/*.sh installs what its server needs,
# starts it on a free loopback port and exports the variable the tests read; a test whose variable is
# missing fails loudly instead of skipping. Everything started here is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

# Tools the services install (Python venvs, downloaded binaries) live outside the clone and are reused.
export EKSGUARD_TEST_CACHE="${EKSGUARD_TEST_CACHE:-$HOME/.cache/eksguard-test}"
export EKSGUARD_TEST_RUN="$(mktemp -d "${TMPDIR:-/tmp}/eksguard-test.XXXXXX")"
mkdir -p "$EKSGUARD_TEST_CACHE"

SERVICE_PIDS=()
stop_services() {
    for pid in "${SERVICE_PIDS[@]:-}"; do
        [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
    done
    rm -rf "$EKSGUARD_TEST_RUN"
}
trap stop_services EXIT

# A free TCP port on loopback, chosen by the kernel.
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Waits until a URL answers (any HTTP status), or fails naming the service.
wait_for_http() {
    local name=$1 url=$2
    for _ in $(seq 1 150); do
        if curl -ks -o /dev/null "$url"; then return 0; fi
        sleep 0.2
    done
    echo "scripts/test.sh: $name did not start at $url" >&2
    exit 1
}

for service in scripts/services/*.sh; do
    [ -e "$service" ] || continue
    # shellcheck source=/dev/null
    source "$service"
done

swift test "$@"
