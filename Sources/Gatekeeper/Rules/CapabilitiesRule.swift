import EKSGuardCore
import KubernetesAudit

/// K8sPSPCapabilities: capabilities added must be in `allowedCapabilities` (`*` allows any), and
/// every capability in `requiredDropCapabilities` must be dropped (or `ALL`). Case is ignored.
struct CapabilitiesRule: ConstraintRule {
    static let kind = "K8sPSPCapabilities"
    static let fix = "add only allowed capabilities and drop the required ones (capabilities.drop: [ALL])"
    static let parameterTypes: [String: ParameterType] = [
        "exemptImages": .strings, "allowedCapabilities": .strings, "requiredDropCapabilities": .strings,
    ]

    static func violations(_ review: PodReview, _ parameters: Parameters) -> [Violation] {
        let allowed = Set((parameters.strings("allowedCapabilities") ?? []).map { $0.lowercased() })
        let mustDrop = Set((parameters.strings("requiredDropCapabilities") ?? []).map { $0.lowercased() })
        var violations: [Violation] = []
        for container in review.checked(parameters) {
            let capabilities = container.securityContext["capabilities"]
            let added = Set(capabilities["add"].texts.map { $0.lowercased() })
            if !allowed.contains("*"), !added.subtracting(allowed).isEmpty {
                violations.appendUnique(Violation(
                    "\(container.group.noun) <\(container.name)> has a disallowed capability. Allowed capabilities are \(parameters.describe("allowedCapabilities", default: "NONE"))",
                    at: capabilities["add"], container: container))
            }
            let dropped = Set(capabilities["drop"].texts.map { $0.lowercased() })
            if !mustDrop.subtracting(dropped).isEmpty, !dropped.contains("all") {
                violations.appendUnique(Violation(
                    "\(container.group.noun) <\(container.name)> is not dropping all required capabilities. Container must drop all of \(parameters.describe("requiredDropCapabilities", default: "[]")) or \"ALL\"",
                    at: capabilities["drop"], container: container))
            }
        }
        return violations
    }
}
