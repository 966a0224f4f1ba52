# Sourced by scripts/test.sh for the ImageScan target.
# - The build links Debian's libzstd (zstd layers) and libdeflate (fast gzip): their headers are installed when missing.
# - Docker's distribution registry (Debian's docker-registry) on loopback, twice: anonymous
#   (EKSGUARD_REGISTRY_URL) and with htpasswd basic auth (EKSGUARD_REGISTRY_BASIC_URL, user eksguard,
#   password in EKSGUARD_REGISTRY_PASSWORD); plus a bearer-token front with a cross-host blob redirect
#   (EKSGUARD_REGISTRY_TOKEN_URL, scripts/services/registry_token_proxy.py) over the anonymous one, whose token
#   service also exchanges the identity token EKSGUARD_REGISTRY_REFRESH_TOKEN (Docker's OAuth2 refresh grant).
#   The tests push their own images with plain HTTP uploads.
missing=()
[ -e /usr/include/zstd.h ] || missing+=(libzstd-dev)
[ -e /usr/include/libdeflate.h ] || missing+=(libdeflate-dev)
command -v docker-registry >/dev/null || missing+=(docker-registry)
command -v htpasswd >/dev/null || missing+=(apache2-utils)
if [ ${#missing[@]} -gt 0 ]; then
    apt-get install -y "${missing[@]}" >&2
fi

start_registry() { # name port [htpasswd-file]
    local folder="$EKSGUARD_TEST_RUN/registry-$1"
    mkdir -p "$folder/data"
    {
        echo "version: 0.1"
        echo "log: {level: error}"
        echo "storage: {filesystem: {rootdirectory: $folder/data}, delete: {enabled: true}}"
        echo "http: {addr: 127.0.0.1:$2}"
        if [ -n "${3:-}" ]; then echo "auth: {htpasswd: {realm: eksguard-test, path: $3}}"; fi
    } > "$folder/config.yml"
    docker-registry serve "$folder/config.yml" >"$folder/log" 2>&1 &
    SERVICE_PIDS+=($!)
}

export EKSGUARD_REGISTRY_PASSWORD="test-$RANDOM-$RANDOM"
export EKSGUARD_REGISTRY_REFRESH_TOKEN="refresh+$RANDOM/$RANDOM="
htpasswd -Bbn eksguard "$EKSGUARD_REGISTRY_PASSWORD" > "$EKSGUARD_TEST_RUN/htpasswd" 2>/dev/null
REGISTRY_PORT="$(free_port)"
REGISTRY_BASIC_PORT="$(free_port)"
REGISTRY_TOKEN_PORT="$(free_port)"
REGISTRY_BLOB_PORT="$(free_port)"
start_registry anonymous "$REGISTRY_PORT"
start_registry basic "$REGISTRY_BASIC_PORT" "$EKSGUARD_TEST_RUN/htpasswd"
export EKSGUARD_REGISTRY_URL="127.0.0.1:$REGISTRY_PORT"
export EKSGUARD_REGISTRY_BASIC_URL="127.0.0.1:$REGISTRY_BASIC_PORT"
export EKSGUARD_REGISTRY_TOKEN_URL="127.0.0.1:$REGISTRY_TOKEN_PORT"
python3 scripts/services/registry_token_proxy.py "$REGISTRY_TOKEN_PORT" "$REGISTRY_BLOB_PORT" \
    "http://$EKSGUARD_REGISTRY_URL" eksguard "$EKSGUARD_REGISTRY_PASSWORD" "$EKSGUARD_REGISTRY_REFRESH_TOKEN" >"$EKSGUARD_TEST_RUN/token-proxy.log" 2>&1 &
SERVICE_PIDS+=($!)
wait_for_http registry "http://$EKSGUARD_REGISTRY_URL/v2/"
wait_for_http registry-basic "http://$EKSGUARD_REGISTRY_BASIC_URL/v2/"
wait_for_http registry-token "http://$EKSGUARD_REGISTRY_TOKEN_URL/v2/"
