#!/usr/bin/env python3
"""Compares an `eksguard scan image --format json` report with derive.py's expected answer.

A match is the pair (record id, binary package) of an EKS-IMG-005 failure. Prints the counts, every false
positive (reported, but fixed, withdrawn, for another release or unknown) and false negative (expected,
not reported), and fixed versions that differ from the record's. Exits 1 when any of those exist.
"""
import json
import re
import sys

MESSAGE = re.compile(r"^(?P<cve>\S+)(?: \((?P<id>\S+)\))? in (?P<package>\S+) (?P<installed>\S+): "
                     r"(?:fixed in (?P<fixed>\S+)|no fix available)")


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: compare.py EXPECTED.json REPORT.json [LABEL]")
    expected = json.load(open(sys.argv[1]))
    report = json.load(open(sys.argv[2]))
    found = {}
    for result in report["results"]:
        if result["checkID"] != "EKS-IMG-005" or result["status"] != "fail":
            continue
        match = MESSAGE.match(result["message"])
        if not match:
            sys.exit(f"compare.py: unexpected EKS-IMG-005 message: {result['message']}")
        found[(match["id"] or match["cve"], match["package"])] = match["fixed"]
    want = {(p["id"], p["package"]): p for p in expected["pairs"] if p["affected"]}
    verdicts = {}
    for p in expected["pairs"]:
        verdicts.setdefault((p["id"], p["package"]), []).append(p["why"])
    false_positives = sorted(set(found) - set(want))
    false_negatives = sorted(set(want) - set(found))
    wrong_fix = sorted(key for key in set(found) & set(want) if found[key] != want[key]["fixed"])
    label = f" [{sys.argv[3]}]" if len(sys.argv) == 4 else ""
    print(f"{expected['distro']} ({expected['ecosystem']}){label}: {expected['packages']} packages from {expected['sources']} sources, "
          f"{expected['updated_sources']} with security updates; {expected['records']} records ({expected['withdrawn']} withdrawn)")
    print(f"  expected matches {len(want)}, found {len(set(found) & set(want))} "
          f"({100.0 * len(set(found) & set(want)) / max(len(want), 1):.1f}%), "
          f"must-not-match pairs {expected['must_not_match']}, false positives {len(false_positives)}, "
          f"false negatives {len(false_negatives)}, wrong fixed versions {len(wrong_fix)}")
    print("  traps among them: " + ", ".join(f"{name} {count}" for name, count in expected["traps"].items()))
    for key in false_positives[:20]:
        print(f"  false positive: {key[0]} {key[1]} (expected: {', '.join(verdicts.get(key, ['no such pair']))})")
    for key in false_negatives[:20]:
        p = want[key]
        print(f"  false negative: {key[0]} {key[1]} {p['version']} (source {p['source']} {p['installed']} < {p['fixed']})")
    for key in wrong_fix[:20]:
        print(f"  wrong fixed version: {key[0]} {key[1]}: reported {found[key]}, record {want[key]['fixed']}")
    sys.exit(1 if false_positives or false_negatives or wrong_fix else 0)


if __name__ == "__main__":
    main()
