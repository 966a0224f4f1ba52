import EKSGuardCore

/// A `#` comment line, kept with its position so rules can honour pragmas such as
/// `# hadolint ignore=DL3008` and `# eksguard ignore=DKR-001`.
///
/// The parser does not interpret comments; `ignorePragma` only offers the parsed shape of an
/// ignore comment, and the rules decide what it means.
package struct Comment: Sendable, Hashable {
    /// The text after `#`, with surrounding whitespace removed.
    package let text: String
    /// Position of the `#`.
    package let position: SourcePosition
    /// True for a comment line inside an instruction's line continuations (BuildKit drops those
    /// lines from the instruction; we keep them here).
    package let isInsideInstruction: Bool

    package init(text: String, position: SourcePosition, isInsideInstruction: Bool = false) {
        self.text = text
        self.position = position
        self.isInsideInstruction = isInsideInstruction
    }

    /// The parsed form of `hadolint [global] ignore=ID,ID` or `eksguard [global] ignore=ID`, if this
    /// comment is one.
    package var ignorePragma: IgnorePragma? { IgnorePragma(parsing: text, at: position) }
}

/// `# <tool> [global] ignore=ID[,ID…]`: which rule IDs a comment asks to skip.
///
/// The grammar is hadolint's (`Hadolint.Pragma`): the lowercase tool name, `global` for file-wide
/// pragmas, `ignore`, `=`, then IDs separated by commas (spaces and tabs allowed around `=` and `,`),
/// optionally followed by a `# comment`. Anything else makes the whole comment an ordinary one, as
/// in hadolint. IDs are `[DLSC0-9]+` for `hadolint` (as hadolint reads them) and `[A-Za-z0-9_-]+` for
/// `eksguard` (our IDs look like `DKR-001`).
package struct IgnorePragma: Sendable, Hashable {
    /// `hadolint` or `eksguard`.
    package let tool: String
    /// `global` pragmas apply to the whole file; the others to the instruction on the next line.
    package let isGlobal: Bool
    /// The rule IDs as written (`DL3008`, `DKR-001`).
    package let ruleIDs: [String]
    package let position: SourcePosition

    /// Parses a comment's text (without `#`); nil unless it is an ignore pragma with at least one ID.
    package init?(parsing text: String, at position: SourcePosition) {
        var scanner = PragmaScanner(text)
        scanner.skipSpaces()
        guard let tool = ["hadolint", "eksguard"].first(where: { scanner.take($0) }), scanner.skipSpaces() > 0 else { return nil }
        var isGlobal = false
        if scanner.take("global") {
            guard scanner.skipSpaces() > 0 else { return nil }
            isGlobal = true
        }
        guard scanner.take("ignore") else { return nil }
        scanner.skipSpaces()
        guard scanner.take("=") else { return nil }
        scanner.skipSpaces()
        let allowed: (Unicode.Scalar) -> Bool = tool == "hadolint"
            ? { "DLSC0123456789".unicodeScalars.contains($0) }
            : { $0.isASCII && (Character($0).isLetter || Character($0).isNumber || $0 == "-" || $0 == "_") }
        var ids: [String] = []
        while true {
            let id = scanner.takeWhile(allowed)
            guard !id.isEmpty else { return nil }
            ids.append(id)
            scanner.skipSpaces()
            if scanner.take(",") {
                scanner.skipSpaces()
                continue
            }
            break
        }
        // Only an inline `# comment` may follow the list.
        guard scanner.isAtEnd || scanner.take("#") else { return nil }
        self.tool = tool
        self.isGlobal = isGlobal
        ruleIDs = ids
        self.position = position
    }
}

/// A cursor over a pragma's scalars.
private struct PragmaScanner {
    let scalars: [Unicode.Scalar]
    var index = 0

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    var isAtEnd: Bool { index >= scalars.count }

    @discardableResult
    mutating func skipSpaces() -> Int {
        let start = index
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
        return index - start
    }

    mutating func take(_ literal: String) -> Bool {
        let expected = Array(literal.unicodeScalars)
        guard scalars.count - index >= expected.count, Array(scalars[index..<(index + expected.count)]) == expected else {
            return false
        }
        index += expected.count
        return true
    }

    mutating func takeWhile(_ predicate: (Unicode.Scalar) -> Bool) -> String {
        var result = String.UnicodeScalarView()
        while index < scalars.count, predicate(scalars[index]) {
            result.append(scalars[index])
            index += 1
        }
        return String(result)
    }
}
