import KubernetesAudit

extension AuditedKind {
    /// The least-privilege ClusterRole live reading needs: `list` on every audited kind, by API
    /// group, and nothing else (no `get` on secrets, no `watch`). docs/kubernetes-input.md prints it.
    package static var clusterRoleYAML: String {
        var groups: [String] = []
        var resources: [String: [String]] = [:]
        for kind in all {
            let group = kind.kind.group
            if resources[group] == nil { groups.append(group) }
            resources[group, default: []].append(kind.resource)
        }
        var lines = [
            "apiVersion: rbac.authorization.k8s.io/v1",
            "kind: ClusterRole",
            "metadata:",
            "  name: eksguard-audit",
            "rules:",
        ]
        for group in groups {
            lines.append("  - apiGroups: [\"\(group)\"]")
            lines.append("    resources: [\((resources[group] ?? []).sorted().joined(separator: ", "))]")
            lines.append("    verbs: [list]")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
