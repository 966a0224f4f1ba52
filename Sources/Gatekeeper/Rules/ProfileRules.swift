import EKSGuardCore
import KubernetesAudit

/// K8sPSPAppArmor: each container's AppArmor profile — its `securityContext.appArmorProfile`, else
/// the `container.apparmor.security.beta.kubernetes.io/<name>` annotation, else the pod's profile,
/// else `runtime/default` — must be in `allowedProfiles` (annotation spelling). Checked on UPDATE too.
struct AppArmorRule: ConstraintRule {
    static let kind = "K8sPSPAppArmor"
    static let skipsUpdates = false
    static let fix = "set securityContext.appArmorProfile to an allowed profile (type: RuntimeDefault)"
    static let parameterTypes: [String: ParameterType] = ["exemptImages": .strings, "allowedProfiles": .strings]

    static func violations(_ review: PodReview, _ parameters: Parameters) -> [Violation] {
        let allowed = parameters.strings("allowedProfiles") ?? []
        return review.checked(parameters).compactMap { container in
            let (profile, field) = self.profile(container, review)
            guard profile.map({ allowed.contains($0) }) != true else { return nil }
            return Violation(
                "AppArmor profile is not allowed, pod: \(review.displayName), container: \(container.name). Allowed profiles: \(parameters.describe("allowedProfiles", default: "[]"))",
                at: field, container: container)
        }
    }

    private static func profile(_ container: Container, _ review: PodReview) -> (String?, Cursor) {
        let own = container.securityContext["appArmorProfile"]
        if own.exists { return (canonical(own), own) }
        let annotation = review.podMetadata["annotations"]["container.apparmor.security.beta.kubernetes.io/\(container.name)"]
        if let text = annotation.text { return (text, annotation) }
        let pod = review.spec["securityContext"]["appArmorProfile"]
        return pod.exists ? (canonical(pod), pod) : ("runtime/default", own)
    }

    /// The annotation spelling of a `{type, localhostProfile}` profile; nil for an unknown type.
    private static func canonical(_ profile: Cursor) -> String? {
        switch profile["type"].text {
        case "RuntimeDefault": "runtime/default"
        case "Unconfined": "unconfined"
        case "Localhost": "localhost/\(profile["localhostProfile"].text ?? "")"
        default: nil
        }
    }
}

/// Where a container's seccomp profile was found, for messages.
struct SeccompSource {
    var profile: String
    var file: String
    var location: String
    var field: Cursor
}

/// K8sPSPSeccomp: each container's seccomp profile, in annotation spelling (`runtime/default`,
/// `localhost/<file>`), must be allowed; securityContext fields win over the deprecated annotations.
/// `allowedProfiles` may use either spelling; `localhost/*` allows any local profile. Checked on UPDATE too.
struct SeccompRule: ConstraintRule {
    static let kind = "K8sPSPSeccomp"
    static let skipsUpdates = false
    static let fix = "set securityContext.seccompProfile.type: RuntimeDefault (or an allowed Localhost profile)"
    static let parameterTypes: [String: ParameterType] = [
        "exemptImages": .strings, "allowedProfiles": .strings, "allowedLocalhostFiles": .strings,
    ]
    static let podAnnotation = "seccomp.security.alpha.kubernetes.io/pod"
    static let containerAnnotationPrefix = "container.seccomp.security.alpha.kubernetes.io/"

    static func violations(_ review: PodReview, _ parameters: Parameters) -> [Violation] {
        let listed = parameters.strings("allowedProfiles") ?? []
        guard !listed.contains("*") else { return [] }
        let allowed = allowedProfiles(listed, files: parameters.strings("allowedLocalhostFiles") ?? [])
        // RuntimeDefault reads as whichever of runtime/default and docker/default is allowed.
        let runtimeDefault = listed.contains("runtime/default") ? "runtime/default"
            : listed.contains("docker/default") ? "docker/default" : "runtime/default"
        return review.checked(parameters).compactMap { container in
            guard let source = profile(container, review, runtimeDefault: runtimeDefault) else { return nil }
            let permitted = allowed.contains(source.profile)
                || (source.profile.hasPrefix("localhost/") && listed.contains("localhost/*"))
            guard !permitted else { return nil }
            return Violation(
                "Seccomp profile '\(source.profile)' is not allowed for container '\(container.name)'. Found at: \(source.location). Allowed profiles: \(allowed.sorted())",
                at: source.field, container: container)
        }
    }

    /// The listed profiles plus the annotation spellings of securityContext-style entries.
    private static func allowedProfiles(_ listed: [String], files: [String]) -> Set<String> {
        var allowed = Set(listed)
        for entry in listed where !entry.contains("/") {
            // The library translates only while iterating allowedLocalhostFiles: no files, no translation.
            for file in files {
                switch entry {
                case "RuntimeDefault": allowed.formUnion(["runtime/default", "docker/default"])
                case "Localhost": allowed.insert("localhost/\(file)")
                case "Unconfined": allowed.insert("unconfined")
                default: break
                }
            }
        }
        return allowed
    }

