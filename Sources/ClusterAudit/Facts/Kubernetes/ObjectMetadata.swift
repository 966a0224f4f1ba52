import KubernetesAudit

extension Cursor {
    /// A string-to-string map such as labels or annotations; values that are not strings are left out.
    package var stringMap: [String: String] {
        var map: [String: String] = [:]
        for (key, value) in fields {
            if let string = value.string.value { map[key] = string }
        }
        return map
    }
}

extension KubernetesObject {
    package var labelMap: [String: String] { root["metadata"]["labels"].stringMap }
    package var annotationMap: [String: String] { root["metadata"]["annotations"].stringMap }
    /// The namespace a namespaced object lives in; objects without one are in `default`, as kubectl applies them.
    package var namespaceOrDefault: String { namespace ?? "default" }
}

extension Workload {
    /// The pod template's labels and annotations (a controller's template, or the pod's own).
    package var podLabels: [String: String] { podMetadata["labels"].stringMap }
    package var podAnnotations: [String: String] { podMetadata["annotations"].stringMap }
    package var namespace: String { object.namespaceOrDefault }
    /// Controllers make pods: a live `Pod` is what actually runs (and shows what admission injected).
    package var isPod: Bool { object.kind == "Pod" && object.group.isEmpty }
    /// Pods created by a controller that is itself in the inventory would be counted twice.
    package var isOwnedPod: Bool { isPod && !object.root["metadata"]["ownerReferences"].items.isEmpty }
}
