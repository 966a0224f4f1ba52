import ClusterSnapshot

/// A container image reference split the way registries see it: `host/repository[:tag][@digest]`,
/// with Docker Hub's defaults filled in.
package struct ImageReference: Sendable, Equatable {
    package var host: String
    package var repository: String
    package var tag: String?
    package var digest: String?

    package init(_ text: String) {
        var rest = Substring(text)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        let parts = rest.split(separator: "/", maxSplits: 1)
        if parts.count == 2, parts[0].contains(".") || parts[0].contains(":") || parts[0] == "localhost" {
            host = String(parts[0])
            repository = String(parts[1])
        } else {
            host = "docker.io"
            repository = parts.count == 1 ? "library/\(rest)" : String(rest)
        }
    }

    /// `host/repository`, what registry allow-lists are written against.
    package var location: String { "\(host)/\(repository)" }

    /// The ECR registry of the reference: account and region, when the host is a private ECR.
    package var ecr: (account: String, region: String)? {
        let labels = host.split(separator: ".")
        guard labels.count >= 6, labels[1] == "dkr", labels[2] == "ecr", labels[4] == "amazonaws",
              labels[0].count == 12, labels[0].allSatisfy(\.isNumber)
        else { return nil }
        return (String(labels[0]), String(labels[3]))
    }
}
