#!/usr/bin/env python3
"""Writes OSV records that sit on the boundaries of an image's own installed versions, for comparing two
matchers on the same data: for every source package in a dpkg status file (Debian/Ubuntu key advisories on
the source package and its version), records fixed just above, at, and below the installed version, written
the ways that trip comparators (a `+` or `~` suffix, an epoch, a revision bump), plus one without a fix.

Usage: boundary_records.py STATUS_FILE ECOSYSTEM OUT_DIR   (e.g. .../var/lib/dpkg/status Debian:12 osv/)
"""
import json
import os
import re
import sys


def sources(status_text):
    found = {}
    for stanza in status_text.split("\n\n"):
        fields = dict(re.findall(r"^([A-Za-z-]+): (.*)$", stanza, re.M))
        if "Package" not in fields or "installed" not in fields.get("Status", ""):
            continue
        source = fields.get("Source", fields["Package"])
        m = re.match(r"(\S+) \((.*)\)", source)
        found[m.group(1) if m else source] = m.group(2) if m else fields["Version"]
    return found


def variants(version):
    """(label, fixed version or None for unfixed); the label says whether the installed version is affected."""
    upstream = version.split(":", 1)[-1]
    epoch = int(version.split(":", 1)[0]) if ":" in version else 0
    return [
        ("affected: fix is a later revision", version + "+deb0u1"),
        ("affected: fix is the next epoch", f"{epoch + 1}:{upstream}"),
        ("affected: no fix", None),
        ("not affected: fixed in this version", version),
        ("not affected: fix is a pre-release of this version", version + "~rc1"),
        ("not affected: fixed long ago", "0.0.1-1"),
    ]


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    status, ecosystem, out = sys.argv[1:]
    os.makedirs(out, exist_ok=True)
    count = 0
    for name, version in sorted(sources(open(status).read()).items()):
        for label, fixed in variants(version):
            count += 1
            events = [{"introduced": "0"}] + ([{"fixed": fixed}] if fixed else [])
            record = {
                "id": f"BOUNDARY-{count:05d}", "modified": "2026-11-27T00:00:00Z", "summary": f"{label} ({name})",
                "affected": [{"package": {"ecosystem": ecosystem, "name": name},
                              "ranges": [{"type": "ECOSYSTEM", "events": events}]}],
            }
            with open(os.path.join(out, record["id"] + ".json"), "w") as f:
                json.dump(record, f)
    print(f"{count} boundary records for {count // 6} source packages", file=sys.stderr)


if __name__ == "__main__":
    main()
