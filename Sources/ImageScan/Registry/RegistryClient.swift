import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// Pulls images over the Registry HTTP API v2: anonymous access, bearer-token challenges (with basic
/// credentials or an identity token for the token service when given), basic auth, manifest lists, redirects followed by hand
/// so `Authorization` never goes to another host, and every document and blob checked against its digest.
public final class RegistryClient: Sendable {
    let reference: ImageReference
    let credentials: ResolvedCredential?
    let limits: ScanLimits
    /// Largest blob downloaded (compressed layer); blobs are held in memory, never written to disk.
    let maximumBlobBytes: Int
    private let session: URLSession
    private let authorization = Mutex<String?>(nil)

    public static let manifestTypes = [
        "application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json",
    ]

    /// `credentials` come from the caller (`RegistryCredentialStore`, ECR's GetAuthorizationToken, flags);
    /// nil pulls anonymously.
    public init(reference: ImageReference, credentials: ResolvedCredential? = nil, limits: ScanLimits = ScanLimits(),
                maximumBlobBytes: Int = 4 << 30) {
        self.reference = reference
        self.credentials = credentials
        self.limits = limits
        self.maximumBlobBytes = maximumBlobBytes
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 60
        session = URLSession(configuration: configuration, delegate: NoRedirects(), delegateQueue: nil)
    }

    var base: String { "\(reference.scheme)://\(reference.host)/v2/\(reference.repository)" }
    var name: String { reference.description }

    /// The image for `platform` (default linux/amd64, else the first), ready for `ImageLoader`.
    public func resolve(platform: String?) throws -> ResolvedImage {
        let wanted = try platform.map(PlatformFilter.init)
        var (data, type) = try fetchManifest(reference.manifestReference, expectedDigest: reference.digest)
        var manifest = try ImageDocuments.decode(ManifestDocument.self, data, name: name)
        var depth = 0
        while manifest.isIndex || type.hasSuffix("index.v1+json") || type.hasSuffix("list.v2+json") {
            depth += 1
            guard depth <= limits.maximumIndexDepth else { throw ImageScanError.limitExceeded(source: name, limit: "\(limits.maximumIndexDepth) nested indexes") }
            let candidates = PlatformFilter.order((manifest.manifests ?? []).filter { !$0.isAttestation }, wanted: wanted)
                .filter { descriptor in wanted.map { filter in descriptor.platform.map(filter.matches) ?? true } ?? true }
            guard let chosen = candidates.first else {
                throw ImageScanError.invalidImage(source: name, reason: "no image for \(platform ?? "any platform") in the index")
            }
            (data, type) = try fetchManifest(chosen.digest, expectedDigest: chosen.digest)
            manifest = try ImageDocuments.decode(ManifestDocument.self, data, name: name)
        }
        if type.contains("manifest.v1+prettyjws") || manifest.schemaVersion == 1 {
            throw ImageScanError.invalidImage(source: name, reason: "schema 1 manifests are not supported")
        }
        guard let configDescriptor = manifest.config, let layerDescriptors = manifest.layers else {
            throw ImageScanError.invalidImage(source: name, reason: "the manifest has no config or layers")
        }
        if let configType = configDescriptor.mediaType, !ImageDocuments.configMediaTypes.contains(configType) {
            throw ImageScanError.invalidImage(source: name, reason: "not a container image (config type \(configType))")
        }
        let configData = try fetchBlob(configDescriptor.digest, limit: limits.maximumMetadataBytes)
        let config = try ImageDocuments.decode(ImageConfigDocument.self, configData, name: "\(name): config")
        let diffIDs = config.rootfs?.diff_ids ?? []
        guard layerDescriptors.count <= limits.maximumLayers, diffIDs.isEmpty || diffIDs.count == layerDescriptors.count else {
            throw ImageScanError.invalidImage(source: name, reason: "config and manifest disagree on the layers")
        }
        let layers = try layerDescriptors.enumerated().map { index, descriptor -> LayerBlob in
            if let mediaType = descriptor.mediaType, !ImageDocuments.layerMediaTypes.contains(mediaType) {
                throw ImageScanError.invalidImage(source: name, reason: "layer \(index + 1) has unsupported media type \(mediaType)")
            }
            let digest = descriptor.digest
            return LayerBlob(digest: digest, diffID: diffIDs.isEmpty ? nil : diffIDs[index], mediaType: descriptor.mediaType,
                             size: descriptor.size ?? 0, createdBy: nil,
                             open: { [self] in MemorySource(try self.fetchBlob(digest, limit: self.maximumBlobBytes, verify: false)) })
        }
        return ResolvedImage(name: name, os: config.os, architecture: config.architecture, layers: layers)
    }

