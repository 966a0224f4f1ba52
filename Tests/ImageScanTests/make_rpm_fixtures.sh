#!/usr/bin/env bash
# Writes the rpm database fixtures under Data/rpm/ from three tiny packages built here with rpmbuild:
# rpmdb.sqlite by rpm itself (--justdb installs); Packages (Berkeley DB hash) by db_load from the same
# header blobs, since Debian's rpm 4.18 only reads that format; Packages.db (NDB) laid out from the
# same blobs by rpm_fixture_lib.sh. Needs rpm, rpmbuild, python3 and db5.3-util.
# The expected package list is in RpmDatabaseTests.swift.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
. "$here/rpm_fixture_lib.sh"

spec() { # name version release epoch arch
    build_rpm "$1" <<SPEC
Name: $1
Version: $2
Release: $3
${4:+Epoch: $4}
Summary: eksguard fixture
License: MIT
BuildArch: $5
%description
eksguard test fixture.
%files
SPEC
}
spec fixture-openssl 3.0.7 27.el9 "" x86_64
spec fixture-bash 5.1.8 6.el9_1 "" x86_64
spec fixture-tzdata 2024a 1.el9 2 noarch

sqlite_db "$work/db-sqlite" "$work"/rpms/*/*.rpm
cp "$work/db-sqlite/rpmdb.sqlite" "$here/Data/rpm/rpmdb.sqlite"

# Berkeley DB: key = package number (4 bytes), value = header blob without the 8-byte export magic.
python3 - "$work" "$here" <<'PY'
import subprocess, sys
work = sys.argv[1]
dump = subprocess.run(["rpmdb", "--dbpath", work + "/db-sqlite", "--exportdb"], capture_output=True, check=True).stdout
magic = bytes.fromhex("8eade80100000000")
lines = ["VERSION=3", "format=bytevalue", "type=hash", "db_pagesize=4096", "HEADER=END"]
for number, chunk in enumerate(dump.split(magic)[1:], start=1):
    lines.append(" " + number.to_bytes(4, "little").hex())
    lines.append(" " + chunk.hex())
lines.append("DATA=END")
open(work + "/dump.txt", "w").write("\n".join(lines) + "\n")
PY
ndb_db "$work/db-sqlite" "$here/Data/rpm/Packages.db"
rm -f "$here/Data/rpm/Packages"
db5.3_load -f "$work/dump.txt" "$here/Data/rpm/Packages"
ls -l "$here/Data/rpm"
