import Yams

/// Reads one kubelet configuration file (JSON or YAML; the kubelet accepts both) into a
/// ``ConfigValue`` tree, within limits: 1 MiB, 64 levels of nesting, 100,000 values.
package enum ConfigDocument {
    package static let maxDepth = 64
    package static let maxValues = 100_000

    package struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        package var message: String
        package var description: String { message }
    }

    package static func parse(_ text: String, file: String) throws(ParseError) -> ConfigValue {
        // Yams composes recursively: refuse deep nesting before it sees the text.
        if nestingDepth(text) > maxDepth {
            throw ParseError(message: "nested more than \(maxDepth) levels deep")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw ParseError(message: "not valid JSON or YAML: \(String(describing: error).split(separator: "\n").first ?? "")")
        }
        guard let node else { throw ParseError(message: "the file is empty") }
        var budget = maxValues
        let value = try convert(node, file: file, depth: 0, budget: &budget)
        guard case .object = value else { throw ParseError(message: "the document is not a mapping") }
        return value
    }

    private static func convert(_ node: Node, file: String, depth: Int, budget: inout Int) throws(ParseError) -> ConfigValue {
        budget -= 1
        // Aliases are expanded by the composer; the budget stops an alias bomb from expanding here.
        guard budget >= 0 else { throw ParseError(message: "more than \(maxValues) values (alias expansion?)") }
        guard depth <= maxDepth else { throw ParseError(message: "nested more than \(maxDepth) levels deep") }
        let at = ValueSource(file: file, line: node.mark?.line)
        switch node {
        case .scalar(let scalar):
            return .scalar(scalar.string, plain: scalar.style == .plain, at: at)
        case .sequence(let sequence):
            var items: [ConfigValue] = []
            for item in sequence { items.append(try convert(item, file: file, depth: depth + 1, budget: &budget)) }
            return .list(items, at: at)
        case .mapping(let mapping):
            var members: [String: ConfigValue] = [:]
            for (key, value) in mapping {
                guard case .scalar(let name) = key else { throw ParseError(message: "a mapping key is not a string") }
                // Last one wins, like the kubelet's JSON decoding of a duplicated key.
                members[name.string] = try convert(value, file: file, depth: depth + 1, budget: &budget)
            }
            return .object(members, at: at)
        case .alias:
            throw ParseError(message: "unresolved YAML alias")
        }
    }

    /// Flow brackets open at once, or block indentation in steps of one: either bounds the depth.
    static func nestingDepth(_ text: String) -> Int {
        var depth = 0, deepest = 0, indent = 0, atLineStart = true
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1; deepest = max(deepest, depth)
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            default: break
            }
            if byte == UInt8(ascii: "\n") {
                atLineStart = true
                indent = 0
            } else if atLineStart, byte == UInt8(ascii: " ") {
                indent += 1
                deepest = max(deepest, indent / 2)
            } else {
                atLineStart = false
            }
        }
        return deepest
    }
}
