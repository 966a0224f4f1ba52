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
package struct IgnorePragma: Sendable, Hashable {
    /// `hadolint` or `eksguard`, lowercased.
    package let tool: String
    /// `global` pragmas apply to the whole file; the others to the instruction on the next line.
    package let isGlobal: Bool
    /// The rule IDs as written (`DL3008`, `DKR-001`).
    package let ruleIDs: [String]
    package let position: SourcePosition

    static let tools: Set<String> = ["hadolint", "eksguard"]

    /// Parses a comment's text (without `#`); nil unless it is an ignore pragma with at least one ID.
    package init?(parsing text: String, at position: SourcePosition) {
        var words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })[...]
        guard let first = words.popFirst(), Self.tools.contains(first.lowercased()) else { return nil }
        tool = first.lowercased()
        var isGlobal = false
        if words.first == "global" {
            isGlobal = true
            words.removeFirst()
        }
        guard let rest = words.first, rest.hasPrefix("ignore") else { return nil }
        // IDs may be spaced around commas (`ignore=DL3008, DL3009`): rejoin what follows `ignore`.
        let joined = words.joined(separator: " ").dropFirst("ignore".count)
        guard let equals = joined.firstIndex(of: "="), joined[..<equals].allSatisfy({ $0 == " " }) else { return nil }
        var ids: [String] = []
        var expectMore = true
        for piece in joined[joined.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false) {
            guard expectMore else { break }
            let trimmed = piece.drop(while: { $0 == " " })
            let id = trimmed.prefix(while: { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            if !id.isEmpty { ids.append(String(id)) }
            // Text after an ID that is not a comma ends the list (`ignore=DL3008 because …`).
            expectMore = trimmed.dropFirst(id.count).allSatisfy { $0 == " " }
        }
        guard !ids.isEmpty else { return nil }
        self.isGlobal = isGlobal
        ruleIDs = ids
        self.position = position
    }
}
