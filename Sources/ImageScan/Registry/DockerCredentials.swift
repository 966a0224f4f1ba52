import Foundation

/// Registry credentials from Docker's client configuration (`$DOCKER_CONFIG/config.json` or
/// `~/.docker/config.json`): the `auths` section, `auth` (base64 `user:password`) or username/password.
/// Credential helpers are not run.
public struct DockerCredentials: Sendable {
    public var entries: [String: (user: String, password: String)] = [:]

    public init(entries: [String: (user: String, password: String)] = [:]) { self.entries = entries }

    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) -> DockerCredentials {
        let folder = environment["DOCKER_CONFIG"] ?? (NSHomeDirectory() + "/.docker")
        guard let data = FileManager.default.contents(atPath: folder + "/config.json") else { return DockerCredentials() }
        return (try? parse(data)) ?? DockerCredentials()
    }

    static func parse(_ data: Data) throws -> DockerCredentials {
        struct Config: Decodable {
            struct Entry: Decodable {
                var auth: String?
                var username: String?
                var password: String?
            }
            var auths: [String: Entry]?
        }
        var credentials = DockerCredentials()
        for (key, entry) in try JSONDecoder().decode(Config.self, from: data).auths ?? [:] {
            var host = key
            for prefix in ["https://", "http://"] where host.hasPrefix(prefix) { host = String(host.dropFirst(prefix.count)) }
            host = String(host.split(separator: "/").first ?? Substring(host))
            if let user = entry.username, let password = entry.password {
                credentials.entries[host] = (user, password)
            } else if let auth = entry.auth, let decoded = Data(base64Encoded: auth), let text = String(data: decoded, encoding: .utf8),
                      let colon = text.firstIndex(of: ":") {
                credentials.entries[host] = (String(text[..<colon]), String(text[text.index(after: colon)...]))
            }
        }
        return credentials
    }

    /// Docker Hub's credentials are stored under its index server name.
    public func lookup(registry: String) -> (user: String, password: String)? {
        if let found = entries[registry] { return found }
        if registry == "docker.io" || registry == "registry-1.docker.io" { return entries["index.docker.io"] }
        return nil
    }
}
