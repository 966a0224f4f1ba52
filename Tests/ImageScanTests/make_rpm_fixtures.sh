#!/usr/bin/env bash
# Writes the rpm database fixtures under Data/rpm/ from three tiny packages built here with rpmbuild:
# rpmdb.sqlite by rpm itself (--justdb installs); Packages (Berkeley DB hash) by db_load from the same
# header blobs, since Debian's rpm 4.18 only reads that format; Packages.db (NDB) laid out below from
# the same blobs, since Debian's rpm is built without NDB. Needs rpm, rpmbuild and
# db5.3-util. The expected package list is in RpmDatabaseTests.swift.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

spec() { # name version release epoch arch source-name
    cat > "$work/$1.spec" <<SPEC
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
    rpmbuild --quiet --define "_topdir $work/build" --define "_rpmdir $work/rpms" -bb "$work/$1.spec" >/dev/null
}
spec fixture-openssl 3.0.7 27.el9 "" x86_64
spec fixture-bash 5.1.8 6.el9_1 "" x86_64
spec fixture-tzdata 2024a 1.el9 2 noarch

db="$work/db-sqlite"
mkdir -p "$db"
rpm --define "_db_backend sqlite" --dbpath "$db" --initdb
rpm --define "_db_backend sqlite" --dbpath "$db" -i --justdb --nodeps --noscripts --ignorearch "$work"/rpms/*/*.rpm 2>/dev/null
cp "$db/rpmdb.sqlite" "$here/Data/rpm/rpmdb.sqlite"

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

# NDB: 32-byte header ("RpmP", version 0, generation, slot pages), one 4 KiB slot page of 16-byte
# slots {"Slot", package number, block offset, block count}, then per package a 16-byte blob header
# {"BlbS", package number, checksum (unchecked here), length} and the blob, in 16-byte blocks.
import struct, zlib
blobs = dump.split(magic)[1:]
slots = bytearray(struct.pack("<4I", 0x506D7052, 0, 1, 1) + bytes(16))
data = bytearray()
offset = 4096 // 16
for number, blob in enumerate(blobs, start=1):
    record = struct.pack("<4I", 0x53626C42, number, zlib.adler32(blob), len(blob)) + blob
    record += bytes(-len(record) % 16)
    slots += struct.pack("<4I", 0x746F6C53, number, offset, len(record) // 16)
    data += record
    offset += len(record) // 16
while len(slots) < 4096:
    slots += struct.pack("<4I", 0x746F6C53, 0, 0, 0)
open(sys.argv[2] + "/Data/rpm/Packages.db", "wb").write(bytes(slots) + bytes(data))
PY
rm -f "$here/Data/rpm/Packages"
db5.3_load -f "$work/dump.txt" "$here/Data/rpm/Packages"
ls -l "$here/Data/rpm"
