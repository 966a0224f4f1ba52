#!/usr/bin/env python3
"""Side-by-side verdicts of Prowler and eksguard on the same account, for every Prowler check that an
eksguard check references (`prowler:<check>` in the catalog). Prints Markdown: one row per
(Prowler check, resource) that both tools judged, then every disagreement with its explanation.
Disagreements without a documented cause are marked UNEXPLAINED."""
import argparse
import json
import sys

# Why eksguard and Prowler disagree, by Prowler check: Prowler's documented gaps (catalog §4, §5, §7,
# §13) and checks whose question differs.
KNOWN = {
    "eks_cluster_not_publicly_accessible": "Prowler tests only `0.0.0.0/0` in publicAccessCidrs; `::/0` (dual-stack default) is missed.",
    "eks_control_plane_logging_all_types_enabled": "Prowler reads only `clusterLogging[0]`; eksguard unions every enabled entry.",
    "ecr_repositories_tag_immutability": "Prowler fails only the literal `MUTABLE`; `MUTABLE_WITH_EXCLUSION` passes there.",
    "eks_cluster_private_nodes_enabled": "Prowler's check reads `endpointPrivateAccess`, not the nodes' subnets; eksguard's NET-003/005 separate the two.",
    "eks_cluster_uses_a_supported_version": "Prowler compares with a hard-coded oldest version; eksguard asks `eks:DescribeClusterVersions` (an error when the emulator lacks it).",
    "eks_cluster_kms_cmk_encryption_in_secrets_enabled": "Prowler passes any encryptionConfig; eksguard also grades key state and rotation.",
    "eks_cluster_network_policy_enabled": "Prowler only checks that a cluster security group exists; eksguard looks for an enforcement engine (add-on configuration, Calico/Cilium) and NetworkPolicies, which need Kubernetes input (none in this benchmark: moto has no API server), so it reports the missing data.",
    "eks_cluster_deletion_protection_enabled": "moto 5.2.1 leaves `deletionProtection` out of DescribeCluster; Prowler then reports protection enabled (a false pass), eksguard reports the missing field as an error.",
    "ecr_registry_scan_images_on_push_enabled": "Prowler fails registry rules with repository filters; eksguard judges each repository's effective scanning state.",
    "ecr_repositories_scan_vulnerabilities_in_latest_image": "Prowler judges the latest pushed image; eksguard judges the images the cluster runs.",
    "inspector2_is_enabled": "Prowler judges the account; eksguard judges EC2 scanning only where nodes exist and ECR scanning under enhanced scanning.",
}

ORDER = {"fail": 0, "error": 1, "pass": 2, "notApplicable": 3, "waived": 2}


def prowler_findings(path):
    with open(path) as handle:
        text = handle.read()
    # Prowler appends to an existing output file: keep the last document only.
    decoder, position, data = json.JSONDecoder(), 0, []
    while position < len(text):
        while position < len(text) and text[position].isspace():
            position += 1
        if position == len(text):
            break
        data, position = decoder.raw_decode(text, position)
    for finding in data if isinstance(data, list) else data.get("findings", []):
        check = (finding.get("metadata") or {}).get("event_code") or (finding.get("finding_info") or {}).get("uid", "").split("-")[0]
        status = (finding.get("status_code") or finding.get("status") or "").upper()
        for resource in finding.get("resources") or [{}]:
            yield check, status, resource.get("uid") or "", resource.get("name") or "", finding.get("status_detail") or ""


def eksguard_results(paths):
    for path in paths:
        with open(path) as handle:
            report = json.load(handle)
        for result in report["results"]:
            yield result


def verdict(results):
    statuses = sorted({r["status"] for r in results}, key=lambda s: ORDER.get(s, 9))
    return statuses[0] if statuses else None


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--checks", required=True)
    parser.add_argument("--prowler", required=True)
    parser.add_argument("--eksguard", nargs="+", required=True)
    parser.add_argument("--scenario")
    args = parser.parse_args()

    mapping = {}
    for row in json.load(open(args.checks)):
        for reference in row.get("references", []):
            if reference.startswith("prowler:"):
                mapping.setdefault(reference.split(":", 1)[1], []).append(row["checkID"])
    ours = list(eksguard_results(args.eksguard))

    rows, disagreements, unexplained = [], [], 0
    seen = set()
    for check, status, uid, name, detail in prowler_findings(args.prowler):
        if check not in mapping or status not in ("PASS", "FAIL"):
            continue
        ids = set(mapping[check])
        matched = [r for r in ours if r["checkID"] in ids and (
            (uid and r["resource"].get("arn") == uid) or (name and r["resource"].get("name") == name)
            or (uid and r["resource"].get("arn") and uid.startswith(r["resource"]["arn"])))]
        ours_verdict = verdict(matched)
        if ours_verdict is None or ours_verdict == "notApplicable":
            continue  # a resource outside the audited clusters, or one eksguard does not judge
        key = (check, uid or name)
        if key in seen:
            continue
        seen.add(key)
        theirs = status.lower()
        agree = theirs == ours_verdict
        rows.append((check, ", ".join(sorted(ids)), name or uid, theirs, ours_verdict, "yes" if agree else "no"))
        if not agree:
            why = KNOWN.get(check)
            unexplained += why is None
            messages = "; ".join(sorted({r["message"] for r in matched if r["status"] == ours_verdict}))[:300]
            disagreements.append((check, name or uid, theirs, ours_verdict, why or "UNEXPLAINED", messages, detail[:200]))

    print("# Prowler vs eksguard verdicts on the same moto account\n")
    print("| Prowler check | eksguard check(s) | resource | Prowler | eksguard | agree |")
    print("|---|---|---|---|---|---|")
    for row in sorted(rows):
        print("| " + " | ".join(row) + " |")
    print("\n## Disagreements\n")
    for check, resource, theirs, ours_verdict, why, messages, detail in disagreements:
        print(f"- **{check}** on `{resource}`: Prowler {theirs}, eksguard {ours_verdict}. {why}")
        print(f"  - eksguard: {messages}")
        print(f"  - Prowler: {detail}")
    agreed = sum(1 for r in rows if r[5] == "yes")
    print(f"\nCompared: {len(rows)} verdicts on {len({r[0] for r in rows})} Prowler checks; agree: {agreed}; "
          f"disagree: {len(rows) - agreed} (unexplained: {unexplained}).")
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
