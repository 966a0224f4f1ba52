import Foundation
@testable import ImageScan
import Testing

/// Credentials files, Docker's precedence and the credential-helper protocol, with fake helpers.
@Suite struct CredentialTests {
    static let secret = "s3cr3t-Pa55word"

    static func basic(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    static func parse(_ json: String, format: AuthConfigFile.Format = .docker) throws -> AuthConfigFile {
        try AuthConfigFile.parse(Array(json.utf8), path: "/conf/config.json", format: format)
    }

    @Test func authsEntriesInEveryDockerSpelling() throws {
        let file = try Self.parse("""
            {"auths": {
              "https://index.docker.io/v1/": {"auth": "\(Self.basic("hub:pw:with:colons"))"},
              "http://127.0.0.1:5000": {"username": "u", "password": "p"},
              "registry.example.com": {"auth": "\(Self.basic("a:b"))", "username": "ignored", "password": "ignored"},
              "token.example.com": {"auth": "\(Self.basic("me:old"))", "identitytoken": "refresh"},
              "empty.example.com": {}
            }, "proxies": {"default": {"httpProxy": "x"}}, "credsStore": ""}
            """)
        #expect(file.authEntry(registry: "docker.io", repository: "library/nginx")?.credential == .basic(user: "hub", password: "pw:with:colons"))
        #expect(file.authEntry(registry: "127.0.0.1:5000", repository: "a")?.credential == .basic(user: "u", password: "p"))
        #expect(file.authEntry(registry: "registry.example.com", repository: "a")?.credential == .basic(user: "a", password: "b"))
        #expect(file.authEntry(registry: "token.example.com", repository: "a")?.credential == .identityToken("refresh"))
        #expect(file.authEntry(registry: "empty.example.com", repository: "a") != nil)
        #expect(file.authEntry(registry: "empty.example.com", repository: "a")?.credential == nil)
        #expect(file.authEntry(registry: "other.example.com", repository: "a") == nil)
        #expect(file.credentialsStore == nil)
    }

    /// containers-auth.json keys may name a namespace; the longest one wins.
    @Test func containersAuthFileNamespaces() throws {
        let file = try Self.parse("""
            {"auths": {"quay.io": {"auth": "\(Self.basic("all:1"))"}, "quay.io/team": {"auth": "\(Self.basic("team:2"))"},
                       "docker.io/library/nginx": {"auth": "\(Self.basic("nginx:3"))"}}}
            """, format: .containers)
        #expect(file.authEntry(registry: "quay.io", repository: "team/app")?.credential == .basic(user: "team", password: "2"))
        #expect(file.authEntry(registry: "quay.io", repository: "teams/app")?.credential == .basic(user: "all", password: "1"))
        #expect(file.authEntry(registry: "docker.io", repository: "library/nginx")?.credential == .basic(user: "nginx", password: "3"))
        #expect(file.authEntry(registry: "docker.io", repository: "library/redis") == nil)
    }

    @Test(arguments: [
        ("{not json", "not valid JSON"),
        (#"{"auths": []}"#, "auths is not an object"),
        (#"{"auths": {"r.io": {"auth": 5}}}"#, "auths.r.io.auth is not a string"),
        (#"{"credHelpers": {"r.io": "../../bin/sh"}}"#, "credHelpers entry \"r.io\" does not name a helper"),
        (#"{"credsStore": "a/b"}"#, "credsStore does not name a helper"),
        (#"{"auths": {"r.io": {"auth": "\#(CredentialTests.secret)"}}}"#, "auths entry \"r.io\": auth is not base64 of user:password"),
        (#"{"auths": {"r.io": {"auth": "\#(CredentialTests.basic(CredentialTests.secret))"}}}"#, "auths entry \"r.io\": auth is not base64 of user:password"),
    ])
    func malformedFilesNameTheFileAndKeepSecrets(_ json: String, _ expected: String) throws {
        let error = #expect(throws: ImageScanError.self) { try Self.parse(json) }
        let message = error?.description ?? ""
        #expect(message.hasPrefix("/conf/config.json: ") && message.contains(expected), "\(message)")
        #expect(!message.contains(Self.secret) && !message.contains(Self.basic(Self.secret)))
    }

    @Test func unreadableFileIsAnErrorAndMissingFilesAreSkipped() throws {
        let sandbox = try CredentialSandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.store().files.isEmpty)
        try FileManager.default.createDirectory(atPath: sandbox.folder + "/docker/config.json", withIntermediateDirectories: true)
        let error = #expect(throws: ImageScanError.self) { try sandbox.store() }
        #expect(error?.description.hasPrefix(sandbox.folder + "/docker/config.json: ") == true)
        try FileManager.default.removeItem(atPath: sandbox.folder + "/docker/config.json")
        try sandbox.file("docker/config.json", "[]")
        #expect(throws: ImageScanError.self) { try sandbox.store() }
    }

    @Test func filesSearchedInOrder() {
        let paths = RegistryCredentialStore.paths(environment: ["HOME": "/h", "XDG_RUNTIME_DIR": "/run/user/1"])
        #expect(paths.map(\.path) == ["/h/.docker/config.json", "/run/user/1/containers/auth.json", "/h/.config/containers/auth.json"])
        let explicit = RegistryCredentialStore.paths(environment: ["HOME": "/h", "DOCKER_CONFIG": "/d", "REGISTRY_AUTH_FILE": "/a.json",
                                                                   "XDG_RUNTIME_DIR": "/run/user/1"])
        #expect(explicit.map(\.path) == ["/d/config.json", "/a.json"] && explicit.map(\.format) == [.docker, .containers])
    }

    /// credHelpers entry > credsStore > auths; a helper with nothing means no credentials from that file.
    @Test func dockerPrecedence() throws {
        let sandbox = try CredentialSandbox()
        defer { sandbox.remove() }
        try sandbox.answeringHelper("one", server: "reg.example.com:5000", user: "from-one", secret: "1")
        try sandbox.answeringHelper("two", server: "other.example.com", user: "from-two", secret: "2")
        let auths = """
            "auths": {"reg.example.com:5000": {"auth": "\(Self.basic("file:a"))"}, "third.example.com": {"auth": "\(Self.basic("file:c"))"}}
            """
        try sandbox.file("docker/config.json", #"{"credHelpers": {"reg.example.com:5000": "one"}, "credsStore": "two", \#(auths)}"#)
        let store = try sandbox.store()
        func user(_ reference: String) throws -> String? {
            guard case let .basic(user, _)? = try store.credentials(for: ImageReference(reference))?.credential else { return nil }
            return user
        }
        #expect(try user("reg.example.com:5000/app:1") == "from-one")
        #expect(sandbox.asked("one") == "reg.example.com:5000")
        #expect(try user("other.example.com/app") == "from-two")
        #expect(try user("third.example.com/app") == nil)
        #expect(store.hasRegistryHelper(for: "reg.example.com:5000") && !store.hasRegistryHelper(for: "other.example.com"))

        try sandbox.file("docker/config.json", #"{"credHelpers": {"reg.example.com:5000": "one"}, \#(auths)}"#)
        let withoutStore = try sandbox.store()
        let third = try withoutStore.credentials(for: ImageReference("third.example.com/app"))
        #expect(third?.credential == .basic(user: "file", password: "c") && third?.origin.contains("third.example.com") == true)
        #expect(try withoutStore.credentials(for: ImageReference("fourth.example.com/app")) == nil)
    }

    /// Docker Hub's helper is asked for Docker's index URL; the containers auth file is read after Docker's config.
    @Test func dockerHubAndContainersFileFallThrough() throws {
        let sandbox = try CredentialSandbox()
        defer { sandbox.remove() }
        try sandbox.answeringHelper("hub", server: "https://index.docker.io/v1/", user: "hubuser", secret: "h")
        try sandbox.file("docker/config.json", #"{"credHelpers": {"https://index.docker.io/v1/": "hub"}}"#)
        let podman = try sandbox.file("podman/auth.json", #"{"auths": {"quay.io/team": {"auth": "\#(Self.basic("p:q"))"}}}"#)
        let store = try sandbox.store(extra: ["REGISTRY_AUTH_FILE": podman])
        #expect(try store.credentials(for: ImageReference("nginx"))?.credential == .basic(user: "hubuser", password: "h"))
        #expect(sandbox.asked("hub") == "https://index.docker.io/v1/")
        let quay = try store.credentials(for: ImageReference("quay.io/team/app:1"))
        #expect(quay?.credential == .basic(user: "p", password: "q") && quay?.origin.contains(podman) == true)
    }

    /// An ECR registry named in credHelpers (ecr-login) is the helper's, which `scan image` checks before
    /// asking ecr:GetAuthorizationToken itself; a credsStore alone does not claim it.
    @Test func ecrLoginHelper() throws {
        let sandbox = try CredentialSandbox()
        defer { sandbox.remove() }
        let ecr = "123456789012.dkr.ecr.eu-west-1.amazonaws.com"
        try sandbox.answeringHelper("ecr-login", server: ecr, user: "AWS", secret: "ecr-password")
        try sandbox.file("docker/config.json", #"{"credHelpers": {"\#(ecr)": "ecr-login"}, "credsStore": "desktop"}"#)
        let store = try sandbox.store()
        #expect(store.hasRegistryHelper(for: ecr) && !store.hasRegistryHelper(for: "210987654321.dkr.ecr.eu-west-1.amazonaws.com"))
        let found = try store.credentials(for: ImageReference(ecr + "/team/app:1"))
        #expect(found == ResolvedCredential(.basic(user: "AWS", password: "ecr-password"), origin: "credential helper docker-credential-ecr-login"))
    }

    @Test func identityTokensFromHelpers() throws {
        let sandbox = try CredentialSandbox()
        defer { sandbox.remove() }
        try sandbox.answeringHelper("tok", server: "r.io", user: "<token>", secret: "refresh-me")
        try sandbox.file("docker/config.json", #"{"credsStore": "tok"}"#)
        #expect(try sandbox.store().credentials(for: ImageReference("r.io/a"))?.credential == .identityToken("refresh-me"))
    }

    /// Misbehaving helpers: each is a clear error naming the helper, and none shows the secret.
    @Test(arguments: [
        ("printf '{\"Username\":\"u\",\"Secret\":\"\(CredentialTests.secret)'", "did not print a JSON object"),
        ("printf '{\"Username\":\"u\",\"Secret\":\"\(CredentialTests.secret)\"}'; exit 1", "failed with exit status 1"),
        ("echo 'error getting credentials: keyring locked'; exit 3", "failed with exit status 3: error getting credentials: keyring locked"),
        ("head -c 3000000 /dev/zero | tr '\\000' a", "printed more than 1024 KiB"),
        ("sleep 60", "gave no answer within 1 s"),
        ("kill -9 $$", "failed with exit status 137"),
    ])
    func failingHelpers(_ body: String, _ expected: String) throws {
        let sandbox = try CredentialSandbox()
        defer { sandbox.remove() }
        try sandbox.helper("test", body)
        try sandbox.file("docker/config.json", #"{"credHelpers": {"r.io": "test"}}"#)
        let started = ContinuousClock.now
        let error = #expect(throws: ImageScanError.self) { try sandbox.store(timeout: .seconds(1)).credentials(for: ImageReference("r.io/a")) }
        #expect(ContinuousClock.now - started < .seconds(10))
        let message = error?.description ?? ""
        #expect(message.contains("credential helper docker-credential-test (credHelpers of \(sandbox.folder)/docker/config.json") && message.contains(expected),
                "\(message)")
        #expect(!message.contains(Self.secret))
    }

    @Test func missingHelperAndNotFound() throws {
        let sandbox = try CredentialSandbox()
        defer { sandbox.remove() }
        try sandbox.file("docker/config.json", #"{"credsStore": "desktop"}"#)
        let error = #expect(throws: ImageScanError.self) { try sandbox.store().credentials(for: ImageReference("r.io/a")) }
        #expect(error?.description.contains("docker-credential-desktop (credsStore of") == true && error?.description.contains("not found on PATH") == true)
        try sandbox.helper("desktop", "echo 'credentials not found in native keychain'; exit 1")
        #expect(try sandbox.store().credentials(for: ImageReference("r.io/a")) == nil)
        try sandbox.helper("desktop", #"printf '{"Username":"","Secret":""}'"#)
        #expect(try sandbox.store().credentials(for: ImageReference("r.io/a")) == nil)
    }

    @Test func formEncodingEscapesTokenCharacters() {
        #expect(RegistryClient.formEncoded([("a b", "x+y/z="), ("scope", "repository:t/app:pull")])
                == "a%20b=x%2By%2Fz%3D&scope=repository%3At%2Fapp%3Apull")
    }
}
