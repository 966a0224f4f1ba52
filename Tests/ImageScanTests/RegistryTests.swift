import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import ImageScan
import Testing

/// Pulls from Docker's distribution registry on loopback, started by scripts/services/image.sh.
@Suite(.serialized) struct RegistryTests {
    static func environment(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            Issue.record("\(name) is not set: run the tests through scripts/test.sh, which starts the registries")
            throw CancellationError()
        }
        return value
    }

    static var password: String { ProcessInfo.processInfo.environment["EKSGUARD_REGISTRY_PASSWORD"] ?? "" }

    /// Plain HTTP pushes: monolithic blob uploads, then manifests.
    static func push(_ host: String, repository: String, tag: String, basic: Bool = false) async throws -> String {
        func request(_ method: String, _ url: String, body: [UInt8] = [], type: String? = nil) async throws -> HTTPURLResponse {
            var request = URLRequest(url: URL(string: url)!)
            request.httpMethod = method
            request.httpBody = Data(body)
            if let type { request.setValue(type, forHTTPHeaderField: "Content-Type") }
            if basic { request.setValue("Basic " + Data("eksguard:\(password)".utf8).base64EncodedString(), forHTTPHeaderField: "Authorization") }
            let (_, response) = try await URLSession.shared.data(for: request)
            return response as! HTTPURLResponse
        }
        let base = "http://\(host)/v2/\(repository)"
        func upload(_ blob: TestImage.Blob) async throws {
            let start = try await request("POST", base + "/blobs/uploads/")
            #expect(start.statusCode == 202)
            let location = try #require(start.value(forHTTPHeaderField: "Location"))
            let target = URL(string: location, relativeTo: URL(string: base))!.absoluteString
            let separator = target.contains("?") ? "&" : "?"
            let done = try await request("PUT", target + separator + "digest=" + blob.digest, body: blob.data, type: "application/octet-stream")
            #expect(done.statusCode == 201)
        }
        let amd = TestImage(layers: [ImageSourceTests.base, ImageSourceTests.top]).manifest()
        var armImage = TestImage(layers: [Tar.archive([.file("etc/alpine-release", "3.19.1\n"), .file("lib/apk/db/installed", "P:musl\nV:1.2.4-r2\n")])])
        armImage.compression = Compress.zstd
        armImage.platform = ("linux", "arm64")
        let arm = armImage.manifest()
        for blob in amd.blobs + arm.blobs { try await upload(blob) }
        for manifest in [amd.manifest, arm.manifest] {
            let put = try await request("PUT", base + "/manifests/" + manifest.digest, body: manifest.data, type: "application/vnd.oci.image.manifest.v1+json")
            #expect(put.statusCode == 201)
        }
        let index = Array(#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[\#(arm.manifest.descriptor),\#(amd.manifest.descriptor)]}"#.utf8)
        let put = try await request("PUT", base + "/manifests/" + tag, body: index, type: "application/vnd.oci.image.index.v1+json")
        #expect(put.statusCode == 201)
        return sha256(index)
    }

    static func pull(_ reference: String, platform: String? = nil, credentials: RegistryCredential? = nil) async throws -> ImageInventory {
        let client = RegistryClient(reference: try ImageReference(reference), credentials: credentials.map { ResolvedCredential($0, origin: "the test") })
        return try await ImageLoader.inventory(of: try client.resolve(platform: platform))
    }

    /// Resolves credentials as `scan image` does, from the sandbox's files and helpers only, then pulls.
    static func pull(_ reference: String, sandbox: CredentialSandbox) async throws -> ImageInventory {
        let parsed = try ImageReference(reference)
        let client = RegistryClient(reference: parsed, credentials: try sandbox.store().credentials(for: parsed))
        return try await ImageLoader.inventory(of: try client.resolve(platform: nil))
    }

    @Test func anonymousPullByTagAndByDigestWithPlatforms() async throws {
        let host = try Self.environment("EKSGUARD_REGISTRY_URL")
        let digest = try await Self.push(host, repository: "demo/app", tag: "1.0")
        ImageSourceTests.expectDebianInventory(try await Self.pull("\(host)/demo/app:1.0"))
        let arm = try await Self.pull("\(host)/demo/app@\(digest)", platform: "linux/arm64")
        #expect(arm.os?.family == .alpine && arm.packages.map(\.name) == ["musl"])
        await #expect(throws: ImageScanError.self) { _ = try await Self.pull("\(host)/demo/app:1.0", platform: "linux/s390x") }
        await #expect(throws: ImageScanError.self) { _ = try await Self.pull("\(host)/demo/missing:1.0") }
        let wrong = "sha256:" + String(repeating: "ab", count: 32)
        await #expect(throws: ImageScanError.self) { _ = try await Self.pull("\(host)/demo/app@\(wrong)") }
    }

    @Test func basicAuthenticationFromDockerConfig() async throws {
        let host = try Self.environment("EKSGUARD_REGISTRY_BASIC_URL")
        _ = try await Self.push(host, repository: "private/app", tag: "2", basic: true)
        let sandbox = try CredentialSandbox()
        defer { sandbox.remove() }
        try sandbox.file("docker/config.json", #"{"auths":{"http://\#(host)":{"auth":"\#(Data("eksguard:\(Self.password)".utf8).base64EncodedString())"}}}"#)
        ImageSourceTests.expectDebianInventory(try await Self.pull("\(host)/private/app:2", sandbox: sandbox))
        let error = await #expect(throws: ImageScanError.self) { _ = try await Self.pull("\(host)/private/app:2") }
        #expect(error?.description.contains("credentials") == true)
        await #expect(throws: ImageScanError.self) { _ = try await Self.pull("\(host)/private/app:2", credentials: .basic(user: "eksguard", password: "wrong")) }
        let token = await #expect(throws: ImageScanError.self) { _ = try await Self.pull("\(host)/private/app:2", credentials: .identityToken("t")) }
        #expect(token?.description.contains("identity token") == true)
    }

    /// Credentials supplied only by credential helpers (credsStore here), for a basic-auth registry; a wrong
    /// password is refused without being shown.
    @Test func basicAuthenticationFromCredentialHelper() async throws {
        let host = try Self.environment("EKSGUARD_REGISTRY_BASIC_URL")
        _ = try await Self.push(host, repository: "helper/app", tag: "4", basic: true)
        let sandbox = try CredentialSandbox()
        defer { sandbox.remove() }
        try sandbox.file("docker/config.json", #"{"credsStore":"test","auths":{"\#(host)":{}}}"#)
        try sandbox.answeringHelper("test", server: host, user: "eksguard", secret: Self.password)
        ImageSourceTests.expectDebianInventory(try await Self.pull("\(host)/helper/app:4", sandbox: sandbox))
        #expect(sandbox.asked("test") == host)
        let wrong = "wrong-\(UUID().uuidString)"
        try sandbox.answeringHelper("test", server: host, user: "eksguard", secret: wrong)
        let error = await #expect(throws: ImageScanError.self) { _ = try await Self.pull("\(host)/helper/app:4", sandbox: sandbox) }
        #expect(error?.description.contains("docker-credential-test") == true && error?.description.contains(wrong) == false)
    }

    /// The token front with credentials only from a credHelpers entry: a user and password sent to the token
    /// service, then an identity token (helper user `<token>`) exchanged by the OAuth2 refresh grant.
    @Test func bearerTokenFromCredentialHelper() async throws {
        let anonymous = try Self.environment("EKSGUARD_REGISTRY_URL")
        let front = try Self.environment("EKSGUARD_REGISTRY_TOKEN_URL")
        let refresh = try Self.environment("EKSGUARD_REGISTRY_REFRESH_TOKEN")
        _ = try await Self.push(anonymous, repository: "helper/token", tag: "5")
        let sandbox = try CredentialSandbox()
        defer { sandbox.remove() }
        try sandbox.file("docker/config.json", #"{"credHelpers":{"\#(front)":"test"},"auths":{"\#(front)":{"auth":"\#(Data("eksguard:wrong".utf8).base64EncodedString())"}}}"#)
        try sandbox.answeringHelper("test", server: front, user: "eksguard", secret: Self.password)
        ImageSourceTests.expectDebianInventory(try await Self.pull("\(front)/helper/token:5", sandbox: sandbox))
        try sandbox.answeringHelper("test", server: front, user: "<token>", secret: refresh)
        ImageSourceTests.expectDebianInventory(try await Self.pull("\(front)/helper/token:5", sandbox: sandbox))
        try sandbox.answeringHelper("test", server: front, user: "<token>", secret: refresh + "x")
        let error = await #expect(throws: ImageScanError.self) { _ = try await Self.pull("\(front)/helper/token:5", sandbox: sandbox) }
        #expect(error?.description.contains("token service answered HTTP 401") == true && error?.description.contains(refresh) == false)
        try sandbox.helper("test", "echo 'credentials not found in native keychain'; exit 1")
        await #expect(throws: ImageScanError.self) { _ = try await Self.pull("\(front)/helper/token:5", sandbox: sandbox) }
    }

    /// Bearer challenge → token service with basic credentials → blobs redirected to another host that
    /// refuses requests carrying Authorization.
    @Test func bearerTokenAndRedirectsWithoutLeakingCredentials() async throws {
        let anonymous = try Self.environment("EKSGUARD_REGISTRY_URL")
        let front = try Self.environment("EKSGUARD_REGISTRY_TOKEN_URL")
        _ = try await Self.push(anonymous, repository: "token/app", tag: "3")
        ImageSourceTests.expectDebianInventory(try await Self.pull("\(front)/token/app:3", credentials: .basic(user: "eksguard", password: Self.password)))
        await #expect(throws: ImageScanError.self) { _ = try await Self.pull("\(front)/token/app:3") }
    }

    @Test func referencesParse() throws {
        let hub = try ImageReference("nginx")
        #expect(hub.host == "registry-1.docker.io" && hub.repository == "library/nginx" && hub.tag == "latest" && hub.scheme == "https")
        let ecr = try ImageReference("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:v1@sha256:" + String(repeating: "0", count: 64))
        #expect(ecr.registry == "123456789012.dkr.ecr.eu-west-1.amazonaws.com" && ecr.repository == "team/app" && ecr.manifestReference.hasPrefix("sha256:"))
        #expect(try ImageReference("localhost:5000/a/b:c").scheme == "http")
        #expect(throws: ImageScanError.self) { try ImageReference("Upper/Case") }
        let (scheme, parameters) = RegistryClient.parseChallenge(#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull""#)
        #expect(scheme == "Bearer" && parameters["realm"] == "https://auth.docker.io/token" && parameters["scope"] == "repository:library/nginx:pull")
    }
}
