import ClusterSnapshot
import EKSGuardCore

/// EKS-LOG-004: audit evidence encrypted with a key the account controls.
package struct LogEncryptionCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-LOG-004",
        title: "Control-plane log group is encrypted with a KMS key",
        practice: .controlPlaneLogging,
        severity: .low,
        rationale: """
            CloudWatch Logs encrypts every log group, but only a customer-managed KMS key (`kmsKeyId` \
            on the group) lets the account decide who may decrypt audit events, revoke that access, and \
            see each use in CloudTrail. Audit logs name users, resources and sometimes request bodies.
            """,
        remediation: """
            Create a KMS key whose policy allows logs.REGION.amazonaws.com, then \
            aws logs associate-kms-key --log-group-name /aws/eks/CLUSTER/cluster --kms-key-id KEY_ARN.
            """,
        references: ["prowler:cloudwatch_log_group_kms_encryption_enabled"],
        passing: [
            .cluster(#"""
                {"cluster": {"name": "prod", "logging": {"clusterLogging": [{"types": ["audit"], "enabled": true}]}},
                 "calls": [{"call": "logs:DescribeLogGroups", "response": {"logGroups": [{"logGroupName": "/aws/eks/prod/cluster", "kmsKeyId": "arn:aws:kms:us-east-1:111122223333:key/1234"}]}}]}
                """#),
        ],
        failing: [
            .cluster(#"""
                {"cluster": {"name": "prod", "logging": {"clusterLogging": [{"types": ["audit"], "enabled": true}]}},
                 "calls": [{"call": "logs:DescribeLogGroups", "response": {"logGroups": [{"logGroupName": "/aws/eks/prod/cluster"}]}}]}
                """#, expect: ["logGroups[].kmsKeyId"]),
            .cluster(#"{"cluster": {"name": "prod", "logging": {"clusterLogging": [{"types": ["audit"], "enabled": true}]}}}"#,
                status: .error, note: "DescribeLogGroups not collected"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let logs = ClusterLogGroup.read(facts).value(orReportAt: facts.resource, into: &findings) else { return findings }
        guard let group = logs.group else { return [logs.absentFinding()] }
        let ref = logs.ref.at("logGroups[].kmsKeyId", nil)
        if let key = group["kmsKeyId"]?.string, !key.isEmpty {
            return [.pass("encrypted with \(key)", at: ref)]
        }
        return [.fail("no customer-managed KMS key (CloudWatch's own key only)", at: ref)]
    }
}
