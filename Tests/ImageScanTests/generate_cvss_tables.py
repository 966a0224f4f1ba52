#!/usr/bin/env python3
"""Writes the CVSS scoring tables under Data/ from an independent implementation.

The reference is Red Hat's `cvss` package from PyPI (`pip install cvss==3.6` into a scratch venv, e.g.
bench/.work/cvss-venv). Each line of a table is `VECTOR<TAB>SCORE<TAB>SEVERITY`; SCORE is `invalid` when the
reference refuses the vector, and SEVERITY is then `-`.

- cvss2-scores.tsv: every CVSS v2 base vector (729), then base vectors with random temporal and
  environmental metrics in random order, then malformed mutations.
- cvss3-scores.tsv: every CVSS 3.0 and 3.1 base vector (2 x 2,592), then vectors with random temporal and
  environmental metrics in random order (v3 readers must accept any order), then malformed mutations.
- cvss4-scores.tsv: random CVSS 4.0 vectors in the specification's metric order until every one of the
  270 macrovectors has been hit 8 times or 5,000,000 vectors were drawn (the run prints how often the rarest
  was hit; 6 with this seed): base only, with threat metrics, with environmental
  metrics (including MSI/MSA:S), with supplemental metrics, X values written out or left away; then
  malformed mutations. Reordered v4 vectors are not generated: the v4 specification calls every other
  order invalid, which the reference does not check.

For v2 and v3 the score is the base score (what we report for those versions); for v4 it is the one
score the specification defines for all the metrics present (CVSS-B, -BT, -BE or -BTE).

Usage: generate_cvss_tables.py [PYTHON-WITH-CVSS]   (deterministic seed)
"""
import itertools
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "Data")
rng = random.Random(20261127)

try:
    from cvss import CVSS2, CVSS3, CVSS4
    from cvss.exceptions import CVSSError
except ImportError:
    if len(sys.argv) > 1 and os.environ.get("CVSS_TABLES_CHILD") != "1":
        os.environ["CVSS_TABLES_CHILD"] = "1"
        sys.exit(subprocess.call([sys.argv[1], os.path.abspath(__file__)]))
    sys.exit("needs the `cvss` package: pass a python that has it, e.g. bench/.work/cvss-venv/bin/python")

V2_BASE = [("AV", "LAN"), ("AC", "HML"), ("Au", "MSN"), ("C", "NPC"), ("I", "NPC"), ("A", "NPC")]
V2_OPTIONAL = [("E", ["U", "POC", "F", "H", "ND"]), ("RL", ["OF", "TF", "W", "U", "ND"]),
               ("RC", ["UC", "UR", "C", "ND"]), ("CDP", ["N", "L", "LM", "MH", "H", "ND"]),
               ("TD", ["N", "L", "M", "H", "ND"]), ("CR", ["L", "M", "H", "ND"]),
               ("IR", ["L", "M", "H", "ND"]), ("AR", ["L", "M", "H", "ND"])]

V3_BASE = [("AV", "NALP"), ("AC", "LH"), ("PR", "NLH"), ("UI", "NR"), ("S", "UC"), ("C", "HLN"),
           ("I", "HLN"), ("A", "HLN")]
V3_OPTIONAL = [("E", "XUPFH"), ("RL", "XOTWU"), ("RC", "XURC"), ("CR", "XLMH"), ("IR", "XLMH"),
               ("AR", "XLMH"), ("MAV", "XNALP"), ("MAC", "XLH"), ("MPR", "XNLH"), ("MUI", "XNR"),
               ("MS", "XUC"), ("MC", "XNLH"), ("MI", "XNLH"), ("MA", "XNLH")]

V4_BASE = [("AV", "NALP"), ("AC", "LH"), ("AT", "NP"), ("PR", "NLH"), ("UI", "NPA"), ("VC", "HLN"),
           ("VI", "HLN"), ("VA", "HLN"), ("SC", "HLN"), ("SI", "HLN"), ("SA", "HLN")]
V4_THREAT = [("E", ["X", "A", "P", "U"])]
V4_ENVIRONMENTAL = [("CR", ["X", "H", "M", "L"]), ("IR", ["X", "H", "M", "L"]), ("AR", ["X", "H", "M", "L"]),
                    ("MAV", ["X", "N", "A", "L", "P"]), ("MAC", ["X", "L", "H"]), ("MAT", ["X", "N", "P"]),
                    ("MPR", ["X", "N", "L", "H"]), ("MUI", ["X", "N", "P", "A"]), ("MVC", ["X", "H", "L", "N"]),
                    ("MVI", ["X", "H", "L", "N"]), ("MVA", ["X", "H", "L", "N"]), ("MSC", ["X", "H", "L", "N"]),
                    ("MSI", ["X", "S", "H", "L", "N"]), ("MSA", ["X", "S", "H", "L", "N"])]
