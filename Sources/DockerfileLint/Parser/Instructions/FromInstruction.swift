import EKSGuardCore

/// `FROM [--platform=…] image [AS name]`: the base of a build stage.
package struct FromInstruction: Sendable, Hashable {
    /// The image as written; `$VARIABLES` are not expanded here (see `Stage.resolvedImage`).
    package let image: ImageReference
    package let imagePosition: SourcePosition
    /// The `--platform` value as written (`$BUILDPLATFORM`, `linux/amd64`).
    package let platform: String?
    /// The stage name, lowercased: stage names match case-insensitively (`COPY --from=Builder`).
    package let alias: String?
    /// The stage name as written.
    package let aliasSpelling: String?
    package let aliasPosition: SourcePosition?
    /// `AS` as written (`as`, `AS`), for casing rules.
    package let asSpelling: String?

    static func parse(_ context: InstructionContext) throws(DockerfileParseError) -> FromInstruction {
        let words = Words.whitespaceDelimited(context.bytes, context.argumentsRange)
        guard let image = words.first else { throw context.error("FROM requires an image") }
        guard words.count == 1 || words.count == 3 else {
            throw context.error("FROM requires either one or three arguments")
        }
        var alias: RawWord?
        if words.count == 3 {
            guard words[1].text.lowercased() == "as" else {
                throw context.error("when using FROM with three arguments, the second must be AS")
            }
            alias = words[2]
            guard Self.isValidStageName(words[2].text.lowercased()) else {
                throw context.error("invalid name for build stage: \"\(words[2].text)\", name can't start with a number or contain symbols")
            }
        }
        return FromInstruction(
            image: ImageReference(image.text), imagePosition: context.position(image.start),
            platform: context.flag("platform")?.value, alias: alias?.text.lowercased(), aliasSpelling: alias?.text,
            aliasPosition: alias.map { context.position($0.start) }, asSpelling: words.count == 3 ? words[1].text : nil)
    }

    /// BuildKit's stage name rule: `^[a-z][a-z0-9-_.]*$` (after lowercasing).
    static func isValidStageName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return false }
        return name.utf8.allSatisfy { byte in
            byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") || byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
    }
}
