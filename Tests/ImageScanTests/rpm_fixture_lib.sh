# Shared by the rpm fixture scripts (sourced, not run): builds empty rpms from spec text and writes
# them into rpm databases. Needs rpm, rpmbuild and python3; $work is the caller's scratch folder.

# build_rpm NAME < SPEC: builds the spec read from standard input into $work/rpms.
build_rpm() {
    cat > "$work/$1.spec"
    rpmbuild --quiet --define "_topdir $work/build" --define "_rpmdir $work/rpms" -bb "$work/$1.spec" >/dev/null
}

# sqlite_db FOLDER RPM...: an rpmdb.sqlite in FOLDER holding the rpms (--justdb installs).
sqlite_db() {
    local folder="$1"
    shift
    mkdir -p "$folder"
    rpm --define "_db_backend sqlite" --dbpath "$folder" --initdb
    rpm --define "_db_backend sqlite" --dbpath "$folder" -i --justdb --nodeps --noscripts --ignorearch "$@" 2>/dev/null
}

# ndb_db SQLITE-FOLDER OUT: the header blobs of an rpmdb.sqlite laid out as an NDB Packages.db, since
# Debian's rpm is built without NDB: a 32-byte header ("RpmP", version 0, generation, slot pages), one
# 4 KiB slot page of 16-byte slots {"Slot", package number, block offset, block count}, then per
# package a 16-byte blob header {"BlbS", package number, Adler-32, length} and the blob, in 16-byte blocks.
ndb_db() {
    python3 - "$1" "$2" <<'PY'
import struct, subprocess, sys, zlib
dump = subprocess.run(["rpmdb", "--dbpath", sys.argv[1], "--exportdb"], capture_output=True, check=True).stdout
blobs = dump.split(bytes.fromhex("8eade80100000000"))[1:]
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
open(sys.argv[2], "wb").write(bytes(slots) + bytes(data))
PY
}
