import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-IAM-004: the `:aud` pin keeps tokens minted for other audiences from being exchanged.
package struct IRSAAudienceCheck: ClusterCheck {
    package init() {}

    typealias X = IdentityExamples

    package static let metadata = CheckMetadata(
        id: "EKS-IAM-004",
        title: "IRSA trust policies pin the audience to sts.amazonaws.com",
        practice: .podIdentity,
        severity: .low,
        rationale: """
            The projected IRSA token has audience `sts.amazonaws.com`. A trust statement that also requires \
            `<issuer>:aud = sts.amazonaws.com` (an equality, not `IfExists`, not `ForAllValues`) refuses \
            service-account tokens issued for other audiences (a token a pod was given for another service).
            """,
        remediation: """
            Add `"<issuer>:aud": "sts.amazonaws.com"` under `StringEquals` in every web-identity statement of the trust policy.
            """,
        references: ["bpg:iam-scope-irsa-trust-policy"],
        passing: [.cluster(X.irsa(trust: X.webIdentityTrust(X.pinnedCondition())))],
        failing: [
            .cluster(
                X.irsa(trust: X.webIdentityTrust(#"{"StringEquals": {"\#(X.hostPath):sub": "system:serviceaccount:apps:app"}}"#)),
                expect: ["IAMRole/app"]),
            .cluster(
                X.irsa(trust: X.webIdentityTrust(#"{"StringEquals": {"\#(X.hostPath):sub": "system:serviceaccount:apps:app"}, "StringEqualsIfExists": {"\#(X.hostPath):aud": "sts.amazonaws.com"}}"#)),
                expect: ["IAMRole/app"], note: "IfExists does not pin"),
            .cluster(X.irsa(trust: #"{"Statement": [{"Effect": "Allow", "Principal": {"Robot": "x"}, "Action": "sts:AssumeRole"}]}"#), status: .error),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        IRSATrustReview.evaluate(facts) { role, grants, irsa, issuer in
            let ref = irsa.ref.at(IRSATrustReview.field, nil)
            let unpinned = grants.filter { grant in
                !grant.aud.contains { $0.pinsExactly && $0.values == ["sts.amazonaws.com"] }
            }
            if unpinned.isEmpty {
                return .pass("role \(role.name) (\(irsa.users)): \(issuer.audKey) pinned to sts.amazonaws.com", at: ref)
            }
            let seen = unpinned.flatMap { $0.aud.map(\.shown) }
            return .fail(
                "role \(role.name) (\(irsa.users)): \(unpinned.map(\.label).joined(separator: ", ")) does not pin \(issuer.audKey) to sts.amazonaws.com (\(seen.isEmpty ? "no :aud condition" : seen.joined(separator: "; ")))",
                at: ref)
        }
    }
}
