/// Why a shell script could not be read: only nesting beyond the limit is fatal; everything else
/// (an unterminated quote, a stray `)`) is tolerated and noted in `ShellScript.issues`, because the
/// shell, not the Dockerfile parser, is the judge of shell syntax.
package struct ShellParseError: Error, Sendable, Equatable, CustomStringConvertible {
    package let reason: String
    /// UTF-8 offset in the script where the problem was found.
    package let offset: Int

    package var description: String { reason }
}

/// Splits shell text into words, operators and redirections, without executing or expanding anything.
///
/// It is linear: nested `$(…)`, `${…}`, quotes and backticks inside a word are skipped with an
/// explicit stack (bounded by `maxDepth`), never by recursion.
struct ShellLexer {
    enum Token {
        case word(ShellWord)
        case separator(Separator, offset: Int)
        case open(offset: Int)
        case close(offset: Int)
        case redirect(RedirectOperator, fileDescriptor: Int?, offset: Int)
        case end(offset: Int)
    }

    let bytes: [UInt8]
    let end: Int
    let locator: SourceLocator
    let maxDepth: Int
    var index: Int
    /// Problems worth reporting that do not stop parsing.
    var issues: [String] = []
    /// Bodies of inline heredocs (`cat <<EOF` inside a script), in the order of their markers.
    var heredocBodies: [String] = []
    private var pendingHeredocs: [(delimiter: String, stripsTabs: Bool)] = []
    private var expectingDelimiter: Bool?

