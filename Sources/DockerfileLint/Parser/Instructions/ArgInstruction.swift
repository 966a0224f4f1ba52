import EKSGuardCore

/// `ARG name[=default] …`: build arguments, with or without a default.
package struct ArgInstruction: Sendable, Hashable {
    package let declarations: [ArgDeclaration]

    /// BuildKit's `parseNameOrNameVal`: each quote-aware word is `name` or `name=value`.
    static func parse(_ context: InstructionContext) throws(DockerfileParseError) -> ArgInstruction {
        let escape = context.escape.asciiValue ?? UInt8(ascii: "\\")
        let words = Words.quoteAware(context.bytes, context.argumentsRange, escape: escape)
        guard !words.isEmpty else { throw context.error("ARG requires at least one argument") }
        var declarations: [ArgDeclaration] = []
        for word in words {
            let name: String
            var raw: String?
            if let equals = word.text.firstIndex(of: "=") {
                name = String(word.text[..<equals])
                raw = String(word.text[word.text.index(after: equals)...])
            } else {
                name = word.text
            }
            guard !name.isEmpty else { throw context.error("ARG names can not be blank") }
            declarations.append(ArgDeclaration(
                name: name, defaultValue: raw.map(context.unquote), rawDefault: raw, position: context.position(word.start)))
        }
        return ArgInstruction(declarations: declarations)
    }
}

/// One name of an `ARG` instruction.
package struct ArgDeclaration: Sendable, Hashable {
    package let name: String
    /// The default with quotes removed (`$references` kept); nil for `ARG name` without `=`.
    package let defaultValue: String?
    /// The default as written.
    package let rawDefault: String?
    package let position: SourcePosition
}
