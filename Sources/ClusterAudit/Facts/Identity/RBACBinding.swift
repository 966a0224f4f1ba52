import ClusterSnapshot
import EKSGuardCore
import KubernetesAudit

/// A RoleBinding or ClusterRoleBinding with the role it grants, read from the Kubernetes input.
package struct RBACBinding: Sendable {
    package struct Subject: Sendable {
        package var kind: String
        package var name: String
        package var namespace: String?

        /// `Group system:authenticated`, `ServiceAccount apps/app`.
        package var shown: String { "\(kind) \(namespace.map { "\($0)/" } ?? "")\(name)" }
        /// Kubernetes' own and EKS's own identities.
        package var isSystem: Bool { name.hasPrefix("system:") || name.hasPrefix("eks:") }
    }

    package var object: KubernetesObject
    package var roleKind: String
    package var roleName: String
    package var subjects: [Subject]
    /// The granted Role or ClusterRole, nil when it does not exist.
    package var role: KubernetesObject?

    package var name: String { object.name ?? "?" }
    package var shownRole: String { "\(roleKind) \(roleName)" }
    /// Kubernetes' default bindings (and EKS's): named `system:*` / `eks:*`, or labelled as RBAC defaults.
    package var isBuiltIn: Bool {
        name.hasPrefix("system:") || name.hasPrefix("eks:")
            || object.root["metadata"]["labels"]["kubernetes.io/bootstrapping"].string.value == "rbac-defaults"
    }
}

extension KubernetesInventory {
    /// Every RoleBinding and ClusterRoleBinding, each with its role looked up.
    package var rbacBindings: Fetched<[RBACBinding]> {
        objects(Self.role).flatMap { roles in
            objects(Self.clusterRole).flatMap { clusterRoles in
                objects(Self.roleBinding).flatMap { bindings in
                    objects(Self.clusterRoleBinding).map { clusterBindings in
                        (bindings + clusterBindings).map { binding in
                            let kind = binding.root["roleRef"]["kind"].string.value ?? ""
                            let name = binding.root["roleRef"]["name"].string.value ?? ""
                            let role = kind == "Role"
                                ? roles.first { $0.namespace == binding.namespace && $0.name == name }
                                : clusterRoles.first { $0.name == name }
                            let subjects = binding.root["subjects"].items.map { subject in
                                RBACBinding.Subject(
                                    kind: subject["kind"].string.value ?? "?", name: subject["name"].string.value ?? "?",
                                    namespace: subject["namespace"].string.value)
                            }
                            return RBACBinding(object: binding, roleKind: kind, roleName: name, subjects: subjects, role: role)
                        }
                    }
                }
            }
        }
    }
}
