#!/bin/sh
# Builds the apk-tools 3 comparison filter from an apk-tools source tree (its src/version.c, untouched)
# and our driver. Usage: build-apk-tools.sh APK_TOOLS_SOURCE_DIR [OUTPUT]. Prints the binary's path.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=${1:?usage: build-apk-tools.sh APK_TOOLS_SOURCE_DIR [OUTPUT]}
out=${2:-${TMPDIR:-/tmp}/apk-version-oracle}
[ -f "$src/src/version.c" ] || { echo "$src/src/version.c not found" >&2; exit 2; }
grep -q TOKEN_COMMIT_HASH "$src/src/version.c" || { echo "$src/src/version.c is not apk-tools 3 (no ~hash tokens)" >&2; exit 2; }
# Copied beside our stand-in headers: a quoted #include looks in the file's own folder first.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$src/src/version.c" "$here"/*.h "$here/driver.c" "$work/"
cc -O2 -I"$work" -include "$work/shim.h" -Wno-unused-function -Wno-implicit-fallthrough -o "$out" "$work/driver.c" "$work/version.c"
echo "$out"
