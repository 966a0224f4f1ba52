import ClusterSnapshot
import EKSGuardCore
import Foundation

/// EKS-CIS-021: the cluster's Kubernetes version support status, from EKS itself.
package struct VersionSupportCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-CIS-021",
        title: "Kubernetes version is in standard support",
        practice: .cisBenchmark,
        severity: .high,
        rationale: """
            Support status comes from `eks:DescribeClusterVersions(clusterVersions=[version]) → \
            clusterVersions[].versionStatus`, never from a hard-coded floor (Prowler's \
            `eks_cluster_oldest_version_supported: "1.28"` goes stale): `UNSUPPORTED` is high, `EXTENDED_SUPPORT` \
            medium (paid, fewer fixes), `STANDARD_SUPPORT` ending within `version-support-warning-days` (default 90) \
            of `endOfStandardSupportDate` low, and `cluster.upgradePolicy.supportType: EXTENDED` information (the \
            cluster will move to paid extended support silently). Unknown status values are errors.
            """,
        remediation: "aws eks update-cluster-version --name CLUSTER --kubernetes-version NEXT_MINOR, node groups after.",
        references: ["prowler:eks_cluster_uses_a_supported_version", "checkov:CKV_AWS_339", "kubescape:C-0273", "securityhub:EKS.2"],
        passing: [
            .cluster(#"""
                {"cluster": {"name": "p", "version": "1.34", "upgradePolicy": {"supportType": "STANDARD"}},
                 "calls": [{"call": "eks:DescribeClusterVersions", "parameters": {"clusterVersions": ["1.34"]},
                            "response": {"clusterVersions": [{"clusterVersion": "1.34", "versionStatus": "STANDARD_SUPPORT", "endOfStandardSupportDate": 1830297600}]}}]}
                """#),
        ],
        failing: [
            .cluster(#"""
                {"cluster": {"name": "p", "version": "1.29"},
                 "calls": [{"call": "eks:DescribeClusterVersions", "response": {"clusterVersions": [{"clusterVersion": "1.29", "versionStatus": "UNSUPPORTED"}]}}]}
                """#, expect: ["cluster.version"], note: "high"),
            .cluster(#"""
                {"cluster": {"name": "p", "version": "1.31"},
                 "calls": [{"call": "eks:DescribeClusterVersions", "response": {"clusterVersions": [{"clusterVersion": "1.31", "versionStatus": "EXTENDED_SUPPORT", "endOfExtendedSupportDate": "2027-11-26T00:00:00Z"}]}}]}
                """#, note: "medium"),
            .cluster(#"""
                {"cluster": {"name": "p", "version": "1.33"},
                 "calls": [{"call": "eks:DescribeClusterVersions", "response": {"clusterVersions": [{"clusterVersion": "1.33", "versionStatus": "STANDARD_SUPPORT", "endOfStandardSupportDate": "2026-12-15T00:00:00Z"}]}}]}
                """#, note: "low: standard support ends in 44 days"),
            .cluster(#"""
                {"cluster": {"name": "p", "version": "1.34", "upgradePolicy": {"supportType": "EXTENDED"}},
                 "calls": [{"call": "eks:DescribeClusterVersions", "response": {"clusterVersions": [{"clusterVersion": "1.34", "versionStatus": "STANDARD_SUPPORT", "endOfStandardSupportDate": "2027-12-01T00:00:00Z"}]}}]}
                """#, note: "info: will roll into paid extended support"),
            .cluster(#"""
                {"cluster": {"name": "p", "version": "1.34"},
                 "calls": [{"call": "eks:DescribeClusterVersions", "response": {"clusterVersions": [{"clusterVersion": "1.34", "versionStatus": "PREVIEW"}]}}]}
                """#, status: .error, note: "unknown versionStatus"),
            .cluster(#"{"cluster": {"name": "p", "version": "1.34"}}"#, status: .error, note: "DescribeClusterVersions not collected"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        let ref = facts.resource.at("cluster.version", nil)
        guard let aws = facts.requireAWS.value(orReportAt: ref, into: &findings),
              let cluster = facts.cluster.value(orReportAt: ref, into: &findings) else { return findings }
        guard let version = cluster["version"]?.string else { return [.error("eks:DescribeCluster answered without version", at: ref)] }
        guard let versions = aws.collectedItems("eks", "DescribeClusterVersions", "clusterVersions").value(orReportAt: ref, into: &findings) else { return findings }
        guard let entry = versions.first(where: { $0["clusterVersion"]?.string == version }) else {
            return [.error("eks:DescribeClusterVersions does not list version \(version)", at: ref)]
        }
        let status = entry["versionStatus"]?.string ?? entry["status"]?.string ?? "(missing)"
        let supportType = cluster[path: "upgradePolicy.supportType"]?.string
        switch status {
        case "UNSUPPORTED":
            return [.fail("Kubernetes \(version) is UNSUPPORTED by EKS", at: ref, severity: .high)]
        case "EXTENDED_SUPPORT":
            let end = AWSDate.of(entry["endOfExtendedSupportDate"]).map { ", extended support ends \(AWSDate.day($0))" } ?? ""
            return [.fail("Kubernetes \(version) is in paid EXTENDED_SUPPORT\(end)", at: ref, severity: .medium)]
        case "STANDARD_SUPPORT":
            let warning = context.integer("version-support-warning-days", default: 90)
            if let end = AWSDate.of(entry["endOfStandardSupportDate"]) {
                let days = Int(end.timeIntervalSince(context.now) / 86_400)
                if days <= warning {
                    return [.fail("Kubernetes \(version) leaves standard support on \(AWSDate.day(end)), in \(days) days", at: ref, severity: .low)]
                }
            }
            if supportType == "EXTENDED" {
                return [.fail("Kubernetes \(version) is in standard support, but upgradePolicy.supportType EXTENDED will move it to paid extended support without notice", at: ref, severity: .info)]
            }
            let end = AWSDate.of(entry["endOfStandardSupportDate"]).map { " until \(AWSDate.day($0))" } ?? ""
            return [.pass("Kubernetes \(version) is in STANDARD_SUPPORT\(end)", at: ref)]
        default:
            return [.error("Kubernetes \(version): unknown versionStatus \(status)", at: ref)]
        }
    }
}
