import EKSGuardCore
import KubernetesAudit

/// The type a parameter must have, checked when a constraint is read (the CRD schema's job in a cluster).
package enum ParameterType: Sendable {
    case string, strings, bool, int, object, objects
}

/// One gatekeeper-library kind implemented natively: what the kind's policy reports for a review.
package protocol ConstraintRule: Sendable {
    /// The constraint kind (`K8sPSPPrivilegedContainer`).
    static var kind: String { get }
    /// Whether the policy ignores UPDATE requests: the library skips them for kinds whose fields
    /// cannot change on an existing Pod, so updating other fields of an old Pod is never blocked.
    static var skipsUpdates: Bool { get }
    /// How to fix a violation, for denial messages and reports.
    static var fix: String { get }
    static var parameterTypes: [String: ParameterType] { get }
    static func violations(_ review: PodReview, _ parameters: Parameters) -> [Violation]
}

extension ConstraintRule {
    static var skipsUpdates: Bool { true }
}

/// Every kind of the library's pod-security-policy folder (the 19 of its kustomization plus the older
/// K8sPSPHostProcessContainer), by constraint kind.
package enum ConstraintKinds {
    package static let rules: [any ConstraintRule.Type] = [
        AllowPrivilegeEscalationRule.self, AllowedUsersRule.self, AppArmorRule.self, CapabilitiesRule.self,
        FlexVolumesRule.self, ForbiddenSysctlsRule.self, FSGroupRule.self, HostFilesystemRule.self,
        HostNamespaceRule.self, HostNetworkingPortsRule.self, HostProbesLifecycleRule.self, HostProcessRule.self,
        HostProcessContainerRule.self,
        PrivilegedContainerRule.self, ProcMountRule.self, ReadOnlyRootFilesystemRule.self, SeccompRule.self,
        SeccompV2Rule.self, SELinuxV2Rule.self, VolumeTypesRule.self,
    ]

    private static let byKind: [String: any ConstraintRule.Type] = Dictionary(
        uniqueKeysWithValues: rules.map { ($0.kind, $0) })

    package static func rule(for kind: String) -> (any ConstraintRule.Type)? { byKind[kind] }

    package static var names: [String] { rules.map { $0.kind }.sorted() }
}

extension PodReview {
    /// The containers a policy looks at: all of them but those whose image is exempt.
    func checked(_ parameters: Parameters) -> [Container] {
        containers.filter { !parameters.isExempt($0) }
    }
}
