import Foundation

/// AdmissionReview bodies for tests: a pod spec wrapped in each workload kind.
enum Reviews {
    static let compliant = """
        {"securityContext":{"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"}},
         "containers":[{"name":"app","image":"registry.example/app@sha256:0d2b7e3e4a1b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5",
           "resources":{"limits":{"memory":"128Mi"}},
           "securityContext":{"allowPrivilegeEscalation":false,"readOnlyRootFilesystem":true,"capabilities":{"drop":["ALL"]}}}]}
        """

    static let privileged = compliant.replacingOccurrences(
        of: "\"allowPrivilegeEscalation\":false", with: "\"allowPrivilegeEscalation\":false,\"privileged\":true")

    /// (group, version, kind, how the object holds the pod spec)
    static let kinds: [(group: String, kind: String, wrap: @Sendable (String) -> String)] = [
        ("", "Pod", { "\"spec\":\($0)" }),
        ("", "PodTemplate", { "\"template\":{\"spec\":\($0)}" }),
        ("", "ReplicationController", { "\"spec\":{\"template\":{\"spec\":\($0)}}" }),
        ("apps", "Deployment", { "\"spec\":{\"template\":{\"spec\":\($0)}}" }),
        ("apps", "ReplicaSet", { "\"spec\":{\"template\":{\"spec\":\($0)}}" }),
        ("apps", "DaemonSet", { "\"spec\":{\"template\":{\"spec\":\($0)}}" }),
        ("apps", "StatefulSet", { "\"spec\":{\"template\":{\"spec\":\($0)}}" }),
        ("batch", "Job", { "\"spec\":{\"template\":{\"spec\":\($0)}}" }),
        ("batch", "CronJob", { "\"spec\":{\"jobTemplate\":{\"spec\":{\"template\":{\"spec\":\($0)}}}}" }),
    ]

    static func object(kind: String, spec: String, labels: String = "{}") -> String {
        let entry = kinds.first { $0.kind == kind }!
        let apiVersion = entry.group.isEmpty ? "v1" : "\(entry.group)/v1"
        return "{\"apiVersion\":\"\(apiVersion)\",\"kind\":\"\(kind)\",\"metadata\":{\"name\":\"web\",\"namespace\":\"shop\",\"labels\":\(labels)},\(entry.wrap(spec))}"
    }

    static func review(
        kind: String = "Pod", spec: String, operation: String = "CREATE", old: String? = nil,
        namespace: String = "shop", dryRun: Bool = false, uid: String = "705ab4f5-6393-11e8-b7cc-42010a800002"
    ) -> String {
        let group = kinds.first { $0.kind == kind }!.group
        var request = "\"uid\":\"\(uid)\",\"kind\":{\"group\":\"\(group)\",\"version\":\"v1\",\"kind\":\"\(kind)\"},"
            + "\"namespace\":\"\(namespace)\",\"operation\":\"\(operation)\",\"dryRun\":\(dryRun),"
            + "\"userInfo\":{\"username\":\"admin\"},\"object\":\(object(kind: kind, spec: spec))"
        if let old { request += ",\"oldObject\":\(object(kind: kind, spec: old))" }
        return "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\(request)}}"
    }
}
