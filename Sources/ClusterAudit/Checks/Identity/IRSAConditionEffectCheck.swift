import ClusterSnapshot
import EKSGuardCore
import Foundation
import KubernetesAudit

/// EKS-IAM-005: trust conditions that look restrictive but are not.
package struct IRSAConditionEffectCheck: ClusterCheck {
    package init() {}

    typealias X = IdentityExamples

    package static let metadata = CheckMetadata(
        id: "EKS-IAM-005",
        title: "IRSA trust conditions are effective",
        practice: .podIdentity,
        severity: .high,
        rationale: """
            `StringEqualsIfExists` / `StringLikeIfExists` on `<issuer>:sub` and `ForAllValues:` operators are \
            true when the key is absent, and a negated operator (`StringNotEquals`) admits every other \
            subject: none of them restrict who assumes the role. A statement that trusts several OIDC \
            providers with a `:sub` condition for only some of them leaves the other clusters unconstrained \
            (condition keys are per provider).
            """,
        remediation: """
            Use plain `StringEquals` on `:sub`, and give each provider its own statement with its own `:sub` and `:aud` conditions.
            """,
        references: ["bpg:iam-scope-irsa-trust-policy"],
        passing: [
            .cluster(X.irsa(trust: X.webIdentityTrust(X.pinnedCondition()))),
            .cluster(X.irsa(trust: X.webIdentityTrust(nil)), note: "a missing :sub is EKS-IAM-002's finding"),
        ],
        failing: [
            .cluster(
                X.irsa(trust: X.webIdentityTrust(#"{"StringEqualsIfExists": {"\#(X.hostPath):sub": "system:serviceaccount:apps:app"}}"#)),
                expect: ["IAMRole/app"]),
            .cluster(
                X.irsa(trust: X.webIdentityTrust(
                    X.pinnedCondition(),
                    federated: #"["\#(X.provider)", "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/OTHER"]"#)),
                expect: ["IAMRole/app"], note: "the second cluster's tokens are unconstrained"),
            .cluster(X.irsa(trust: X.webIdentityTrust(#"{"StringEquals": {"k": {"nested": 1}}}"#)), status: .error),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        IRSATrustReview.evaluate(facts) { role, grants, irsa, issuer in
            let ref = irsa.ref.at(IRSATrustReview.field, nil)
            var problems: [String] = []
            for grant in grants where !grant.sub.isEmpty {
                let ineffective = grant.sub.filter { condition in
                    let op = condition.conditionOperator
                    return op.ifExists || op.qualifier == .forAllValues || op.negated
                }
                if !ineffective.isEmpty, ineffective.count == grant.sub.count {
                    problems.append("\(grant.label): \(ineffective.map(\.shown).joined(separator: "; ")) does not require a subject")
                }
                let unconstrained = grant.otherProviders.filter { other in
                    guard let slash = other.range(of: ":oidc-provider/") else { return true }
                    return grant.statement.conditions(on: String(other[slash.upperBound...]) + ":sub").isEmpty
                }
                if !unconstrained.isEmpty {
                    problems.append("\(grant.label) also trusts \(unconstrained.joined(separator: ", ")) with no :sub condition of its own")
                }
            }
            if problems.isEmpty {
                return .pass("role \(role.name) (\(irsa.users)): conditions on \(issuer.subKey) are effective (\(grants.map(\.label).joined(separator: ", ")))", at: ref)
            }
            return .fail("role \(role.name) (\(irsa.users)): \(problems.joined(separator: "; "))", at: ref)
        }
    }
}
