#!/usr/bin/env python3
"""Writes hostile `docker save` archives for bench/hostile.sh, streaming, without holding them in memory:

  bomb.tar        one gzip layer holding a tar with a single file of SIZE zero bytes (about a thousand to one)
  traversal.tar   a layer whose entries climb out with `..`, absolute paths and links pointing outside
  truncated.tar   a layer cut in the middle of its gzip stream (the manifest still names the full digest)

Usage: hostile_images.py OUT_DIR SIZE_GIB
"""
import gzip
import hashlib
import io
import json
import os
import sys
import tarfile

OS_RELEASE = b"ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"


class Zeros(io.RawIOBase):
    def __init__(self, size):
        self.left = size

    def readable(self):
        return True

    def readinto(self, buffer):
        n = min(len(buffer), self.left)
        buffer[:n] = bytes(n)
        self.left -= n
        return n


class Hashing(io.RawIOBase):
    """Counts and hashes what is written through it."""
    def __init__(self, target):
        self.target, self.sha, self.size = target, hashlib.sha256(), 0

    def writable(self):
        return True

    def write(self, data):
        self.sha.update(data)
        self.size += len(data)
        return self.target.write(data)


def add(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    archive.addfile(info, io.BytesIO(data))


def layer(path, fill):
    """Writes a gzip layer to `path` with `fill(tarfile)`; returns (sha256 of the blob, sha256 of the tar)."""
    with open(path, "wb") as raw:
        blob = Hashing(raw)
        with gzip.GzipFile(fileobj=blob, mode="wb", compresslevel=9, mtime=0) as zipped:
            inner = Hashing(zipped)
            with tarfile.open(fileobj=inner, mode="w|", format=tarfile.PAX_FORMAT) as archive:
                fill(archive)
    return blob.sha.hexdigest(), inner.sha.hexdigest()


def docker_archive(out, name, layer_path, diff_id, cut=None):
    config = json.dumps({"architecture": "amd64", "os": "linux",
                         "rootfs": {"type": "layers", "diff_ids": ["sha256:" + diff_id]}}).encode()
    config_name = hashlib.sha256(config).hexdigest() + ".json"
    manifest = json.dumps([{"Config": config_name, "RepoTags": [name + ":1"], "Layers": ["layer0/layer.tar.gz"]}]).encode()
    with tarfile.open(out, "w") as archive:
        add(archive, "manifest.json", manifest)
        add(archive, config_name, config)
        info = tarfile.TarInfo("layer0/layer.tar.gz")
        size = os.path.getsize(layer_path)
        info.size = cut if cut is not None else size
        with open(layer_path, "rb") as f:
            archive.addfile(info, f)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    out, gib = sys.argv[1], float(sys.argv[2])
    os.makedirs(out, exist_ok=True)
    blob = os.path.join(out, "bomb-layer.gz")

    def bomb(archive):
        add(archive, "etc/os-release", OS_RELEASE)
        info = tarfile.TarInfo("var/cache/zeros")
        info.size = int(gib * (1 << 30))
        archive.addfile(info, io.BufferedReader(Zeros(info.size), 1 << 20))

    _, diff = layer(blob, bomb)
    docker_archive(os.path.join(out, "bomb.tar"), "bomb", blob, diff)
    docker_archive(os.path.join(out, "truncated.tar"), "truncated", blob, diff, cut=os.path.getsize(blob) // 2)
    os.unlink(blob)

    def traversal(archive):
        add(archive, "../../../../tmp/eksguard-escaped", b"escaped\n")
        add(archive, "/etc/os-release", OS_RELEASE)
        for name, target, kind in (("etc/passwd-link", "/etc/shadow", tarfile.SYMTYPE),
                                   ("var/lib/dpkg/status", "../../../../../etc/hostname", tarfile.SYMTYPE),
                                   ("usr/hard", "../../../etc/shadow", tarfile.LNKTYPE)):
            info = tarfile.TarInfo(name)
            info.type, info.linkname = kind, target
            archive.addfile(info)

    blob = os.path.join(out, "traversal-layer.gz")
    _, diff = layer(blob, traversal)
    docker_archive(os.path.join(out, "traversal.tar"), "traversal", blob, diff)
    os.unlink(blob)


if __name__ == "__main__":
    main()