    private static func profile(_ container: Container, _ review: PodReview, runtimeDefault: String) -> SeccompSource? {
        let own = container.securityContext["seccompProfile"]
        if own.truthy {
            return canonical(own, runtimeDefault).map { SeccompSource(profile: $0, file: "", location: "container securityContext", field: own) }
        }
        let pod = review.spec["securityContext"]["seccompProfile"]
        if pod.truthy {
            return canonical(pod, runtimeDefault).map { SeccompSource(profile: $0, file: "", location: "pod securityContext", field: pod) }
        }
        let annotations = review.podMetadata["annotations"]
        for key in [containerAnnotationPrefix + container.name, podAnnotation] {
            let annotation = annotations[key]
            if annotation.truthy, let text = annotation.text {
                return SeccompSource(profile: text, file: "", location: "annotation \(key)", field: annotation)
            }
        }
        return SeccompSource(profile: "not configured", file: "", location: "no explicit profile found", field: own)
    }

    private static func canonical(_ profile: Cursor, _ runtimeDefault: String) -> String? {
        switch profile["type"].text {
        case "RuntimeDefault": runtimeDefault
        case "Localhost": "localhost/\(profile["localhostProfile"].text ?? "")"
        case "Unconfined": "unconfined"
        default: nil
        }
    }
}

/// K8sPSPSeccompV2: like K8sPSPSeccomp, in securityContext spelling only (`RuntimeDefault`,
/// `Localhost` with `allowedLocalhostFiles`, `Unconfined`); annotations are not read.
struct SeccompV2Rule: ConstraintRule {
    static let kind = "K8sPSPSeccompV2"
    static let skipsUpdates = false
    static let fix = "set securityContext.seccompProfile.type: RuntimeDefault (or an allowed Localhost profile)"
    static let parameterTypes: [String: ParameterType] = [
        "exemptImages": .strings, "allowedProfiles": .strings, "allowedLocalhostFiles": .strings,
    ]

    static func violations(_ review: PodReview, _ parameters: Parameters) -> [Violation] {
        let listed = parameters.strings("allowedProfiles") ?? []
        guard !listed.contains("*") else { return [] }
        let files = parameters.strings("allowedLocalhostFiles") ?? []
        let allowed = listed + (listed.contains("Localhost") ? files.map { "Localhost/\($0)" } : [])
        return review.checked(parameters).compactMap { container in
            guard let source = profile(container, review) else { return nil }
            if source.profile == "Localhost" {
                guard !files.contains("*"), !allowed.contains("Localhost/\(source.file)") else { return nil }
                return Violation(
                    "Seccomp profile '\(source.profile)' with file '\(source.file)' is not allowed for container '\(container.name)'. Found at: \(source.location). Allowed profiles: \(allowed)",
                    at: source.field, container: container)
            }
            guard !allowed.contains(source.profile) else { return nil }
            return Violation(
                "Seccomp profile '\(source.profile)' is not allowed for container '\(container.name)'. Found at: \(source.location). Allowed profiles: \(allowed)",
                at: source.field, container: container)
        }
    }

    private static func profile(_ container: Container, _ review: PodReview) -> SeccompSource? {
        for (cursor, location) in [(container.securityContext["seccompProfile"], "container securityContext"),
                                   (review.spec["securityContext"]["seccompProfile"], "pod securityContext")] where cursor.truthy {
            guard let type = cursor["type"].text else { return nil }
            return SeccompSource(profile: type, file: cursor["localhostProfile"].text ?? "", location: location, field: cursor)
        }
        return SeccompSource(profile: "not configured", file: "", location: "no explicit profile found", field: container.securityContext["seccompProfile"])
    }
}

/// K8sPSPSELinuxV2: `seLinuxOptions` of the pod and of each container must equal one of
/// `allowedSELinuxOptions` in every field they set (level, role, type, user).
struct SELinuxV2Rule: ConstraintRule {
    static let kind = "K8sPSPSELinuxV2"
    static let fix = "remove seLinuxOptions or use one of the allowed option sets"
    static let parameterTypes: [String: ParameterType] = ["exemptImages": .strings, "allowedSELinuxOptions": .objects]

    static func violations(_ review: PodReview, _ parameters: Parameters) -> [Violation] {
        let allowedSets = parameters["allowedSELinuxOptions"].items
        let shown = Parameters.render(parameters["allowedSELinuxOptions"])
        func allowed(_ options: Cursor) -> Bool {
            allowedSets.contains { set in
                ["level", "role", "type", "user"].allSatisfy { field in
                    !options[field].truthy || (set[field].text != nil && set[field].text == options[field].text)
                }
            }
        }
        var violations: [Violation] = []
        let pod = review.spec["securityContext"]["seLinuxOptions"]
        if pod.truthy, !allowed(pod) {
            violations.append(Violation("SELinux options is not allowed, pod: \(review.displayName). Allowed options: \(shown)", at: pod))
        }
        for container in review.checked(parameters) {
            let options = container.securityContext["seLinuxOptions"]
            guard options.truthy, !allowed(options) else { continue }
            violations.append(Violation(
                "SELinux options is not allowed, pod: \(review.displayName), container: \(container.name). Allowed options: \(shown)",
                at: options, container: container))
        }
        return violations
    }
}
