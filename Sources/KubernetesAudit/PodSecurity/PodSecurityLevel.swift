/// A Pod Security Standards level, as in the `pod-security.kubernetes.io/enforce` label.
package enum PodSecurityLevel: String, CaseIterable, Sendable, Comparable {
    case privileged, baseline, restricted

    private var rank: Int {
        switch self {
        case .privileged: 0
        case .baseline: 1
        case .restricted: 2
        }
    }

    package static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// A Pod Security Standards policy version: `v1.N`, or `latest`, as in the
/// `pod-security.kubernetes.io/enforce-version` label.
package struct PodSecurityVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The minor version; `Int.max` stands for `latest`.
    package let minor: Int

    package init(minor: Int) { self.minor = minor }

    package static let latest = PodSecurityVersion(minor: .max)

    /// Parses `latest`, `v1.N` or `1.N` (Kubernetes accepts only `v1.N`; the bare form is a convenience).
    package init?(_ text: String) {
        if text == "latest" {
            self = .latest
            return
        }
        var rest = Substring(text)
        if rest.hasPrefix("v") { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == "1", let minor = Int(parts[1]), minor >= 0, String(minor) == parts[1] else {
            return nil
        }
        self.minor = minor
    }

    package static func v1(_ minor: Int) -> PodSecurityVersion { PodSecurityVersion(minor: minor) }

    package var isLatest: Bool { minor == .max }
    package var description: String { isLatest ? "latest" : "v1.\(minor)" }

    package static func < (lhs: Self, rhs: Self) -> Bool { lhs.minor < rhs.minor }
}
