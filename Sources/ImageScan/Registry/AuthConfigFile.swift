import EKSGuardCore
import Foundation

/// One registry credentials file: Docker's `config.json` or the containers tools' `auth.json` (podman,
/// skopeo, buildah), which share the format: `auths` (`auth` = base64 `user:password`, or `username` and
/// `password`, or `identitytoken`), `credHelpers` (registry → helper) and `credsStore` (the helper for every
/// other registry). Other keys (proxies, plugins, …) are not ours and are left alone. A file that exists but
/// cannot be read or parsed is an error naming it: pulling anonymously instead would hide the problem
/// behind a later "access denied".
public struct AuthConfigFile: Sendable {
    public enum Format: Sendable {
        /// Docker's config.json: `auths` keys are registries (`https://index.docker.io/v1/`, `host:port`).
        case docker
        /// containers-auth.json: a key may also be `registry/namespace`, and the longest match wins.
        case containers
    }

    public var path: String
    public var format: Format
    /// Normalised key (`RegistryHost.key`) → the entry's original key and its credential (nil for `{}`).
    var auths: [String: (key: String, credential: RegistryCredential?)] = [:]
    /// Canonical registry host → helper name.
    var credentialHelpers: [String: String] = [:]
    var credentialsStore: String?

    public static let maximumBytes = 4 << 20

    /// The file at `path`, or nil when there is none.
    public static func load(path: String, format: Format) throws(ImageScanError) -> AuthConfigFile? {
        if access(path, F_OK) != 0, errno == ENOENT || errno == ENOTDIR { return nil }
        switch InputFiles(maxFileBytes: maximumBytes, include: { _ in true }).read(path) {
        case .success(let bytes): return try parse(bytes, path: path, format: format)
        case .failure(let error): throw .unreadable(source: path, reason: error.reason)
        }
    }

    public static func parse(_ bytes: [UInt8], path: String, format: Format) throws(ImageScanError) -> AuthConfigFile {
        struct Document: Decodable {
            struct Entry: Decodable {
                var auth: String?
                var username: String?
                var password: String?
                var identitytoken: String?
            }
            var auths: [String: Entry]?
            var credHelpers: [String: String]?
            var credsStore: String?
        }
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw .malformed(path: path, reason: describe(error))
        } catch {
            throw .malformed(path: path, reason: "not a credentials file")
        }
        var file = AuthConfigFile(path: path, format: format)
        for (key, entry) in (document.auths ?? [:]).sorted(by: { $0.key < $1.key }) {
            let credential: RegistryCredential?
            if let token = entry.identitytoken, !token.isEmpty {
                credential = .identityToken(token)
            } else if let auth = entry.auth, !auth.isEmpty {
                // As Docker: `auth` wins over separate username/password.
                guard let decoded = Data(base64Encoded: auth.trimmingCharacters(in: .whitespaces)),
                      let text = String(data: decoded, encoding: .utf8), let colon = text.firstIndex(of: ":") else {
                    throw .malformed(path: path, reason: "auths entry \"\(key)\": auth is not base64 of user:password")
                }
                credential = .basic(user: String(text[..<colon]), password: String(text[text.index(after: colon)...]))
            } else if let user = entry.username, let password = entry.password, !password.isEmpty {
                credential = .basic(user: user, password: password)
            } else {
                credential = nil
            }
            let normalised = RegistryHost.key(key, keepPath: format == .containers)
            // Several spellings of one registry: one with a credential wins, then the shortest spelling.
            if let existing = file.auths[normalised], existing.credential != nil, credential == nil || existing.key.count <= key.count { continue }
            file.auths[normalised] = (key, credential)
        }
        for (key, helper) in document.credHelpers ?? [:] {
            guard CredentialHelper.isValidName(helper) else {
                throw .malformed(path: path, reason: "credHelpers entry \"\(key)\" does not name a helper (\"\(helper)\")")
            }
            file.credentialHelpers[RegistryHost.key(key, keepPath: false)] = helper
        }
        if let store = document.credsStore, !store.isEmpty {
            guard CredentialHelper.isValidName(store) else {
                throw .malformed(path: path, reason: "credsStore does not name a helper (\"\(store)\")")
            }
            file.credentialsStore = store
        }
        return file
    }

    /// Where in the document it went wrong, without quoting values (they may be secrets).
    private static func describe(_ error: DecodingError) -> String {
        func at(_ context: DecodingError.Context) -> String {
            context.codingPath.isEmpty ? "the document" : context.codingPath.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty: return "not valid JSON"
        case .typeMismatch(let type, let context): return "\(at(context)) is not \(type == String.self ? "a string" : "an object")"
        case .valueNotFound(_, let context), .keyNotFound(_, let context), .dataCorrupted(let context): return "\(at(context)) is not usable"
        @unknown default: return "not a credentials file"
        }
    }

    /// The helper this file names for the registry: its `credHelpers` entry, else `credsStore`.
    func helper(for registry: String) -> (name: String, configuredBy: String)? {
        if let name = credentialHelpers[RegistryHost.canonical(registry)] { return (name, "credHelpers of \(path)") }
        return credentialsStore.map { ($0, "credsStore of \(path)") }
    }

    /// The `auths` entry for an image: the registry, or for containers-auth.json the longest
    /// `registry/namespace` prefix of the repository.
    func authEntry(registry: String, repository: String) -> (key: String, credential: RegistryCredential?)? {
        let host = RegistryHost.canonical(registry)
        guard format == .containers else { return auths[host] }
        var candidate = host + "/" + repository
        while true {
            if let entry = auths[candidate] { return entry }
            guard let slash = candidate.lastIndex(of: "/") else { return nil }
            candidate = String(candidate[..<slash])
        }
    }
}
