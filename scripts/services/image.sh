# Sourced by scripts/test.sh for the ImageScan target. The build links Debian's libzstd (zstd layers);
# its headers are installed here when missing, before `swift test` builds anything.
if [ ! -e /usr/include/zstd.h ]; then
    apt-get install -y libzstd-dev >&2
fi
