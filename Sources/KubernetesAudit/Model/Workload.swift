import EKSGuardCore

/// A pod template and the object that holds it: a Pod, a controller's `spec.template`, a
/// CronJob's `spec.jobTemplate.spec.template`, or a PodTemplate's `template`.
package struct Workload: CheckSubject {
    package var object: KubernetesObject
    /// The pod's (or template's) metadata: annotations and labels.
    package var podMetadata: Cursor
    /// The pod spec.
    package var spec: Cursor
    /// Every container of the pod: regular, init and ephemeral, in that order (read once; every check uses them).
    package let containers: [Container]
    /// Container fields that are present but not lists: every container check reports them as errors.
    package let containerListErrors: [(cursor: Cursor, reason: String)]

    package var resource: ResourceRef { object.resource }

    /// Where each kind keeps its pod template, and which API groups define that kind.
    private static let templatePaths: [String: (groups: Set<String>, path: [String])] = [
        "Pod": ([""], []),
        "PodTemplate": ([""], ["template"]),
        "ReplicationController": ([""], ["spec", "template"]),
        "Deployment": (["apps", "extensions"], ["spec", "template"]),
        "ReplicaSet": (["apps", "extensions"], ["spec", "template"]),
        "DaemonSet": (["apps", "extensions"], ["spec", "template"]),
        "StatefulSet": (["apps"], ["spec", "template"]),
        "Job": (["batch"], ["spec", "template"]),
        "CronJob": (["batch"], ["spec", "jobTemplate", "spec", "template"]),
    ]

    package static let kinds = templatePaths.keys.sorted()

    /// The workload an object defines, or nil when its kind holds no pod template.
    package init?(_ object: KubernetesObject) {
        guard let entry = Self.templatePaths[object.kind], entry.groups.contains(object.group) else { return nil }
        var template = object.root
        for key in entry.path { template = template[key] }
        self.object = object
        podMetadata = template["metadata"]
        let spec = template["spec"]
        self.spec = spec
        var containers: [Container] = []
        var errors: [(cursor: Cursor, reason: String)] = []
        for group in Container.Group.allCases {
            let list = spec[group.rawValue]
            if let reason = list.typeError(expectingList: true) { errors.append((list, reason)) }
            for (index, cursor) in list.items.enumerated() {
                containers.append(Container(group: group, index: index, cursor: cursor))
            }
        }
        self.containers = containers
        containerListErrors = errors
    }

    /// `spec.os.name == windows`: Pod Security exempts such pods from some Linux-only controls.
    package var isWindows: Bool { spec["os"]["name"].string.value == "windows" }

    /// The result location for a field of this workload.
    package func ref(_ cursor: Cursor, container: Container? = nil) -> ResourceRef {
        resource.at(cursor.path, cursor.position, container: container?.name)
    }
}

/// One container of a pod template.
package struct Container: Sendable {
    package enum Group: String, CaseIterable, Sendable {
        case containers, initContainers, ephemeralContainers

        package var noun: String {
            switch self {
            case .containers: "container"
            case .initContainers: "init container"
            case .ephemeralContainers: "ephemeral container"
            }
        }
    }

    package let group: Group
    package let index: Int
    package let cursor: Cursor
    package let name: String
    package let securityContext: Cursor

    package init(group: Group, index: Int, cursor: Cursor) {
        self.group = group
        self.index = index
        self.cursor = cursor
        name = cursor.node?["name"]?.string ?? "#\(index)"
        securityContext = cursor["securityContext"]
    }

    /// `container "app"`, `init container "setup"`, for messages.
    package var label: String { "\(group.noun) \"\(name)\"" }
}
