import EKSGuardCore

/// `ENV` or `LABEL`: key/value pairs, in the `key=value …` form or the legacy `ENV key value` form.
package struct KeyValueInstruction: Sendable, Hashable {
    package let pairs: [KeyValuePair]
    /// True for the legacy whitespace form (`ENV key some value`), which BuildKit still accepts.
    package let isLegacyForm: Bool

    /// The value of the last pair with this key.
    package subscript(key: String) -> String? { pairs.last { $0.key == key }?.value }

    /// BuildKit's `parseNameVal`: if the first word has no `=`, the whole rest after the key is one
    /// value; otherwise every word must be `key=value`.
    static func parse(_ context: InstructionContext) throws(DockerfileParseError) -> KeyValueInstruction {
        let name = context.kind.rawValue
        let escape = context.escape.asciiValue ?? UInt8(ascii: "\\")
        let words = Words.quoteAware(context.bytes, context.argumentsRange, escape: escape)
        guard let first = words.first else { throw context.error("\(name) requires at least one argument") }
        if !first.text.contains("=") {
            // Legacy form: the key is the first whitespace-separated token, the value everything after it.
            var index = context.argumentsRange.lowerBound
            while index < context.argumentsRange.upperBound, !Words.isSpace(context.bytes[index]) { index += 1 }
            let keyEnd = index
            while index < context.argumentsRange.upperBound, Words.isSpace(context.bytes[index]) { index += 1 }
            guard index < context.argumentsRange.upperBound else { throw context.error("\(name) must have two arguments") }
            let key = String(decoding: context.bytes[context.argumentsRange.lowerBound..<keyEnd], as: UTF8.self)
            let raw = String(decoding: context.bytes[index..<context.argumentsRange.upperBound], as: UTF8.self)
            let pair = KeyValuePair(
                key: context.unquote(key), value: context.unquote(raw), rawValue: raw,
                keyPosition: context.position(context.argumentsRange.lowerBound), valuePosition: context.position(index))
            return KeyValueInstruction(pairs: [pair], isLegacyForm: true)
        }
        var pairs: [KeyValuePair] = []
        for word in words {
            guard let equals = word.text.firstIndex(of: "=") else {
                throw context.error("syntax error - can't find = in \"\(word.text)\"; must be of the form: name=value")
            }
            let key = context.unquote(String(word.text[..<equals]))
            guard !key.isEmpty else { throw context.error("\(name) names can not be blank") }
            let raw = String(word.text[word.text.index(after: equals)...])
            let valueOffset = word.start + word.text.utf8.distance(from: word.text.startIndex, to: equals) + 1
            pairs.append(KeyValuePair(
                key: key, value: context.unquote(raw), rawValue: raw,
                keyPosition: context.position(word.start), valuePosition: context.position(valueOffset)))
        }
        return KeyValueInstruction(pairs: pairs, isLegacyForm: false)
    }
}

/// One `key=value` of `ENV` or `LABEL`.
package struct KeyValuePair: Sendable, Hashable {
    /// The key, quotes removed.
    package let key: String
    /// The value with quotes and escapes removed; `$references` are kept as written.
    package let value: String
    /// The value exactly as written (quotes kept); `Environment` expands this.
    package let rawValue: String
    package let keyPosition: SourcePosition
    package let valuePosition: SourcePosition
}
