import Foundation

/// The settings cluster checks read: today's date (injected so age checks are testable) and the
/// organisation's policy values, each with the catalog's default.
package struct AuditContext: Sendable {
    package var now: Date
    /// Values from `.eksguard.yaml`'s `audit:` section or `--set key=value`, by key; each check
    /// documents the keys it reads and their defaults.
    package var settings: [String: String]

    package init(now: Date = Date(), settings: [String: String] = [:]) {
        self.now = now
        self.settings = settings
    }

    /// An integer setting, or its default when unset (an unreadable value is reported by the caller's validation).
    package func integer(_ key: String, default value: Int) -> Int {
        settings[key].flatMap { Int($0) } ?? value
    }

    /// A comma-separated list setting.
    package func list(_ key: String, default value: [String]) -> [String] {
        guard let raw = settings[key] else { return value }
        return raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
