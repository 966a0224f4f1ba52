#!/usr/bin/env python3
"""Writes the version-ordering tables under Data/ from the reference tools installed here.

Each line is `A B R`: R is how A orders against B (`<`, `=`, `>`) according to
`dpkg --compare-versions` (dpkg.txt), rpm 4.18's `rpm.vercmp` (rpm.txt), or apk-tools 3's
`apk_version_compare` (apk.txt). Versions are drawn at random
from the characters each format allows, weighted towards the cases that break comparators: epochs,
tildes, carets, letters against digits, leading zeros and digit runs longer than 64 bits. Half of the
pairs are a version and a small mutation of it, so equal and nearly-equal pairs are common.

The apk reference is apk-tools' own src/version.c (apk-tools 3, the tokenizer with `~hash` commit tokens),
compiled with apk_reference/ into a filter that reads `A B` lines and prints the order; Debian ships no
apk-tools, so the binary is passed in APK_VERSION_ORACLE (see apk_reference/README.md). With
APK_V2_ORACLE set as well (go-apk-version, the apk-tools 2 port Trivy uses, built from Debian packages by
apk_reference/build-go-apk-version.sh) it also prints how many pairs apk-tools 2 orders differently.

Usage: generate_version_tables.py [PAIRS [rpm|dpkg|apk...]]   (needs dpkg, rpm and APK_VERSION_ORACLE; deterministic seed)
"""
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20261127)


def digits():
    r = rng.random()
    if r < 0.1:
        return "0" * rng.randint(1, 3) + str(rng.randint(0, 99))
    if r < 0.15:
        return str(rng.randint(10**19, 10**25))
    if r < 0.2:
        return "0"
    return str(rng.randint(0, 20 if rng.random() < 0.7 else 2024))


def letters():
    pool = "abcxyzABZ" if rng.random() < 0.8 else "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return "".join(rng.choice(pool) for _ in range(rng.randint(1, 3)))


def word(separators, special):
    """A run of digit and letter segments joined by separators, starting with a digit."""
    parts = [digits()]
    for _ in range(rng.randint(0, 4)):
        r = rng.random()
        if r < 0.45:
            parts.append(rng.choice(separators) + digits())
        elif r < 0.65:
            parts.append(letters())
        elif r < 0.8:
            parts.append(rng.choice(special) + (letters() if rng.random() < 0.5 else digits()))
        else:
            parts.append(rng.choice(separators) + letters())
    if rng.random() < 0.1:
        parts.append(rng.choice(special))
    return "".join(parts)


def mutate(v, alphabet):
    choice = rng.random()
    i = rng.randint(0, len(v))
    if choice < 0.25:
        return v[:i] + rng.choice(alphabet) + v[i:]
    if choice < 0.45 and len(v) > 1:
        return v[:i] + v[i + 1:]
    if choice < 0.6:
        return v.replace(".", ".0", 1)
    if choice < 0.75:
        return v + rng.choice(["~", "~rc1", "+b1", "a", ".0", "^git1", "0", "~~"])
    if choice < 0.85:
        return v
    return v[:i] + rng.choice("0123456789") + v[i + 1:]


def dpkg_version():
    upstream = word(".+", "~+.")
    if rng.random() < 0.1:
        upstream += "-" + word(".+", "~")  # hyphens inside upstream need a revision after them
        revision = word(".+", "~")
    else:
        revision = word(".+", "~") if rng.random() < 0.7 else None
    epoch = None
    r = rng.random()
    if r < 0.2:
        epoch = str(rng.randint(0, 3))
    elif r < 0.25:
        epoch = "0" + str(rng.randint(0, 2))
    if epoch is not None and rng.random() < 0.05:
        upstream += ":" + digits()  # colons are allowed in upstream once there is an epoch
    v = upstream
    if revision is not None:
        v += "-" + revision
    if epoch is not None:
        v = epoch + ":" + v
    return v


def dpkg_valid(v):
    return subprocess.run(["dpkg", "--validate-version", v], capture_output=True).returncode == 0


def rpm_version():
    v = word("._+", "~^.")
    if rng.random() < 0.8:
        v += "-" + word("._", "~^")
    r = rng.random()
    if r < 0.2:
        v = str(rng.randint(0, 3)) + ":" + v
    elif r < 0.23:
        v = "0" + str(rng.randint(0, 2)) + ":" + v
    return v


def pairs(make, alphabet, count, valid=lambda v: True):
    out = []
    while len(out) < count:
        a = make()
        b = mutate(a, alphabet) if rng.random() < 0.5 else make()
        if " " in a + b or not valid(a) or not valid(b):
            continue
        out.append((a, b) if rng.random() < 0.5 else (b, a))
    return out


