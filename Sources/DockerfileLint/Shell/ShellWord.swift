import EKSGuardCore

/// One word of a shell command, as the shell would pass it after quote removal.
///
/// Expansions are not performed: `$HOME`, `${x:-y}`, `$(cmd)` and `` `cmd` `` stay in `value` as
/// written (quotes around them removed), so rules see `apt-get install "$PKG"` as `$PKG`.
package struct ShellWord: Sendable, Hashable {
    /// The word after quote removal and backslash escapes (`'-y'` → `-y`, `"a b"` → `a b`).
    package let value: String
    /// The word exactly as written in the script.
    package let raw: String
    /// True when any part of the word was quoted or escaped (a quoted `if` is not a keyword).
    package let isQuoted: Bool
    /// True when the word holds a parameter expansion or command substitution outside single quotes.
    package let hasSubstitution: Bool
    /// UTF-8 offset of the word in its locator's text.
    let offset: Int
    let locator: SourceLocator

    init(value: String, raw: String, isQuoted: Bool, hasSubstitution: Bool, offset: Int, locator: SourceLocator) {
        self.value = value
        self.raw = raw
        self.isQuoted = isQuoted
        self.hasSubstitution = hasSubstitution
        self.offset = offset
        self.locator = locator
    }

    /// Where the word starts in the Dockerfile.
    package var position: SourcePosition { locator.position(at: offset) }

    /// The variable name when the word is an assignment (`DEBIAN_FRONTEND=noninteractive`,
    /// `PATH+=:/x`): an unquoted name followed by `=` or `+=`.
    package var assignmentName: String? {
        var length = 0
        var iterator = raw.utf8.makeIterator()
        var next = iterator.next()
        while let byte = next, ShellLexer.isNameByte(byte), length > 0 || !ShellLexer.isDigit(byte) {
            length += 1
            next = iterator.next()
        }
        guard length > 0, let byte = next else { return nil }
        guard byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") && iterator.next() == UInt8(ascii: "=") else { return nil }
        return String(decoding: raw.utf8.prefix(length), as: UTF8.self)
    }

    /// True for `NAME=value`.
    package var isAssignment: Bool { assignmentName != nil }

    /// The value of an assignment word (what follows the first `=`), quotes removed.
    package var assignmentValue: String? {
        guard isAssignment, let equals = value.firstIndex(of: "=") else { return nil }
        return String(value[value.index(after: equals)...])
    }

    package static func == (lhs: ShellWord, rhs: ShellWord) -> Bool {
        lhs.value == rhs.value && lhs.raw == rhs.raw && lhs.isQuoted == rhs.isQuoted && lhs.offset == rhs.offset
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(raw)
        hasher.combine(offset)
    }
}
