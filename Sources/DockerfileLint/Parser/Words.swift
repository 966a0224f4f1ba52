/// A piece of an instruction's argument text: its bytes as written and where it starts.
struct RawWord {
    /// The word as written, quotes and escape characters kept (BuildKit removes them later, while
    /// expanding variables).
    var text: String
    /// UTF-8 offset of the word's first byte in the instruction's joined line.
    var start: Int
}

/// The word splitters of BuildKit's Dockerfile parser, reproduced over bytes with offsets.
enum Words {
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0B || byte == 0x0C || byte == 0x0D
    }

    /// BuildKit's `parseWords` (ENV, LABEL, ARG): whitespace separates words except inside quotes;
    /// the escape character keeps the next character in the word (even a quote or a space); quotes
    /// and escapes stay in the word text.
    static func quoteAware(_ bytes: [UInt8], _ range: Range<Int>, escape: UInt8) -> [RawWord] {
        var words: [RawWord] = []
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            while index < end, isSpace(bytes[index]) { index += 1 }
            guard index < end else { break }
            let start = index
            var quote: UInt8 = 0
            // An escape character as the very last byte is dropped, as BuildKit does.
            var trailingEscape = false
            while index < end {
                let byte = bytes[index]
                if quote == 0 {
                    if isSpace(byte) { break }
                    if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                        quote = byte
                    } else if byte == escape {
                        if index + 1 < end { index += 1 } else { trailingEscape = true }
                    }
                } else if byte == quote {
                    quote = 0
                } else if byte == escape, quote != UInt8(ascii: "'") {
                    if index + 1 < end { index += 1 } else { trailingEscape = true }
                }
                index += 1
            }
            let wordEnd = trailingEscape ? index - 1 : index
            words.append(RawWord(text: String(decoding: bytes[start..<wordEnd], as: UTF8.self), start: start))
        }
        return words
    }

    /// BuildKit's `parseStringsWhitespaceDelimited` (FROM, EXPOSE, shell-form COPY/ADD/VOLUME):
    /// plain whitespace splitting, no quote handling.
    static func whitespaceDelimited(_ bytes: [UInt8], _ range: Range<Int>) -> [RawWord] {
        var words: [RawWord] = []
        var index = range.lowerBound
        while index < range.upperBound {
            while index < range.upperBound, isSpace(bytes[index]) { index += 1 }
            guard index < range.upperBound else { break }
            let start = index
            while index < range.upperBound, !isSpace(bytes[index]) { index += 1 }
            words.append(RawWord(text: String(decoding: bytes[start..<index], as: UTF8.self), start: start))
        }
        return words
    }

    /// Shell-like words with quotes and backslash escapes kept raw, the way BuildKit finds heredoc
    /// markers in an instruction line (its lexer always uses `\` there, whatever the escape directive).
    static func shellLike(_ bytes: [UInt8], _ range: Range<Int>) -> [RawWord] {
        var words: [RawWord] = []
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            while index < end, isSpace(bytes[index]) { index += 1 }
            guard index < end else { break }
            let start = index
            var quote: UInt8 = 0
            while index < end {
                let byte = bytes[index]
                if quote == 0 {
                    if isSpace(byte) { break }
                    if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") { quote = byte }
                    else if byte == UInt8(ascii: "\\") { index += 1 }
                } else if byte == quote {
                    quote = 0
                } else if byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") {
                    index += 1
                }
                index += 1
            }
            index = min(index, end)
            words.append(RawWord(text: String(decoding: bytes[start..<index], as: UTF8.self), start: start))
        }
        return words
    }

    /// True when `<<` appears: lines without it cannot hold a heredoc marker, so the word split is skipped.
    static func containsHeredocOperator(_ bytes: [UInt8]) -> Bool {
        var index = 1
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<"), bytes[index - 1] == UInt8(ascii: "<") { return true }
            index += 1
        }
        return false
    }

    /// Leading `--name[=value]` words (BuildKit's `extractBuilderFlags`): quotes are removed and
    /// `\` escapes the next byte; a bare `--` ends the flags. Returns the flags and where the rest starts.
    static func leadingFlags(_ bytes: [UInt8], _ range: Range<Int>) -> (flags: [(text: String, start: Int)], rest: Int) {
        var flags: [(text: String, start: Int)] = []
        var index = range.lowerBound
        let end = range.upperBound
        while true {
            while index < end, isSpace(bytes[index]) { index += 1 }
            guard index + 1 < end, bytes[index] == UInt8(ascii: "-"), bytes[index + 1] == UInt8(ascii: "-") else {
                return (flags, index)
            }
            let start = index
            var word: [UInt8] = []
            var quote: UInt8 = 0
            while index < end {
                let byte = bytes[index]
                if quote == 0 {
                    if isSpace(byte) { break }
                    if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                        quote = byte
                        index += 1
                        continue
                    }
                } else if byte == quote {
                    quote = 0
                    index += 1
                    continue
                }
                if byte == UInt8(ascii: "\\") {
                    index += 1
                    guard index < end else { break }
                }
                word.append(bytes[index])
                index += 1
            }
            if word == [UInt8(ascii: "-"), UInt8(ascii: "-")] {
                while index < end, isSpace(bytes[index]) { index += 1 }
                return (flags, index)
            }
            flags.append((String(decoding: word, as: UTF8.self), start))
        }
    }

    /// Removes quotes and escape characters from a Dockerfile word without expanding variables
    /// (`"a b"` → `a b`, `\$x` stays `\$x` so that a later expansion still sees it escaped).
    static func unquote(_ text: String, escape: Character) -> String {
        var substitution = Substitution(escape: escape, lookup: nil)
        return substitution.process(text)
    }
}
