import ClusterSnapshot
import EKSGuardCore
import Foundation
import KubernetesAudit

/// EKS-IAM-002: an IRSA trust without a `:sub` condition lets every service account of the cluster
/// assume the role.
package struct IRSASubjectConditionCheck: ClusterCheck {
    package init() {}

    typealias X = IdentityExamples

    package static let metadata = CheckMetadata(
        id: "EKS-IAM-002",
        title: "IRSA trust policies pin the service account (`:sub` condition)",
        practice: .podIdentity,
        severity: .critical,
        rationale: """
            A role's trust statement for `sts:AssumeRoleWithWebIdentity` from the cluster's OIDC provider \
            without a condition on `<issuer>:sub` lets any pod of the cluster (any service account token) \
            assume the role. eksguard reads every role named by an `eks.amazonaws.com/role-arn` annotation \
            and every role in `iam:ListRoles` whose trust names the provider, URL-decodes the trust policy, \
            and grades by what the role may do: critical when its attached (default version) or inline \
            policies allow writes or everything (or cannot all be read), high when they only read.
            """,
        remediation: """
            Add `"StringEquals": {"<issuer>:sub": "system:serviceaccount:<namespace>:<name>", \
            "<issuer>:aud": "sts.amazonaws.com"}` to the trust statement: \
            aws iam update-assume-role-policy --role-name ROLE --policy-document file://trust.json.
            """,
        references: ["CIS-EKS-1.8.0:5.2.1", "CIS-EKS-1.7.0:5.2.1", "bpg:iam-scope-irsa-trust-policy"],
        passing: [
            .cluster(X.irsa(trust: X.webIdentityTrust(X.pinnedCondition()))),
            .cluster(
                X.irsa(trust: "\"" + X.webIdentityTrust(X.pinnedCondition()).replacingOccurrences(of: "\"", with: "%22")
                    .replacingOccurrences(of: "{", with: "%7B").replacingOccurrences(of: "}", with: "%7D") + "\""),
                note: "trust policy still URL-encoded as the raw API sends it"),
            .cluster(#"{"cluster": {"name": "prod"}, "kubernetes": []}"#, note: "no OIDC issuer: not applicable"),
        ],
        failing: [
            .cluster(X.irsa(trust: X.webIdentityTrust(nil), policy: X.writePolicy), expect: ["IAMRole/app"], note: "critical: writes"),
            .cluster(
                X.irsa(trust: X.webIdentityTrust(#"{"StringEquals": {"\#(X.hostPath):aud": "sts.amazonaws.com"}}"#)),
                expect: [IRSATrustReview.field], note: "high: read-only role, only aud pinned"),
            .cluster(X.irsa(trust: #"{"Statement": "oops"}"#), status: .error, note: "malformed trust policy"),
            .cluster(
                #"{\#(X.cluster), "calls": [{"call": "iam:GetRole", "parameters": {"RoleName": "app"}, "error": "AccessDenied"}, {"call": "iam:ListRoles", "response": {"Roles": []}}], "kubernetes": [\#(X.serviceAccount("apps", "app", role: "app"))]}"#,
                status: .error, note: "role not readable"),
            .cluster(#"{\#(X.cluster)}"#, status: .error, note: "no Kubernetes input, no iam:ListRoles"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        IRSATrustReview.evaluate(facts) { role, grants, irsa, issuer in
            let unpinned = grants.filter { $0.sub.isEmpty }
            let ref = irsa.ref.at(IRSATrustReview.field, nil)
            guard !unpinned.isEmpty else {
                let subjects = grants.flatMap { $0.sub.map(\.shown) }
                return .pass("role \(role.name) (\(irsa.users)): \(subjects.joined(separator: "; "))", at: ref)
            }
            let permissions = role.permissions
            let severity: Severity
            let reach: String
            switch permissions {
            case .success(let found):
                severity = found.level >= .write || !found.unread.isEmpty ? .critical : .high
                reach = found.shown
            case .failure(let gap):
                severity = .critical
                reach = "permissions not read: \(gap.reason)"
            }
            let labels = unpinned.map(\.label).joined(separator: ", ")
            return .fail(
                "role \(role.name) (\(irsa.users)): \(labels) trusts \(issuer.hostPath) with no \(issuer.subKey) condition, so any service account of the cluster can assume it; the role has \(reach)",
                at: ref, severity: severity)
        }
    }
}
