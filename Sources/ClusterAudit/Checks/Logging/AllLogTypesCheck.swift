import EKSGuardCore

/// EKS-LOG-002: the other four log types complete the audit log.
package struct AllLogTypesCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-LOG-002",
        title: "All five control-plane log types are enabled",
        practice: .controlPlaneLogging,
        severity: .medium,
        rationale: """
            Besides the audit log, EKS can send the API server (`api`), authenticator, controller manager \
            and scheduler logs to CloudWatch. The authenticator log is the only place that ties an IAM \
            principal to the Kubernetes user name the audit log shows; the others explain API errors and \
            scheduling during an incident. Every entry of `cluster.logging.clusterLogging` counts.
            """,
        remediation: """
            Enable the missing types: aws eks update-cluster-config --name CLUSTER --logging \
            '{"clusterLogging":[{"types":["api","audit","authenticator","controllerManager","scheduler"],"enabled":true}]}'.
            """,
        references: ["prowler:eks_control_plane_logging_all_types_enabled", "checkov:CKV_AWS_37", "bpg:detective/enable-audit-logs"],
        passing: [
            .cluster(#"{"cluster": {"name": "prod", "logging": {"clusterLogging": [{"types": ["api", "audit", "authenticator", "controllerManager", "scheduler"], "enabled": true}]}}}"#),
            .cluster(
                #"{"cluster": {"name": "prod", "logging": {"clusterLogging": [{"types": ["api", "audit"], "enabled": true}, {"types": [], "enabled": false}, {"types": ["authenticator", "controllerManager", "scheduler"], "enabled": true}]}}}"#,
                note: "types spread over two enabled entries"),
        ],
        failing: [
            .cluster(
                #"{"cluster": {"name": "prod", "logging": {"clusterLogging": [{"types": ["api", "audit"], "enabled": true}, {"types": ["authenticator", "controllerManager", "scheduler"], "enabled": false}]}}}"#,
                expect: ["cluster.logging.clusterLogging"]),
            .cluster(#"{"cluster": {"name": "prod"}}"#, status: .error, note: "DescribeCluster answered without logging"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        let ref = facts.resource.at(ClusterLogging.field, nil)
        var findings: [Finding] = []
        guard let enabled = ClusterLogging.enabledTypes(of: facts).value(orReportAt: ref, into: &findings) else { return findings }
        let missing = ClusterLogging.allTypes.filter { !enabled.contains($0) }
        if missing.isEmpty { return [.pass("all five log types are enabled", at: ref)] }
        return [.fail("log types not sent to CloudWatch: \(missing.joined(separator: ", "))", at: ref)]
    }
}
