/// A YAML or JSON document as a tree whose every node keeps its position in the file.
///
/// The parser lives with the inputs that need it; this model is here so configuration and
/// checks of every domain can read documents without depending on a YAML library.
public struct SourceNode: Sendable {
    public enum Value: Sendable {
        case scalar(SourceScalar)
        case mapping([SourceEntry])
        case sequence([SourceNode])
    }

    public var value: Value
    public var position: SourcePosition

    public init(_ value: Value, at position: SourcePosition) {
        self.value = value
        self.position = position
    }

    public subscript(key: String) -> SourceNode? { entry(key)?.value }

    public func entry(_ key: String) -> SourceEntry? {
        guard case .mapping(let entries) = value else { return nil }
        return entries.first { $0.key == key }
    }

    public var entries: [SourceEntry]? {
        if case .mapping(let entries) = value { return entries }
        return nil
    }

    public var items: [SourceNode]? {
        if case .sequence(let items) = value { return items }
        return nil
    }

    public var scalar: SourceScalar? {
        if case .scalar(let scalar) = value { return scalar }
        return nil
    }

    /// The text of a scalar that is a string (not null); nil for anything else.
    public var string: String? {
        guard let scalar, !scalar.isNull else { return nil }
        return scalar.text
    }

    public var isNull: Bool { scalar?.isNull ?? false }

    /// What the node is, for error messages ("a mapping", "a list", "the string \"x\"").
    public var kindDescription: String {
        switch value {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let s): s.isNull ? "null" : "the value \"\(s.text.prefix(40))\""
        }
    }
}

public struct SourceEntry: Sendable {
    public var key: String
    public var keyPosition: SourcePosition
    public var value: SourceNode

    public init(key: String, keyPosition: SourcePosition, value: SourceNode) {
        self.key = key
        self.keyPosition = keyPosition
        self.value = value
    }
}

/// A scalar as written: its text, whether it was plain (unquoted, so YAML may read it as a bool,
/// number or null) and its explicit tag, if any.
public struct SourceScalar: Sendable, Equatable {
    public var text: String
    public var isPlain: Bool
    public var tag: String?

    public init(text: String, isPlain: Bool, tag: String? = nil) {
        self.text = text
        self.isPlain = isPlain
        self.tag = tag
    }

    public var isNull: Bool {
        if let tag { return tag == "tag:yaml.org,2002:null" }
        return isPlain && (text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL")
    }

    /// A boolean as Kubernetes reads it from YAML (sigs.k8s.io/yaml resolves YAML 1.1 forms such as
    /// `yes`/`on` for boolean fields); nil when the scalar is not a boolean.
    public var bool: Bool? {
        guard isPlain || tag == "tag:yaml.org,2002:bool" else { return nil }
        switch text {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y": return true
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N": return false
        default: return nil
        }
    }

    /// An integer as YAML 1.1 reads a plain scalar: decimal, `0x` hex, `0o` or leading-zero octal,
    /// `0b` binary, optional sign and `_` separators. Nil when not an integer.
    public var int: Int64? {
        guard isPlain || tag == "tag:yaml.org,2002:int" else { return nil }
        var text = Substring(text.replacingUnderscores())
        var negative = false
        if text.first == "-" || text.first == "+" {
            negative = text.first == "-"
            text = text.dropFirst()
        }
        guard !text.isEmpty else { return nil }
        let magnitude: Int64?
        if text.hasPrefix("0x") {
            magnitude = Int64(text.dropFirst(2), radix: 16)
        } else if text.hasPrefix("0o") {
            magnitude = Int64(text.dropFirst(2), radix: 8)
        } else if text.hasPrefix("0b") {
            magnitude = Int64(text.dropFirst(2), radix: 2)
        } else if text.count > 1, text.first == "0" {
            magnitude = Int64(text.dropFirst(), radix: 8)
        } else {
            magnitude = Int64(text, radix: 10)
        }
        guard let magnitude else { return nil }
        return negative ? -magnitude : magnitude
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        contains("_") ? String(filter { $0 != "_" }) : self
    }
}
