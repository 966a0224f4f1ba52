import EKSGuardCore

/// EKS-LOG-001: the audit log is the record of who did what through the API server.
package struct AuditLogCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-LOG-001",
        title: "Control-plane audit log is enabled",
        practice: .controlPlaneLogging,
        severity: .high,
        rationale: """
            The Kubernetes audit log records every request to the API server: who read a secret, who \
            created a privileged pod, who changed RBAC. Without it an incident cannot be reconstructed. \
            EKS sends it to CloudWatch Logs only when the `audit` type is enabled in any entry of \
            `cluster.logging.clusterLogging` (a list, usually one enabled and one disabled entry: \
            tools that read only the first entry report the wrong answer).
            """,
        remediation: """
            aws eks update-cluster-config --name CLUSTER --logging \
            '{"clusterLogging":[{"types":["api","audit","authenticator","controllerManager","scheduler"],"enabled":true}]}'
            """,
        references: [
            "CIS-EKS-1.8.0:2.1.1", "CIS-EKS-1.7.0:2.1.1", "CIS-EKS-1.5.0:2.1.1", "CIS-EKS-1.2.0:2.1.1",
            "kubescape:C-0067", "prowler:eks_control_plane_logging_all_types_enabled", "checkov:CKV_AWS_37",
            "trivy:AWS-0038", "securityhub:EKS.8",
        ],
        passing: [
            .cluster(#"{"cluster": {"name": "prod", "logging": {"clusterLogging": [{"types": ["api", "audit"], "enabled": true}]}}}"#),
            .cluster(
                #"{"cluster": {"name": "prod", "logging": {"clusterLogging": [{"types": ["scheduler"], "enabled": false}, {"types": ["audit"], "enabled": true}]}}}"#,
                note: "the enabled entry is the second one"),
        ],
        failing: [
            .cluster(
                #"{"cluster": {"name": "prod", "logging": {"clusterLogging": [{"types": ["api", "audit", "authenticator", "controllerManager", "scheduler"], "enabled": false}]}}}"#,
                expect: ["cluster.logging.clusterLogging"]),
            .cluster(
                #"{"cluster": {"name": "prod", "logging": {"clusterLogging": [{"types": ["audit"], "enabled": false}, {"types": ["api"], "enabled": true}]}}}"#),
            .cluster(#"{"calls": [{"call": "eks:DescribeCluster", "error": "AccessDeniedException"}]}"#, status: .error),
            .cluster(#"{"kubernetes": []}"#, status: .error, note: "no AWS input"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        let ref = facts.resource.at(ClusterLogging.field, nil)
        var findings: [Finding] = []
        guard let enabled = ClusterLogging.enabledTypes(of: facts).value(orReportAt: ref, into: &findings) else { return findings }
        if enabled.contains("audit") {
            return [.pass("audit is among the enabled log types (\(enabled.sorted().joined(separator: ", ")))", at: ref)]
        }
        let shown = enabled.isEmpty ? "no log type is enabled" : "enabled: \(enabled.sorted().joined(separator: ", "))"
        return [.fail("the audit log is not sent to CloudWatch (\(shown))", at: ref)]
    }
}
