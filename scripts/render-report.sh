#!/usr/bin/env bash
# Renders an HTML report to a PNG with headless Chromium, and fails when the page logged a console
# error or its script did not finish: `scripts/render-report.sh REPORT.html OUT.png [WIDTHxHEIGHT]`.
# Uses $EKSGUARD_CHROMIUM, else `chromium` on PATH (Debian: apt-get install chromium).
set -euo pipefail
if [ $# -lt 2 ]; then
    echo "usage: $0 REPORT.html OUT.png [WIDTHxHEIGHT]" >&2
    exit 2
fi
report="$(realpath "$1")"
out="$(realpath -m "$2")"
size="${3:-1280x2400}"
chromium="${EKSGUARD_CHROMIUM:-$(command -v chromium || true)}"
if [ -z "$chromium" ]; then
    echo "$0: no chromium (set EKSGUARD_CHROMIUM or apt-get install chromium)" >&2
    exit 2
fi
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --hide-scrollbars
       --user-data-dir="$profile" --virtual-time-budget=5000)

# The page's DOM after its script ran, with the console on stderr.
"$chromium" "${flags[@]}" --enable-logging=stderr --v=0 --dump-dom "file://$report" \
    >"$profile/dom.html" 2>"$profile/console.log" || true
if grep -E 'CONSOLE|Uncaught|Content Security Policy' "$profile/console.log" >&2; then
    echo "$0: the page logged console messages (above)" >&2
    exit 1
fi
if grep -q 'data-script-error="' "$profile/dom.html"; then
    echo "$0: the page's script raised an error" >&2
    exit 1
fi
if ! grep -q 'data-filters="ready"' "$profile/dom.html"; then
    echo "$0: the page's script did not finish (no data-filters=\"ready\")" >&2
    exit 1
fi

"$chromium" "${flags[@]}" --window-size="${size/x/,}" --screenshot="$out" "file://$report" \
    >/dev/null 2>"$profile/screenshot.log" || true
if [ ! -s "$out" ]; then
    cat "$profile/screenshot.log" >&2
    echo "$0: no screenshot written" >&2
    exit 1
fi
echo "$out"
