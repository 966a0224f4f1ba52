#!/usr/bin/env python3
"""Compares the vulnerability findings of `eksguard scan image --format json` and `trivy ... --format json`
as sets of (advisory id, binary package). Prints both counts, the agreement, and every difference.

Usage: compare_findings.py EKSGUARD_JSON TRIVY_JSON [OSV_DIR]   (OSV_DIR: searched recursively, to label differences by summary)
Exit status 0 when the sets are identical, 1 otherwise.
"""
import json
import re
import sys


def eksguard(path):
    found = set()
    for result in json.load(open(path))["results"]:
        if result["checkID"] != "EKS-IMG-005" or result["status"] != "fail":
            continue
        # "CVE-… (RECORD-ID) in package version: …" or "RECORD-ID in package version: …"
        m = re.match(r"^(\S+)(?: \((\S+)\))? in ", result["message"])
        found.add((m.group(2) or m.group(1), result["resource"]["field"]))
    return found


def trivy(path):
    found = set()
    for result in json.load(open(path)).get("Results", []):
        for vuln in result.get("Vulnerabilities") or []:
            found.add((vuln["VulnerabilityID"], vuln["PkgName"]))
    return found


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    ours, theirs = eksguard(sys.argv[1]), trivy(sys.argv[2])
    both = ours & theirs
    print(f"findings: eksguard {len(ours)}, trivy {len(theirs)}, both {len(both)}")
    summaries = {}
    if len(sys.argv) == 4:
        import glob, os
        for name in glob.glob(os.path.join(sys.argv[3], "**", "*.json"), recursive=True):
            record = json.load(open(name))
            summaries[record["id"]] = record.get("summary", "")
    for label, only in (("only eksguard", ours - theirs), ("only trivy", theirs - ours)):
        for vuln, package in sorted(only):
            print(f"  {label}: {vuln} {package} {summaries.get(vuln, '')}")
    sys.exit(0 if ours == theirs else 1)


if __name__ == "__main__":
    main()
