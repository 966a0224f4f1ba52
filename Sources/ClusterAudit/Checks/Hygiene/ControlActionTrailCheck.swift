import ClusterSnapshot
import EKSGuardCore

/// EKS-LOG-007: a CloudTrail trail that records changes to cluster access and configuration.
package struct ControlActionTrailCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-LOG-007",
        title: "CloudTrail records EKS and IAM control actions",
        practice: .controlPlaneLogging,
        severity: .medium,
        rationale: """
            Who granted cluster access or changed the cluster is recorded by CloudTrail, not by the Kubernetes audit \
            log: `eks:CreateAccessEntry`, `eks:AssociateAccessPolicy`, `eks:UpdateClusterConfig`, \
            `eks:CreatePodIdentityAssociation` and IAM changes to the roles the cluster trusts. A multi-region trail \
            that is logging and records write management events must exist (the same trail reading as EKS-ACC-007).
            """,
        remediation: """
            aws cloudtrail create-trail --name org-trail --s3-bucket-name BUCKET --is-multi-region-trail, then \
            aws cloudtrail start-logging --name org-trail.
            """,
        references: ["prowler:cloudtrail_multi_region_enabled", "bpg:detective/audit-your-cloudtrail-logs"],
        passing: [
            .cluster(#"""
                {"calls": [{"call": "cloudtrail:DescribeTrails", "response": {"trailList": [{"Name": "org", "TrailARN": "arn:t/org", "IsMultiRegionTrail": true}]}},
                           {"call": "cloudtrail:GetTrailStatus", "parameters": {"Name": "arn:t/org"}, "response": {"IsLogging": true}},
                           {"call": "cloudtrail:GetEventSelectors", "parameters": {"TrailName": "arn:t/org"}, "response": {"EventSelectors": [{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": true}]}}]}
                """#),
        ],
        failing: [
            .cluster(#"""
                {"calls": [{"call": "cloudtrail:DescribeTrails", "response": {"trailList": [{"Name": "data-only", "TrailARN": "arn:t/d", "IsMultiRegionTrail": true}]}},
                           {"call": "cloudtrail:GetTrailStatus", "parameters": {"Name": "arn:t/d"}, "response": {"IsLogging": true}},
                           {"call": "cloudtrail:GetEventSelectors", "parameters": {"TrailName": "arn:t/d"}, "response": {"EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": false}]}}]}
                """#, expect: ["CloudTrail/111122223333"], note: "data events only"),
            .cluster(#"""
                {"calls": [{"call": "cloudtrail:DescribeTrails", "response": {"trailList": [{"Name": "org", "TrailARN": "arn:t/org", "IsMultiRegionTrail": true}]}},
                           {"call": "cloudtrail:GetTrailStatus", "parameters": {"Name": "arn:t/org"}, "error": "AccessDeniedException"}]}
                """#, status: .error),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        facts.trailCoverageFindings(unseen: "eks:CreateAccessEntry, eks:AssociateAccessPolicy, eks:UpdateClusterConfig and eks:CreatePodIdentityAssociation calls")
    }
}
