import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-IAM-021: the RBAC grants CIS lists as dangerous, judged per binding (a role nobody holds
/// grants nothing).
package struct RBACLeastPrivilegeCheck: ClusterCheck {
    package init() {}

    typealias K = RBACExamples

    static let anonymousGroups: Set<String> = ["system:anonymous", "system:unauthenticated"]

    package static let metadata = CheckMetadata(
        id: "EKS-IAM-021",
        title: "RBAC bindings grant least privilege",
        practice: .podIdentity,
        severity: .high,
        rationale: """
            For every RoleBinding and ClusterRoleBinding that is not a Kubernetes or EKS default, the granted \
            role's rules are searched for: wildcard verbs or resources (CIS 4.1.3), get/list/watch on secrets \
            (4.1.2), create pods (4.1.4), bind/escalate/impersonate (4.1.8), create persistentvolumes (4.1.9), \
            nodes/proxy (4.1.10), changes to admission webhook configurations (4.1.11) and create \
            serviceaccounts/token (4.1.12); and any binding of a non-default role to system:anonymous, \
            system:unauthenticated or system:authenticated. One finding per binding, with the CIS items it \
            hits as references; high when it grants wildcards, secrets, escalation, nodes/proxy or anonymous \
            access, medium otherwise. cluster-admin bindings are EKS-IAM-020's.
            """,
        remediation: """
            Narrow the role to the verbs and resources the subject needs, or bind it to fewer subjects; \
            never bind roles to system:anonymous, system:unauthenticated or system:authenticated.
            """,
        references: [
            "CIS-EKS-1.8.0:4.1.2", "CIS-EKS-1.8.0:4.1.3", "CIS-EKS-1.8.0:4.1.4", "CIS-EKS-1.8.0:4.1.8", "kubescape:C-0186",
            "kubescape:C-0187", "kubescape:C-0188", "kubescape:C-0191", "kubescape:C-0262", "kubescape:C-0265", "prowler:rbac_minimize_secret_access",
        ],
        passing: [
            .cluster(K.kubernetes(
                K.clusterRole("reader", rules: #"[{"apiGroups": [""], "resources": ["pods", "configmaps"], "verbs": ["get", "list"]}]"#),
                K.clusterBinding("readers", role: "reader", subjects: K.group("devs")))),
            .cluster(K.kubernetes(K.clusterBinding("system:discovery", role: "system:discovery", subjects: K.group("system:authenticated"))), note: "default binding"),
        ],
        failing: [
            .cluster(
                K.kubernetes(
                    K.clusterRole("secrets", rules: #"[{"apiGroups": [""], "resources": ["secrets"], "verbs": ["list"]}]"#),
                    K.clusterBinding("ci", role: "secrets", subjects: K.user("ci"))),
                expect: ["ClusterRoleBinding/ci"], note: "high"),
            .cluster(
                K.kubernetes(
                    K.clusterRole("deployer", rules: #"[{"apiGroups": [""], "resources": ["pods"], "verbs": ["create"]}]"#),
                    K.clusterBinding("deployers", role: "deployer", subjects: K.user("ci"))),
                note: "medium"),
            .cluster(
                K.kubernetes(
                    K.clusterRole("reader", rules: #"[{"apiGroups": [""], "resources": ["pods"], "verbs": ["get"]}]"#),
                    K.clusterBinding("open", role: "reader", subjects: K.group("system:unauthenticated"))),
                expect: ["ClusterRoleBinding/open"]),
            .cluster(#"{"cluster": {"name": "prod"}}"#, status: .error),
        ]
    )

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let bindings = facts.requireKubernetes.flatMap(\.rbacBindings).value(orReportAt: facts.resource, into: &findings) else { return findings }
        for binding in bindings where !binding.isBuiltIn && binding.roleName != "cluster-admin" {
            let ref = binding.object.resource.at("roleRef", nil)
            var risks = binding.role.map { RBACRisk.of(role: $0) } ?? []
            if binding.subjects.contains(where: { Self.anonymousGroups.contains($0.name) }) { risks.append(.anonymous) }
            if binding.subjects.contains(where: { $0.name == "system:authenticated" }) { risks.append(.authenticated) }
            let subjects = binding.subjects.map(\.shown).joined(separator: ", ")
            guard !risks.isEmpty else {
                let state = binding.role == nil ? " (role not found)" : ""
                findings.append(.pass("grants \(binding.shownRole)\(state) to \(subjects): no risky permission", at: ref))
                continue
            }
            var finding = Finding.fail(
                "grants \(binding.shownRole) to \(subjects): \(risks.map(\.what).joined(separator: "; "))",
                at: ref, severity: risks.contains(where: \.severe) ? .high : .medium)
            finding.references = risks.flatMap(\.references)
            findings.append(finding)
        }
        if findings.isEmpty { return [.notApplicable("no RoleBinding or ClusterRoleBinding besides the defaults and cluster-admin", at: facts.resource)] }
        return findings
    }
}
