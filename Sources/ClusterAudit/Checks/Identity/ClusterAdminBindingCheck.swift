import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-IAM-020: cluster-admin should be bound to Kubernetes' own identities only.
package struct ClusterAdminBindingCheck: ClusterCheck {
    package init() {}

    typealias K = RBACExamples

    package static let metadata = CheckMetadata(
        id: "EKS-IAM-020",
        title: "cluster-admin is not bound to users, groups or service accounts of your own",
        practice: .podIdentity,
        severity: .high,
        rationale: """
            A ClusterRoleBinding of `cluster-admin` gives its subjects every permission on every resource. \
            Subjects other than Kubernetes' and EKS's own (`system:*`, `eks:*`) fail, one finding per binding.
            """,
        remediation: """
            kubectl delete clusterrolebinding NAME, and bind a role with only the permissions needed instead.
            """,
        references: ["CIS-EKS-1.8.0:4.1.1", "CIS-EKS-1.7.0:4.1.1", "CIS-EKS-1.5.0:4.1.1", "CIS-EKS-1.2.0:4.1.1", "kubescape:C-0185", "kubescape:C-0035", "prowler:rbac_cluster_admin_usage", "kube-linter:cluster-admin-role-binding"],
        passing: [
            .cluster(K.kubernetes(K.clusterBinding("cluster-admin", role: "cluster-admin", subjects: K.group("system:masters")))),
            .cluster(K.kubernetes(), note: "no bindings"),
        ],
        failing: [
            .cluster(K.kubernetes(K.clusterBinding("ops", role: "cluster-admin", subjects: K.user("alice"))), expect: ["ClusterRoleBinding/ops"]),
            .cluster(#"{"cluster": {"name": "prod"}}"#, status: .error),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let bindings = facts.requireKubernetes.flatMap(\.rbacBindings).value(orReportAt: facts.resource, into: &findings) else { return findings }
        for binding in bindings where binding.object.kind == "ClusterRoleBinding" && binding.roleName == "cluster-admin" {
            let ref = binding.object.resource.at("subjects", nil)
            let own = binding.subjects.filter { !$0.isSystem }
            if own.isEmpty {
                findings.append(.pass("binds cluster-admin to \(binding.subjects.map(\.shown).joined(separator: ", "))", at: ref))
            } else {
                findings.append(.fail("binds cluster-admin to \(own.map(\.shown).joined(separator: ", "))", at: ref))
            }
        }
        if findings.isEmpty { return [.pass("no ClusterRoleBinding grants cluster-admin (\(bindings.count) binding(s) read)", at: facts.resource)] }
        return findings
    }
}
