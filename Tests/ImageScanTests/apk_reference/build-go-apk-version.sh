#!/bin/sh
# Builds the apk-tools 2 comparison filter (go-apk-version, the port Trivy uses) from Debian packages,
# without network: golang-go and golang-github-knqyf263-go-apk-version-dev. Prints the binary's path.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-${TMPDIR:-/tmp}/go-apk-version-filter}
for pkg in golang-go golang-github-knqyf263-go-apk-version-dev; do
    dpkg -s "$pkg" >/dev/null 2>&1 || { echo "install $pkg first (apt-get install -y $pkg)" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/go_apk_version.go" "$work/main.go"
(cd "$work" && GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="$work/cache" go build -o "$out" main.go)
echo "$out"
