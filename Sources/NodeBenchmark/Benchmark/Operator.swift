import Foundation

/// kube-bench's comparison operators, applied to typed values: `0s` equals `0` for a duration,
/// `Node,Webhook` has the element `Webhook` but not `Web`, and a mode is compared bit by bit.
package enum Operator: String, Sendable, Decodable, CaseIterable {
    case eq, noteq, gt, gte, lt, lte, has, nothave, regex
    case validElements = "valid_elements"
    case bitmask

    /// A value that could not be read as its kind: the check cannot be evaluated.
    package struct ValueError: Error, Sendable, Equatable, CustomStringConvertible {
        package var description: String
    }

    /// Whether `found OP expected` holds for a value of this kind.
    package func holds(found: String, expected: String, kind: Setting.Kind) throws(ValueError) -> Bool {
        switch self {
        case .eq: return try Self.equal(found, expected, kind)
        case .noteq: return try !Self.equal(found, expected, kind)
        case .gt: return try Self.number(found, kind) > Self.number(expected, kind)
        case .gte: return try Self.number(found, kind) >= Self.number(expected, kind)
        case .lt: return try Self.number(found, kind) < Self.number(expected, kind)
        case .lte: return try Self.number(found, kind) <= Self.number(expected, kind)
        case .has: return Self.contains(found, expected, kind)
        case .nothave: return !Self.contains(found, expected, kind)
        case .regex:
            guard let pattern = try? NSRegularExpression(pattern: expected) else {
                throw ValueError(description: "invalid regular expression \(expected)")
            }
            return pattern.firstMatch(in: found, range: NSRange(found.startIndex..., in: found)) != nil
        case .validElements:
            let allowed = Set(Self.elements(expected))
            let present = Self.elements(found)
            return !present.isEmpty && present.allSatisfy(allowed.contains)
        case .bitmask:
            guard let mode = UInt32(found, radix: 8), let mask = UInt32(expected, radix: 8) else {
                throw ValueError(description: "\(found) is not an octal file mode")
            }
            return mode & ~mask == 0
        }
    }

    private static func equal(_ found: String, _ expected: String, _ kind: Setting.Kind) throws(ValueError) -> Bool {
        switch kind {
        case .bool: return try bool(found) == bool(expected)
        case .integer, .duration: return try number(found, kind) == number(expected, kind)
        case .list: return elements(found) == elements(expected)
        case .string: return found == expected
        }
    }

    private static func contains(_ found: String, _ expected: String, _ kind: Setting.Kind) -> Bool {
        kind == .list ? elements(found).contains(expected) : found.contains(expected)
    }

    static func elements(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmed() }.filter { !$0.isEmpty }
    }

    /// Go's strconv.ParseBool, which the kubelet's flags use.
    static func bool(_ text: String) throws(ValueError) -> Bool {
        switch text {
        case "1", "t", "T", "true", "TRUE", "True": return true
        case "0", "f", "F", "false", "FALSE", "False": return false
        default: throw ValueError(description: "\"\(text)\" is not a boolean")
        }
    }

    static func number(_ text: String, _ kind: Setting.Kind) throws(ValueError) -> Double {
        if kind == .duration, let seconds = duration(text) { return seconds }
        guard let value = Double(text.trimmed()), value.isFinite else {
            throw ValueError(description: "\"\(text)\" is not \(kind == .duration ? "a duration" : "a number")")
        }
        return value
    }

    /// Go's time.ParseDuration (`4h0m0s`, `5m`, `1.5h`, `300ms`), in seconds; a bare `0` is zero.
    static func duration(_ text: String) -> Double? {
        var rest = Substring(text.trimmed())
        if rest == "0" { return 0 }
        var sign = 1.0
        if rest.first == "-" || rest.first == "+" {
            sign = rest.first == "-" ? -1 : 1
            rest = rest.dropFirst()
        }
        let units: [(String, Double)] = [("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600)]
        var total = 0.0
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isNumber || $0 == "." }
            guard !digits.isEmpty, let amount = Double(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            guard let unit = units.first(where: { rest.hasPrefix($0.0) && !(($0.0 == "m") && rest.hasPrefix("ms")) }) else { return nil }
            rest = rest.dropFirst(unit.0.count)
            total += amount * unit.1
        }
        return sign * total
    }
}
