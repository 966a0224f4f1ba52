import ClusterSnapshot
import EKSGuardCore

/// EKS-LOG-005: someone, or something, reads the audit log.
package struct LogDetectionCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-LOG-005",
        title: "Control-plane logs feed an alarm or a SIEM",
        practice: .controlPlaneLogging,
        severity: .low,
        rationale: """
            Logs nobody reads detect nothing. A metric filter (for an alarm on, say, 403s or exec into \
            pods) or a subscription filter (export to a SIEM, OpenSearch, a Lambda) on the cluster's log \
            group shows the audit log is acted on. Reads `logs:DescribeMetricFilters` and \
            `logs:DescribeSubscriptionFilters` for the group.
            """,
        remediation: """
            Add a subscription filter to your SIEM (aws logs put-subscription-filter) or metric filters \
            with CloudWatch alarms on the audit events you care about.
            """,
        references: ["bpg:detective/create-alarms-for-suspicious-events"],
        passing: [
            .cluster(#"""
                {"cluster": {"name": "prod", "logging": {"clusterLogging": [{"types": ["audit"], "enabled": true}]}},
                 "calls": [{"call": "logs:DescribeLogGroups", "response": {"logGroups": [{"logGroupName": "/aws/eks/prod/cluster"}]}},
                           {"call": "logs:DescribeMetricFilters", "parameters": {"logGroupName": "/aws/eks/prod/cluster"}, "response": {"metricFilters": []}},
                           {"call": "logs:DescribeSubscriptionFilters", "parameters": {"logGroupName": "/aws/eks/prod/cluster"},
                            "response": {"subscriptionFilters": [{"filterName": "to-siem", "logGroupName": "/aws/eks/prod/cluster", "destinationArn": "arn:aws:firehose:us-east-1:111122223333:deliverystream/siem"}]}}]}
                """#),
        ],
        failing: [
            .cluster(#"""
                {"cluster": {"name": "prod", "logging": {"clusterLogging": [{"types": ["audit"], "enabled": true}]}},
                 "calls": [{"call": "logs:DescribeLogGroups", "response": {"logGroups": [{"logGroupName": "/aws/eks/prod/cluster"}]}},
                           {"call": "logs:DescribeMetricFilters", "parameters": {"logGroupName": "/aws/eks/prod/cluster"}, "response": {"metricFilters": []}},
                           {"call": "logs:DescribeSubscriptionFilters", "parameters": {"logGroupName": "/aws/eks/prod/cluster"}, "response": {"subscriptionFilters": []}}]}
                """#, expect: ["LogGroup//aws/eks/prod/cluster"]),
            .cluster(#"""
                {"cluster": {"name": "prod", "logging": {"clusterLogging": [{"types": ["audit"], "enabled": true}]}},
                 "calls": [{"call": "logs:DescribeLogGroups", "response": {"logGroups": [{"logGroupName": "/aws/eks/prod/cluster"}]}},
                           {"call": "logs:DescribeMetricFilters", "parameters": {"logGroupName": "/aws/eks/prod/cluster"}, "response": {"metricFilters": []}}]}
                """#, status: .error, note: "subscription filters were not collected"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let logs = ClusterLogGroup.read(facts).value(orReportAt: facts.resource, into: &findings),
              let aws = facts.aws
        else { return findings }
        guard logs.group != nil else { return [logs.absentFinding()] }
        let scope: [String: JSONValue] = ["logGroupName": .string(logs.name)]
        guard let metric = aws.response("logs", "DescribeMetricFilters", matching: scope).value(orReportAt: logs.ref, into: &findings),
              let subscription = aws.response("logs", "DescribeSubscriptionFilters", matching: scope).value(orReportAt: logs.ref, into: &findings)
        else { return findings }
        let metricNames = metric["metricFilters"]?.array?.compactMap { $0["filterName"]?.string } ?? []
        let subscriptionTargets = subscription["subscriptionFilters"]?.array?.compactMap { $0["destinationArn"]?.string } ?? []
        if metricNames.isEmpty && subscriptionTargets.isEmpty {
            return [.fail("no metric filter and no subscription filter on \(logs.name)", at: logs.ref)]
        }
        var evidence: [String] = []
        if !metricNames.isEmpty { evidence.append("metric filters: \(metricNames.joined(separator: ", "))") }
        if !subscriptionTargets.isEmpty { evidence.append("exported to: \(subscriptionTargets.joined(separator: ", "))") }
        return [.pass(evidence.joined(separator: "; "), at: logs.ref)]
    }
}
