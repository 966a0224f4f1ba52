# Sourced by scripts/test.sh: headless Chromium (Debian's chromium) for the HTML report's browser test
# (ReportsTests/BrowserRenderTests), installed when missing. Exports EKSGUARD_CHROMIUM, the browser
# binary. No server is started: each test run starts its own short-lived headless browser.
if ! command -v chromium >/dev/null; then
    apt-get install -y chromium >&2
fi
EKSGUARD_CHROMIUM="$(command -v chromium)"
export EKSGUARD_CHROMIUM
