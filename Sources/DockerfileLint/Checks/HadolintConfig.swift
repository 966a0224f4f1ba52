import EKSGuardCore

/// `.hadolint.yaml`, the subset that changes what rules report: ignored rules, trusted registries
/// (DL3026), label schema (DL3049–DL3058), severity overrides and the failure threshold.
package struct HadolintConfig: Sendable, Equatable {
    package var ignored: [String] = []
    package var trustedRegistries: [String] = []
    /// Label name → expected kind (`text`, `url`, `spdx`, `hash`, `rfc3339`, `semver`, `email`).
    package var labelSchema: [String: String] = [:]
    package var strictLabels = false
    /// Rule code → level (`error`, `warning`, `info`, `style`, or `ignore`).
    package var overrides: [String: String] = [:]
    package var failureThreshold: String?
    package var disableIgnorePragma = false

    package init() {}

    /// Reads the parsed YAML document; unknown keys are errors naming the line, like `.eksguard.yaml`.
    package init(document: SourceNode?, file: String) throws {
        self.init()
        guard let document, !document.isNull else { return }
        guard let entries = document.entries else {
            throw ConfigError(file: file, line: document.position.line, "the configuration must be a mapping")
        }
        for entry in entries {
            let value = entry.value
            switch entry.key {
            case "ignored": ignored = try Self.strings(value, file: file, key: entry.key)
            case "trustedRegistries": trustedRegistries = try Self.strings(value, file: file, key: entry.key)
            case "label-schema":
                for label in value.entries ?? [] { labelSchema[label.key] = label.value.string ?? "text" }
            case "strict-labels": strictLabels = value.scalar?.bool ?? false
            case "disable-ignore-pragma": disableIgnorePragma = value.scalar?.bool ?? false
            case "failure-threshold":
                guard let level = value.string, ["error", "warning", "info", "style", "ignore", "none"].contains(level) else {
                    throw ConfigError(file: file, line: value.position.line, "failure-threshold must be error, warning, info, style or none")
                }
                failureThreshold = level
            case "override":
                for group in value.entries ?? [] {
                    guard ["error", "warning", "info", "style", "ignore"].contains(group.key) else {
                        throw ConfigError(file: file, line: group.keyPosition.line, "override keys are error, warning, info, style and ignore")
                    }
                    for code in try Self.strings(group.value, file: file, key: group.key) { overrides[code] = group.key }
                }
            case "format", "no-fail", "no-color", "verbose", "require-labels", "strict-labels-allowed":
                break  // output and process options of hadolint itself; eksguard has its own flags
            default:
                throw ConfigError(file: file, line: entry.keyPosition.line, "unknown .hadolint.yaml key \"\(entry.key)\"")
            }
        }
    }

    /// The `--fail-on` threshold `failure-threshold` means, when the user did not pass `--fail-on`.
    package var failThreshold: FailThreshold? {
        guard let failureThreshold else { return nil }
        if failureThreshold == "none" || failureThreshold == "ignore" { return FailThreshold.none }
        return HadolintLevel(rawValue: failureThreshold).map { .severity($0.severity) }
    }

    private static func strings(_ node: SourceNode, file: String, key: String) throws -> [String] {
        if let single = node.string { return [single] }
        guard let items = node.items else {
            throw ConfigError(file: file, line: node.position.line, "\(key) must be a list of strings")
        }
        return items.compactMap(\.string)
    }
}
