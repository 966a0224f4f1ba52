#!/usr/bin/env python3
"""Compares the deb, apk and rpm packages of CycloneDX SBOMs written by eksguard, trivy and syft for the same
image: (type, name, version, arch) from each component's purl. Prints per tool counts and, for each peer,
whether its list is identical to eksguard's (with the first differences). Exit 0 when all are identical.

Usage: compare_sboms.py EKSGUARD.json PEER_NAME=PEER.json...
"""
import json
import sys
import urllib.parse


def packages(path):
    found = set()
    for component in json.load(open(path)).get("components", []):
        purl = component.get("purl", "")
        kind = purl[len("pkg:"):].split("/", 1)[0] if purl.startswith("pkg:") else ""
        if kind not in ("deb", "apk", "rpm"):
            continue
        path_part, _, query = purl[len(f"pkg:{kind}/"):].partition("?")
        name, _, version = path_part.split("/", 1)[1].partition("@")
        qualifiers = urllib.parse.parse_qs(query)
        version = urllib.parse.unquote(version)
        # trivy writes an epoch as the `epoch` qualifier, eksguard and syft inside the version.
        if "epoch" in qualifiers and ":" not in version:
            version = qualifiers["epoch"][0] + ":" + version
        found.add((kind, urllib.parse.unquote(name), version, qualifiers.get("arch", [""])[0]))
    return found


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    ours = packages(sys.argv[1])
    print(f"eksguard: {len(ours)} packages")
    same = True
    for argument in sys.argv[2:]:
        name, _, path = argument.partition("=")
        theirs = packages(path)
        missing, extra = theirs - ours, ours - theirs
        same = same and not missing and not extra
        verdict = "identical" if not missing and not extra else f"{len(missing)} only in {name}, {len(extra)} only in eksguard"
        print(f"{name}: {len(theirs)} packages; eksguard vs {name}: {verdict}")
        for item in sorted(missing)[:5]:
            print(f"  only {name}: {item}")
        for item in sorted(extra)[:5]:
            print(f"  only eksguard: {item}")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
