import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// EKS-ACC-010: Kubernetes paths to a shell on a node: RBAC that grants exec-style access to
/// non-admin subjects, and privileged pods sharing the host PID namespace.
package struct NodeShellRBACCheck: ClusterCheck {
    package init() {}

    package static let metadata = CheckMetadata(
        id: "EKS-ACC-010",
        title: "No Kubernetes path to a node shell for non-admin subjects",
        practice: .nodeAccess,
        severity: .high,
        rationale: """
            Closing SSH is not enough: `pods/exec`, `pods/attach` and `pods/ephemeralcontainers` (verbs `create` or \
            `*`) open a shell in any pod, a privileged one included, and `nodes/proxy` (`get`, `create` or `*`) reaches \
            the kubelet API, which runs commands in every pod of a node. A Role or ClusterRole granting one of them, \
            bound to a subject that is not an administrator, is a node-shell path (high). Administrators are the \
            `system:masters` group, `system:` users and groups other than `system:anonymous`, \
            `system:unauthenticated` and `system:authenticated`, kube-system service accounts, and the names in \
            `node-shell-allowed-subjects` (comma-separated). Bindings to `cluster-admin` are EKS-IAM-020's. A pod with \
            `hostPID: true` and a privileged container is a node shell already (nsenter), so it is flagged too.
            """,
        remediation: """
            Remove exec, attach, ephemeralcontainers and nodes/proxy from roles bound to developers and CI, grant them \
            just in time to an audited group, and run no privileged hostPID pods outside vetted system DaemonSets.
            """,
        references: ["CIS-EKS-1.8.0:4.1.10", "kubescape:C-0002", "kubescape:C-0279", "bpg:hosts/minimize-access-to-worker-nodes"],
        passing: [
            .cluster(#"""
                {"kubernetes": [
                  {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "shell"}, "rules": [{"apiGroups": [""], "resources": ["pods/exec"], "verbs": ["create"]}]},
                  {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": {"name": "breakglass"}, "roleRef": {"kind": "ClusterRole", "name": "shell"},
                   "subjects": [{"kind": "Group", "name": "platform-breakglass"}]},
                  {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "viewer"}, "rules": [{"apiGroups": [""], "resources": ["pods", "pods/log"], "verbs": ["get", "list"]}]},
                  {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": {"name": "devs-view"}, "roleRef": {"kind": "ClusterRole", "name": "viewer"}, "subjects": [{"kind": "Group", "name": "devs"}]}]}
                """#, options: ["node-shell-allowed-subjects": "platform-breakglass"]),
        ],
        failing: [
            .cluster(#"""
                {"kubernetes": [
                  {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": {"name": "debug", "namespace": "app"}, "rules": [{"apiGroups": ["*"], "resources": ["pods/ephemeralcontainers"], "verbs": ["*"]}]},
                  {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding", "metadata": {"name": "devs-debug", "namespace": "app"}, "roleRef": {"kind": "Role", "name": "debug"}, "subjects": [{"kind": "Group", "name": "devs"}]},
                  {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "kubelet-api"}, "rules": [{"apiGroups": [""], "resources": ["nodes/proxy"], "verbs": ["get"]}]},
                  {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": {"name": "monitoring"}, "roleRef": {"kind": "ClusterRole", "name": "kubelet-api"},
                   "subjects": [{"kind": "ServiceAccount", "name": "scraper", "namespace": "monitoring"}]}]}
                """#, expect: ["RoleBinding/app/devs-debug", "ClusterRoleBinding/monitoring"]),
            .cluster(#"""
                {"kubernetes": [{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "node-shell", "namespace": "default"},
                                 "spec": {"hostPID": true, "containers": [{"name": "sh", "image": "alpine", "securityContext": {"privileged": true}}]}}]}
                """#, expect: ["Pod/default/node-shell/sh"], note: "privileged + hostPID"),
            .cluster(#"{"cluster": {"name": "prod"}}"#, status: .error, note: "no Kubernetes input"),
        ]
    )

    private static let shellResources = ["pods/exec", "pods/attach", "pods/ephemeralcontainers", "nodes/proxy"]

    package func evaluate(_ facts: ClusterFacts, in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        guard let inventory = facts.requireKubernetes.value(orReportAt: facts.resource, into: &findings) else { return findings }
        let allowed = Set(context.list("node-shell-allowed-subjects", default: []))
        var roles: [String: [String]] = [:]
        for (kind, scoped) in [(KubernetesInventory.clusterRole, false), (KubernetesInventory.role, true)] {
            guard let objects = inventory.objects(kind).value(orReportAt: facts.resource, into: &findings) else { return findings }
            for role in objects {
                let key = scoped ? "Role/\(role.namespace ?? "")/\(role.name ?? "")" : "ClusterRole/\(role.name ?? "")"
                roles[key] = Self.shellGrants(role.root["rules"])
            }
        }
        var bindingsChecked = 0
        for (kind, scoped) in [(KubernetesInventory.clusterRoleBinding, false), (KubernetesInventory.roleBinding, true)] {
            guard let bindings = inventory.objects(kind).value(orReportAt: facts.resource, into: &findings) else { return findings }
            for binding in bindings {
                bindingsChecked += 1
                let roleRef = binding.root["roleRef"]
                let roleName = roleRef["name"].string.value ?? ""
                guard roleName != "cluster-admin" else { continue }
                let key = roleRef["kind"].string.value == "Role" && scoped ? "Role/\(binding.namespace ?? "")/\(roleName)" : "ClusterRole/\(roleName)"
                guard let grants = roles[key], !grants.isEmpty else { continue }
                let subjects = binding.root["subjects"].items.compactMap { subject -> String? in
                    let kind = subject["kind"].string.value ?? "?"
                    let name = subject["name"].string.value ?? "?"
                    let namespace = subject["namespace"].string.value
                    return Self.isAdmin(kind: kind, name: name, namespace: namespace, allowed: allowed) ? nil : "\(kind) \(namespace.map { "\($0)/" } ?? "")\(name)"
                }
                let ref = binding.resource.at(binding.root["subjects"].path, binding.root["subjects"].position)
                if subjects.isEmpty {
                    findings.append(.pass("\(key) grants \(grants.joined(separator: ", ")) only to administrators", at: ref))
                } else {
                    findings.append(.fail("\(key) grants \(grants.joined(separator: ", ")) to \(subjects.joined(separator: ", "))", at: ref))
                }
            }
        }
        if let gap = inventory.workloadGap { findings.append(.gap(gap, at: facts.resource)) }
        for workload in inventory.workloads where workload.spec["hostPID"].bool.value == true {
            let privileged = workload.containers.filter { $0.securityContext["privileged"].bool.value == true }
            guard let container = privileged.first else { continue }
            findings.append(.fail("hostPID with privileged \(container.label): a shell in it is a root shell on the node (nsenter -t 1)",
                                  at: workload.ref(container.securityContext["privileged"], container: container)))
        }
        if !findings.contains(where: { $0.status != .pass }) {
            findings.append(.pass("\(bindingsChecked) RBAC bindings checked: none grants exec, attach, ephemeral containers or nodes/proxy to non-admin subjects; no privileged hostPID pods", at: facts.resource))
        }
        return findings
    }

    /// `pods/exec (create)`-style grants of node-shell resources in a rules list.
    static func shellGrants(_ rules: Cursor) -> [String] {
        var grants: [String] = []
        for rule in rules.items {
            let groups = rule["apiGroups"].stringList.value?.map(\.0) ?? []
            guard groups.contains("") || groups.contains("*") else { continue }
            let resources = rule["resources"].stringList.value?.map(\.0) ?? []
            let verbs = rule["verbs"].stringList.value?.map(\.0) ?? []
            for resource in shellResources where resources.contains(resource) || resources.contains("*") {
                let risky = resource == "nodes/proxy" ? ["get", "create", "*"] : ["create", "*"]
                if let verb = verbs.first(where: risky.contains) { grants.append("\(resource) (\(verb))") }
            }
        }
        return grants
    }

    static func isAdmin(kind: String, name: String, namespace: String?, allowed: Set<String>) -> Bool {
        if allowed.contains(name) { return true }
        if kind == "ServiceAccount" { return namespace == "kube-system" }
        if ["system:anonymous", "system:unauthenticated", "system:authenticated"].contains(name) { return false }
        return name.hasPrefix("system:")
    }
}
