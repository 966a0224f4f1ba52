/// A container image reference split into registry, repository, tag and digest, as written.
///
/// `registry.example.com:5000/team/app:1.2@sha256:…` → registry `registry.example.com:5000`,
/// repository `team/app`, tag `1.2`, digest `sha256:…`. The first path component is a registry
/// only when it has a `.` or `:` or is `localhost` (Docker's rule); otherwise Docker Hub is implied.
package struct ImageReference: Sendable, Hashable, CustomStringConvertible {
    /// The reference exactly as written.
    package let raw: String
    package let registry: String?
    /// The path after the registry (`library/ubuntu` is written `ubuntu`, kept as written).
    package let repository: String
    package let tag: String?
    /// The digest after `@` (`sha256:…`).
    package let digest: String?

    package init(_ raw: String) {
        self.raw = raw
        var rest = Substring(raw)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        } else {
            digest = nil
        }
        let lastSlash = rest.lastIndex(of: "/")
        if let colon = rest[(lastSlash ?? rest.startIndex)...].lastIndex(of: ":") {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        } else {
            tag = nil
        }
        if let slash = rest.firstIndex(of: "/") {
            let first = rest[..<slash]
            if first.contains(".") || first.contains(":") || first == "localhost" {
                registry = String(first)
                rest = rest[rest.index(after: slash)...]
            } else {
                registry = nil
            }
        } else {
            registry = nil
        }
        repository = String(rest)
    }

    /// Registry and repository without tag or digest (`docker.io` is not added).
    package var name: String { registry.map { "\($0)/\(repository)" } ?? repository }
    /// `FROM scratch`: the empty image.
    package var isScratch: Bool { raw.lowercased() == "scratch" }
    /// True when the reference still holds `$VAR` or `${VAR}` (not expanded).
    package var hasVariables: Bool { raw.contains("$") }
    package var description: String { raw }
}
