import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-IAM-003: `StringLike` wildcards on `:sub`, or a wildcard provider, widen an IRSA trust to a
/// namespace or the whole cluster (or every cluster).
package struct IRSAWildcardSubjectCheck: ClusterCheck {
    package init() {}

    typealias X = IdentityExamples

    package static let metadata = CheckMetadata(
        id: "EKS-IAM-003",
        title: "IRSA trust policies do not use wildcard subjects",
        practice: .podIdentity,
        severity: .high,
        rationale: """
            `StringLike` (or `ForAnyValue:StringLike`) on `<issuer>:sub` with `system:serviceaccount:*` \
            or `*` lets every service account assume the role (high); `system:serviceaccount:<ns>:*` \
            lets every service account of one namespace do so (medium). A `*` in the provider part of \
            `Principal.Federated` trusts every cluster's issuer (high). `StringEquals` with a `*` is a \
            literal and not a wildcard.
            """,
        remediation: """
            Replace the pattern with `StringEquals` on the exact subject `system:serviceaccount:<namespace>:<name>`, \
            and name the cluster's provider ARN without wildcards.
            """,
        references: ["CIS-EKS-1.8.0:5.2.1", "bpg:iam-scope-irsa-trust-policy"],
        passing: [
            .cluster(X.irsa(trust: X.webIdentityTrust(X.pinnedCondition()))),
            .cluster(
                X.irsa(trust: X.webIdentityTrust(#"{"StringEquals": {"\#(X.hostPath):sub": "system:serviceaccount:apps:*"}}"#)),
                note: "StringEquals treats * literally"),
        ],
        failing: [
            .cluster(
                X.irsa(trust: X.webIdentityTrust(#"{"StringLike": {"\#(X.hostPath):sub": "system:serviceaccount:*"}}"#)),
                expect: ["IAMRole/app"], note: "high: any service account"),
            .cluster(
                X.irsa(trust: X.webIdentityTrust(#"{"ForAnyValue:StringLike": {"\#(X.hostPath):sub": ["system:serviceaccount:apps:*"]}}"#)),
                expect: ["IAMRole/app"], note: "medium: one namespace"),
            .cluster(
                X.irsa(trust: X.webIdentityTrust(X.pinnedCondition(), federated: #""arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/*""#)),
                expect: ["IAMRole/app"], note: "high: every cluster of the region"),
            .cluster(X.irsa(trust: #"{"Statement": [{"Effect": "Maybe", "Action": "sts:AssumeRole"}]}"#), status: .error, note: "unknown Effect"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        IRSATrustReview.evaluate(facts) { role, grants, irsa, _ in
            let ref = irsa.ref.at(IRSATrustReview.field, nil)
            let providers = Set(grants.flatMap(\.wildcardProviders)).sorted()
            let subjects = grants.flatMap(\.wildcardSubjects)
            if providers.isEmpty, subjects.isEmpty {
                let shown = grants.flatMap { $0.sub.map(\.shown) }
                return .pass("role \(role.name) (\(irsa.users)): no wildcard subject or provider (\(shown.isEmpty ? "no :sub condition" : shown.joined(separator: "; ")))", at: ref)
            }
            var problems: [String] = []
            if !providers.isEmpty { problems.append("provider \(providers.joined(separator: ", ")) matches every cluster's issuer") }
            if !subjects.isEmpty { problems.append(":sub patterns \(subjects.map(\.value).joined(separator: ", "))") }
            let wide = !providers.isEmpty || subjects.contains { $0.allNamespaces }
            return .fail(
                "role \(role.name) (\(irsa.users)): \(problems.joined(separator: "; ")) let \(wide ? "any service account" : "every service account of a namespace") assume it",
                at: ref, severity: wide ? .high : .medium)
        }
    }
}
