#!/usr/bin/env python3
"""Writes a Trivy vulnerability database (trivy-db schema 2, a bbolt file) from OSV records, so that
Trivy can scan offline against exactly the advisories eksguard imports.

Trivy's own database is downloaded from ghcr.io, which this machine cannot reach; without one Trivy
inventories packages but finds no vulnerabilities. With this file in `<cache>/db/trivy.db` (plus
`metadata.json`), `trivy rootfs|image --skip-db-update --cache-dir <cache>` matches the same records as
`eksguard db import` + `scan image`, and the two tools' findings and times can be compared.

Usage: trivy_db.py OUT_CACHE_DIR RECORDS_OUT OSV_PATH...   (OSV_PATH: .json files or folders of them)

RECORDS_OUT receives the records as written into trivy.db (one .json each), for the other tool to import, so
both match exactly the same data.

What trivy-db can hold, and therefore what is written: per OS release (`debian 12`, `ubuntu 24.04`,
`alpine 3.19`) and package, one advisory per vulnerability with the first `fixed` version, or no fixed
version (unfixed; Trivy reports those for Debian and Ubuntu, not for Alpine). OSV ranges with a non-zero
`introduced`, `last_affected` or `limit` have no place in trivy-db; such entries are counted and left out.
`versions` lists (Ubuntu enumerates every affected published version) are dropped from entries whose range
says the same thing. Both counts are printed; RECORDS_OUT holds what is left.

The bbolt layout (facts of the format, written by our own code): 4 KiB pages; pages 0 and 1 are meta pages
(magic 0xED0CDAED, version 2, FNV-1a checksum), page 2 an empty freelist, then B+tree pages: leaf pages
(flag 0x02) of 16-byte elements {flags, pos, ksize, vsize} followed by keys and values, branch pages (0x01)
of {pos, ksize, child page}. A nested bucket is a leaf value with flag 0x01 holding {root page, sequence};
root 0 means the bucket's own leaf page follows inline in the value.
"""
import datetime
import json
import os
import struct
import sys

PAGE = 4096
LEAF, BRANCH, META, FREELIST = 0x02, 0x01, 0x04, 0x10
BUCKET_FLAG = 0x01
INLINE_LIMIT = PAGE // 4  # bbolt keeps a bucket inline when its page would be this small


