#!/usr/bin/env python3
"""Per-rule agreement between hadolint and eksguard on the same Dockerfiles.

Runs `hadolint -f json --no-fail` and `eksguard scan dockerfile --format hadolint-json` on every
Dockerfile under a folder and compares the findings as (file, line, code) triples, rule by rule:
agreement = both / (both + hadolint only + eksguard only). Rules neither tool reported are left out.
Shell-check findings (SC*) are hadolint's ShellCheck pass, which eksguard does not reimplement.

usage: compare_hadolint.py DIR [--hadolint PATH] [--eksguard PATH] [--details N]
"""

import argparse
import collections
import json
import os
import subprocess
import sys


def dockerfiles(root):
    names = []
    for folder, _, files in os.walk(root):
        for name in files:
            lower = name.lower()
            if lower == "dockerfile" or lower.startswith("dockerfile.") or lower.endswith(".dockerfile") \
                    or lower == "containerfile" or lower.startswith("containerfile."):
                names.append(os.path.join(folder, name))
    return sorted(names)


def run_json(command):
    out = subprocess.run(command, capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"{command[0]} failed ({out.returncode}): {out.stderr[:400]}")
    return json.loads(out.stdout or "[]")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir")
    parser.add_argument("--hadolint", default="bench/.work/venv/bin/hadolint")
    parser.add_argument("--eksguard", default=".build/release/eksguard")
    parser.add_argument("--details", type=int, default=3, help="examples of disagreement printed per rule")
    args = parser.parse_args()

    files = dockerfiles(args.dir)
    if not files:
        sys.exit(f"no Dockerfiles under {args.dir}")
    theirs = []
    for start in range(0, len(files), 400):
        theirs += run_json([args.hadolint, "-f", "json", "--no-fail", *files[start:start + 400]])
    ours = run_json([args.eksguard, "scan", "dockerfile", args.dir, "--format", "hadolint-json", "--fail-on", "none"])

    # Files hadolint cannot parse (DL1000: heredoc forms, some BuildKit syntax) say nothing about
    # rule agreement; they are counted and left out.
    unparsed = {os.path.normpath(f["file"]) for f in theirs if f["code"] == "DL1000"}

    def triples(findings):
        return {(os.path.normpath(f["file"]), f["line"], f["code"]) for f in findings
                if f["code"].startswith("DL") and f["code"] != "DL1000" and os.path.normpath(f["file"]) not in unparsed}

    h, e = triples(theirs), triples(ours)
    print(f"{len(unparsed)} of {len(files)} files left out: hadolint could not parse them (DL1000)")
    rules = sorted({t[2] for t in h | e})
    print(f"{len(files)} Dockerfiles; hadolint {len(h)} DL findings, eksguard {len(e)} (hadolint-equivalent codes)")
    print(f"{'rule':8} {'both':>6} {'h-only':>7} {'e-only':>7} {'agree':>7}")
    total_both = total_all = 0
    for rule in rules:
        both = {t for t in h & e if t[2] == rule}
        only_h = sorted(t for t in h - e if t[2] == rule)
        only_e = sorted(t for t in e - h if t[2] == rule)
        denominator = len(both) + len(only_h) + len(only_e)
        total_both += len(both)
        total_all += denominator
        print(f"{rule:8} {len(both):6} {len(only_h):7} {len(only_e):7} {100 * len(both) / denominator:6.1f}%")
        for label, items in (("hadolint only", only_h), ("eksguard only", only_e)):
            for item in items[:args.details]:
                print(f"           {label}: {item[0]}:{item[1]}")
    print(f"overall agreement: {100 * total_both / max(total_all, 1):.1f}% of {total_all} findings")


if __name__ == "__main__":
    main()
