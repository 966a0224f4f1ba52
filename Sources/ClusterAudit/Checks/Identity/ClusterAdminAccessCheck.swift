import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-IAM-019: cluster-wide admin through access entries should be rare, held by roles, and not
/// left to whoever created the cluster.
package struct ClusterAdminAccessCheck: ClusterCheck {
    package init() {}

    static let setting = "max-cluster-admin-entries"

    static func example(creator: Bool, principal: String) -> String {
        #"{"cluster": {"name": "prod", "accessConfig": {"authenticationMode": "API", "bootstrapClusterCreatorAdminPermissions": \#(creator)}}, "accessEntries": [{"principalArn": "\#(principal)", "type": "STANDARD"}], "calls": [{"call": "eks:ListAssociatedAccessPolicies", "parameters": {"principalArn": "\#(principal)"}, "response": {"associatedAccessPolicies": [{"policyArn": "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", "accessScope": {"type": "cluster"}}]}}]}"#
    }

    package static let metadata = CheckMetadata(
        id: "EKS-IAM-019",
        title: "Cluster-admin access entries are few, held by roles, without creator admin",
        practice: .podIdentity,
        severity: .medium,
        rationale: """
            `accessConfig.bootstrapClusterCreatorAdminPermissions` keeps cluster-admin for the principal that \
            created the cluster, often a CI role or a person (low). Access entries with \
            AmazonEKSClusterAdminPolicy over the whole cluster beyond `max-cluster-admin-entries` (default 2), \
            and access entries for IAM users instead of roles (long-lived keys, no shared session policy), \
            are medium.
            """,
        remediation: """
            Remove the creator's access entry (aws eks delete-access-entry) once named admin roles exist; \
            map people to roles they assume; scope AmazonEKSClusterAdminPolicy to few roles.
            """,
        references: ["bpg:iam-remove-cluster-creator-admin", "bpg:iam-use-roles-for-multiple-users"],
        passing: [.cluster(example(creator: false, principal: "arn:aws:iam::111122223333:role/admins"))],
        failing: [
            .cluster(example(creator: true, principal: "arn:aws:iam::111122223333:role/admins"), expect: ["cluster.accessConfig.bootstrapClusterCreatorAdminPermissions"], note: "low"),
            .cluster(example(creator: false, principal: "arn:aws:iam::111122223333:user/alice"), expect: ["AccessEntry/arn:aws:iam::111122223333:user/alice"]),
            .cluster(
                example(creator: false, principal: "arn:aws:iam::111122223333:role/admins"), expect: ["cluster.accessConfig"],
                options: [setting: "0"], note: "more admin entries than allowed"),
            .cluster(
                #"{"cluster": {"name": "prod", "accessConfig": {"bootstrapClusterCreatorAdminPermissions": false}}, "accessEntries": [{"principalArn": "arn:aws:iam::111122223333:role/a"}]}"#,
                status: .error, note: "associated policies not collected"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        let ref = facts.resource.at("cluster.accessConfig", nil)
        var findings: [Finding] = []
        guard let aws = facts.requireAWS.value(orReportAt: ref, into: &findings),
              let cluster = aws.cluster.value(orReportAt: ref, into: &findings),
              let entries = aws.readAccessEntries.value(orReportAt: ref, into: &findings)
        else { return findings }
        let creatorRef = facts.resource.at("cluster.accessConfig.bootstrapClusterCreatorAdminPermissions", nil)
        switch cluster[path: "accessConfig.bootstrapClusterCreatorAdminPermissions"]?.bool {
        case true?: findings.append(.fail("bootstrapClusterCreatorAdminPermissions is true: the cluster creator keeps cluster-admin", at: creatorRef, severity: .low))
        case false?: findings.append(.pass("bootstrapClusterCreatorAdminPermissions is false", at: creatorRef))
        case nil: findings.append(.error("cluster.accessConfig.bootstrapClusterCreatorAdminPermissions is missing from eks:DescribeCluster", at: creatorRef))
        }
        var admins: [String] = []
        for (child, read) in entries {
            guard let entry = read.value(orReportAt: ResourceRef(kind: "AccessEntry", name: child.name), into: &findings) else { continue }
            let at = entry.ref.at("accessEntry.principalArn", nil)
            guard let policies = entry.policies.value(orReportAt: at, into: &findings) else { continue }
            if entry.isClusterAdmin { admins.append(entry.principalARN) }
            let shown = policies.isEmpty ? "no access policies" : policies.map { "\($0.arn.split(separator: "/").last ?? "") (\($0.scope))" }.joined(separator: ", ")
            if entry.isUser, entry.type == "STANDARD" {
                findings.append(.fail("access entry for IAM user \(entry.principalARN): \(shown); use a role", at: at))
            } else {
                findings.append(.pass("access entry \(entry.principalARN) (\(entry.type)): \(shown)", at: at))
            }
        }
        let limit = context.integer(Self.setting, default: 2)
        if admins.count > limit {
            findings.append(.fail("\(admins.count) access entries have AmazonEKSClusterAdminPolicy over the cluster (more than \(limit)): \(admins.joined(separator: ", "))", at: ref))
        }
        return findings
    }
}
