/// The AdmissionReview the webhook answers with, written as JSON bytes directly (no reflection
/// and no intermediate strings: this runs for every request).
extension AdmissionDecision {
    /// Longest warning sent back; the API server shortens longer ones anyway.
    static let maxWarningLength = 400

    package var responseBytes: [UInt8] {
        var out = JSONWriter()
        out.raw("{\"apiVersion\":")
        out.string(apiVersion)
        out.raw(",\"kind\":\"AdmissionReview\",\"response\":{\"uid\":")
        out.string(uid)
        out.raw(allowed ? ",\"allowed\":true" : ",\"allowed\":false,\"status\":{\"code\":403,\"reason\":\"Forbidden\",\"message\":")
        if !allowed {
            out.string(denialMessage)
            out.raw("}")
        }
        if !warnings.isEmpty {
            out.raw(",\"warnings\":[")
            for (index, warning) in warnings.enumerated() {
                if index > 0 { out.raw(",") }
                let text = warning.text
                out.string(text.count > Self.maxWarningLength ? String(text.prefix(Self.maxWarningLength - 1)) + "…" : text)
            }
            out.raw("]")
        }
        out.raw("}}")
        return out.bytes
    }

    package var responseJSON: String { String(decoding: responseBytes, as: UTF8.self) }
}

/// Appends JSON to a byte buffer.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1024) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A JSON string literal; UTF-8 passes through, quotes, backslashes and controls are escaped.
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

enum JSON {
    /// A JSON string literal, for the log lines.
    static func string(_ text: String) -> String {
        var writer = JSONWriter()
        writer.string(text)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
