/// Reads the exec (JSON array) form of an instruction's arguments the way BuildKit does: the whole
/// argument text must be one JSON array of strings. Anything that is not valid JSON falls back to
/// shell form; valid JSON holding a non-string is an error, as in BuildKit.
enum ExecForm {
    enum Outcome: Equatable {
        case strings([String])
        /// Valid JSON, but an element is not a string (`["a", 1]`).
        case notStrings
        /// Not a JSON array at all: the caller uses shell form.
        case notJSON
    }

    static func parse(_ bytes: ArraySlice<UInt8>) -> Outcome {
        var reader = JSONReader(bytes: bytes)
        reader.skipWhitespace()
        guard reader.peek == UInt8(ascii: "[") else { return .notJSON }
        reader.index += 1
        var strings: [String] = []
        var allStrings = true
        reader.skipWhitespace()
        if reader.peek == UInt8(ascii: "]") {
            reader.index += 1
        } else {
            while true {
                reader.skipWhitespace()
                if reader.peek == UInt8(ascii: "\"") {
                    guard let string = reader.readString() else { return .notJSON }
                    strings.append(string)
                } else {
                    guard reader.skipValue() else { return .notJSON }
                    allStrings = false
                }
                reader.skipWhitespace()
                guard let next = reader.peek else { return .notJSON }
                reader.index += 1
                if next == UInt8(ascii: "]") { break }
                guard next == UInt8(ascii: ",") else { return .notJSON }
            }
        }
        reader.skipWhitespace()
        guard reader.peek == nil else { return .notJSON }
        return allStrings ? .strings(strings) : .notStrings
    }
}

/// A small, iterative JSON reader: strings with every escape, and validation of any other value
/// without recursion (so `[[[[…` of any depth cannot overflow the stack).
struct JSONReader {
    let bytes: ArraySlice<UInt8>
    var index: Int

    init(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        index = bytes.startIndex
    }

    var peek: UInt8? { index < bytes.endIndex ? bytes[index] : nil }

    mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    /// Reads a string starting at `"`; nil when malformed.
    mutating func readString() -> String? {
        index += 1
        var out: [UInt8] = []
        while let byte = peek {
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let escaped = peek else { return nil }
                index += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = readHex4() else { return nil }
                    // A high surrogate followed by `\uDC00`–`\uDFFF` is one scalar; a lone half is U+FFFD, as in Go.
                    if scalar >= 0xD800, scalar < 0xDC00, peek == UInt8(ascii: "\\"),
                       index + 1 < bytes.endIndex, bytes[index + 1] == UInt8(ascii: "u") {
                        let saved = index
                        index += 2
                        if let low = readHex4(), low >= 0xDC00, low < 0xE000 {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            index = saved
                        }
                    }
                    out.append(contentsOf: Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8))
                default:
                    return nil
                }
            default:
                guard byte >= 0x20 else { return nil }
                out.append(byte)
            }
        }
        return nil
    }

    private mutating func readHex4() -> UInt32? {
        guard index + 4 <= bytes.endIndex else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// Validates and skips one JSON value of any kind, tracking open containers in an array.
    mutating func skipValue() -> Bool {
        // Each entry is `]` or `}`: the closer the open container expects.
        var open: [UInt8] = []
        var expectValue = true
        while true {
            skipWhitespace()
            guard let byte = peek else { return false }
            if expectValue {
                switch byte {
                case UInt8(ascii: "["):
                    index += 1
                    open.append(UInt8(ascii: "]"))
                    skipWhitespace()
                    if peek == UInt8(ascii: "]") {
                        index += 1
                        open.removeLast()
                        expectValue = false
                    }
                    continue
                case UInt8(ascii: "{"):
                    index += 1
                    open.append(UInt8(ascii: "}"))
                    skipWhitespace()
                    if peek == UInt8(ascii: "}") {
                        index += 1
                        open.removeLast()
                        expectValue = false
                        continue
                    }
                    guard readKey() else { return false }
                    continue
                case UInt8(ascii: "\""):
                    guard readString() != nil else { return false }
                default:
                    guard skipScalar() else { return false }
                }
                expectValue = false
            } else {
                guard let closer = open.last else { return true }
                index += 1
                if byte == closer {
                    open.removeLast()
                } else if byte == UInt8(ascii: ",") {
                    expectValue = true
                    if closer == UInt8(ascii: "}") {
                        skipWhitespace()
                        guard readKey() else { return false }
                    }
                } else {
                    return false
                }
            }
            if open.isEmpty && !expectValue { return true }
        }
    }

    /// Reads `"key" :` inside an object.
    private mutating func readKey() -> Bool {
        guard peek == UInt8(ascii: "\""), readString() != nil else { return false }
        skipWhitespace()
        guard peek == UInt8(ascii: ":") else { return false }
        index += 1
        return true
    }

    /// Numbers and the literals `true`, `false`, `null`.
    private mutating func skipScalar() -> Bool {
        for literal in ["true", "false", "null"] {
            let utf8 = Array(literal.utf8)
            if bytes[index...].starts(with: utf8) {
                index += utf8.count
                return true
            }
        }
        let start = index
        if peek == UInt8(ascii: "-") { index += 1 }
        guard let first = peek, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { return false }
        if first == UInt8(ascii: "0") { index += 1 } else { skipDigits() }
        if peek == UInt8(ascii: ".") {
            index += 1
            guard skipDigits() else { return false }
        }
        if let e = peek, e | 0x20 == UInt8(ascii: "e") {
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard skipDigits() else { return false }
        }
        return index > start
    }

    @discardableResult
    private mutating func skipDigits() -> Bool {
        let start = index
        while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { index += 1 }
        return index > start
    }
}
