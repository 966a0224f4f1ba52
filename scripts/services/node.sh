# Sourced by scripts/test.sh. The node benchmark's printed DaemonSet and Job are validated against the
# Kubernetes OpenAPI schemas offline with kubernetes-validate (PyPI): `kubectl apply --dry-run=client`
# needs a reachable API server for discovery, and no API server is packaged for Debian.
KUBERNETES_VALIDATE_VENV="$EKSGUARD_TEST_CACHE/kubernetes-validate-1.37.0"
if [ ! -x "$KUBERNETES_VALIDATE_VENV/bin/kubernetes-validate" ]; then
    python3 -m venv "$KUBERNETES_VALIDATE_VENV"
    "$KUBERNETES_VALIDATE_VENV/bin/pip" install --quiet 'kubernetes-validate==1.37.0'
fi
export EKSGUARD_KUBERNETES_VALIDATE="$KUBERNETES_VALIDATE_VENV/bin/kubernetes-validate"
