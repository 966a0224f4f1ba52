/// A small streaming JSON writer: keys come out in the order they are written (the documented
/// order of CLI.md, which `JSONEncoder` cannot promise), pretty-printed with a 2-space indent.
///
/// A report can hold hundreds of thousands of results, so there is no intermediate tree and no
/// per-result encoder: everything is appended to one pre-sized UTF-8 buffer that becomes a
/// `String` once at the end. Appending bytes is several times cheaper than appending to a
/// `String`, which re-checks uniqueness, capacity and encoding on every call.
struct JSONBuilder {
    private var bytes: [UInt8] = []
    /// How many items each open object or array holds so far: decides commas and empty `{}`/`[]`.
    private var itemCounts: [Int] = []
    /// A key was just written, so the next value belongs to it and needs no separator.
    private var afterKey = false

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// The document so far. Built once per report, so the copy into a `String` is paid once.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func beginObject() {
        startValue()
        bytes.append(UInt8(ascii: "{"))
        itemCounts.append(0)
    }

    mutating func endObject() { close(UInt8(ascii: "}")) }

    mutating func beginArray() {
        startValue()
        bytes.append(UInt8(ascii: "["))
        itemCounts.append(0)
    }

    mutating func endArray() { close(UInt8(ascii: "]")) }

    mutating func key(_ name: String) {
        startItem()
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
        afterKey = true
    }

    /// A string, or `null` when absent: the schema spells missing values out rather than dropping keys.
    mutating func string(_ value: String?) {
        startValue()
        if let value { appendQuoted(value) } else { append("null") }
    }

    mutating func int(_ value: Int?) {
        startValue()
        // `String(Int)` of a line number is a small string: no allocation.
        if let value { bytes.append(contentsOf: String(value).utf8) } else { append("null") }
    }

    mutating func bool(_ value: Bool) {
        startValue()
        append(value ? "true" : "false")
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
        if itemCounts[last] > 0 { bytes.append(UInt8(ascii: ",")) }
        itemCounts[last] += 1
        newline()
    }

    private mutating func close(_ bracket: UInt8) {
        if itemCounts.removeLast() > 0 { newline() }
        bytes.append(bracket)
    }

    private mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
        for _ in 0..<(itemCounts.count * 2) { bytes.append(UInt8(ascii: " ")) }
    }

    private mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    // MARK: strings

    /// RFC 8259 §7: quote, backslash and U+0000...U+001F must be escaped; everything else,
    /// including non-ASCII, may stay as UTF-8.
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private mutating func appendQuoted(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        // `withUTF8` hands over the string's own storage (native strings need no copy).
        value.withUTF8 { utf8 in
            var runStart = 0
            for index in utf8.indices where Self.needsEscape(utf8[index]) {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                appendEscape(utf8[index])
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): append("\\\"")
        case UInt8(ascii: "\\"): append("\\\\")
        case 0x08: append("\\b")
        case 0x0C: append("\\f")
        case 0x0A: append("\\n")
        case 0x0D: append("\\r")
        case 0x09: append("\\t")
        default:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            append("\\u00")
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0x0F)])
        }
    }
}
