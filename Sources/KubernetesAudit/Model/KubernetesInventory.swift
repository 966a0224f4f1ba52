import EKSGuardCore

/// The Kubernetes objects of one cluster, as the audit reads them: from manifest files or a
/// `kubectl get -A -o yaml` dump, or listed live from the API server.
///
/// Files are taken as the whole truth (a kind with no object in them has none). A live listing
/// records, per kind, whether the list succeeded: a kind the caller may not list is a gap, and a
/// check reading it reports `error`, never "nothing found".
package struct KubernetesInventory: Sendable {
    package enum Origin: Sendable, Equatable {
        /// Manifest files or a dump, by the paths given.
        case files([String])
        /// Listed from an API server.
        case live(server: String, context: String?)
    }

    /// A kind by API group (empty for the core group) and name: `("rbac.authorization.k8s.io", "ClusterRole")`.
    package struct Kind: Hashable, Sendable, CustomStringConvertible {
        package var group: String
        package var kind: String

        package init(_ group: String, _ kind: String) {
            self.group = group
            self.kind = kind
        }

        package var description: String { group.isEmpty ? kind : "\(kind).\(group)" }
    }

    package let origin: Origin
    private let byKind: [Kind: [KubernetesObject]]
    /// Kinds whose listing failed, with the reason (live reading only).
    package let gaps: [Kind: DataGap]
    package let workloads: [Workload]

    package init(origin: Origin, objects: [KubernetesObject], gaps: [Kind: DataGap] = [:]) {
        self.origin = origin
        self.gaps = gaps
        byKind = Dictionary(grouping: objects) { Kind($0.group, $0.kind) }
        workloads = objects.compactMap(Workload.init)
    }

    package var objectCount: Int { byKind.values.reduce(0) { $0 + $1.count } }

    /// Every object, kind by kind.
    package var allObjects: [KubernetesObject] { byKind.keys.sorted { $0.description < $1.description }.flatMap { byKind[$0]! } }

    /// Every object of a kind, in input order, or why the kind could not be read.
    package func objects(_ kind: Kind) -> Fetched<[KubernetesObject]> {
        if let gap = gaps[kind] { return .failure(gap) }
        return .success(byKind[kind] ?? [])
    }

    /// The objects of a kind, under any of the groups that define it (`extensions` and
    /// `networking.k8s.io` Ingress, Istio's `v1` and `v1beta1` in the same group are one kind).
    package func objects(kind: String, groups: [String]) -> Fetched<[KubernetesObject]> {
        var all: [KubernetesObject] = []
        for group in groups {
            switch objects(Kind(group, kind)) {
            case .failure(let gap): return .failure(gap)
            case .success(let found): all += found
            }
        }
        return .success(all)
    }

    /// One namespaced object by name.
    package func object(_ kind: Kind, namespace: String?, name: String) -> Fetched<KubernetesObject?> {
        objects(kind).map { $0.first { $0.namespace == namespace && $0.name == name } }
    }

    /// Workloads need pods and controllers: a gap in any of them is a gap in workloads.
    package var workloadGap: DataGap? {
        Workload.kinds.lazy.compactMap { kind in gaps.first { $0.key.kind == kind }?.value }.first
    }

    // Kinds the audit reads, named once.
    package static let namespace = Kind("", "Namespace")
    package static let pod = Kind("", "Pod")
    package static let node = Kind("", "Node")
    package static let serviceAccount = Kind("", "ServiceAccount")
    package static let configMap = Kind("", "ConfigMap")
    package static let secret = Kind("", "Secret")
    package static let service = Kind("", "Service")
    package static let ingress = Kind("networking.k8s.io", "Ingress")
    package static let networkPolicy = Kind("networking.k8s.io", "NetworkPolicy")
    package static let role = Kind("rbac.authorization.k8s.io", "Role")
    package static let clusterRole = Kind("rbac.authorization.k8s.io", "ClusterRole")
    package static let roleBinding = Kind("rbac.authorization.k8s.io", "RoleBinding")
    package static let clusterRoleBinding = Kind("rbac.authorization.k8s.io", "ClusterRoleBinding")
    package static let validatingWebhook = Kind("admissionregistration.k8s.io", "ValidatingWebhookConfiguration")
    package static let mutatingWebhook = Kind("admissionregistration.k8s.io", "MutatingWebhookConfiguration")
    package static let daemonSet = Kind("apps", "DaemonSet")
    package static let deployment = Kind("apps", "Deployment")
}
