import EKSGuardCore
import KubernetesAudit

/// K8sPSPAllowedUsers: `runAsUser`, `runAsGroup`, `supplementalGroups` and `fsGroup` of every
/// container (falling back to the pod's security context when the object is a Pod) must follow
/// each field's rule: `MustRunAs` (set and within `ranges`), `MayRunAs` (within `ranges` when
/// set), `MustRunAsNonRoot` (users only: not 0, or `runAsNonRoot`) or `RunAsAny`.
struct AllowedUsersRule: ConstraintRule {
    static let kind = "K8sPSPAllowedUsers"
    static let fix = "set securityContext.runAsUser, runAsGroup, supplementalGroups and fsGroup within the allowed ranges (runAsNonRoot: true for MustRunAsNonRoot)"
    static let parameterTypes: [String: ParameterType] = [
        "exemptImages": .strings, "runAsUser": .object, "runAsGroup": .object,
        "supplementalGroups": .object, "fsGroup": .object,
    ]

    static func violations(_ review: PodReview, _ parameters: Parameters) -> [Violation] {
        var violations: [Violation] = []
        for container in review.checked(parameters) {
            for field in ["runAsUser", "runAsGroup", "supplementalGroups", "fsGroup"] {
                let rule = parameters[field]
                guard rule.exists else { continue }
                let value = fieldValue(field, container, review)
                let message = field == "runAsUser"
                    ? userViolation(rule, value, container, review)
                    : groupViolation(field, rule, value, container)
                if let message { violations.appendUnique(Violation(message, at: value, container: container)) }
            }
        }
        return violations
    }

    /// The container's value, else the pod's (only for Pods, as the library reads `review.kind`).
    private static func fieldValue(_ field: String, _ container: Container, _ review: PodReview) -> Cursor {
        let own = container.securityContext[field]
        if own.exists || !review.isPod { return own }
        return review.spec["securityContext"][field]
    }

    private static func userViolation(_ rule: Cursor, _ value: Cursor, _ container: Container, _ review: PodReview) -> String? {
        let name = rule["rule"].text
        let shown = Parameters.render(rule)
        if value.exists {
            let user = value.number
            let accepted: Bool = switch name {
            case "RunAsAny": true
            case "MustRunAsNonRoot": user != 0
            case "MustRunAs": user.map { inRange($0, rule["ranges"]) } ?? false
            default: false
            }
            return accepted ? nil : "Container \(container.name) is attempting to run as disallowed user \(value.text ?? Parameters.render(value)). Allowed runAsUser: \(shown)"
        }
        if name == "MustRunAs" {
            return "Container \(container.name) is attempting to run without a required securityContext/runAsUser"
        }
        if name == "MustRunAsNonRoot", !fieldValue("runAsNonRoot", container, review).truthy {
            return "Container \(container.name) is attempting to run without a required securityContext/runAsNonRoot or securityContext/runAsUser != 0"
        }
        return nil
    }

    private static func groupViolation(_ field: String, _ rule: Cursor, _ value: Cursor, _ container: Container) -> String? {
        let name = rule["rule"].text
        let shown = Parameters.render(rule)
        guard value.exists else {
            return name == "MustRunAs"
                ? "Container \(container.name) is attempting to run without a required securityContext/\(field). Allowed \(field): \(shown)"
                : nil
        }
        func accepted(_ number: Int64?) -> Bool {
            switch name {
            case "RunAsAny": true
            case "MayRunAs", "MustRunAs": number.map { inRange($0, rule["ranges"]) } ?? false
            default: false
            }
        }
        if value.node?.items != nil {
            guard !value.items.allSatisfy({ accepted($0.number) }) else { return nil }
            return "Container \(container.name) is attempting to run with disallowed supplementalGroups \(Parameters.render(value)). Allowed \(field): \(shown)"
        }
        return accepted(value.number) ? nil
            : "Container \(container.name) is attempting to run as disallowed group \(value.text ?? Parameters.render(value)). Allowed \(field): \(shown)"
    }

    /// Within any of the `{min, max}` ranges.
    static func inRange(_ value: Int64, _ ranges: Cursor) -> Bool {
        ranges.items.contains { range in
            guard let min = range["min"].number, let max = range["max"].number else { return false }
            return value >= min && value <= max
        }
    }
}

/// K8sPSPFSGroup: the pod's `fsGroup` under `MustRunAs` (set, within `ranges`), `MayRunAs`
/// (within `ranges` when set) or `RunAsAny`.
struct FSGroupRule: ConstraintRule {
    static let kind = "K8sPSPFSGroup"
    static let fix = "set spec.securityContext.fsGroup within the allowed ranges"
    static let parameterTypes: [String: ParameterType] = ["rule": .string, "ranges": .objects]

    static func violations(_ review: PodReview, _ parameters: Parameters) -> [Violation] {
        guard parameters["rule"].truthy else { return [] }
        let context = review.spec["securityContext"]
        let fsGroup = context["fsGroup"]
        let ranges = parameters["ranges"]
        let inRange = fsGroup.number.map { AllowedUsersRule.inRange($0, ranges) } ?? false
        let allowed: Bool = switch parameters["rule"].text {
        case "RunAsAny": true
        case "MustRunAs": inRange
        case "MayRunAs": !context.truthy || !fsGroup.truthy || inRange
        default: false
        }
        guard !allowed else { return [] }
        return [Violation(
            "The provided pod spec fsGroup is not allowed, pod: \(review.displayName). Allowed fsGroup: \(Parameters.render(parameters.cursor))",
            at: fsGroup)]
    }
}
