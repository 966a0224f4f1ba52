import EKSGuardCore

/// What the workload checks read besides the workload: the Pod Security level and version.
package struct KubernetesContext: Sendable {
    package var podSecurityLevel: PodSecurityLevel
    package var podSecurityVersion: PodSecurityVersion

    package init(podSecurityLevel: PodSecurityLevel = .restricted, podSecurityVersion: PodSecurityVersion = .latest) {
        self.podSecurityLevel = podSecurityLevel
        self.podSecurityVersion = podSecurityVersion
    }
}

/// A check over one workload's pod template.
package protocol KubernetesCheck: Check where Subject == Workload, Context == KubernetesContext {
    /// The Pod Security Standards control this check implements, if it is one.
    static var podSecurity: PodSecurityControl? { get }
    init()
}

extension KubernetesCheck {
    package static var podSecurity: PodSecurityControl? { nil }
}

/// A control of the Pod Security Standards: its upstream ID, level, the policy versions at which
/// its behaviour changed (the first is where it starts to apply), and the baseline controls it
/// replaces at the restricted level.
package struct PodSecurityControl: Sendable {
    package var id: String
    package var level: PodSecurityLevel
    package var revisions: [PodSecurityVersion]
    /// Baseline controls this restricted control replaces once it applies, because every pod the
    /// baseline control rejects is rejected here too (upstream reports only this one).
    package var replaces: [String]

    package init(id: String, level: PodSecurityLevel, revisions: [PodSecurityVersion], replaces: [String] = []) {
        self.id = id
        self.level = level
        self.revisions = revisions
        self.replaces = replaces
    }

    package var reference: String { "PSS:\(id)" }

    /// Whether the control is part of the policy at this level and version.
    package func applies(level: PodSecurityLevel, version: PodSecurityVersion) -> Bool {
        guard let first = revisions.first else { return false }
        return level >= self.level && self.level != .privileged && version >= first
    }

    /// The revision in force at a version: the newest one not newer than the version.
    package func revision(at version: PodSecurityVersion) -> PodSecurityVersion? {
        revisions.last { $0 <= version }
    }
}
