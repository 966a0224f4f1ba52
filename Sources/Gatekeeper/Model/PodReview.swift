import EKSGuardCore
import KubernetesAudit

/// What a constraint looks at: Gatekeeper's `input.review` reduced to what the pod-security kinds
/// read — the operation, the object's kind, name, namespace and labels, and its pod spec.
package struct PodReview: Sendable {
    package enum Operation: String, Sendable {
        case create = "CREATE", update = "UPDATE", delete = "DELETE", connect = "CONNECT"
    }

    package var operation: Operation
    package var group: String
    package var kind: String
    package var name: String?
    package var namespace: String?
    /// The labels `labelSelector` reads.
    package var labels: [String: String]
    /// The labels of the object's namespace, when known (`namespaceSelector`).
    package var namespaceLabels: [String: String]?
    /// The metadata whose annotations the AppArmor and seccomp kinds read.
    package var podMetadata: Cursor
    /// `spec` of a Pod, or the template's spec of a controller.
    package var spec: Cursor
    /// Regular, init and ephemeral containers, in that order.
    package var containers: [Container]
    /// A Pod, or a workload whose pod template stands for the Pods it will create.
    package var isPod: Bool

    /// The review of an object as Gatekeeper sees it: the kind as written and `spec` read
    /// directly, so a controller's pod template is not looked at (what gator and Rego do).
    package init(object: KubernetesObject, operation: Operation, namespace: String? = nil) {
        self.operation = operation
        group = object.group
        kind = object.kind
        name = object.name
        self.namespace = object.namespace ?? namespace
        labels = Self.labels(object.root["metadata"])
        podMetadata = object.root["metadata"]
        spec = object.root["spec"]
        containers = Self.containers(of: spec)
        isPod = object.kind == "Pod" && object.group.isEmpty
    }

    /// The review of the Pods a workload creates: a controller's pod template is checked as the
    /// Pod it becomes, the way Gatekeeper's expansion templates present it.
    package init(workload: Workload, operation: Operation = .create, namespace: String? = nil) {
        self.operation = operation
        group = ""
        kind = "Pod"
        name = workload.object.name
        self.namespace = workload.object.namespace ?? namespace
        labels = Self.labels(workload.podMetadata)
        podMetadata = workload.podMetadata
        spec = workload.spec
        containers = workload.containers
        isPod = true
        sourceKind = (workload.object.group, workload.object.kind)
    }

    /// The controller kind a pod template came from, so `match.kinds` naming it still applies.
    package var sourceKind: (group: String, kind: String)?

    /// The name messages use (`pod: web`).
    package var displayName: String { name ?? "<unnamed>" }

    private static func labels(_ metadata: Cursor) -> [String: String] {
        var labels: [String: String] = [:]
        for (key, value) in metadata["labels"].fields {
            if let text = value.node?.scalar?.text { labels[key] = text }
        }
        return labels
    }

    private static func containers(of spec: Cursor) -> [Container] {
        Container.Group.allCases.flatMap { group in
            spec[group.rawValue].items.enumerated().map { Container(group: group, index: $0, cursor: $1) }
        }
    }
}

extension Cursor {
    /// Rego's truth: a value that is present and not `false` (`c.securityContext.privileged`).
    package var truthy: Bool {
        guard let node else { return false }
        return node.scalar?.bool ?? true
    }

    /// The text of a scalar (nil when absent or not a scalar).
    package var text: String? { node?.scalar?.text }

    /// Whether the scalar is the boolean `value` (Rego's `x == true` / `x == false`).
    package func isBool(_ value: Bool) -> Bool { node?.scalar?.bool == value }

    /// A number, as Rego compares them (integers only: the fields read are all integers).
    package var number: Int64? { node?.scalar?.int }

    /// The texts of a list of scalars; empty when absent or not a list.
    package var texts: [String] { items.compactMap(\.text) }
}