    private func fetchManifest(_ reference: String, expectedDigest: String?) throws -> ([UInt8], String) {
        let (data, response) = try get(base + "/manifests/" + reference, accept: Self.manifestTypes.joined(separator: ", "),
                                       limit: limits.maximumMetadataBytes)
        if let expectedDigest { try verify(data, digest: expectedDigest, what: "manifest") }
        let type = (response.value(forHTTPHeaderField: "Content-Type") ?? "").split(separator: ";").first.map(String.init) ?? ""
        return (data, type)
    }

    /// A blob; the layer path verifies while streaming instead (`verify: false`), since `ImageLoader`
    /// hashes the bytes it reads.
    func fetchBlob(_ digest: String, limit: Int, verify check: Bool = true) throws -> [UInt8] {
        _ = try ImageDocuments.validated(digest, name: name)
        let (data, _) = try get(base + "/blobs/" + digest, accept: "*/*", limit: limit)
        if check { try verify(data, digest: digest, what: "blob") }
        return data
    }

    private func verify(_ data: [UInt8], digest: String, what: String) throws {
        var source = VerifyingSource(MemorySource(data), digest: digest, name: "\(name): \(what) \(digest)")
        _ = try source.readAll(limit: Int.max, name: name)
    }

    /// GET with authentication and manual redirects.
    private func get(_ address: String, accept: String, limit: Int) throws -> ([UInt8], HTTPURLResponse) {
        guard var url = URL(string: address) else { throw ImageScanError.invalidImage(source: name, reason: "bad URL \(address)") }
        var triedAuthentication = false
        var redirects = 0
        while true {
            var request = URLRequest(url: url)
            request.setValue(accept, forHTTPHeaderField: "Accept")
            // Credentials belong to the registry host only; redirect targets (blob storage) get none.
            if url.host == URL(string: address)?.host, url.port == URL(string: address)?.port, let value = authorization.withLock({ $0 }) {
                request.setValue(value, forHTTPHeaderField: "Authorization")
            }
            let data: [UInt8], response: HTTPURLResponse
            do {
                (data, response) = try send(request, limit: limit)
            } catch BasicChallenge.received {
                guard !triedAuthentication else {
                    throw ImageScanError.unreadable(source: name, reason: "access denied (401) \(credentialsUsed)")
                }
                triedAuthentication = true
                try authenticate(challenge: "Basic")
                continue
            }
            switch response.statusCode {
            case 200..<300:
                return (data, response)
            case 301, 302, 303, 307, 308:
                redirects += 1
                guard redirects <= 5, let location = response.value(forHTTPHeaderField: "Location"),
                      let next = URL(string: location, relativeTo: url)?.absoluteURL else {
                    throw ImageScanError.unreadable(source: name, reason: "bad or too many redirects from \(url)")
                }
                url = next
            case 401 where !triedAuthentication:
                triedAuthentication = true
                try authenticate(challenge: response.value(forHTTPHeaderField: "WWW-Authenticate") ?? "")
            case 401, 403:
                throw ImageScanError.unreadable(source: name, reason: "access denied (\(response.statusCode)) \(credentialsUsed)")
            case 404:
                throw ImageScanError.unreadable(source: name, reason: "not found: \(url.path)")
            default:
                throw ImageScanError.unreadable(source: name, reason: "HTTP \(response.statusCode) from \(url)")
            }
        }
    }

    private var credentialsUsed: String {
        credentials.map { "with the credentials of \($0.origin); check them and the name" }
            ?? "without credentials; log in with `docker login` or check the name"
    }

