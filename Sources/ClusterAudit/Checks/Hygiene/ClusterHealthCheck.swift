import ClusterSnapshot
import EKSGuardCore

/// EKS-CIS-022: health issues EKS reports on the cluster, KMS ones first.
package struct ClusterHealthCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-CIS-022",
        title: "The cluster reports no health issues",
        practice: .cisBenchmark,
        severity: .critical,
        rationale: """
            `cluster.health.issues[].code` lists what EKS cannot do for the cluster. `KmsKeyDisabled`, \
            `KmsKeyNotFound`, `KmsKeyMarkedForDeletion` and `KmsGrantRevoked` mean the secrets key is unusable: the \
            API server cannot read secrets and the cluster degrades (critical). Other codes (subnets out of \
            addresses, missing security group, role trust) are medium. A snapshot whose DescribeCluster has no \
            `health` object is an error, not a pass.
            """,
        remediation: "Fix each issue's cause (re-enable the KMS key, restore the grant, free subnet addresses) as the issue message says.",
        references: ["bpg:data/use-aws-kms-for-envelope-encryption"],
        passing: [.cluster(#"{"cluster": {"name": "p", "health": {"issues": []}}}"#)],
        failing: [
            .cluster(#"{"cluster": {"name": "p", "health": {"issues": [{"code": "KmsKeyDisabled", "message": "key disabled", "resourceIds": ["arn:k"]}]}}}"#,
                     expect: ["cluster.health.issues"], note: "critical"),
            .cluster(#"{"cluster": {"name": "p", "health": {"issues": [{"code": "Ec2SubnetNotFound", "message": "subnet gone", "resourceIds": ["subnet-1"]}]}}}"#, note: "medium"),
            .cluster(#"{"cluster": {"name": "p"}}"#, status: .error, note: "no health object"),
        ]
    )

    private static let kmsCodes: Set<String> = ["KmsKeyDisabled", "KmsKeyNotFound", "KmsKeyMarkedForDeletion", "KmsGrantRevoked"]

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        let ref = facts.resource.at("cluster.health.issues", nil)
        guard let cluster = facts.cluster.value(orReportAt: ref, into: &findings) else { return findings }
        guard let health = cluster["health"], health.object != nil else {
            return [.error("eks:DescribeCluster answered without cluster.health", at: ref)]
        }
        let issues = health["issues"]?.array ?? []
        guard !issues.isEmpty else { return [.pass("cluster.health.issues is empty", at: ref)] }
        return issues.map { issue in
            let code = issue["code"]?.string ?? "(no code)"
            let text = "\(code): \(issue["message"]?.string ?? "") (\((issue["resourceIds"]?.array ?? []).compactMap(\.string).joined(separator: ", ")))"
            return .fail(text, at: ref, severity: Self.kmsCodes.contains(code) ? .critical : .medium)
        }
    }
}
