/// BuildKit's word processing for Dockerfile instructions: quotes removed, the escape character
/// honoured, and `$x`, `${x}`, `${x:-d}`, `${x-d}`, `${x:+d}`, `${x+d}`, `${x:?m}`, `${x#p}`,
/// `${x##p}`, `${x%p}`, `${x%%p}`, `${x/p/r}` and `${x//p/r}` expanded from a lookup.
///
/// With no lookup, references are kept as written: that is how stored values (`ENV A="$B x"` →
/// `$B x`) are shown before any environment is known.
struct Substitution {
    let escape: UInt8
    let lookup: ((String) -> String?)?
    /// Names referenced but not set, in order of first use.
    private(set) var unresolved: [String] = []

    /// Deepest `${a:-${b:-…}}` nesting expanded; deeper text is kept literally.
    static let maxDepth = 32

    init(escape: Character, lookup: ((String) -> String?)?) {
        self.escape = escape.asciiValue ?? UInt8(ascii: "\\")
        self.lookup = lookup
    }

    mutating func process(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var index = 0
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        processWord(bytes, &index, stopAt: nil, depth: 0, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Processes until `stopAt` (unquoted, unescaped) or the end; leaves `index` on the stop byte.
    private mutating func processWord(_ bytes: [UInt8], _ index: inout Int, stopAt: UInt8?, depth: Int, into out: inout [UInt8]) {
        while index < bytes.count {
            let byte = bytes[index]
            if let stopAt, byte == stopAt { return }
            switch byte {
            case UInt8(ascii: "'"):
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "'") {
                    out.append(bytes[index])
                    index += 1
                }
                index += 1
            case UInt8(ascii: "\""):
                index += 1
                processDoubleQuoted(bytes, &index, depth: depth, into: &out)
            case UInt8(ascii: "$"):
                processDollar(bytes, &index, depth: depth, into: &out)
            case escape:
                index += 1
                guard index < bytes.count else { return }
                if lookup == nil && bytes[index] == UInt8(ascii: "$") {
                    // Keep `\$` escaped in the literal form so it never reads as a reference.
                    out.append(escape)
                }
                out.append(bytes[index])
                index += 1
            default:
                out.append(byte)
                index += 1
            }
        }
    }

    private mutating func processDoubleQuoted(_ bytes: [UInt8], _ index: inout Int, depth: Int, into out: inout [UInt8]) {
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return
            case UInt8(ascii: "$"):
                processDollar(bytes, &index, depth: depth, into: &out)
            case escape:
                index += 1
                guard index < bytes.count else { return }
                let next = bytes[index]
                if next == UInt8(ascii: "\"") || next == UInt8(ascii: "$") || next == escape {
                    if lookup == nil && next == UInt8(ascii: "$") { out.append(escape) }
                    out.append(next)
                    index += 1
                } else {
                    out.append(escape)
                }
            default:
                out.append(byte)
                index += 1
            }
        }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            || byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") || byte == UInt8(ascii: "_")
    }

    private mutating func value(of name: String) -> String? {
        guard let lookup else { return nil }
        let value = lookup(name)
        if value == nil, !unresolved.contains(name) { unresolved.append(name) }
        return value
    }

    private mutating func processDollar(_ bytes: [UInt8], _ index: inout Int, depth: Int, into out: inout [UInt8]) {
        let start = index
        index += 1
        guard index < bytes.count else {
            out.append(UInt8(ascii: "$"))
            return
        }
        if bytes[index] != UInt8(ascii: "{") {
            let nameStart = index
            while index < bytes.count, Self.isNameByte(bytes[index]) { index += 1 }
            guard index > nameStart else {
                out.append(UInt8(ascii: "$"))
                return
            }
            if lookup == nil {
                out.append(contentsOf: bytes[start..<index])
            } else if let value = value(of: String(decoding: bytes[nameStart..<index], as: UTF8.self)) {
                out.append(contentsOf: value.utf8)
            }
            return
        }
        guard depth < Self.maxDepth else {
            // Too deep to expand safely: keep the rest of the reference literally.
            out.append(contentsOf: bytes[start...])
            index = bytes.count
            return
        }
        index += 1
        let nameStart = index
        while index < bytes.count, Self.isNameByte(bytes[index]) { index += 1 }
        let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
        guard index < bytes.count else {
            out.append(contentsOf: bytes[start...])
            return
        }
        var modifier = [bytes[index]]
        index += 1
        if modifier == [UInt8(ascii: "}")] {
            if lookup == nil { out.append(contentsOf: bytes[start..<index]) } else if let v = value(of: name) { out.append(contentsOf: v.utf8) }
            return
        }
        if modifier[0] == UInt8(ascii: ":") || modifier[0] == UInt8(ascii: "#") || modifier[0] == UInt8(ascii: "%")
            || modifier[0] == UInt8(ascii: "/"), index < bytes.count,
            bytes[index] == modifier[0] || modifier[0] == UInt8(ascii: ":") {
            modifier.append(bytes[index])
            index += 1
        }
        // The word after the modifier, itself expanded (it may hold quotes and references).
        var word: [UInt8] = []
        var replacement: [UInt8]?
        if modifier.first == UInt8(ascii: "/") {
            processWord(bytes, &index, stopAt: UInt8(ascii: "/"), depth: depth + 1, into: &word)
            if index < bytes.count, bytes[index] == UInt8(ascii: "/") {
                index += 1
                var rest: [UInt8] = []
                processWord(bytes, &index, stopAt: UInt8(ascii: "}"), depth: depth + 1, into: &rest)
                replacement = rest
            }
            // `/` inside the replacement is part of it; BuildKit reads up to the closing brace.
        } else {
            processWord(bytes, &index, stopAt: UInt8(ascii: "}"), depth: depth + 1, into: &word)
        }
        if index < bytes.count { index += 1 }   // the closing `}`
        guard lookup != nil else {
            out.append(contentsOf: bytes[start..<min(index, bytes.count)])
            return
        }
        let current = value(of: name)
        let modifierText = String(decoding: modifier, as: UTF8.self)
        switch modifierText {
        case ":-": out.append(contentsOf: (current?.isEmpty == false ? Array(current!.utf8) : word))
        case "-": out.append(contentsOf: current.map { Array($0.utf8) } ?? word)
        case ":+": if current?.isEmpty == false { out.append(contentsOf: word) }
        case "+": if current != nil { out.append(contentsOf: word) }
        case ":?", "?": if let current { out.append(contentsOf: current.utf8) }
        case "#", "##", "%", "%%":
            let value = Array((current ?? "").utf8)
            out.append(contentsOf: Glob.trim(value, pattern: word, fromStart: modifier[0] == UInt8(ascii: "#"),
                                             longest: modifier.count == 2))
        case "/", "//":
            let value = Array((current ?? "").utf8)
            out.append(contentsOf: Glob.replace(value, pattern: word, with: replacement ?? [], all: modifier.count == 2))
        default:
            // An unknown modifier (`${x:0:2}` substrings are not Dockerfile syntax): keep it as written.
            out.append(contentsOf: bytes[start..<min(index, bytes.count)])
        }
    }
}

