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

    /// A builder that continues a document someone else started: `openItems` says how many items
    /// each enclosing object or array already holds, outermost first. Pieces of one document can
    /// then be written separately (in parallel, or once and reused) and written out one after another.
    init(capacity: Int, continuing openItems: [Int]) {
        bytes.reserveCapacity(capacity)
        itemCounts = openItems
    }

    /// The document so far.
    var output: [UInt8] { bytes }

    /// Ends the file with a newline, as every writer's file ends.
    mutating func endDocument() { bytes.append(UInt8(ascii: "\n")) }

    /// The document so far as a `String`, with the final newline every writer ends its file with.
    var text: String { String(decoding: bytes, as: UTF8.self) + "\n" }

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
        let depth = itemCounts.count
        if depth < Self.indents.count {
            bytes.append(contentsOf: Self.indents[depth])
        } else {
            bytes.append(UInt8(ascii: "\n"))
            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
        }
    }

    /// A newline and the indent of each nesting depth a report uses, ready to copy.
    private static let indents: [[UInt8]] = (0..<8).map { [UInt8(ascii: "\n")] + Array(repeating: UInt8(ascii: " "), count: $0 * 2) }

    private mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func appendQuoted(_ value: String) {
        bytes.appendJSONQuoted(value)
    }
}

extension [UInt8] {
    /// Appends a literal's bytes (static data: nothing is allocated or reference counted).
    mutating func append(static text: StaticString) {
        text.withUTF8Buffer { append(contentsOf: $0) }
    }

    /// Appends a JSON string literal. RFC 8259 §7: quote, backslash and U+0000...U+001F must be
    /// escaped; everything else, including non-ASCII, may stay as UTF-8.
    mutating func appendJSONQuoted(_ value: String) {
        append(UInt8(ascii: "\""))
        // Native strings hand over their own storage; others (bridged, rare here) are copied once.
        if value.utf8.withContiguousStorageIfAvailable({ appendJSONEscaped($0) }) == nil {
            Array(value.utf8).withUnsafeBufferPointer { appendJSONEscaped($0) }
        }
        append(UInt8(ascii: "\""))
    }

    /// A string literal, or `null` when absent.
    mutating func appendJSONQuoted(_ value: String?) {
        if let value { appendJSONQuoted(value) } else { append(contentsOf: JSONLiteral.null) }
    }

    private mutating func appendJSONEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for index in utf8.indices where JSONLiteral.needsEscape(utf8[index]) {
            append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            appendJSONEscape(utf8[index])
            runStart = index + 1
        }
        append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
    }

    private mutating func appendJSONEscape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
        case UInt8(ascii: "\\"): append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
        case 0x08: append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
        case 0x0C: append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
        case 0x0A: append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
        case 0x0D: append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
        case 0x09: append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
        default:
            append(contentsOf: Array("\\u00".utf8))
            append(JSONLiteral.hexDigits[Int(byte >> 4)])
            append(JSONLiteral.hexDigits[Int(byte & 0x0F)])
        }
    }
}

enum JSONLiteral {
    static let null = Array("null".utf8)
    static let hexDigits = Array("0123456789abcdef".utf8)

    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }
}
