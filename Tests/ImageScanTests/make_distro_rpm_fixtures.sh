#!/usr/bin/env bash
# Writes the rpm databases of the RHEL 9-like and SLES 15-like root filesystems under Data/distro/
# that the CSAF tests scan: rhel9/rpmdb.sqlite (rpm's own sqlite database) and sles15/Packages.db
# (NDB, laid out from the same kind of header blobs). Binary packages carry source rpm names of their
# own (sub-packages), and nodejs a RHEL module label. Needs rpm, rpmbuild and python3.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
. "$here/rpm_fixture_lib.sh"

# package SOURCE VERSION RELEASE EPOCH ARCH BINARY... [-- MODULARITYLABEL]: one source rpm, one empty
# binary rpm per BINARY (the first shares the source name when it is the same).
package() {
    local source="$1" version="$2" release="$3" epoch="$4" arch="$5"
    shift 5
    local binaries=() label=""
    while (($#)); do
        if [[ "$1" == "--" ]]; then label="$2"; shift 2; else binaries+=("$1"); shift; fi
    done
    {
        printf 'Name: %s\nVersion: %s\nRelease: %s\n' "$source" "$version" "$release"
        [[ -n "$epoch" ]] && printf 'Epoch: %s\n' "$epoch"
        printf 'Summary: eksguard fixture\nLicense: MIT\nBuildArch: %s\n' "$arch"
        [[ -n "$label" ]] && printf 'ModularityLabel: %s\n' "$label"
        printf '%%description\neksguard test fixture.\n'
        for binary in "${binaries[@]}"; do
            if [[ "$binary" == "$source" ]]; then
                printf '%%files\n'
            else
                printf '%%package -n %s\nSummary: eksguard fixture\n%%description -n %s\neksguard test fixture.\n%%files -n %s\n' \
                    "$binary" "$binary" "$binary"
            fi
        done
    } | build_rpm "$source"
}

mkdir -p "$work/rpms"
package openssl 3.0.7 24.el9 1 x86_64 openssl-libs
package zlib 1.2.11 40.el9 "" x86_64 zlib
package curl 7.76.1 29.el9_4 "" x86_64 libcurl
package bash 5.1.8 6.el9_1 "" x86_64 bash
package sudo 1.9.5p2 9.el9 "" x86_64 sudo
package nodejs 18.19.0 1.module+el9.4.0+21000+abcdef12 1 x86_64 nodejs -- nodejs:18:9040020240101000000:rhel9
mkdir -p "$here/Data/distro/rhel9"
sqlite_db "$work/rhel9" "$work"/rpms/*/*.rpm
cp "$work/rhel9/rpmdb.sqlite" "$here/Data/distro/rhel9/rpmdb.sqlite"

rm -rf "$work/rpms"
mkdir -p "$work/rpms"
package openssl-3 3.0.8 150500.5.14.1 "" x86_64 libopenssl3
package libxml2 2.10.3 150500.5.5.1 "" x86_64 libxml2-2
package zlib 1.2.13 150500.4.3.1 "" x86_64 libz1
mkdir -p "$here/Data/distro/sles15"
sqlite_db "$work/sles15" "$work"/rpms/*/*.rpm
ndb_db "$work/sles15" "$here/Data/distro/sles15/Packages.db"
ls -l "$here/Data/distro"/*
