import Foundation

/// Where registry credentials come from, in this order:
/// 1. Docker's config: `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`;
/// 2. the containers tools' auth file: `$REGISTRY_AUTH_FILE` when set, else
///    `$XDG_RUNTIME_DIR/containers/auth.json` and `${XDG_CONFIG_HOME:-~/.config}/containers/auth.json`.
/// Within a file Docker's CLI precedence applies: a `credHelpers` entry for the registry, else `credsStore`,
/// else `auths`; when the file's helper has nothing for the registry, `auths` of that file is not consulted
/// (as in Docker) and the next file is. Missing files are skipped; unreadable or malformed ones are errors.
public struct RegistryCredentialStore: Sendable {
    public var files: [AuthConfigFile]
    /// Every path looked at, found or not, for "no credentials" messages.
    public var searched: [String]
    /// Passed to credential helpers, PATH included.
    public var environment: [String: String]
    public var helperTimeout: Duration

    public init(files: [AuthConfigFile], searched: [String] = [], environment: [String: String], helperTimeout: Duration = .seconds(30)) {
        self.files = files
        self.searched = searched
        self.environment = environment
        self.helperTimeout = helperTimeout
    }

    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment,
                            helperTimeout: Duration = .seconds(30)) throws(ImageScanError) -> RegistryCredentialStore {
        let candidates = paths(environment: environment)
        var files: [AuthConfigFile] = []
        for (path, format) in candidates {
            if let file = try AuthConfigFile.load(path: path, format: format) { files.append(file) }
        }
        return RegistryCredentialStore(files: files, searched: candidates.map(\.path), environment: environment, helperTimeout: helperTimeout)
    }

    static func paths(environment: [String: String]) -> [(path: String, format: AuthConfigFile.Format)] {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        var found: [(String, AuthConfigFile.Format)] = [((value("DOCKER_CONFIG") ?? home + "/.docker") + "/config.json", .docker)]
        if let explicit = value("REGISTRY_AUTH_FILE") {
            found.append((explicit, .containers))
        } else {
            if let runtime = value("XDG_RUNTIME_DIR") { found.append((runtime + "/containers/auth.json", .containers)) }
            found.append(((value("XDG_CONFIG_HOME") ?? home + "/.config") + "/containers/auth.json", .containers))
        }
        return found
    }

    /// Whether some file names a helper for this registry in `credHelpers` (not `credsStore`): such an
    /// entry, `ecr-login` for instance, is chosen per registry and takes precedence over eksguard's own ECR
    /// token request.
    public func hasRegistryHelper(for registry: String) -> Bool {
        files.contains { $0.credentialHelpers[RegistryHost.canonical(registry)] != nil }
    }

    /// The credential for pulling `reference`, or nil for an anonymous pull.
    public func credentials(for reference: ImageReference) throws(ImageScanError) -> ResolvedCredential? {
        for file in files {
            if let named = file.helper(for: reference.registry) {
                let helper = CredentialHelper(name: named.name, configuredBy: named.configuredBy, environment: environment, timeout: helperTimeout)
                if let credential = try helper.get(serverURL: RegistryHost.serverURL(registry: reference.registry)) {
                    return ResolvedCredential(credential, origin: "credential helper \(helper.program)")
                }
            } else if let entry = file.authEntry(registry: reference.registry, repository: reference.repository), let credential = entry.credential {
                return ResolvedCredential(credential, origin: "auths entry \"\(entry.key)\" of \(file.path)")
            }
        }
        return nil
    }
}
