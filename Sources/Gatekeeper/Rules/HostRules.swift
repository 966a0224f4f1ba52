import EKSGuardCore
import KubernetesAudit

/// K8sPSPHostNamespace: no `hostPID` or `hostIPC`.
struct HostNamespaceRule: ConstraintRule {
    static let kind = "K8sPSPHostNamespace"
    static let fix = "remove spec.hostPID and spec.hostIPC or set them to false"
    static let parameterTypes: [String: ParameterType] = [:]

    static func violations(_ review: PodReview, _ parameters: Parameters) -> [Violation] {
        guard let field = [review.spec["hostPID"], review.spec["hostIPC"]].first(where: \.truthy) else { return [] }
        return [Violation("Sharing the host namespace is not allowed: \(review.displayName)", at: field)]
    }
}

/// K8sPSPHostNetworkingPorts: `hostNetwork` only when the constraint allows it, and host ports
/// within `min`..`max`.
struct HostNetworkingPortsRule: ConstraintRule {
    static let kind = "K8sPSPHostNetworkingPorts"
    static let fix = "remove spec.hostNetwork and use hostPort values within the allowed range (or none)"
    static let parameterTypes: [String: ParameterType] = ["exemptImages": .strings, "hostNetwork": .bool, "min": .int, "max": .int]

    static func violations(_ review: PodReview, _ parameters: Parameters) -> [Violation] {
        var offending: (Cursor, Container?)?
        if !parameters["hostNetwork"].truthy, review.spec["hostNetwork"].truthy {
            offending = (review.spec["hostNetwork"], nil)
        }
        let min = parameters["min"].number, max = parameters["max"].number
        outer: for container in review.checked(parameters) where offending == nil {
            for port in container.cursor["ports"].items {
                guard let hostPort = port["hostPort"].number else { continue }
                if let min, hostPort < min { offending = (port["hostPort"], container); break outer }
                if let max, hostPort > max { offending = (port["hostPort"], container); break outer }
            }
        }
        guard let (field, container) = offending else { return [] }
        // The library reports the pod once, however many fields are out of bounds.
        return [Violation(
            "The specified hostNetwork and hostPort are not allowed, pod: \(review.displayName). Allowed values: \(Parameters.render(parameters.cursor))",
            at: field, container: container)]
    }
}

/// K8sPSPHostFilesystem: hostPath volumes only under an `allowedHostPaths` prefix (whole path
/// segments), and only mounted read-only where the entry says `readOnly: true`. No entries: no hostPath.
struct HostFilesystemRule: ConstraintRule {
    static let kind = "K8sPSPHostFilesystem"
    static let fix = "replace the hostPath volume (or use an allowed path prefix, mounted readOnly where required)"
    static let parameterTypes: [String: ParameterType] = ["allowedHostPaths": .objects]

    static func violations(_ review: PodReview, _ parameters: Parameters) -> [Violation] {
        let allowed = parameters["allowedHostPaths"].items
        return review.spec["volumes"].items.compactMap { volume in
            guard volume["hostPath"].truthy else { return nil }
            let path = volume["hostPath"]["path"].text
            let name = volume["name"].text
            let permitted = !allowed.isEmpty && allowed.contains { entry in
                guard let prefix = entry["pathPrefix"].text, let path, pathHasPrefix(path, prefix) else { return false }
                return !entry["readOnly"].isBool(true) || !mountedWritable(name, review)
            }
            guard !permitted else { return nil }
            return Violation(
                "HostPath volume \(Parameters.render(volume)) is not allowed, pod: \(review.displayName). Allowed path: \(Parameters.render(parameters["allowedHostPaths"]))",
                at: volume["hostPath"])
        }
    }

    /// `/foo` covers `/foo`, `/foo/` and `/foo/bar` but not `/fool`.
    static func pathHasPrefix(_ path: String, _ prefix: String) -> Bool {
        func segments(_ p: String) -> [Substring] {
            p == "/" ? [] : p.trimmingSlashes().split(separator: "/", omittingEmptySubsequences: false)
        }
        let a = segments(prefix), b = segments(path)
        return a.count <= b.count && zip(a, b).allSatisfy { $0 == $1 }
    }

    private static func mountedWritable(_ volume: String?, _ review: PodReview) -> Bool {
        review.containers.contains { container in
            container.cursor["volumeMounts"].items.contains { mount in
                mount["name"].text == volume && !mount["readOnly"].truthy
            }
        }
    }
}

extension String {
    fileprivate func trimmingSlashes() -> Substring {
        var s = Substring(self)
        while s.first == "/" { s = s.dropFirst() }
        while s.last == "/" { s = s.dropLast() }
        return s
    }
}

/// K8sPSPHostProbesLifecycle: probes and lifecycle hooks must not set `host` (which lets a pod
/// make the kubelet connect to other hosts).
struct HostProbesLifecycleRule: ConstraintRule {
    static let kind = "K8sPSPHostProbesLifecycle"
    static let fix = "remove the host field from httpGet/tcpSocket probes and lifecycle hooks"
    static let parameterTypes: [String: ParameterType] = ["exemptImages": .strings]

    static func violations(_ review: PodReview, _ parameters: Parameters) -> [Violation] {
        var violations: [Violation] = []
        for container in review.checked(parameters) {
            let handlers: [(Cursor, String)] =
                ["livenessProbe", "readinessProbe", "startupProbe"].map { (container.cursor[$0], "probe") }
                + ["postStart", "preStop"].map { (container.cursor["lifecycle"][$0], "lifecycle hook") }
            for (handler, what) in handlers {
                for action in ["httpGet", "tcpSocket"] {
                    let host = handler[action]["host"]
                    guard let text = host.text, !text.isEmpty else { continue }
                    violations.appendUnique(Violation(
                        "Container \(container.name) has \(what) with host field set: \(text)", at: host, container: container))
                }
            }
        }
        return violations
    }
}
