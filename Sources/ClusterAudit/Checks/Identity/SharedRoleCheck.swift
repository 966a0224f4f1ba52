import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-IAM-015: one role per application; and no role that trusts the cluster's provider without
/// any service account using it.
package struct SharedRoleCheck: ClusterCheck {
    package init() {}

    typealias X = IdentityExamples

    static let setting = "shared-role-max-service-accounts"

    static func listed(_ name: String) -> String {
        #"[{"RoleName": "\#(name)", "Arn": "\#(X.roleARN(name))", "AssumeRolePolicyDocument": \#(X.webIdentityTrust(X.pinnedCondition()))}]"#
    }

    package static let metadata = CheckMetadata(
        id: "EKS-IAM-015",
        title: "Each IAM role serves one application; no unused IRSA trust",
        practice: .podIdentity,
        severity: .low,
        rationale: """
            A role used by service accounts of several namespaces (IRSA annotations or Pod Identity \
            associations), or by more than `shared-role-max-service-accounts` (default 3) service accounts, \
            gives each of them the union of what the others need. Pod Identity with session tags is the \
            accepted exception (policies can scope by `kubernetes-namespace`). A role in `iam:ListRoles` whose \
            trust names this cluster's OIDC provider but that no service account uses is a standing grant \
            nobody needs.
            """,
        remediation: """
            Create one role per application (per service account), and delete or untrust roles no service account uses.
            """,
        references: ["bpg:iam-one-role-per-application"],
        passing: [
            .cluster(X.irsa(trust: X.webIdentityTrust(X.pinnedCondition()))),
            .cluster(
                #"{\#(X.cluster), "podIdentityAssociations": [{"associationId": "a-1", "namespace": "a", "serviceAccount": "s", "roleArn": "\#(X.roleARN("r"))"}, {"associationId": "a-2", "namespace": "b", "serviceAccount": "s", "roleArn": "\#(X.roleARN("r"))"}], "calls": [{"call": "iam:ListRoles", "response": {"Roles": []}}], "kubernetes": []}"#,
                note: "Pod Identity with session tags (ABAC)"),
        ],
        failing: [
            .cluster(
                #"{\#(X.cluster), "calls": [{"call": "iam:ListRoles", "response": {"Roles": []}}], "kubernetes": [\#(X.serviceAccount("a", "s", role: "r")), \#(X.serviceAccount("b", "s", role: "r"))]}"#,
                expect: ["IAMRole/r"], note: "two namespaces"),
            .cluster(X.irsa(trust: X.webIdentityTrust(X.pinnedCondition()), listed: listed("orphan")), expect: ["IAMRole/orphan"], note: "unused trust"),
            .cluster(#"{\#(X.cluster), "kubernetes": []}"#, status: .error, note: "no iam:ListRoles"),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        let ref = facts.resource.at("eks.amazonaws.com/role-arn", nil)
        var findings: [Finding] = []
        guard let aws = facts.requireAWS.value(orReportAt: ref, into: &findings),
              let associations = aws.associations.value(orReportAt: ref, into: &findings),
              let found = facts.irsaRoles.value(orReportAt: ref, into: &findings)
        else { return findings }
        findings += (found?.gaps ?? []).map { .gap($0, at: ref) }
        var irsaUsers: [String: [AnnotatedServiceAccount]] = [:]
        for role in found?.roles ?? [] { irsaUsers[role.arn] = role.serviceAccounts }
        var podIdentityUsers: [String: [PodIdentityAssociation]] = [:]
        for (child, read) in associations {
            guard let association = read.value(orReportAt: PodIdentityAssociation.ref(child), into: &findings) else { continue }
            podIdentityUsers[association.roleARN, default: []].append(association)
        }
        let limit = context.integer(Self.setting, default: 3)
        for arn in Set(irsaUsers.keys).union(podIdentityUsers.keys).sorted() {
            let at = ResourceRef(kind: "IAMRole", name: IAMRole.name(of: arn), arn: arn)
            let irsa = irsaUsers[arn] ?? []
            let pods = podIdentityUsers[arn] ?? []
            let users = (irsa.map(\.qualifiedName) + pods.map(\.qualifiedName)).sorted()
            let namespaces = Set(irsa.map(\.namespace) + pods.map(\.namespace))
            if users.isEmpty {
                findings.append(.fail("role \(at.name!) trusts \(found?.issuer.hostPath ?? "the cluster's provider") but no service account uses it", at: at))
            } else if (namespaces.count > 1 || users.count > limit), !(irsa.isEmpty && pods.allSatisfy { !$0.disableSessionTags }) {
                findings.append(.fail(
                    "role \(at.name!) is shared by \(users.count) service account(s) in \(namespaces.count) namespace(s): \(users.joined(separator: ", "))",
                    at: at))
            } else {
                findings.append(.pass("role \(at.name!) is used by \(users.joined(separator: ", "))\(irsa.isEmpty ? " (Pod Identity, session tags on)" : "")", at: at))
            }
        }
        if findings.isEmpty { return [.notApplicable("no service account uses an IAM role", at: ref)] }
        return findings
    }
}
