import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-IAM-008: session tags carry the pod's namespace and service account into the role session
/// (ABAC); a target role adds a second trust hop.
package struct PodIdentitySessionCheck: ClusterCheck {
    package init() {}

    typealias X = IdentityExamples

    static func example(_ extra: String) -> String {
        #"{\#(X.cluster), "podIdentityAssociations": [{"associationId": "a-1", "namespace": "apps", "serviceAccount": "app", "roleArn": "\#(X.roleARN("app"))"\#(extra)}]}"#
    }

    package static let metadata = CheckMetadata(
        id: "EKS-IAM-008",
        title: "Pod Identity associations keep session tags and review cross-account targets",
        practice: .podIdentity,
        severity: .medium,
        rationale: """
            With `disableSessionTags` the role session carries no `kubernetes-namespace` / \
            `kubernetes-service-account` tags, so policies that scope access by those tags (ABAC) stop \
            scoping (medium). A `targetRoleArn` chains into another role, usually in another account, whose \
            trust must be reviewed there (info).
            """,
        remediation: """
            aws eks update-pod-identity-association --cluster-name CLUSTER --association-id ID --no-disable-session-tags; \
            review the target role's trust policy in its account.
            """,
        references: ["bpg:iam-abac-pod-identities"],
        passing: [.cluster(example(#", "disableSessionTags": false"#)), .cluster(#"{\#(X.cluster)}"#, note: "no associations")],
        failing: [
            .cluster(example(#", "disableSessionTags": true"#), expect: ["PodIdentityAssociation/apps/app"], note: "medium"),
            .cluster(example(#", "targetRoleArn": "arn:aws:iam::444455556666:role/target""#), note: "info"),
            .cluster(#"{\#(X.cluster), "podIdentityAssociations": [{"associationId": "a-1", "namespace": "apps"}]}"#, status: .error),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        PodIdentityReview.evaluate(facts) { association, _ in
            let ref = association.ref.at("association.disableSessionTags", nil)
            if association.disableSessionTags {
                return .fail("association \(association.id) (\(association.qualifiedName)): disableSessionTags is true, role sessions carry no Kubernetes tags", at: ref)
            }
            if let target = association.targetRoleARN {
                return .fail(
                    "association \(association.id) (\(association.qualifiedName)): session tags on; chains from \(association.roleARN) to target role \(target), review its trust",
                    at: association.ref.at("association.targetRoleArn", nil), severity: .info)
            }
            return .pass("association \(association.id) (\(association.qualifiedName)): session tags on, no target role", at: ref)
        }
    }
}
