import ClusterSnapshot
import EKSGuardCore

/// EKS-OS-006: Amazon Inspector scanning the node instances for host CVEs.
package struct InspectorEC2ScanningCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-OS-006",
        title: "Amazon Inspector scans the EC2 nodes",
        practice: .nodeOS,
        severity: .low,
        rationale: """
            Inspector's EC2 scanning reports kernel and package CVEs on running nodes, the findings that tell you a \
            node AMI must be replaced. `inspector2:BatchGetAccountStatus → accounts[].resourceState.ec2.status` must be \
            `ENABLED` while the cluster has EC2 node pools. Bottlerocket has limited Inspector support, so a cluster \
            whose nodes are all Bottlerocket gets the finding as information only.
            """,
        remediation: "aws inspector2 enable --resource-types EC2.",
        references: ["prowler:inspector2_is_enabled", "bpg:hosts/run-amazon-inspector-to-assess-hosts"],
        passing: [
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "ng-1", "amiType": "AL2023_x86_64_STANDARD"}],
                 "calls": [{"call": "inspector2:BatchGetAccountStatus", "response": {"accounts": [{"accountId": "111122223333", "resourceState": {"ec2": {"status": "ENABLED"}}}]}}, \#(ComputeExample.noSelfManaged)]}
                """#),
        ],
        failing: [
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "ng-1", "amiType": "AL2023_x86_64_STANDARD"}],
                 "calls": [{"call": "inspector2:BatchGetAccountStatus", "response": {"accounts": [{"accountId": "111122223333", "resourceState": {"ec2": {"status": "DISABLED"}}}]}}, \#(ComputeExample.noSelfManaged)]}
                """#, expect: ["inspector2.resourceState.ec2.status"], note: "low"),
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "br", "amiType": "BOTTLEROCKET_x86_64"}],
                 "calls": [{"call": "inspector2:BatchGetAccountStatus", "response": {"accounts": [{"accountId": "111122223333", "resourceState": {"ec2": {"status": "SUSPENDED"}}}]}}, \#(ComputeExample.noSelfManaged)]}
                """#, note: "info: Bottlerocket-only cluster"),
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "ng-1", "amiType": "AL2023_x86_64_STANDARD"}],
                 "calls": [{"call": "inspector2:BatchGetAccountStatus", "response": {"accounts": [{"accountId": "111122223333", "resourceState": {"ec2": {"status": "HIBERNATING"}}}]}}, \#(ComputeExample.noSelfManaged)]}
                """#, status: .error, note: "unknown status value"),
            .cluster(#"""
                {"nodegroups": [{"nodegroupName": "ng-1", "amiType": "AL2023_x86_64_STANDARD"}],
                 "calls": [{"call": "inspector2:BatchGetAccountStatus", "error": "AccessDeniedException"}, \#(ComputeExample.noSelfManaged)]}
                """#, status: .error),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let pools = facts.nodePoolsOrNote(into: &findings), let aws = facts.aws else { return findings }
        let ref = ResourceRef(kind: "Inspector", name: aws.snapshot.accountID ?? "account", field: "inspector2.resourceState.ec2.status")
        guard let answer = aws.response("inspector2", "BatchGetAccountStatus").value(orReportAt: ref, into: &findings) else { return findings }
        let statuses = (answer["accounts"]?.array ?? []).map { $0[path: "resourceState.ec2.status"]?.string ?? "(missing)" }
        guard let status = statuses.first else {
            return findings + [.error("inspector2:BatchGetAccountStatus answered without accounts", at: ref)]
        }
        let known = ["ENABLED", "ENABLING", "DISABLED", "DISABLING", "SUSPENDING", "SUSPENDED"]
        guard known.contains(status) else {
            return findings + [.error("unknown Inspector EC2 status \(status)", at: ref)]
        }
        if status == "ENABLED" { return findings + [.pass("Inspector EC2 scanning is ENABLED", at: ref)] }
        var allBottlerocket = true
        for entry in pools {
            guard case .success(let pool) = entry.pool, case .success(let ami) = aws.ami(of: pool), ami.family == .bottlerocket else {
                allBottlerocket = false
                continue
            }
        }
        let note = allBottlerocket ? " (all node pools are Bottlerocket, which Inspector covers only in part)" : ""
        return findings + [.fail("Inspector EC2 scanning is \(status) while the cluster has EC2 nodes\(note)", at: ref, severity: allBottlerocket ? .info : .low)]
    }
}
