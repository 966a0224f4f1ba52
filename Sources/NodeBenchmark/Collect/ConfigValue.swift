/// A kubelet configuration document (JSON or YAML) as a tree whose every value remembers the
/// file and line it came from, so merged drop-ins still point at the file that set a value.
package indirect enum ConfigValue: Sendable, Equatable {
    case scalar(String, plain: Bool, at: ValueSource)
    case list([ConfigValue], at: ValueSource)
    case object([String: ConfigValue], at: ValueSource)

    package var source: ValueSource {
        switch self {
        case .scalar(_, _, let at), .list(_, let at), .object(_, let at): at
        }
    }

    /// The value at a dotted path (`authentication.anonymous.enabled`).
    package func value(at path: [String]) -> ConfigValue? {
        guard let first = path.first else { return self }
        guard case .object(let members, _) = self, let member = members[first] else { return nil }
        return member.value(at: Array(path.dropFirst()))
    }

    /// `other` laid over this value as the kubelet merges drop-in files: objects merge field by
    /// field (recursively), while lists and scalars are replaced whole.
    package func merging(_ other: ConfigValue) -> ConfigValue {
        guard case .object(var mine, let at) = self, case .object(let theirs, _) = other else { return other }
        for (key, value) in theirs {
            mine[key] = mine[key].map { $0.merging(value) } ?? value
        }
        return .object(mine, at: at)
    }

    /// The value as text, for evidence and comparisons: scalars as written, lists comma-joined.
    package var text: String {
        switch self {
        case .scalar(let text, _, _): text
        case .list(let items, _): items.map(\.text).joined(separator: ",")
        case .object: "{…}"
        }
    }

    /// A null scalar (`null`, `~`, empty) counts as unset, as it does for the kubelet's decoder.
    package var isNull: Bool {
        guard case .scalar(let text, let plain, _) = self else { return false }
        return plain && ["", "~", "null", "Null", "NULL"].contains(text)
    }
}

/// Where a value was read: a file and position, or a command-line flag of a process or unit.
package struct ValueSource: Sendable, Equatable, CustomStringConvertible {
    package var file: String
    package var line: Int?

    package init(file: String, line: Int? = nil) {
        self.file = file
        self.line = line
    }

    package var description: String { line.map { "\(file):\($0)" } ?? file }
}
