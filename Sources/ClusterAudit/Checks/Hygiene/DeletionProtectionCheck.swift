import ClusterSnapshot
import EKSGuardCore

/// EKS-CIS-023: deletion protection on the cluster.
package struct DeletionProtectionCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-CIS-023",
        title: "Cluster deletion protection is on",
        practice: .cisBenchmark,
        severity: .low,
        rationale: """
            With `cluster.deletionProtection` true, DeleteCluster fails until the flag is cleared: a mistaken or \
            malicious deletion needs two deliberate steps. A DescribeCluster answer without the field (an older API) \
            is an error.
            """,
        remediation: "aws eks update-cluster-config --name CLUSTER --deletion-protection.",
        references: ["prowler:eks_cluster_deletion_protection_enabled"],
        passing: [.cluster(#"{"cluster": {"name": "p", "deletionProtection": true}}"#)],
        failing: [
            .cluster(#"{"cluster": {"name": "p", "deletionProtection": false}}"#, expect: ["cluster.deletionProtection"]),
            .cluster(#"{"cluster": {"name": "p"}}"#, status: .error),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        let ref = facts.resource.at("cluster.deletionProtection", nil)
        guard let cluster = facts.cluster.value(orReportAt: ref, into: &findings) else { return findings }
        switch cluster["deletionProtection"]?.bool {
        case true?: return [.pass("deletionProtection true", at: ref)]
        case false?: return [.fail("deletionProtection false: one DeleteCluster call removes the cluster", at: ref)]
        case nil: return [.error("eks:DescribeCluster answered without deletionProtection", at: ref)]
        }
    }
}
