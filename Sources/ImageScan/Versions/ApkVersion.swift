/// Alpine package versions, ordered by the rules of apk-tools 3:
/// `digits{.digits}[letter]{_suffix[digits]}[~hash][-rN]`. apk-tools 2 also read digits after the letter
/// (`3.0b2`); apk-tools 3 treats them as invalid, and so do we.
public enum ApkVersion {
    /// Token kinds in grammar order. A version whose tokens run backwards, or that has an unknown
    /// character, ends in `invalid`.
    enum Kind: Int, Comparable {
        case initialDigit, digit, letter, suffix, suffixNumber, commitHash, revision, end, invalid
        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    /// Suffix ranks: pre-release suffixes below 0 (below no suffix at all), post-release ones above.
    static let suffixRanks: [String: Int] = [
        "alpha": -4, "beta": -3, "pre": -2, "rc": -1, "cvs": 1, "svn": 2, "git": 3, "hg": 4, "p": 5,
    ]

    struct Token {
        var kind: Kind
        var text: ArraySlice<UInt8> = []
        var suffixRank = 0
    }

    /// Reads one token at a time, enforcing the order of the grammar.
    struct Tokenizer {
        let bytes: [UInt8]
        var position = 0
        var last: Kind? = nil

        init(_ text: String) { bytes = Array(text.utf8) }

        mutating func next() -> Token {
            guard let previous = last else {
                let end = run(from: 0, ASCII.isDigit)
                return emit(Token(kind: end > 0 ? .initialDigit : .invalid, text: bytes[0..<end]), to: end)
            }
            if previous == .end || previous == .invalid { return Token(kind: previous) }
            guard position < bytes.count else { return emit(Token(kind: .end), to: position) }
            let c = bytes[position]
            var token: Token
            var end: Int
            switch c {
            case _ where ASCII.isLower(c) && previous <= .digit:
                token = Token(kind: .letter, text: bytes[position...position])
                end = position + 1
            case 0x2E where previous <= .digit:
                end = run(from: position + 1, ASCII.isDigit)
                token = Token(kind: .digit, text: bytes[(position + 1)..<end])
            case 0x5F where previous <= .suffixNumber:
                end = run(from: position + 1, ASCII.isLower)
                let name = String(decoding: bytes[(position + 1)..<end], as: UTF8.self)
                token = Token(kind: .suffix, text: bytes[(position + 1)..<end], suffixRank: suffixRanks[name] ?? 0)
                if suffixRanks[name] == nil { token.kind = .invalid }
            case _ where ASCII.isDigit(c) && previous == .suffix:
                end = run(from: position, ASCII.isDigit)
                token = Token(kind: .suffixNumber, text: bytes[position..<end])
            case 0x7E where previous < .commitHash:
                end = run(from: position + 1, ASCII.isLowerHexDigit)
                token = Token(kind: .commitHash, text: bytes[(position + 1)..<end])
            case 0x2D where previous < .revision && position + 1 < bytes.count && bytes[position + 1] == 0x72:
                end = run(from: position + 2, ASCII.isDigit)
                token = Token(kind: .revision, text: bytes[(position + 2)..<end])
            default:
                return emit(Token(kind: .invalid), to: position)
            }
            // Separators must carry something: `1.`, `1_`, `1~`, `1-r` are invalid.
            if token.kind != .letter && token.kind != .suffixNumber && token.text.isEmpty { token.kind = .invalid }
            return emit(token, to: end)
        }

        private func run(from start: Int, _ accept: (UInt8) -> Bool) -> Int {
            var end = start
            while end < bytes.count, accept(bytes[end]) { end += 1 }
            return end
        }

        private mutating func emit(_ token: Token, to end: Int) -> Token {
            position = end
            last = token.kind
            return token
        }
    }

    public static func isValid(_ text: String) -> Bool {
        var tokens = Tokenizer(text)
        while true {
            switch tokens.next().kind {
            case .end: return true
            case .invalid: return false
            default: continue
            }
        }
    }

    public static func compare(_ a: String, _ b: String) -> Int {
        var left = Tokenizer(a), right = Tokenizer(b)
        while true {
            let x = left.next(), y = right.next()
            if x.kind != y.kind { return compareKinds(x, y) }
            if x.kind == .end || x.kind == .invalid { return 0 }
            let order = compareValues(x, y)
            if order != 0 { return order }
        }
    }

    /// Equal prefixes, then different token kinds: a pre-release suffix is older than anything,
    /// otherwise the side that is further along the grammar (closer to its end) is older.
    private static func compareKinds(_ x: Token, _ y: Token) -> Int {
        if x.kind == .suffix, x.suffixRank < 0 { return -1 }
        if y.kind == .suffix, y.suffixRank < 0 { return 1 }
        return x.kind > y.kind ? -1 : 1
    }

    /// apk-tools reads numbers into 64 bits and lets longer ones wrap around; orderings follow it exactly.
    private static func wrappingValue(_ digits: ArraySlice<UInt8>) -> UInt64 {
        digits.reduce(0 as UInt64) { $0 &* 10 &+ UInt64($1 - 0x30) }
    }

    private static func compareValues(_ x: Token, _ y: Token) -> Int {
        switch x.kind {
        case .digit where x.text.first == 0x30 || y.text.first == 0x30:
            // Gentoo's rule: a component with a leading zero is a decimal fraction, compared as text.
            return ASCII.compareBytes(x.text, y.text)
        case .initialDigit, .digit, .suffixNumber, .revision:
            let a = wrappingValue(x.text), b = wrappingValue(y.text)
            return a == b ? 0 : (a < b ? -1 : 1)
        case .suffix:
            return x.suffixRank == y.suffixRank ? 0 : (x.suffixRank < y.suffixRank ? -1 : 1)
        case .letter, .commitHash:
            return ASCII.compareBytes(x.text, y.text)
        case .end, .invalid:
            return 0
        }
    }
}
