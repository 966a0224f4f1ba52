/// The kinds the audit reads, with what a client needs to list them. The live reader lists exactly
/// these; `eksguard audit --help` prints the `kubectl get` command that dumps the same set.
package struct AuditedKind: Sendable {
    package var kind: KubernetesInventory.Kind
    /// `v1`, `apps/v1`, `security.istio.io/v1`: the version listed.
    package var apiVersion: String
    /// The resource's plural name in URLs (`clusterrolebindings`).
    package var resource: String
    package var namespaced: Bool
    /// Defined by a CRD: when the API server does not serve it, the cluster has none (not a gap).
    package var optional: Bool

    init(_ group: String, _ version: String, _ kind: String, _ resource: String, namespaced: Bool = true, optional: Bool = false) {
        self.kind = .init(group, kind)
        apiVersion = group.isEmpty ? version : "\(group)/\(version)"
        self.resource = resource
        self.namespaced = namespaced
        self.optional = optional
    }

    /// Secrets are left out on purpose: reading them needs the most sensitive permission in the
    /// cluster, and the checks find static keys in pod specs instead.
    package static let all: [AuditedKind] = [
        .init("", "v1", "Namespace", "namespaces", namespaced: false),
        .init("", "v1", "Node", "nodes", namespaced: false),
        .init("", "v1", "Pod", "pods"),
        .init("", "v1", "ServiceAccount", "serviceaccounts"),
        .init("", "v1", "ConfigMap", "configmaps"),
        .init("", "v1", "Service", "services"),
        .init("apps", "v1", "Deployment", "deployments"),
        .init("apps", "v1", "DaemonSet", "daemonsets"),
        .init("apps", "v1", "StatefulSet", "statefulsets"),
        .init("apps", "v1", "ReplicaSet", "replicasets"),
        .init("batch", "v1", "Job", "jobs"),
        .init("batch", "v1", "CronJob", "cronjobs"),
        .init("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies"),
        .init("networking.k8s.io", "v1", "Ingress", "ingresses"),
        .init("rbac.authorization.k8s.io", "v1", "Role", "roles"),
        .init("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings"),
        .init("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", namespaced: false),
        .init("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", namespaced: false),
        .init("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", namespaced: false),
        .init("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", namespaced: false),
        .init("security.istio.io", "v1", "PeerAuthentication", "peerauthentications", optional: true),
        .init("networking.istio.io", "v1", "DestinationRule", "destinationrules", optional: true),
        .init("appmesh.k8s.aws", "v1beta2", "VirtualNode", "virtualnodes", optional: true),
        .init("appmesh.k8s.aws", "v1beta2", "Mesh", "meshes", namespaced: false, optional: true),
        .init("cilium.io", "v2", "CiliumNode", "ciliumnodes", namespaced: false, optional: true),
        .init("crd.projectcalico.org", "v1", "FelixConfiguration", "felixconfigurations", namespaced: false, optional: true),
        .init("policy.linkerd.io", "v1beta3", "Server", "servers", optional: true),
        .init("policy.linkerd.io", "v1alpha1", "AuthorizationPolicy", "authorizationpolicies", optional: true),
        .init("templates.gatekeeper.sh", "v1", "ConstraintTemplate", "constrainttemplates", namespaced: false, optional: true),
        .init("kyverno.io", "v1", "ClusterPolicy", "clusterpolicies", namespaced: false, optional: true),
        .init("karpenter.k8s.aws", "v1", "EC2NodeClass", "ec2nodeclasses", namespaced: false, optional: true),
        .init("karpenter.sh", "v1", "NodePool", "nodepools", namespaced: false, optional: true),
        .init("aquasecurity.github.io", "v1alpha1", "VulnerabilityReport", "vulnerabilityreports", optional: true),
    ]

    /// The shell command that dumps what `audit --manifests` expects. kubectl resolves every
    /// resource type before listing any and fails outright on one the server does not serve, and
    /// `--ignore-not-found` only covers named objects: so the built-in kinds are one listing, and
    /// each CRD kind its own, skipped quietly when not served; a CRD listing that printed
    /// anything starts a new YAML document (`---`).
    package static var kubectlDumpCommand: String {
        func name(_ kind: AuditedKind) -> String {
            kind.kind.group.isEmpty ? kind.resource : "\(kind.resource).\(kind.kind.group)"
        }
        let builtIn = all.filter { !$0.optional }.map(name).joined(separator: ",")
        let crds = all.filter(\.optional).map(name).joined(separator: " ")
        return "{ kubectl get -A -o yaml \(builtIn); for r in \(crds); do "
            + #"kubectl get -A -o yaml "$r" 2>/dev/null | awk 'NR==1{print "---"}1'; done; } > cluster-dump.yaml"#
    }
}
