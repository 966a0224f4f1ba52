# Sourced by scripts/test.sh: moto's AWS emulator on a free loopback port for the AWS collector's
# integration tests (ClusterCollectTests). moto[server] is installed once into a venv under
# $EKSGUARD_TEST_CACHE; exports EKSGUARD_MOTO_URL and EKSGUARD_MOTO_PYTHON (the venv's python,
# with boto3, for the tests' scenario script).
MOTO_VENV="$EKSGUARD_TEST_CACHE/moto-venv"
if [ ! -x "$MOTO_VENV/bin/moto_server" ]; then
    python3 -m venv "$MOTO_VENV"
    "$MOTO_VENV/bin/pip" install --quiet --disable-pip-version-check 'moto[server]==5.2.1' >&2
fi
MOTO_PORT="$(free_port)"
"$MOTO_VENV/bin/moto_server" -H 127.0.0.1 -p "$MOTO_PORT" >"$EKSGUARD_TEST_RUN/moto.log" 2>&1 &
SERVICE_PIDS+=($!)
export EKSGUARD_MOTO_URL="http://127.0.0.1:$MOTO_PORT"
export EKSGUARD_MOTO_PYTHON="$MOTO_VENV/bin/python"
wait_for_http moto "$EKSGUARD_MOTO_URL/moto-api/"