V4_SUPPLEMENTAL = [("S", ["X", "N", "P"]), ("AU", ["X", "N", "Y"]), ("R", ["X", "A", "U", "I"]),
                   ("V", ["X", "D", "C"]), ("RE", ["X", "L", "M", "H"]),
                   ("U", ["X", "Clear", "Green", "Amber", "Red"])]


def join(prefix, pairs):
    body = "/".join(f"{name}:{value}" for name, value in pairs)
    return f"{prefix}/{body}" if prefix else body


def row(vector, factory, score_of):
    try:
        parsed = factory(vector)
    except CVSSError:
        return f"{vector}\tinvalid\t-"
    score, severity = score_of(parsed)
    return f"{vector}\t{score:.1f}\t{severity.lower()}"


def v2_score(parsed):
    return float(parsed.base_score), parsed.severities()[0]


def v3_score(parsed):
    return float(parsed.base_score), parsed.severities()[0]


def v4_score(parsed):
    return float(parsed.base_score), parsed.severity


def optional_pairs(groups, probability, explicit_x):
    """Some of the optional metrics, each with a random value; X is sometimes written out."""
    pairs = []
    for name, values in groups:
        if rng.random() < probability:
            value = rng.choice(values)
            if value in ("X", "ND") and not explicit_x:
                continue
            pairs.append((name, value))
    return pairs


def mutations(vector, prefix, names):
    """Malformed variants: a metric dropped, duplicated, unknown, a bad value, empty field, trailing slash."""
    fields = vector.split("/")[1:] if prefix else vector.split("/")
    head = [prefix] if prefix else []
    i = rng.randrange(len(fields))
    name = fields[i].split(":")[0]
    bad_value = fields[i].split(":")[0] + ":" + rng.choice(["Q", "", "HH", "n", "0"])
    candidates = [
        fields[:i] + fields[i + 1:],
        fields[:i + 1] + [fields[i]] + fields[i + 1:],
        fields[:i] + [bad_value] + fields[i + 1:],
        fields + [rng.choice(["ZZ:Q", "XX:X", "av:N", "M" + name + "X:X"])],
        fields[:i] + [""] + fields[i:],
        fields[:i] + [fields[i].replace(":", "")] + fields[i + 1:],
    ]
    out = ["/".join(head + choice) for choice in candidates]
    out.append(vector + "/")
    out.append(vector.replace(prefix, prefix.lower()) if prefix else "(" + vector + ")")
    return out


def cvss2_rows():
    rows = []
    base_vectors = []
    for values in itertools.product(*(v for _, v in V2_BASE)):
        pairs = list(zip((n for n, _ in V2_BASE), values))
        base_vectors.append(pairs)
        rows.append(row(join(None, pairs), CVSS2, v2_score))
    for _ in range(600):
        pairs = rng.choice(base_vectors) + optional_pairs(V2_OPTIONAL, 0.6, True)
        if rng.random() < 0.3:
            rng.shuffle(pairs)
        rows.append(row(join(None, pairs), CVSS2, v2_score))
    for _ in range(60):
        for vector in mutations(join(None, rng.choice(base_vectors)), None, [n for n, _ in V2_BASE]):
            rows.append(row(vector, CVSS2, v2_score))
    return rows


def cvss3_rows():
    rows = []
    base_vectors = []
    for version in ("CVSS:3.0", "CVSS:3.1"):
        for values in itertools.product(*(v for _, v in V3_BASE)):
            pairs = list(zip((n for n, _ in V3_BASE), values))
            base_vectors.append((version, pairs))
            rows.append(row(join(version, pairs), CVSS3, v3_score))
    for _ in range(1000):
        version, base = rng.choice(base_vectors)
        pairs = base + optional_pairs(V3_OPTIONAL, 0.5, rng.random() < 0.5)
        if rng.random() < 0.3:
            rng.shuffle(pairs)
        rows.append(row(join(version, pairs), CVSS3, v3_score))
    for _ in range(60):
        version, base = rng.choice(base_vectors)
        for vector in mutations(join(version, base), version, [n for n, _ in V3_BASE]):
            rows.append(row(vector, CVSS3, v3_score))
    return rows