def fnv1a64(data):
    h = 0xCBF29CE484222325
    for byte in data:
        h = ((h ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


class Writer:
    def __init__(self):
        self.pages = {}  # page id -> bytes (a multiple of PAGE)
        self.next_id = 3

    def page(self, flags, elements_and_data, count):
        body = elements_and_data
        span = max(1, -(-(16 + len(body)) // PAGE))
        pid = self.next_id
        self.next_id += span
        header = struct.pack("<QHHI", pid, flags, count, span - 1)
        self.pages[pid] = (header + body).ljust(span * PAGE, b"\0")
        return pid

    @staticmethod
    def leaf_body(items):
        """Element headers, then the keys and values; `pos` is relative to each element's own header."""
        head, data = b"", b""
        start = 16 * len(items)
        for index, (key, value, flags) in enumerate(items):
            pos = start + len(data) - 16 * index
            head += struct.pack("<IIII", flags, pos, len(key), len(value))
            data += key + value
        return head + data

    @staticmethod
    def pages_of(entries, size_of):
        """Consecutive runs of entries that fit one page each (an entry larger than a page gets its own)."""
        runs, current, size = [], [], 16
        for entry in entries:
            grows = size_of(entry)
            if current and size + grows > PAGE:
                runs.append(current)
                current, size = [], 16
            current.append(entry)
            size += grows
        runs.append(current)
        return runs

    def tree(self, items):
        """Writes a B+tree over sorted items; returns its root page id."""
        chunks = self.pages_of(items, lambda item: 16 + len(item[0]) + len(item[1]))
        level = [(chunk[0][0] if chunk else b"", self.page(LEAF, self.leaf_body(chunk), len(chunk))) for chunk in chunks]
        while len(level) > 1:
            next_level = []
            for group in self.pages_of(level, lambda entry: 16 + len(entry[0])):
                head, data = b"", b""
                start = 16 * len(group)
                for index, (key, child) in enumerate(group):
                    head += struct.pack("<IIQ", start + len(data) - 16 * index, len(key), child)
                    data += key
                next_level.append((group[0][0], self.page(BRANCH, head + data, len(group))))
            level = next_level
        return level[0][1]

    def bucket(self, content):
        """content: {key bytes: value bytes | dict (a nested bucket)}. Returns the bucket's value bytes."""
        items = []
        for key in sorted(content):
            value = content[key]
            if isinstance(value, dict):
                items.append((key, self.bucket(value), BUCKET_FLAG))
            else:
                items.append((key, value, 0))
        has_buckets = any(flags == BUCKET_FLAG for _, _, flags in items)
        body = self.leaf_body(items)
        if not has_buckets and 16 + 16 + len(body) <= INLINE_LIMIT:
            return struct.pack("<QQ", 0, 0) + struct.pack("<QHHI", 0, LEAF, len(items), 0) + body
        return struct.pack("<QQ", self.tree(items), 0)

    def write(self, path, top):
        # The root bucket is never inline: its page holds the top-level buckets.
        root_page = self.tree([(key, self.bucket(top[key]), BUCKET_FLAG) for key in sorted(top)])
        high = self.next_id
        with open(path, "wb") as f:
            for txid in (0, 1):
                meta = struct.pack("<IIII", 0xED0CDAED, 2, PAGE, 0) + struct.pack("<QQ", root_page, 0)
                meta += struct.pack("<QQQ", 2, high, txid)
                meta += struct.pack("<Q", fnv1a64(meta))
                f.write((struct.pack("<QHHI", txid, META, 0, 0) + meta).ljust(PAGE, b"\0"))
            f.write(struct.pack("<QHHI", 2, FREELIST, 0, 0).ljust(PAGE, b"\0"))
            for pid in range(3, high):
                if pid in self.pages:
                    f.seek(pid * PAGE)
                    f.write(self.pages[pid])


def platform(ecosystem):
    """OSV ecosystem -> trivy-db bucket name, or None for ecosystems this script does not map."""
    parts = ecosystem.split(":")
    if parts[0] == "Debian" and len(parts) == 2:
        return f"debian {parts[1]}"
    if parts[0] == "Ubuntu" and len(parts) >= 2 and parts[1] != "Pro":
        return f"ubuntu {parts[1]}"
    if parts[0] == "Alpine" and len(parts) == 2 and parts[1].startswith("v"):
        return f"alpine {parts[1][1:]}"
    return None


def records(paths):
    for path in paths:
        files = [path] if os.path.isfile(path) else sorted(
            os.path.join(d, f) for d, _, names in os.walk(path) for f in names if f.endswith(".json"))
        for name in files:
            with open(name) as f:
                yield name, json.load(f)


def fixed_version(affected):
    """The single fixed version (or "" for unfixed) of an entry trivy-db can represent, else None."""
    ranges = [r for r in affected.get("ranges", []) if r.get("type") == "ECOSYSTEM"]
    if len(ranges) != 1:
        return None
    events = ranges[0].get("events", [])
    introduced = [e["introduced"] for e in events if "introduced" in e]
    fixed = [e["fixed"] for e in events if "fixed" in e]
    if introduced != ["0"] or len(fixed) > 1 or len(events) != 1 + len(fixed):
        return None
    return fixed[0] if fixed else ""


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    cache, records_out, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(records_out, exist_ok=True)
    platforms, details = {}, {}
    written = skipped = trimmed = 0
    for name, record in records(paths):
        if record.get("withdrawn"):
            continue
        vuln_id = record["id"]
        kept = []
        for affected in record.get("affected", []):
            package = affected.get("package", {})
            bucket = platform(package.get("ecosystem", ""))
            fixed = fixed_version(affected)
            if bucket is None or fixed is None:
                skipped += 1
                continue
            if affected.pop("versions", None):
                trimmed += 1
            kept.append(affected)
            advisory = {"FixedVersion": fixed} if fixed else {"Status": 3}  # 3: affected, no fix yet
            platforms.setdefault(bucket.encode(), {}).setdefault(package["name"].encode(), {})[vuln_id.encode()] = \
                json.dumps(advisory, separators=(",", ":")).encode()
        if kept:
            written += 1
            record["affected"] = kept
            with open(os.path.join(records_out, vuln_id + ".json"), "w") as f:
                json.dump(record, f)
            details[vuln_id.encode()] = json.dumps({"Title": record.get("summary", "")[:200]}).encode()
    sources = {b: json.dumps({"ID": b.decode().split()[0], "Name": "OSV records", "URL": ""}).encode() for b in platforms}
    top = dict(platforms)
    top[b"vulnerability"] = details
    top[b"data-source"] = sources
    os.makedirs(os.path.join(cache, "db"), exist_ok=True)
    Writer().write(os.path.join(cache, "db", "trivy.db"), top)
    now = datetime.datetime.now(datetime.timezone.utc)
    stamp = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")
    with open(os.path.join(cache, "db", "metadata.json"), "w") as f:
        json.dump({"Version": 2, "NextUpdate": stamp(now + datetime.timedelta(days=3650)), "UpdatedAt": stamp(now),
                   "DownloadedAt": stamp(now)}, f)
    print(f"trivy.db: {written} records, {sum(len(p) for p in platforms.values())} packages in "
          f"{len(platforms)} releases; {skipped} affected entries trivy-db cannot hold were left out, "
          f"{trimmed} `versions` lists dropped", file=sys.stderr)


if __name__ == "__main__":
    main()
