/// Reads a configuration document (already parsed into a ``SourceNode``) strictly: unknown keys,
/// wrong types, unknown severities and incomplete waivers are errors that name the line.
extension Configuration {
    public init(document: SourceNode?, file: String) throws {
        self.init()
        guard let document, !document.isNull else { return }
        guard let entries = document.entries else {
            throw ConfigError(file: file, line: document.position.line, "the configuration must be a mapping")
        }
        for entry in entries {
            switch entry.key {
            case "disable":
                disabled = try Self.strings(entry.value, file: file, what: "disable").map(Glob.init)
            case "severity":
                severityOverrides = try Self.severities(entry.value, file: file)
            case "waivers":
                guard let items = entry.value.items else {
                    throw ConfigError(file: file, line: entry.value.position.line, "waivers must be a list")
                }
                waivers = try items.map { try Self.waiver($0, file: file) }
            default:
                throw ConfigError(
                    file: file, line: entry.keyPosition.line,
                    "unknown key \"\(entry.key)\" (expected disable, severity or waivers)")
            }
        }
    }

    private static func strings(_ node: SourceNode, file: String, what: String) throws -> [String] {
        if let text = node.string { return [text] }
        guard let items = node.items else {
            throw ConfigError(file: file, line: node.position.line, "\(what) must be a list of check IDs or globs")
        }
        var result: [String] = []
        for item in items {
            guard let text = item.string else {
                throw ConfigError(file: file, line: item.position.line, "\(what) entries must be strings")
            }
            result.append(text)
        }
        return result
    }

    private static func severities(_ node: SourceNode, file: String) throws -> [String: Severity] {
        guard let entries = node.entries else {
            throw ConfigError(file: file, line: node.position.line, "severity must map check IDs to severities")
        }
        var result: [String: Severity] = [:]
        for entry in entries {
            guard let text = entry.value.string, let severity = Severity(rawValue: text.lowercased()) else {
                throw ConfigError(
                    file: file, line: entry.value.position.line,
                    "severity of \(entry.key) must be one of critical, high, medium, low, info")
            }
            result[entry.key] = severity
        }
        return result
    }

    private static func waiver(_ node: SourceNode, file: String) throws -> Waiver {
        let line = node.position.line
        guard let entries = node.entries else {
            throw ConfigError(file: file, line: line, "a waiver must be a mapping with check, resource, reason, owner, expires")
        }
        var fields: [String: String] = [:]
        for entry in entries {
            guard ["check", "resource", "reason", "owner", "expires"].contains(entry.key) else {
                throw ConfigError(
                    file: file, line: entry.keyPosition.line,
                    "unknown waiver key \"\(entry.key)\" (expected check, resource, reason, owner, expires)")
            }
            guard let text = entry.value.string, !text.isEmpty else {
                throw ConfigError(file: file, line: entry.value.position.line, "waiver \(entry.key) must be a non-empty string")
            }
            fields[entry.key] = text
        }
        for required in ["check", "reason", "owner", "expires"] where fields[required] == nil {
            throw ConfigError(file: file, line: line, "waiver is missing \"\(required)\"; every waiver needs check, reason, owner and expires")
        }
        let expires = fields["expires"]!
        guard Self.isDate(expires) else {
            throw ConfigError(file: file, line: line, "waiver expires \"\(expires)\" is not a date in the form YYYY-MM-DD")
        }
        return Waiver(
            check: Glob(fields["check"]!), resource: Glob(fields["resource"] ?? "*"),
            reason: fields["reason"]!, owner: fields["owner"]!, expires: expires, line: line)
    }

    private static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let month = Int(parts[1]), let day = Int(parts[2]), Int(parts[0]) != nil
        else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }
}

/// A configuration file that cannot be used; names the file and line.
public struct ConfigError: Error, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var reason: String

    public init(file: String, line: Int, _ reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String { "\(file):\(line): \(reason)" }
}
