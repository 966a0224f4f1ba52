/// The parts of a container image reference that matter for pinning: its tag and digest.
struct ImageReference: Equatable {
    var tag: String?
    var digest: String?

    /// Splits `registry:5000/repo/name:tag@sha256:...`: the digest follows `@`; the tag is what
    /// follows the last `:` after the last `/` (a `:` before it is a registry port).
    init(_ text: String) {
        var rest = Substring(text)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        let lastSlash = rest.lastIndex(of: "/") ?? rest.startIndex
        if let colon = rest[lastSlash...].lastIndex(of: ":") {
            tag = String(rest[rest.index(after: colon)...])
        }
    }
}
