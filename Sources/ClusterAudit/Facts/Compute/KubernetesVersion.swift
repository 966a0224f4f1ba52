/// `1.33`, `v1.33.5-eks-1234567`: the major and minor numbers.
package struct KubernetesVersion: Sendable, Comparable {
    package var major: Int
    package var minor: Int

    package init?(_ text: String) {
        let trimmed = text.hasPrefix("v") ? text.dropFirst() : Substring(text)
        let parts = trimmed.split(separator: ".", maxSplits: 2)
        guard parts.count >= 2, let major = Int(parts[0]),
              let minor = Int(parts[1].prefix { $0.isNumber }), !parts[1].isEmpty, parts[1].first!.isNumber
        else { return nil }
        self.major = major
        self.minor = minor
    }

    package static func < (a: Self, b: Self) -> Bool { (a.major, a.minor) < (b.major, b.minor) }
}
