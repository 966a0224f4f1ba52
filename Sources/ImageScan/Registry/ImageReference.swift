/// `[registry/]repository[:tag][@digest]`, with Docker Hub's defaults.
public struct ImageReference: Sendable, Equatable, CustomStringConvertible {
    public var registry: String
    public var repository: String
    public var tag: String?
    public var digest: String?

    public init(_ text: String) throws {
        var rest = Substring(text)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            _ = try ImageDocuments.validated(digest!, name: text)
            rest = rest[..<at]
        }
        var parts = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        // The first component is a registry when it looks like a host (has a dot or a port, or is localhost).
        if parts.count > 1, parts[0].contains(".") || parts[0].contains(":") || parts[0] == "localhost" {
            registry = parts.removeFirst()
        } else {
            registry = "docker.io"
        }
        var last = parts.removeLast()
        if let colon = last.lastIndex(of: ":") {
            tag = String(last[last.index(after: colon)...])
            last = String(last[..<colon])
        }
        parts.append(last)
        if registry == "docker.io", parts.count == 1 { parts.insert("library", at: 0) }
        repository = parts.joined(separator: "/")
        let allowed: (Character) -> Bool = { $0.isLowercase || $0.isNumber || "._-/".contains($0) }
        guard !repository.isEmpty, repository.allSatisfy(allowed), !parts.contains(where: \.isEmpty) else {
            throw ImageScanError.invalidImage(source: text, reason: "not a valid image reference")
        }
        if tag == nil, digest == nil { tag = "latest" }
    }

    /// The host to talk to (Docker Hub's API lives on another name than its references).
    public var host: String { registry == "docker.io" ? "registry-1.docker.io" : registry }

    /// Loopback registries speak plain HTTP, as Docker assumes for them.
    public var scheme: String {
        let name = host.split(separator: ":").first.map(String.init) ?? host
        return name == "localhost" || name.hasPrefix("127.") || name == "[::1]" ? "http" : "https"
    }

    /// The manifest to ask for: the digest when given, else the tag.
    public var manifestReference: String { digest ?? tag ?? "latest" }

    public var description: String {
        var text = registry + "/" + repository
        if let tag { text += ":" + tag }
        if let digest { text += "@" + digest }
        return text
    }
}
