import EKSGuardCore
import KubernetesAudit

/// K8sPSPPrivilegedContainer: no container may set `securityContext.privileged`.
struct PrivilegedContainerRule: ConstraintRule {
    static let kind = "K8sPSPPrivilegedContainer"
    static let fix = "remove securityContext.privileged or set it to false"
    static let parameterTypes: [String: ParameterType] = ["exemptImages": .strings]

    static func violations(_ review: PodReview, _ parameters: Parameters) -> [Violation] {
        review.checked(parameters).compactMap { container in
            let field = container.securityContext["privileged"]
            guard field.truthy else { return nil }
            return Violation(
                "Privileged container is not allowed: \(container.name), securityContext: \(Parameters.render(container.securityContext))",
                at: field, container: container)
        }
    }
}

/// K8sPSPAllowPrivilegeEscalationContainer: every container must set `allowPrivilegeEscalation: false`.
struct AllowPrivilegeEscalationRule: ConstraintRule {
    static let kind = "K8sPSPAllowPrivilegeEscalationContainer"
    static let fix = "set securityContext.allowPrivilegeEscalation: false"
    static let parameterTypes: [String: ParameterType] = ["exemptImages": .strings]

    static func violations(_ review: PodReview, _ parameters: Parameters) -> [Violation] {
        review.containersNotSetting("allowPrivilegeEscalation", to: false, parameters) {
            "Privilege escalation container is not allowed: \($0.name)"
        }
    }
}

/// K8sPSPReadOnlyRootFilesystem: every container must set `readOnlyRootFilesystem: true`.
struct ReadOnlyRootFilesystemRule: ConstraintRule {
    static let kind = "K8sPSPReadOnlyRootFilesystem"
    static let fix = "set securityContext.readOnlyRootFilesystem: true and mount writable volumes where the program writes"
    static let parameterTypes: [String: ParameterType] = ["exemptImages": .strings]

    static func violations(_ review: PodReview, _ parameters: Parameters) -> [Violation] {
        review.containersNotSetting("readOnlyRootFilesystem", to: true, parameters) {
            "only read-only root filesystem container is allowed: \($0.name)"
        }
    }
}

extension PodReview {
    /// A violation for each checked container whose `securityContext.<field>` is not `value`.
    fileprivate func containersNotSetting(
        _ field: String, to value: Bool, _ parameters: Parameters, message: (Container) -> String
    ) -> [Violation] {
        checked(parameters).compactMap { container in
            let cursor = container.securityContext[field]
            return cursor.isBool(value) ? nil : Violation(message(container), at: cursor, container: container)
        }
    }
}

/// K8sPSPProcMount: `securityContext.procMount` must be `Default` unless the constraint allows `Unmasked`.
struct ProcMountRule: ConstraintRule {
    static let kind = "K8sPSPProcMount"
    static let fix = "remove securityContext.procMount or set it to Default"
    static let parameterTypes: [String: ParameterType] = ["exemptImages": .strings, "procMount": .string]

    static func violations(_ review: PodReview, _ parameters: Parameters) -> [Violation] {
        // An unknown value falls back to the strict default, as the library does.
        let configured = parameters["procMount"].text?.lowercased()
        let allowed = configured == "unmasked" ? "unmasked" : "default"
        guard allowed == "default" else { return [] }
        return review.checked(parameters).compactMap { container in
            let field = container.securityContext["procMount"]
            guard field.exists, field.text?.lowercased() != "default" else { return nil }
            return Violation(
                "ProcMount type is not allowed, container: \(container.name). Allowed procMount types: \(allowed)",
                at: field, container: container)
        }
    }
}

/// K8sPSPHostProcess: no Windows HostProcess pod or container.
struct HostProcessRule: ConstraintRule {
    static let kind = "K8sPSPHostProcess"
    static let fix = "remove securityContext.windowsOptions.hostProcess or set it to false"
    static let parameterTypes: [String: ParameterType] = ["exemptImages": .strings]

    static func violations(_ review: PodReview, _ parameters: Parameters) -> [Violation] {
        var violations: [Violation] = []
        let podField = review.spec["securityContext"]["windowsOptions"]["hostProcess"]
        if podField.isBool(true) {
            violations.append(Violation("HostProcess is not allowed at pod level: \(review.displayName)", at: podField))
        }
        for container in review.checked(parameters) {
            let field = container.securityContext["windowsOptions"]["hostProcess"]
            guard field.isBool(true) else { continue }
            violations.append(Violation(
                "HostProcess container is not allowed: \(container.name), securityContext.windowsOptions.hostProcess: true",
                at: field, container: container))
        }
        return violations
    }
}

/// K8sPSPHostProcessContainer (the folder's older Windows kind): a regular or init container is a
/// HostProcess container when it sets `windowsOptions.hostProcess: true`, or sets nothing and the
/// pod does. No image exemptions; checked on UPDATE too.
struct HostProcessContainerRule: ConstraintRule {
    static let kind = "K8sPSPHostProcessContainer"
    static let skipsUpdates = false
    static let fix = "remove windowsOptions.hostProcess from the pod and its containers, or set it to false"
    static let parameterTypes: [String: ParameterType] = [:]

    static func violations(_ review: PodReview, _ parameters: Parameters) -> [Violation] {
        let pod = review.spec["securityContext"]["windowsOptions"]["hostProcess"]
        return review.containers.filter { $0.group != .ephemeralContainers }.compactMap { container in
            let own = container.securityContext["windowsOptions"]["hostProcess"]
            let field = own.exists ? own : pod
            guard field.isBool(true) else { return nil }
            return Violation("HostProcess container is not allowed: \(container.name)", at: field, container: container)
        }
    }
}
