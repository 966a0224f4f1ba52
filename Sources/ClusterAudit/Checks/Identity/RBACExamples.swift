/// Builders for the RBAC examples of IAM-020 and IAM-021.
enum RBACExamples {
    static func clusterRole(_ name: String, rules: String) -> String {
        #"{"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "\#(name)"}, "rules": \#(rules)}"#
    }

    static func clusterBinding(_ name: String, role: String, subjects: String) -> String {
        #"{"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": {"name": "\#(name)"}, "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "\#(role)"}, "subjects": \#(subjects)}"#
    }

    static func user(_ name: String) -> String { #"[{"kind": "User", "name": "\#(name)"}]"# }
    static func group(_ name: String) -> String { #"[{"kind": "Group", "name": "\#(name)"}]"# }

    static func kubernetes(_ objects: String...) -> String { #"{"kubernetes": [\#(objects.joined(separator: ", "))]}"# }
}
