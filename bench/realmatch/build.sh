#!/usr/bin/env bash
# Builds the inputs of the real-advisory matching check: root filesystems of Debian 12 (bookworm) and Ubuntu
# 24.04 (noble) from the release pocket only, without security updates, and for each the OSV records derived
# from the security pocket and the packages' changelogs plus the expected answer (bench/realmatch/derive.py).
# Everything goes to bench/.work/realmatch/ (git-ignored). See bench/README.md, "Matching on real advisories".
set -euo pipefail

usage() {
    cat <<'USAGE'
Usage: bench/realmatch/build.sh [--rebuild] [--only debian|ubuntu] [--fixture]

  --rebuild       rebuild the root filesystems even if cached
  --only DISTRO   build one distribution (default both)
  --fixture       also refresh the unit-test copy in Tests/ImageScanTests/Data/realmatch/<distro>/

Environment: DEBIAN_MIRROR (default http://deb.debian.org/debian), DEBIAN_SECURITY (default
http://security.debian.org/debian-security), UBUNTU_MIRROR (default http://archive.ubuntu.com/ubuntu).
Needs root, debootstrap, dpkg-deb and gpgv; network to those mirrors.
USAGE
}

BENCH_NAME=bench/realmatch/build.sh
# shellcheck source=bench/realmatch/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
DEBIAN_SECURITY=${DEBIAN_SECURITY:-http://security.debian.org/debian-security}
UBUNTU_MIRROR=${UBUNTU_MIRROR:-http://archive.ubuntu.com/ubuntu}
# Packages beyond minbase that carry many security fixes (TLS, HTTP, XML, Python, git, ssh).
INCLUDE=curl,openssl,ca-certificates,libxml2,python3-minimal,git,openssh-client,rsync,sudo,wget,less,xz-utils,bzip2,procps,unzip
REBUILD=0 FIXTURE=0

while (( $# )); do
    case $1 in
        --rebuild) REBUILD=1; shift ;;
        --only) only_option "${2-}"; shift 2 ;;
        --fixture) FIXTURE=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown option $1" ;;
    esac
done
(( EUID == 0 )) || die "debootstrap needs root"
for tool in debootstrap dpkg-deb gpgv; do command -v "$tool" >/dev/null || die "$tool is missing"; done
mkdir -p "$WORK"

# rootfs NAME SUITE MIRROR SCRIPT [debootstrap options...]: a minbase root filesystem from SUITE's release
# pocket (SCRIPT: debootstrap's script for the suite, empty for its own).
rootfs() {
    local name=$1 suite=$2 mirror=$3 script=$4; shift 4
    local dir=$WORK/$name/rootfs
    if (( REBUILD )) || [[ ! -f $dir/var/lib/dpkg/status || ! -f $WORK/$name/rootfs.done ]]; then
        rm -rf "$dir" "$WORK/$name/rootfs.done"
        mkdir -p "$WORK/$name"
        log "debootstrap --variant=minbase $suite ($mirror, release pocket only)"
        debootstrap --variant=minbase --include="$INCLUDE" "$@" "$suite" "$dir" "$mirror" ${script:+"$script"} >"$WORK/$name/debootstrap.log" 2>&1 \
            || die "debootstrap $suite failed (log: $WORK/$name/debootstrap.log)"
        touch "$WORK/$name/rootfs.done"
    fi
    log "$name: $(grep -c '^Package: ' "$dir/var/lib/dpkg/status") packages in $dir"
}

# derive NAME ARGS...: records and expected answer for the rootfs (derive.py), optionally the fixture.
derive() {
    local name=$1; shift
    local fixture=()
    (( FIXTURE )) && fixture=(--fixture "$REPO/Tests/ImageScanTests/Data/realmatch/$name")
    "$PYTHON" "$HERE/derive.py" --distro "$name" --rootfs "$WORK/$name/rootfs" --out "$WORK/$name" "${fixture[@]}" "$@"
}

if [[ -z $ONLY || $ONLY == debian ]]; then
    rootfs debian bookworm "$DEBIAN_MIRROR" ""
    derive debian --ecosystem Debian:12 --codename bookworm --keyring /usr/share/keyrings/debian-archive-keyring.gpg \
        --mirror-security "$DEBIAN_SECURITY" --security-suite bookworm-security \
        --mirror-other "$DEBIAN_MIRROR" --other-suite trixie --other-ecosystem Debian:13 --marker deb12u
fi

if [[ -z $ONLY || $ONLY == ubuntu ]]; then
    # Debian ships no Ubuntu keyring: take ubuntu-keyring from the Ubuntu archive itself (trust on first use
    # over HTTP), then check that it signs noble's InRelease and that the index lists the same .deb.
    KEYRING=$WORK/ubuntu/ubuntu-archive-keyring.gpg
    if [[ ! -s $KEYRING ]]; then
        mkdir -p "$WORK/ubuntu/keyring"
        log "ubuntu-keyring from $UBUNTU_MIRROR"
        curl -fsS -o "$WORK/ubuntu/keyring/ubuntu-keyring.deb" \
            "$UBUNTU_MIRROR/pool/main/u/ubuntu-keyring/ubuntu-keyring_2023.11.28.1_all.deb" || die "cannot fetch ubuntu-keyring"
        dpkg-deb -x "$WORK/ubuntu/keyring/ubuntu-keyring.deb" "$WORK/ubuntu/keyring/root"
        cp "$WORK/ubuntu/keyring/root/usr/share/keyrings/ubuntu-archive-keyring.gpg" "$KEYRING"
    fi
    curl -fsS -o "$WORK/ubuntu/noble.InRelease" "$UBUNTU_MIRROR/dists/noble/InRelease" || die "cannot fetch noble InRelease"
    gpgv --keyring "$KEYRING" "$WORK/ubuntu/noble.InRelease" 2>/dev/null || die "noble's InRelease does not verify with $KEYRING"
    # Bookworm's debootstrap has no noble script; noble bootstraps like every Ubuntu release since gutsy.
    rootfs ubuntu noble "$UBUNTU_MIRROR" /usr/share/debootstrap/scripts/gutsy --keyring="$KEYRING" --components=main
    derive ubuntu --ecosystem Ubuntu:24.04:LTS --codename noble --keyring "$KEYRING" \
        --mirror-security "$UBUNTU_MIRROR" --security-suite noble-security \
        --mirror-other "$UBUNTU_MIRROR" --other-suite resolute --other-ecosystem Ubuntu:26.04:LTS
fi