def write(name, rows):
    with open(os.path.join(HERE, "Data", name), "w") as f:
        for a, b, r in rows:
            f.write(f"{a} {b} {r}\n")
    print(f"{name}: {len(rows)} pairs", file=sys.stderr)


def dpkg_table(count):
    rows = []
    for a, b in pairs(dpkg_version, "0123456789.+~ab-:", count, dpkg_valid):
        if subprocess.run(["dpkg", "--compare-versions", a, "lt", b]).returncode == 0:
            r = "<"
        elif subprocess.run(["dpkg", "--compare-versions", a, "eq", b]).returncode == 0:
            r = "="
        else:
            r = ">"
        rows.append((a, b, r))
    return rows


def rpm_table(count):
    prs = pairs(rpm_version, "0123456789.~^ab_+", count, lambda v: v.count(":") <= 1 and not v.startswith("-"))
    with tempfile.NamedTemporaryFile("w", delete=False) as f:
        for a, b in prs:
            f.write(f"{a} {b}\n")
        name = f.name
    lua = ('%{lua: for line in io.lines("' + name + '") do '
           'local a, b = line:match("^(%S+) (%S+)$") '
           'print(rpm.vercmp(a, b) .. "\\n") end}')
    out = subprocess.run(["rpm", "--eval", lua], capture_output=True, text=True, check=True).stdout.split()
    os.unlink(name)
    assert len(out) == len(prs), (len(out), len(prs))
    return [(a, b, {"-1": "<", "0": "=", "1": ">"}[r]) for (a, b), r in zip(prs, out)]


APK_SUFFIXES = ["alpha", "beta", "pre", "rc", "cvs", "svn", "git", "hg", "p"]


def apk_digits():
    r = rng.random()
    if r < 0.15:
        return "0" * rng.randint(1, 3) + (str(rng.randint(0, 99)) if rng.random() < 0.7 else "")
    if r < 0.2:
        return str(rng.randint(10**8, 10**18))  # dates and snapshot stamps; apk reads up to 64 bits
    return str(rng.randint(0, 20 if rng.random() < 0.7 else 2024))


def apk_version():
    """digits{.digits}[letter]{_suffix[digits]}[~hash][-rN], with a few strings outside the grammar."""
    v = apk_digits()
    for _ in range(rng.randint(0, 3)):
        v += "." + apk_digits()
    if rng.random() < 0.15:
        v += rng.choice("abcxyz")
    for _ in range(rng.choice([0, 0, 0, 1, 1, 2])):
        v += "_" + rng.choice(APK_SUFFIXES) + (apk_digits() if rng.random() < 0.5 else "")
    if rng.random() < 0.1:
        v += "~" + "".join(rng.choice("0123456789abcdef") for _ in range(rng.randint(1, 8)))
    if rng.random() < 0.6:
        v += "-r" + str(rng.randint(0, 12))
    if rng.random() < 0.03:
        v = mutate(v, "0123456789._-rabz~ABG")  # invalid strings: apk still orders them
    return v


def run_filter(binary, prs):
    text = "".join(f"{a} {b}\n" for a, b in prs)
    out = subprocess.run([binary], input=text, capture_output=True, text=True, check=True).stdout.split()
    assert len(out) == len(prs), (binary, len(out), len(prs))
    return out


def apk_table(count):
    oracle = os.environ.get("APK_VERSION_ORACLE")
    if not oracle:
        sys.exit("apk.txt needs APK_VERSION_ORACLE (see apk_reference/README.md)")
    rng.seed(20261130)  # its own stream, so apk.txt does not depend on which tables run first
    prs = pairs(apk_version, "0123456789._-rabz~", count, lambda v: v != "" and not v.startswith("-"))
    out = run_filter(oracle, prs)
    assert set(out) <= {"<", "=", ">"}, set(out)
    v2 = os.environ.get("APK_V2_ORACLE")
    if v2:
        # go-apk-version rejects strings apk-tools 2 would not parse (`!`); count only pairs it orders.
        old = run_filter(v2, prs)
        ordered = [(o, n) for o, n in zip(old, out) if o != "!"]
        differ = sum(1 for o, n in ordered if o != n)
        print(f"apk-tools 2 (go-apk-version) orders {len(ordered)} of the pairs; {differ} differently", file=sys.stderr)
    return [(a, b, r) for (a, b), r in zip(prs, out)]


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 15000
    only = sys.argv[2:] or ["rpm", "dpkg", "apk"]
    if "rpm" in only:
        write("rpm.txt", rpm_table(n))
    if "dpkg" in only:
        write("dpkg.txt", dpkg_table(n))
    if "apk" in only:
        write("apk.txt", apk_table(2 * n))
