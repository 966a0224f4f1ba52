# Sourced by scripts/test.sh: a stand-in Kubernetes API server on a free loopback port for the live
# reading tests (KubernetesClientTests). openssl makes a CA, a server certificate (for localhost and
# kubernetes.eksguard.test, no IP address: the tls-server-name test connects to 127.0.0.1) and a client certificate in the run's scratch folder; the Python replay
# server (standard library only) serves the recorded lists of Tests/KubernetesClientTests/Fixtures/api.
# Exports EKSGUARD_KUBE_URL and the PEM/token paths the tests use (EKSGUARD_KUBE_CA, _CLIENT_CERT,
# _CLIENT_KEY, _TOKEN_FILE; _UNTRUSTED_CA signs nothing the server uses).
if ! command -v openssl >/dev/null; then apt-get install -y openssl >&2; fi
KUBE_DIR="$EKSGUARD_TEST_RUN/kube"
mkdir -p "$KUBE_DIR"
kube_cert() { # name subject [ca] [extensions]
    local name=$1 subject=$2 ca=${3:-} extensions=${4:-}
    openssl ecparam -name prime256v1 -genkey -noout -out "$KUBE_DIR/$name.key" 2>/dev/null
    if [ -z "$ca" ]; then
        openssl req -x509 -new -key "$KUBE_DIR/$name.key" -subj "$subject" -days 2 -out "$KUBE_DIR/$name.crt" \
            -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign 2>/dev/null
    else
        openssl req -new -key "$KUBE_DIR/$name.key" -subj "$subject" -out "$KUBE_DIR/$name.csr" 2>/dev/null
        printf '%s\n' "$extensions" >"$KUBE_DIR/$name.ext"
        openssl x509 -req -in "$KUBE_DIR/$name.csr" -CA "$KUBE_DIR/$ca.crt" -CAkey "$KUBE_DIR/$ca.key" \
            -CAcreateserial -days 2 -extfile "$KUBE_DIR/$name.ext" -out "$KUBE_DIR/$name.crt" 2>/dev/null
    fi
}
kube_cert ca "/CN=eksguard test cluster CA"
kube_cert untrusted-ca "/CN=eksguard untrusted CA"
kube_cert server "/CN=kube-apiserver" ca \
    "subjectAltName=DNS:localhost,DNS:kubernetes.eksguard.test
extendedKeyUsage=serverAuth"
kube_cert client "/O=eksguard:auditors/CN=eksguard-auditor" ca "extendedKeyUsage=clientAuth"
python3 -c 'import secrets; print("eksguard-test-" + secrets.token_hex(16))' >"$KUBE_DIR/token"
KUBE_PORT="$(free_port)"
python3 scripts/services/kube_replay.py --port "$KUBE_PORT" --fixtures Tests/KubernetesClientTests/Fixtures/api \
    --cert "$KUBE_DIR/server.crt" --key "$KUBE_DIR/server.key" --client-ca "$KUBE_DIR/ca.crt" \
    --token-file "$KUBE_DIR/token" >"$KUBE_DIR/server.log" 2>&1 &
SERVICE_PIDS+=($!)
export EKSGUARD_KUBE_URL="https://localhost:$KUBE_PORT"
export EKSGUARD_KUBE_CA="$KUBE_DIR/ca.crt"
export EKSGUARD_KUBE_UNTRUSTED_CA="$KUBE_DIR/untrusted-ca.crt"
export EKSGUARD_KUBE_CLIENT_CERT="$KUBE_DIR/client.crt"
export EKSGUARD_KUBE_CLIENT_KEY="$KUBE_DIR/client.key"
export EKSGUARD_KUBE_TOKEN_FILE="$KUBE_DIR/token"
wait_for_http kube "$EKSGUARD_KUBE_URL/version"