    /// `Basic realm=…` → basic credentials; `Bearer realm=…,service=…,scope=…` → a token from the realm:
    /// asked with basic credentials (or none) by GET, or for an identity token by the OAuth2 POST of
    /// Docker's token specification (`grant_type=refresh_token`).
    private func authenticate(challenge: String) throws {
        let (scheme, parameters) = Self.parseChallenge(challenge)
        var basic: String?
        if case let .basic(user, password)? = credentials?.credential {
            basic = "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
        }
        switch scheme.lowercased() {
        case "basic":
            guard let credentials else {
                throw ImageScanError.unreadable(source: name, reason: "the registry wants credentials and none were found (docker login, credential helpers)")
            }
            guard let basic else {
                throw ImageScanError.unreadable(
                    source: name, reason: "the registry wants a user and password, but \(credentials.origin) gave an identity token")
            }
            authorization.withLock { $0 = basic }
        case "bearer":
            guard let realm = parameters["realm"], var components = URLComponents(string: realm), components.scheme != nil else {
                throw ImageScanError.unreadable(source: name, reason: "bearer challenge without a usable realm")
            }
            let service = parameters["service"]
            let scope = parameters["scope"] ?? "repository:\(reference.repository):pull"
            var request: URLRequest
            if case let .identityToken(token)? = credentials?.credential {
                guard let url = components.url else { throw ImageScanError.unreadable(source: name, reason: "bad token realm \(realm)") }
                request = URLRequest(url: url)
                request.httpMethod = "POST"
                request.setValue("application/x-www-form-urlencoded; charset=utf-8", forHTTPHeaderField: "Content-Type")
                var form = [("grant_type", "refresh_token"), ("client_id", "eksguard"), ("scope", scope), ("refresh_token", token)]
                if let service { form.append(("service", service)) }
                request.httpBody = Data(Self.formEncoded(form).utf8)
            } else {
                var query = components.queryItems ?? []
                if let service { query.append(URLQueryItem(name: "service", value: service)) }
                query.append(URLQueryItem(name: "scope", value: scope))
                components.queryItems = query
                guard let url = components.url else { throw ImageScanError.unreadable(source: name, reason: "bad token realm \(realm)") }
                request = URLRequest(url: url)
                if let basic { request.setValue(basic, forHTTPHeaderField: "Authorization") }
            }
            let (data, response) = try send(request, limit: 1 << 20)
            guard response.statusCode == 200 else {
                throw ImageScanError.unreadable(
                    source: name, reason: "token service answered HTTP \(response.statusCode)" + (credentials.map { " to the credentials of \($0.origin)" } ?? ""))
            }
            struct TokenResponse: Decodable {
                var token: String?
                var access_token: String?
            }
            guard let token = (try? JSONDecoder().decode(TokenResponse.self, from: Data(data))).flatMap({ $0.token ?? $0.access_token }) else {
                throw ImageScanError.unreadable(source: name, reason: "token service sent no token")
            }
            authorization.withLock { $0 = "Bearer " + token }
        default:
            throw ImageScanError.unreadable(source: name, reason: "unsupported authentication challenge \"\(scheme)\"")
        }
    }

    /// `application/x-www-form-urlencoded`: everything but unreserved characters percent-encoded (a `+`
    /// in a base64 token would otherwise read as a space).
    static func formEncoded(_ fields: [(String, String)]) -> String {
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        func encode(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "" }
        return fields.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }

    static func parseChallenge(_ header: String) -> (scheme: String, parameters: [String: String]) {
        let trimmed = header.trimming(" ")
        guard let space = trimmed.firstIndex(of: " ") else { return (trimmed, [:]) }
        var parameters: [String: String] = [:]
        var rest = trimmed[trimmed.index(after: space)...]
        while let equals = rest.firstIndex(of: "=") {
            let key = rest[..<equals].trimming(" ,")
            rest = rest[rest.index(after: equals)...]
            var value: Substring
            if rest.first == "\"" {
                rest = rest.dropFirst()
                let end = rest.firstIndex(of: "\"") ?? rest.endIndex
                value = rest[..<end]
                rest = end < rest.endIndex ? rest[rest.index(after: end)...] : ""
            } else {
                let end = rest.firstIndex(of: ",") ?? rest.endIndex
                value = rest[..<end]
                rest = rest[end...]
            }
            parameters[key] = String(value)
            rest = rest.drop { $0 == "," || $0 == " " }
        }
        return (String(trimmed[..<space]), parameters)
    }

    /// One request, waited for synchronously (layer sources are synchronous streams).
    private func send(_ request: URLRequest, limit: Int) throws -> ([UInt8], HTTPURLResponse) {
        let box = Mutex<Result<(Data, HTTPURLResponse), any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        session.dataTask(with: request) { data, response, error in
            let result: Result<(Data, HTTPURLResponse), any Error>
            if let error {
                result = .failure(error)
            } else if let response = response as? HTTPURLResponse {
                result = .success((data ?? Data(), response))
            } else {
                result = .failure(URLError(.badServerResponse))
            }
            box.withLock { $0 = result }
            done.signal()
        }.resume()
        done.wait()
        switch box.withLock({ $0 })! {
        case let .success((data, response)):
            guard data.count <= limit else { throw ImageScanError.limitExceeded(source: "\(name): \(request.url?.path ?? "")", limit: "\(limit) bytes") }
            return (Array(data), response)
        case let .failure(error as URLError) where error.code == .cancelled:
            throw BasicChallenge.received
        case let .failure(error):
            throw ImageScanError.unreadable(source: name, reason: "\(request.url?.host ?? ""): \(error.localizedDescription)")
        }
    }
}

enum BasicChallenge: Error { case received }

/// Redirects are handled by `RegistryClient.get`, which drops `Authorization` when the host changes.
private final class NoRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }

    /// URLSession (swift-corelibs) intercepts `Basic` 401 challenges itself and never hands the response
    /// back; cancelling makes the task fail with `cancelled`, which `RegistryClient.send` reports as a
    /// basic challenge so `get` can answer it with the configured credentials.
    func urlSession(_ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
                    completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void) {
        completionHandler(.cancelAuthenticationChallenge, nil)
    }
}
