# Sourced by scripts/test.sh after image.sh: one small image made by other tools, so the image readers are
# tested on layouts and archives we did not write ourselves. umoci builds an OCI layout with two layers (the
# second deletes a file of the first, which umoci writes as a whiteout); skopeo copies it into a
# docker-archive (uncompressed layers), an oci-archive, and the anonymous loopback registry.
# Exports EKSGUARD_TOOL_IMAGES (folder: layout/ tagged "tiny", docker.tar, oci.tar) and
# EKSGUARD_TOOL_IMAGE_REF (the pushed reference).
missing=()
command -v umoci >/dev/null || missing+=(umoci)
command -v skopeo >/dev/null || missing+=(skopeo)
if [ ${#missing[@]} -gt 0 ]; then
    apt-get install -y "${missing[@]}" >&2
fi

tool_images() {
    local dir=$EKSGUARD_TEST_RUN/tool-images rootfs
    rm -rf "$dir"
    mkdir -p "$dir"
    umoci init --layout "$dir/layout"
    umoci new --image "$dir/layout:tiny"
    umoci unpack $([ "$(id -u)" = 0 ] || echo --rootless) --image "$dir/layout:tiny" "$dir/bundle" >/dev/null
    rootfs=$dir/bundle/rootfs
    mkdir -p "$rootfs/etc" "$rootfs/var/lib/dpkg/status.d"
    printf 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n' > "$rootfs/etc/os-release"
    printf 'Package: base-files\nVersion: 12.4+deb12u5\nArchitecture: amd64\n' > "$rootfs/var/lib/dpkg/status.d/base-files"
    printf 'Package: zlib1g\nSource: zlib\nVersion: 1:1.2.13.dfsg-1\nArchitecture: amd64\n' > "$rootfs/var/lib/dpkg/status.d/zlib1g"
    umoci repack --image "$dir/layout:tiny" "$dir/bundle"
    # Unpacked again, so the next repack is a second layer on top of the first (a diff with a whiteout).
    rm -rf "$dir/bundle"
    umoci unpack $([ "$(id -u)" = 0 ] || echo --rootless) --image "$dir/layout:tiny" "$dir/bundle" >/dev/null
    rm "$rootfs/var/lib/dpkg/status.d/zlib1g"
    printf 'Package: libssl3\nSource: openssl (3.0.13-1~deb12u1)\nVersion: 3.0.13-1~deb12u1\nArchitecture: amd64\n' \
        > "$rootfs/var/lib/dpkg/status.d/libssl3"
    umoci repack --image "$dir/layout:tiny" "$dir/bundle"
    skopeo copy --quiet "oci:$dir/layout:tiny" "docker-archive:$dir/docker.tar:tools/tiny:1"
    skopeo copy --quiet "oci:$dir/layout:tiny" "oci-archive:$dir/oci.tar:tiny"
    skopeo copy --quiet --dest-tls-verify=false "oci:$dir/layout:tiny" "docker://$EKSGUARD_REGISTRY_URL/tools/tiny:1"
    export EKSGUARD_TOOL_IMAGES=$dir
    export EKSGUARD_TOOL_IMAGE_REF=$EKSGUARD_REGISTRY_URL/tools/tiny:1
}
# Under test.sh's `set -e`, a failing umoci or skopeo stops the test run with its own message.
tool_images >&2
