import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-IAM-006: a Pod Identity role's trust should name the pods service, allow session tags and
/// carry confused-deputy conditions.
package struct PodIdentityTrustCheck: ClusterCheck {
    package init() {}

    typealias X = IdentityExamples

    static let service = "pods.eks.amazonaws.com"
    static let sourceKeys = ["aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgId"]

    static func example(_ condition: String, actions: String = #"["sts:AssumeRole", "sts:TagSession"]"#) -> String {
        let trust = #"{"Statement": [{"Effect": "Allow", "Principal": {"Service": "pods.eks.amazonaws.com"}, "Action": \#(actions)\#(condition)}]}"#
        return #"{\#(X.cluster), "podIdentityAssociations": [{"associationId": "a-1", "namespace": "apps", "serviceAccount": "app", "roleArn": "\#(X.roleARN("app"))"}], "calls": [\#(X.roleCalls("app", trust: trust))]}"#
    }

    package static let metadata = CheckMetadata(
        id: "EKS-IAM-006",
        title: "Pod Identity role trust names the pods service with source conditions",
        practice: .podIdentity,
        severity: .medium,
        rationale: """
            An EKS Pod Identity role trusts `Principal.Service = pods.eks.amazonaws.com` for \
            `sts:AssumeRole` and `sts:TagSession`. Without an `aws:SourceAccount`, `aws:SourceArn` or \
            `aws:SourceOrgId` condition any cluster in any account whose operators can create associations \
            and pass the role can use it (medium). Without `sts:TagSession` (or without the pods service) \
            the association fails and pods fall back to other credentials (info).
            """,
        remediation: """
            Allow `sts:AssumeRole` and `sts:TagSession` for `pods.eks.amazonaws.com` with \
            `"StringEquals": {"aws:SourceAccount": "ACCOUNT"}` and `"ArnEquals": {"aws:SourceArn": "CLUSTER_ARN"}`.
            """,
        references: ["bpg:iam-pod-identities", "prowler:iam_role_cross_service_confused_deputy_prevention"],
        passing: [
            .cluster(example(#", "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}"#)),
            .cluster(#"{\#(X.cluster)}"#, note: "no associations: not applicable"),
        ],
        failing: [
            .cluster(example(""), expect: ["PodIdentityAssociation/apps/app"], note: "medium"),
            .cluster(example(#", "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}"#, actions: #""sts:AssumeRole""#), note: "info: no TagSession"),
            .cluster(
                #"{\#(X.cluster), "podIdentityAssociations": [{"associationId": "a-1", "namespace": "apps", "serviceAccount": "app", "roleArn": "\#(X.roleARN("app"))"}]}"#,
                status: .error, note: "role not collected"),
            .cluster(#"{\#(X.cluster), "calls": [{"call": "eks:ListPodIdentityAssociations", "error": "AccessDeniedException"}]}"#, status: .error),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        PodIdentityReview.evaluate(facts) { association, aws in
            let ref = association.ref.at("association.roleArn", nil)
            var findings: [Finding] = []
            guard let role = aws.role(arn: association.roleARN).value(orReportAt: ref, into: &findings),
                  let trust = role.trust.value(orReportAt: ref, into: &findings)
            else { return findings[0] }
            let statements = trust.statements.filter {
                $0.effect == .allow && ($0.principal?.values("Service").contains(Self.service) ?? false)
            }
            let canAssume = statements.contains { $0.allows("sts:AssumeRole") }
            let canTag = statements.contains { $0.allows("sts:TagSession") }
            guard canAssume, canTag else {
                let missing = !canAssume ? "sts:AssumeRole for \(Self.service)" : "sts:TagSession"
                return .fail("role \(role.name) of \(association.qualifiedName): trust does not allow \(missing); the association cannot work", at: ref, severity: .info)
            }
            let sources = statements.flatMap { statement in
                Self.sourceKeys.flatMap { statement.conditions(on: $0) }.filter { !$0.conditionOperator.negated && !$0.conditionOperator.ifExists }
            }
            if sources.isEmpty {
                return .fail(
                    "role \(role.name) of \(association.qualifiedName): trusts \(Self.service) with no \(Self.sourceKeys.joined(separator: "/")) condition",
                    at: ref)
            }
            return .pass("role \(role.name) of \(association.qualifiedName): \(sources.map(\.shown).joined(separator: "; "))", at: ref)
        }
    }
}
