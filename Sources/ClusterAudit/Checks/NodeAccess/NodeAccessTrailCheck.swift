import ClusterSnapshot
import EKSGuardCore

/// EKS-ACC-007: a CloudTrail trail that records node-access API calls.
package struct NodeAccessTrailCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-ACC-007",
        title: "CloudTrail records node-access events",
        practice: .nodeAccess,
        severity: .medium,
        rationale: """
            Shell access to nodes goes through API calls: `ssm:StartSession`, `ec2-instance-connect:SendSSHPublicKey`, \
            `ec2:GetPasswordData`. Only a multi-region trail that is logging (`GetTrailStatus.IsLogging`) and whose \
            event selectors (basic `ReadWriteType` All/WriteOnly with management events, or advanced selectors on \
            `eventCategory = Management`) include write management events records them in every region.
            """,
        remediation: """
            aws cloudtrail create-trail --name org-trail --s3-bucket-name BUCKET --is-multi-region-trail, then \
            aws cloudtrail start-logging --name org-trail.
            """,
        references: ["prowler:cloudtrail_multi_region_enabled_logging_management_events", "bpg:hosts/minimize-access-to-worker-nodes"],
        passing: [
            .cluster(#"""
                {"calls": [{"call": "cloudtrail:DescribeTrails", "response": {"trailList": [{"Name": "org", "TrailARN": "arn:aws:cloudtrail:us-east-1:111122223333:trail/org", "IsMultiRegionTrail": true}]}},
                           {"call": "cloudtrail:GetTrailStatus", "parameters": {"Name": "arn:aws:cloudtrail:us-east-1:111122223333:trail/org"}, "response": {"IsLogging": true}},
                           {"call": "cloudtrail:GetEventSelectors", "parameters": {"TrailName": "arn:aws:cloudtrail:us-east-1:111122223333:trail/org"},
                            "response": {"AdvancedEventSelectors": [{"Name": "mgmt", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}]}]}}]}
                """#, note: "advanced event selectors"),
        ],
        failing: [
            .cluster(#"""
                {"calls": [{"call": "cloudtrail:DescribeTrails", "response": {"trailList": [{"Name": "local", "TrailARN": "arn:t/local", "IsMultiRegionTrail": false},
                                                                                            {"Name": "stopped", "TrailARN": "arn:t/stopped", "IsMultiRegionTrail": true}]}},
                           {"call": "cloudtrail:GetTrailStatus", "parameters": {"Name": "arn:t/local"}, "response": {"IsLogging": true}},
                           {"call": "cloudtrail:GetEventSelectors", "parameters": {"TrailName": "arn:t/local"}, "response": {"EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": true}]}},
                           {"call": "cloudtrail:GetTrailStatus", "parameters": {"Name": "arn:t/stopped"}, "response": {"IsLogging": false}},
                           {"call": "cloudtrail:GetEventSelectors", "parameters": {"TrailName": "arn:t/stopped"}, "response": {"EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": true}]}}]}
                """#, expect: ["CloudTrail/111122223333"], note: "one trail is single-region, the other stopped"),
            .cluster(#"{"calls": [{"call": "cloudtrail:DescribeTrails", "response": {"trailList": []}}]}"#),
            .cluster(#"{"calls": [{"call": "cloudtrail:DescribeTrails", "error": "AccessDeniedException"}]}"#, status: .error),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        facts.trailCoverageFindings(unseen: "ssm:StartSession and ec2-instance-connect:SendSSHPublicKey calls")
    }
}
