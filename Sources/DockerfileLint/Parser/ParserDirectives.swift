import EKSGuardCore

/// The parser directives at the top of a Dockerfile (`# syntax=`, `# escape=`, `# check=`).
///
/// BuildKit reads them only before the first instruction, comment or blank line; keys are
/// case-insensitive; each may appear once; an unknown key ends the directive block (that line and
/// everything after it are ordinary comments).
package struct ParserDirectives: Sendable, Hashable {
    /// One `# name=value` line.
    package struct Directive: Sendable, Hashable {
        /// Lowercased key: `escape`, `syntax` or `check`.
        package let name: String
        /// The value with surrounding whitespace removed.
        package let value: String
        package let position: SourcePosition
    }

    /// Every directive, in file order.
    package let all: [Directive]
    /// The escape character: `\` unless `# escape=` set a backtick. It also continues lines.
    package let escape: Character

    package init(all: [Directive] = [], escape: Character = "\\") {
        self.all = all
        self.escape = escape
    }

    /// The value of a directive by key (any case).
    package subscript(name: String) -> String? {
        let key = name.lowercased()
        return all.first { $0.name == key }?.value
    }

    /// The frontend image of `# syntax=` (`docker/dockerfile:1`), if present.
    package var syntax: String? { self["syntax"] }
    /// The `# check=` value (`skip=JSONArgsRecommended;error=true`), if present.
    package var check: String? { self["check"] }

    static let known: Set<String> = ["escape", "syntax", "check"]

    /// Reads `#\s*key\s*=\s*value\s*` from a line whose leading whitespace is already skipped,
    /// as BuildKit's directive expression does; nil when the line is not of that shape.
    static func match(_ bytes: [UInt8], from start: Int, to end: Int) -> (key: String, value: String)? {
        guard start < end, bytes[start] == UInt8(ascii: "#") else { return nil }
        var index = start + 1
        while index < end, isDirectiveSpace(bytes[index]) { index += 1 }
        let keyStart = index
        guard index < end, isLetter(bytes[index]) else { return nil }
        while index < end, isLetter(bytes[index]) || isDigit(bytes[index]) { index += 1 }
        let keyEnd = index
        while index < end, isDirectiveSpace(bytes[index]) { index += 1 }
        guard index < end, bytes[index] == UInt8(ascii: "=") else { return nil }
        index += 1
        while index < end, isDirectiveSpace(bytes[index]) { index += 1 }
        var valueEnd = end
        while valueEnd > index, isDirectiveSpace(bytes[valueEnd - 1]) { valueEnd -= 1 }
        guard valueEnd > index else { return nil }
        let key = String(decoding: bytes[keyStart..<keyEnd], as: UTF8.self).lowercased()
        return (key, String(decoding: bytes[index..<valueEnd], as: UTF8.self))
    }

    private static func isDirectiveSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0C || byte == 0x0D || byte == 0x0A
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
