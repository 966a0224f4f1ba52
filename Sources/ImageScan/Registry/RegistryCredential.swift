import Foundation

/// What a registry pull authenticates with.
public enum RegistryCredential: Sendable, Equatable {
    /// HTTP basic credentials, also sent to a bearer challenge's token service.
    case basic(user: String, password: String)
    /// An OAuth refresh token (Docker's "identity token"): exchanged at the bearer challenge's token
    /// service for an access token (`grant_type=refresh_token`).
    case identityToken(String)
}

/// A credential and where it came from, for progress lines and error messages (never the secret).
public struct ResolvedCredential: Sendable, Equatable {
    public var credential: RegistryCredential
    public var origin: String

    public init(_ credential: RegistryCredential, origin: String) {
        self.credential = credential
        self.origin = origin
    }
}

/// Registry names as credential files spell them: with or without a scheme, Docker Hub under any of its names.
enum RegistryHost {
    static let dockerHubNames: Set<String> = ["docker.io", "index.docker.io", "registry-1.docker.io"]
    /// The server URL Docker stores Hub credentials under and hands to credential helpers.
    static let dockerHubServerURL = "https://index.docker.io/v1/"

    static func canonical(_ host: String) -> String {
        let lowered = host.lowercased()
        return dockerHubNames.contains(lowered) ? "docker.io" : lowered
    }

    /// `https://host/v1/` → `host`; `host/ns` keeps its path when `keepPath` (containers-auth.json namespaces),
    /// but never for keys with a scheme (the legacy form, which is always a whole registry).
    static func key(_ text: String, keepPath: Bool) -> String {
        var rest = Substring(text)
        var hadScheme = false
        for scheme in ["https://", "http://"] where rest.lowercased().hasPrefix(scheme) {
            rest = rest.dropFirst(scheme.count)
            hadScheme = true
        }
        let parts = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let host = canonical(String(parts.first ?? ""))
        guard keepPath, !hadScheme, parts.count == 2 else { return host }
        let path = parts[1].trimmingCharacters(in: ["/"])
        return path.isEmpty ? host : host + "/" + path
    }

    /// What a credential helper is asked for: Docker Hub's index URL, otherwise the registry host as written.
    static func serverURL(registry: String) -> String {
        canonical(registry) == "docker.io" ? dockerHubServerURL : registry
    }
}