/// Shell glob matching with `*` and `?` for `${x#p}`-style trimming; bounded so that hostile
/// values cannot make it quadratic in practice.
enum Glob {
    static let maxWork = 1 << 20

    static func matches(_ text: ArraySlice<UInt8>, _ pattern: [UInt8]) -> Bool {
        var t = text.startIndex
        var p = 0
        var starP = -1
        var starT = 0
        while t < text.endIndex {
            if p < pattern.count, pattern[p] == UInt8(ascii: "?") || pattern[p] == text[t] && pattern[p] != UInt8(ascii: "*") {
                t += 1
                p += 1
            } else if p < pattern.count, pattern[p] == UInt8(ascii: "*") {
                starP = p
                starT = t
                p += 1
            } else if starP >= 0 {
                p = starP + 1
                starT += 1
                t = starT
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.count
    }

    static func trim(_ value: [UInt8], pattern: [UInt8], fromStart: Bool, longest: Bool) -> [UInt8] {
        let lengths: [Int]
        if !pattern.contains(UInt8(ascii: "*")) {
            // Without `*` a match has exactly the pattern's length.
            lengths = pattern.count <= value.count ? [pattern.count] : []
        } else {
            guard value.count * value.count * max(pattern.count, 1) <= maxWork else { return value }
            lengths = longest ? Array((0...value.count).reversed()) : Array(0...value.count)
        }
        for length in lengths {
            let candidate = fromStart ? value[0..<length] : value[(value.count - length)...]
            if matches(candidate, pattern) {
                return fromStart ? Array(value[length...]) : Array(value[..<(value.count - length)])
            }
        }
        return value
    }

    /// Replaces the first (or every) literal occurrence; patterns with wildcards are matched
    /// by longest match at each start position.
    static func replace(_ value: [UInt8], pattern: [UInt8], with replacement: [UInt8], all: Bool) -> [UInt8] {
        let hasStar = pattern.contains(UInt8(ascii: "*"))
        guard !pattern.isEmpty, value.count * pattern.count * (hasStar ? value.count : 1) <= maxWork else { return value }
        var out: [UInt8] = []
        var index = 0
        var replaced = false
        while index < value.count {
            if !replaced || all {
                var matchEnd: Int?
                if !hasStar {
                    let end = index + pattern.count
                    if end <= value.count, matches(value[index..<end], pattern) { matchEnd = end }
                } else {
                    for end in stride(from: value.count, through: index + 1, by: -1) where matches(value[index..<end], pattern) {
                        matchEnd = end
                        break
                    }
                }
                if let matchEnd {
                    out.append(contentsOf: replacement)
                    index = matchEnd
                    replaced = true
                    continue
                }
            }
            out.append(value[index])
            index += 1
        }
        return out
    }
}