    init(bytes: [UInt8], range: Range<Int>, locator: SourceLocator, maxDepth: Int) {
        self.bytes = bytes
        end = range.upperBound
        index = range.lowerBound
        self.locator = locator
        self.maxDepth = maxDepth
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || isDigit(byte) || byte == UInt8(ascii: "_")
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private func byte(at offset: Int) -> UInt8? { offset < end ? bytes[offset] : nil }

    private static func endsWord(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: ";"),
             UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "("), UInt8(ascii: ")"):
            return true
        default:
            return false
        }
    }

    mutating func next() throws(ShellParseError) -> Token {
        while index < end {
            let current = bytes[index]
            switch current {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
                continue
            case UInt8(ascii: "\\") where byte(at: index + 1) == UInt8(ascii: "\n"):
                index += 2
                continue
            case UInt8(ascii: "#"):
                while index < end, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                continue
            default:
                break
            }
            let start = index
            switch current {
            case UInt8(ascii: "\n"):
                index += 1
                readPendingHeredocs()
                return .separator(.newline, offset: start)
            case UInt8(ascii: ";"):
                if byte(at: index + 1) == UInt8(ascii: ";") {
                    index += byte(at: index + 2) == UInt8(ascii: "&") ? 3 : 2
                    return .separator(.caseBreak, offset: start)
                }
                if byte(at: index + 1) == UInt8(ascii: "&") {
                    index += 2
                    return .separator(.caseBreak, offset: start)
                }
                index += 1
                return .separator(.semicolon, offset: start)
            case UInt8(ascii: "&"):
                if byte(at: index + 1) == UInt8(ascii: "&") {
                    index += 2
                    return .separator(.and, offset: start)
                }
                if byte(at: index + 1) == UInt8(ascii: ">") {
                    let append = byte(at: index + 2) == UInt8(ascii: ">")
                    index += append ? 3 : 2
                    return .redirect(append ? .appendOutputAndError : .outputAndError, fileDescriptor: nil, offset: start)
                }
                index += 1
                return .separator(.background, offset: start)
            case UInt8(ascii: "|"):
                let second = byte(at: index + 1)
                index += second == UInt8(ascii: "|") || second == UInt8(ascii: "&") ? 2 : 1
                if second == UInt8(ascii: "|") { return .separator(.or, offset: start) }
                return .separator(second == UInt8(ascii: "&") ? .pipeWithStderr : .pipe, offset: start)
            case UInt8(ascii: "("):
                index += 1
                return .open(offset: start)
            case UInt8(ascii: ")"):
                index += 1
                return .close(offset: start)
            case UInt8(ascii: "<"), UInt8(ascii: ">"):
                return .redirect(readRedirectOperator(), fileDescriptor: nil, offset: start)
            default:
                break
            }
            // `2>&1`, `3<file`: digits directly followed by a redirection operator are its descriptor.
            if Self.isDigit(current) {
                var digitsEnd = index
                while digitsEnd < end, Self.isDigit(bytes[digitsEnd]) { digitsEnd += 1 }
                if let after = byte(at: digitsEnd), after == UInt8(ascii: "<") || after == UInt8(ascii: ">"), digitsEnd - index < 10 {
                    let fd = Int(String(decoding: bytes[index..<digitsEnd], as: UTF8.self))
                    index = digitsEnd
                    return .redirect(readRedirectOperator(), fileDescriptor: fd, offset: start)
                }
            }
            let word = try readWord()
            if let stripsTabs = expectingDelimiter {
                expectingDelimiter = nil
                pendingHeredocs.append((word.value, stripsTabs))
            }
            return .word(word)
        }
        return .end(offset: index)
    }

    private mutating func readRedirectOperator() -> RedirectOperator {
        let first = bytes[index]
        let second = byte(at: index + 1)
        let third = byte(at: index + 2)
        var op: RedirectOperator
        var length = 2
        if first == UInt8(ascii: "<") {
            switch second {
            case UInt8(ascii: "<"):
                if third == UInt8(ascii: "<") {
                    op = .hereString
                    length = 3
                } else if third == UInt8(ascii: "-") {
                    op = .heredocStrippingTabs
                    length = 3
                } else {
                    op = .heredoc
                }
            case UInt8(ascii: "&"): op = .duplicateInput
            case UInt8(ascii: ">"): op = .readWrite
            default:
                op = .input
                length = 1
            }
        } else {
            switch second {
            case UInt8(ascii: ">"): op = .append
            case UInt8(ascii: "&"): op = .duplicateOutput
            case UInt8(ascii: "|"): op = .clobber
            default:
                op = .output
                length = 1
            }
        }
        index += length
        if op.isHeredoc { expectingDelimiter = op == .heredocStrippingTabs }
        return op
    }

    /// Reads one word, removing quotes and escapes from its value and keeping substitutions as written.
    private mutating func readWord() throws(ShellParseError) -> ShellWord {
        let start = index
        var value: [UInt8] = []
        var quoted = false
        var substitution = false
        while index < end {
            let current = bytes[index]
            if Self.endsWord(current) {
                // `name=(a b c)`: an array assignment keeps its parenthesised list in the word.
                if current == UInt8(ascii: "("), value.last == UInt8(ascii: "="), index > start {
                    let listStart = index
                    try skipNested(opening: .paren, from: index + 1)
                    value.append(contentsOf: bytes[listStart..<index])
                    continue
                }
                break
            }
            switch current {
            case UInt8(ascii: "\\"):
                quoted = true
                if let next = byte(at: index + 1) {
                    if next != UInt8(ascii: "\n") { value.append(next) }
                    index += 2
                } else {
                    index += 1
                }
            case UInt8(ascii: "'"):
                quoted = true
                index += 1
                let contentStart = index
                while index < end, bytes[index] != UInt8(ascii: "'") { index += 1 }
                value.append(contentsOf: bytes[contentStart..<index])
                if index < end { index += 1 } else { issues.append("unterminated single quote") }
            case UInt8(ascii: "\""):
                quoted = true
                index += 1
                try readDoubleQuoted(into: &value, substitution: &substitution)
            case UInt8(ascii: "$") where byte(at: index + 1) == UInt8(ascii: "'"):
                quoted = true
                index += 2
                readANSIQuoted(into: &value)
            case UInt8(ascii: "$"), UInt8(ascii: "`"):
                try readExpansion(into: &value, substitution: &substitution)
            default:
                value.append(current)
                index += 1
            }
        }
        return ShellWord(
            value: String(decoding: value, as: UTF8.self), raw: String(decoding: bytes[start..<index], as: UTF8.self),
            isQuoted: quoted, hasSubstitution: substitution, offset: start, locator: locator)
    }

    /// A `$` or a backtick at `index`, read the same way in and out of double quotes: `$(…)`,
    /// `${…}` and backticks are kept verbatim in the value; `$name` (and the special parameters)
    /// marks the word as holding a substitution.
    private mutating func readExpansion(into value: inout [UInt8], substitution: inout Bool) throws(ShellParseError) {
        let current = bytes[index]
        let start = index
        if current == UInt8(ascii: "`") {
            substitution = true
            skipBackticks()
            value.append(contentsOf: bytes[start..<index])
            return
        }
        let next = byte(at: index + 1)
        if next == UInt8(ascii: "(") || next == UInt8(ascii: "{") {
            substitution = true
            try skipNested(opening: next == UInt8(ascii: "(") ? .paren : .brace, from: index + 2)
            value.append(contentsOf: bytes[start..<index])
        } else {
            if let next, Self.isNameByte(next) || "@*#?$!-".utf8.contains(next) { substitution = true }
            value.append(current)
            index += 1
        }
    }

    private mutating func readDoubleQuoted(into value: inout [UInt8], substitution: inout Bool) throws(ShellParseError) {
        while index < end {
            let current = bytes[index]
            switch current {
            case UInt8(ascii: "\""):
                index += 1
                return
            case UInt8(ascii: "\\"):
                let next = byte(at: index + 1)
                if let next, "$`\"\\\n".utf8.contains(next) {
                    if next != UInt8(ascii: "\n") { value.append(next) }
                    index += 2
                } else {
                    value.append(current)
                    index += 1
                }
            case UInt8(ascii: "$"), UInt8(ascii: "`"):
                try readExpansion(into: &value, substitution: &substitution)
            default:
                value.append(current)
                index += 1
            }
        }
        issues.append("unterminated double quote")
    }

    /// `$'…'` (bash ANSI-C quoting): the common escapes are decoded.
    private mutating func readANSIQuoted(into value: inout [UInt8]) {
        while index < end {
            let current = bytes[index]
            if current == UInt8(ascii: "'") {
                index += 1
                return
            }
            if current == UInt8(ascii: "\\"), let next = byte(at: index + 1) {
                switch next {
                case UInt8(ascii: "n"): value.append(0x0A)
                case UInt8(ascii: "t"): value.append(0x09)
                case UInt8(ascii: "r"): value.append(0x0D)
                default: value.append(next)
                }
                index += 2
                continue
            }
            value.append(current)
            index += 1
        }
        issues.append("unterminated $' quote")
    }

    private mutating func skipBackticks() {
        index += 1
        while index < end {
            if bytes[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if bytes[index] == UInt8(ascii: "`") {
                index += 1
                return
            }
            index += 1
        }
        index = end
        issues.append("unterminated backquote")
    }

    enum Context { case paren, brace, doubleQuote, backtick }

    /// Skips a `$(…)`, `$((…))`, `${…}` or `(…)` whose opening is just before `from`, with an explicit
    /// stack of open quotes and brackets; leaves `index` after the matching close.
    private mutating func skipNested(opening: Context, from start: Int) throws(ShellParseError) {
        var stack: [Context] = [opening]
        index = start
        while index < end, let top = stack.last {
            let current = bytes[index]
            switch top {
            case .paren, .brace:
                switch current {
                case UInt8(ascii: "\\"):
                    index += 2
                    continue
                case UInt8(ascii: "'"):
                    index += 1
                    while index < end, bytes[index] != UInt8(ascii: "'") { index += 1 }
                case UInt8(ascii: "\""):
                    stack.append(.doubleQuote)
                case UInt8(ascii: "`"):
                    stack.append(.backtick)
                case UInt8(ascii: "$") where byte(at: index + 1) == UInt8(ascii: "(") || byte(at: index + 1) == UInt8(ascii: "{"):
                    stack.append(byte(at: index + 1) == UInt8(ascii: "(") ? .paren : .brace)
                    index += 1
                case UInt8(ascii: "(") where top == .paren:
                    stack.append(.paren)
                case UInt8(ascii: ")") where top == .paren, UInt8(ascii: "}") where top == .brace:
                    stack.removeLast()
                default:
                    break
                }
            case .doubleQuote:
                switch current {
                case UInt8(ascii: "\\"):
                    index += 2
                    continue
                case UInt8(ascii: "\""):
                    stack.removeLast()
                case UInt8(ascii: "`"):
                    stack.append(.backtick)
                case UInt8(ascii: "$") where byte(at: index + 1) == UInt8(ascii: "(") || byte(at: index + 1) == UInt8(ascii: "{"):
                    stack.append(byte(at: index + 1) == UInt8(ascii: "(") ? .paren : .brace)
                    index += 1
                default:
                    break
                }
            case .backtick:
                switch current {
                case UInt8(ascii: "\\"):
                    index += 2
                    continue
                case UInt8(ascii: "`"):
                    stack.removeLast()
                default:
                    break
                }
            }
            index += 1
            if stack.count > maxDepth {
                throw ShellParseError(reason: "shell nesting deeper than \(maxDepth) levels", offset: index)
            }
        }
        if index > end { index = end }
        if !stack.isEmpty { issues.append("unterminated substitution") }
    }

    /// After a newline: the bodies of heredocs opened on the line just ended, each up to its delimiter.
    private mutating func readPendingHeredocs() {
        guard !pendingHeredocs.isEmpty else { return }
        let delimiters = pendingHeredocs
        pendingHeredocs.removeAll()
        for heredoc in delimiters {
            let delimiter = Array(heredoc.delimiter.utf8)
            var body: [UInt8] = []
            var terminated = false
            while index < end {
                let lineStart = index
                while index < end, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                var line = bytes[lineStart..<index]
                if index < end { index += 1 }
                if heredoc.stripsTabs { line = line.drop { $0 == UInt8(ascii: "\t") } }
                var trimmed = line
                while trimmed.last == UInt8(ascii: "\r") { trimmed = trimmed.dropLast() }
                if trimmed.elementsEqual(delimiter) {
                    terminated = true
                    break
                }
                body.append(contentsOf: line)
                body.append(UInt8(ascii: "\n"))
            }
            if !terminated { issues.append("unterminated here-document \(heredoc.delimiter)") }
            heredocBodies.append(String(decoding: body, as: UTF8.self))
        }
    }
}
