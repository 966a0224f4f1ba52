import ClusterSnapshot
import EKSGuardCore

/// EKS-LOG-003: control-plane logs kept long enough, and not forever by accident.
package struct LogRetentionCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-LOG-003",
        title: "Control-plane log retention is set and long enough",
        practice: .controlPlaneLogging,
        severity: .medium,
        rationale: """
            The log group `/aws/eks/<cluster>/cluster` keeps events forever unless a retention is set: \
            nobody decided how long audit evidence lives, and storage grows without bound (low). A \
            retention shorter than the organisation's minimum loses evidence an investigation needs \
            (medium). Setting `log-retention-min-days` (default 90) sets that minimum.
            """,
        remediation: "aws logs put-retention-policy --log-group-name /aws/eks/CLUSTER/cluster --retention-in-days 365.",
        references: [
            "CIS-EKS-1.8.0:2.1.2", "CIS-EKS-1.7.0:2.1.2", "prowler:cloudwatch_log_group_retention_policy_specific_days_enabled",
        ],
        passing: [
            .cluster(#"""
                {"cluster": {"name": "prod", "logging": {"clusterLogging": [{"types": ["audit"], "enabled": true}]}},
                 "calls": [{"call": "logs:DescribeLogGroups", "response": {"logGroups": [{"logGroupName": "/aws/eks/prod/cluster", "retentionInDays": 365}]}}]}
                """#),
            .cluster(#"""
                {"cluster": {"name": "prod", "logging": {"clusterLogging": [{"types": ["audit"], "enabled": false}]}},
                 "calls": [{"call": "logs:DescribeLogGroups", "response": {"logGroups": []}}]}
                """#, note: "no logging, no group: not applicable (EKS-LOG-001 fails)"),
        ],
        failing: [
            .cluster(#"""
                {"cluster": {"name": "prod", "logging": {"clusterLogging": [{"types": ["audit"], "enabled": true}]}},
                 "calls": [{"call": "logs:DescribeLogGroups", "response": {"logGroups": [{"logGroupName": "/aws/eks/prod/cluster"}]}}]}
                """#, expect: ["LogGroup//aws/eks/prod/cluster"], note: "never expires"),
            .cluster(#"""
                {"cluster": {"name": "prod", "logging": {"clusterLogging": [{"types": ["audit"], "enabled": true}]}},
                 "calls": [{"call": "logs:DescribeLogGroups", "response": {"logGroups": [{"logGroupName": "/aws/eks/prod/cluster", "retentionInDays": 30}]}}]}
                """#, note: "shorter than the 90-day default minimum"),
            .cluster(#"""
                {"cluster": {"name": "prod", "logging": {"clusterLogging": [{"types": ["audit"], "enabled": true}]}},
                 "calls": [{"call": "logs:DescribeLogGroups", "response": {"logGroups": [{"logGroupName": "/aws/eks/prod/cluster", "retentionInDays": 180}]}}]}
                """#, options: ["log-retention-min-days": "365"]),
            .cluster(#"""
                {"cluster": {"name": "prod", "logging": {"clusterLogging": [{"types": ["audit"], "enabled": true}]}},
                 "calls": [{"call": "logs:DescribeLogGroups", "response": {"logGroups": []}}]}
                """#, note: "logging on, group gone"),
            .cluster(#"""
                {"cluster": {"name": "prod", "logging": {"clusterLogging": [{"types": ["audit"], "enabled": true}]}},
                 "calls": [{"call": "logs:DescribeLogGroups", "error": "AccessDeniedException"}]}
                """#, status: .error),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let logs = ClusterLogGroup.read(facts).value(orReportAt: facts.resource, into: &findings) else { return findings }
        guard let group = logs.group else { return [logs.absentFinding()] }
        let ref = logs.ref.at("logGroups[].retentionInDays", nil)
        let minimum = context.integer("log-retention-min-days", default: 90)
        guard let days = group["retentionInDays"]?.number.map(Int.init) else {
            return [.fail("no retention set: events never expire (decide how long audit evidence is kept)", at: ref, severity: .low)]
        }
        if days < minimum {
            return [.fail("events are kept \(days) days, less than the \(minimum)-day minimum", at: ref)]
        }
        return [.pass("events are kept \(days) days (minimum \(minimum))", at: ref)]
    }
}
