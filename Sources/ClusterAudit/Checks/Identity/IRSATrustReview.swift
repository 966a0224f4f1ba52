import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// The walk IAM-002…005 share: every IRSA role of the cluster, its trust policy read, and the
/// statements that trust this cluster's issuer handed to a check's judgement. Missing data
/// (no issuer data, a role not in the snapshot, an unreadable trust policy) is reported here once,
/// the same way for each check.
enum IRSATrustReview {
    static let field = "Role.AssumeRolePolicyDocument"

    static func evaluate(
        _ facts: ClusterFacts,
        judge: (_ role: IAMRole, _ grants: [WebIdentityGrant], _ irsa: IRSARole, _ issuer: OIDCIssuer) -> Finding
    ) -> [Finding] {
        let clusterRef = facts.resource.at("cluster.identity.oidc.issuer", nil)
        var findings: [Finding] = []
        guard let found = facts.irsaRoles.value(orReportAt: clusterRef, into: &findings) else { return findings }
        guard let inventory = found else {
            return [.notApplicable("the cluster has no OIDC issuer, so no role can be assumed through IRSA", at: clusterRef)]
        }
        findings += inventory.gaps.map { .gap($0, at: clusterRef) }
        if inventory.roles.isEmpty, findings.isEmpty {
            return [.notApplicable("no service account names an IAM role and no role trusts \(inventory.issuer.hostPath)", at: clusterRef)]
        }
        for irsa in inventory.roles {
            let ref = irsa.ref.at(field, nil)
            guard let role = irsa.role.value(orReportAt: ref, into: &findings),
                  let trust = role.trust.value(orReportAt: ref, into: &findings)
            else { continue }
            let grants = WebIdentityGrant.grants(in: trust, for: inventory.issuer)
            if grants.isEmpty {
                findings.append(.notApplicable(
                    "role \(role.name) (\(irsa.users)) does not let \(inventory.issuer.hostPath) assume it with \(WebIdentityGrant.action)",
                    at: ref))
                continue
            }
            findings.append(judge(role, grants, irsa, inventory.issuer))
        }
        return findings
    }
}
