/// The AdmissionReview the webhook answers with, written as JSON directly (no reflection: this
/// runs for every request).
extension AdmissionDecision {
    /// Longest warning sent back; the API server shortens longer ones anyway.
    static let maxWarningLength = 400

    package var responseJSON: String {
        var out = "{\"apiVersion\":\(JSON.string(apiVersion)),\"kind\":\"AdmissionReview\",\"response\":{\"uid\":\(JSON.string(uid)),\"allowed\":\(allowed)"
        if !allowed {
            out += ",\"status\":{\"code\":403,\"reason\":\"Forbidden\",\"message\":\(JSON.string(denialMessage))}"
        }
        if !warnings.isEmpty {
            let texts = warnings.map { warning -> String in
                let text = warning.text
                return text.count > Self.maxWarningLength ? String(text.prefix(Self.maxWarningLength - 1)) + "…" : text
            }
            out += ",\"warnings\":[" + texts.map(JSON.string).joined(separator: ",") + "]"
        }
        return out + "}}"
    }
}

enum JSON {
    /// A JSON string literal.
    static func string(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