def random_v4(covering=False):
    """A vector of a random kind; `covering` draws threat and environmental metrics often, which spreads
    the draws evenly over the macrovectors (the rare ones need E and the requirements set)."""
    pairs = [(name, rng.choice(values)) for name, values in V4_BASE]
    if covering:
        pairs += optional_pairs(V4_THREAT, 0.9, True)
        pairs += optional_pairs(V4_ENVIRONMENTAL[:3], 0.9, True) + optional_pairs(V4_ENVIRONMENTAL[3:], 0.3, False)
        return join("CVSS:4.0", pairs)
    kind = rng.random()
    explicit_x = rng.random() < 0.3
    if kind >= 0.25:
        pairs += optional_pairs(V4_THREAT, 0.8, explicit_x)
    if kind >= 0.5:
        pairs += optional_pairs(V4_ENVIRONMENTAL, rng.choice([0.2, 0.5, 0.9]), explicit_x)
    if kind >= 0.75 or rng.random() < 0.1:
        pairs += optional_pairs(V4_SUPPLEMENTAL, 0.5, explicit_x)
    return join("CVSS:4.0", pairs)


def quick_macrovector(vector):
    """The macrovector, only to steer sampling towards rare ones (the reference is called only for the
    vectors kept, as it takes milliseconds per vector); rows are bucketed by the reference's own answer."""
    metrics = dict(field.split(":") for field in vector.split("/")[1:])

    def value(name):
        modified = metrics.get("M" + name, "X")
        return modified if modified != "X" else metrics.get(name, "X")

    av, pr, ui = value("AV"), value("PR"), value("UI")
    eq1 = 0 if (av, pr, ui) == ("N", "N", "N") else (1 if "N" in (av, pr, ui) and av != "P" else 2)
    eq2 = 0 if (value("AC"), value("AT")) == ("L", "N") else 1
    vc, vi, va = value("VC"), value("VI"), value("VA")
    eq3 = 0 if vc == vi == "H" else (1 if "H" in (vc, vi, va) else 2)
    eq4 = 0 if "S" in (value("SI"), value("SA")) else (1 if "H" in (value("SC"), value("SI"), value("SA")) else 2)
    eq5 = {"X": 0, "A": 0, "P": 1, "U": 2}[metrics.get("E", "X")]

    def requirement(name):
        return metrics.get(name, "X") in ("X", "H")

    eq6 = 0 if (requirement("CR") and vc == "H") or (requirement("IR") and vi == "H") or (requirement("AR") and va == "H") else 1
    return f"{eq1}{eq2}{eq3}{eq4}{eq5}{eq6}"


def cvss4_rows(per_macrovector=8, extra=1500):
    rows = []
    seen = {}
    attempts = 0
    # Rare macrovectors need many draws; the attempt bound keeps this finite whatever happens.
    while attempts < 5_000_000 and (len(seen) < 270 or min(seen.values()) < per_macrovector):
        attempts += 1
        vector = random_v4(covering=attempts % 2 == 0)
        if seen.get(quick_macrovector(vector), 0) >= per_macrovector:
            continue
        macro = CVSS4(vector).macroVector()
        seen[macro] = seen.get(macro, 0) + 1
        rows.append(row(vector, CVSS4, v4_score))
    for _ in range(extra):
        rows.append(row(random_v4(), CVSS4, v4_score))
    for _ in range(80):
        vector = random_v4()
        for bad in mutations(vector, "CVSS:4.0", [n for n, _ in V4_BASE]):
            rows.append(row(bad, CVSS4, v4_score))
    print(f"cvss4: {len(seen)} macrovectors hit, at least {min(seen.values())} times each, "
          f"{attempts} vectors drawn", file=sys.stderr)
    return rows


def write(name, header, rows):
    with open(os.path.join(DATA, name), "w") as out:
        out.write(f"# {header}\n# generated by generate_cvss_tables.py with the `cvss` package from PyPI\n")
        out.write("\n".join(rows) + "\n")
    print(f"{name}: {len(rows)} rows", file=sys.stderr)


def main():
    write("cvss2-scores.tsv", "CVSS v2 vector, base score, NVD severity", cvss2_rows())
    write("cvss3-scores.tsv", "CVSS 3.0/3.1 vector, base score, severity", cvss3_rows())
    write("cvss4-scores.tsv", "CVSS 4.0 vector, score (B/BT/BE/BTE), severity", cvss4_rows())


if __name__ == "__main__":
    main()
