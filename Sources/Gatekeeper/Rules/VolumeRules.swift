import EKSGuardCore
import KubernetesAudit

/// K8sPSPVolumeTypes: every volume's source (the field beside `name`) must be listed in `volumes`
/// (`*` allows all).
struct VolumeTypesRule: ConstraintRule {
    static let kind = "K8sPSPVolumeTypes"
    static let fix = "use only the allowed volume types"
    static let parameterTypes: [String: ParameterType] = ["volumes": .strings]

    static func violations(_ review: PodReview, _ parameters: Parameters) -> [Violation] {
        let allowed = parameters.strings("volumes") ?? []
        guard !allowed.contains("*") else { return [] }
        var violations: [Violation] = []
        for volume in review.spec["volumes"].items {
            for (type, value) in volume.fields where type != "name" && value.truthy && !allowed.contains(type) {
                violations.appendUnique(Violation(
                    "The volume type \(type) is not allowed, pod: \(review.displayName). Allowed volume types: \(parameters.describe("volumes", default: "[]"))",
                    at: value))
            }
        }
        return violations
    }
}

/// K8sPSPFlexVolumes: flexVolume volumes only with a driver in `allowedFlexVolumes`.
struct FlexVolumesRule: ConstraintRule {
    static let kind = "K8sPSPFlexVolumes"
    static let fix = "use a flexVolume driver listed in allowedFlexVolumes (or another volume type)"
    static let parameterTypes: [String: ParameterType] = ["allowedFlexVolumes": .objects]

    static func violations(_ review: PodReview, _ parameters: Parameters) -> [Violation] {
        let drivers = parameters["allowedFlexVolumes"].items.compactMap { $0["driver"].text }
        return review.spec["volumes"].items.compactMap { volume in
            let flex = volume["flexVolume"]
            guard flex.truthy, !drivers.contains(where: { $0 == flex["driver"].text }) else { return nil }
            return Violation(
                "FlexVolume \(Parameters.render(volume)) is not allowed, pod: \(review.displayName). Allowed drivers: \(Parameters.render(parameters["allowedFlexVolumes"]))",
                at: flex["driver"])
        }
    }
}

/// K8sPSPForbiddenSysctls: no sysctl in `forbiddenSysctls`, and when `allowedSysctls` is given,
/// only those (`*` and `prefix*` patterns in both).
struct ForbiddenSysctlsRule: ConstraintRule {
    static let kind = "K8sPSPForbiddenSysctls"
    static let fix = "remove the sysctl from spec.securityContext.sysctls"
    static let parameterTypes: [String: ParameterType] = ["forbiddenSysctls": .strings, "allowedSysctls": .strings]

    static func violations(_ review: PodReview, _ parameters: Parameters) -> [Violation] {
        let forbidden = parameters.strings("forbiddenSysctls") ?? []
        let allowed = parameters.strings("allowedSysctls")
        var violations: [Violation] = []
        for sysctl in review.spec["securityContext"]["sysctls"].items {
            guard let name = sysctl["name"].text else { continue }
            if forbidden.contains(where: { Parameters.matchesPattern(name, $0) }) {
                violations.appendUnique(Violation(
                    "The sysctl \(name) is not allowed, pod: \(review.displayName). Forbidden sysctls: \(parameters.describe("forbiddenSysctls", default: "[]"))",
                    at: sysctl["name"]))
            }
            if let allowed, !allowed.contains(where: { Parameters.matchesPattern(name, $0) }) {
                violations.appendUnique(Violation(
                    "The sysctl \(name) is not explicitly allowed, pod: \(review.displayName). Allowed sysctls: \(parameters.describe("allowedSysctls", default: "unspecified"))",
                    at: sysctl["name"]))
            }
        }
        return violations
    }
}
