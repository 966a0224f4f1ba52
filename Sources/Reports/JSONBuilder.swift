/// A small streaming JSON writer: keys come out in the order they are written (the documented
/// order of CLI.md, which `JSONEncoder` cannot promise), pretty-printed with a 2-space indent.
///
/// Everything is appended to one pre-sized `String`; a report can hold hundreds of thousands of
/// results, so there is no intermediate tree and no per-result encoder.
struct JSONBuilder {
    private(set) var text = ""
    /// How many items each open object or array holds so far: decides commas and empty `{}`/`[]`.
    private var itemCounts: [Int] = []
    /// A key was just written, so the next value belongs to it and needs no separator.
    private var afterKey = false

    init(capacity: Int) {
        text.reserveCapacity(capacity)
    }

    mutating func beginObject() {
        startValue()
        text += "{"
        itemCounts.append(0)
    }

    mutating func endObject() { close("}") }

    mutating func beginArray() {
        startValue()
        text += "["
        itemCounts.append(0)
    }

    mutating func endArray() { close("]") }

    mutating func key(_ name: String) {
        startItem()
        appendQuoted(name)
        text += ": "
        afterKey = true
    }

    /// A string, or `null` when absent: the schema spells missing values out rather than dropping keys.
    mutating func string(_ value: String?) {
        startValue()
        if let value { appendQuoted(value) } else { text += "null" }
    }

    mutating func int(_ value: Int?) {
        startValue()
        if let value { text += String(value) } else { text += "null" }
    }

    mutating func bool(_ value: Bool) {
        startValue()
        text += value ? "true" : "false"
    }

    /// A number written exactly as given (`"8.0"` stays `8.0`), for values that are not integers.
    mutating func number(literal: String) {
        startValue()
        text += literal
    }

    mutating func field(_ name: String, _ value: String?) {
        key(name)
        string(value)
    }

    mutating func field(_ name: String, _ value: Int?) {
        key(name)
        int(value)
    }

    mutating func field(_ name: String, _ values: [String]) {
        key(name)
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    // MARK: layout

    private mutating func startValue() {
        if afterKey {
            afterKey = false
        } else if !itemCounts.isEmpty {
            startItem()
        }
    }

    private mutating func startItem() {
        let last = itemCounts.count - 1
        if itemCounts[last] > 0 { text += "," }
        itemCounts[last] += 1
        newline()
    }

    private mutating func close(_ bracket: String) {
        if itemCounts.removeLast() > 0 { newline() }
        text += bracket
    }

    private static let indents = (0..<16).map { String(repeating: "  ", count: $0) }

    private mutating func newline() {
        text += "\n"
        let depth = itemCounts.count
        text += depth < Self.indents.count ? Self.indents[depth] : String(repeating: "  ", count: depth)
    }

    // MARK: strings

    /// RFC 8259 §7: quote, backslash and U+0000...U+001F must be escaped; everything else,
    /// including non-ASCII, may stay as UTF-8.
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private mutating func appendQuoted(_ value: String) {
        text += "\""
        let utf8 = value.utf8
        if !utf8.contains(where: Self.needsEscape) {
            text += value
        } else {
            // Copy the clean runs between escapes as slices. The bytes that need escaping are
            // ASCII, so every run boundary is also a Unicode scalar boundary.
            var runStart = utf8.startIndex
            var index = runStart
            while index != utf8.endIndex {
                let byte = utf8[index]
                if Self.needsEscape(byte) {
                    text += value[runStart..<index]
                    text += Self.escape(byte)
                    runStart = utf8.index(after: index)
                }
                index = utf8.index(after: index)
            }
            text += value[runStart..<utf8.endIndex]
        }
        text += "\""
    }

    private static func escape(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "\""): return "\\\""
        case UInt8(ascii: "\\"): return "\\\\"
        case 0x08: return "\\b"
        case 0x0C: return "\\f"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        default:
            let hex = String(byte, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
    }
}
