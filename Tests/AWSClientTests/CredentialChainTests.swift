import AWSTestSupport
import ClusterSnapshot
import Foundation
import Testing

@testable import AWSClient

/// The credential chain against local fake STS, container-credential and IMDS endpoints, with
/// config files in a scratch HOME.
@Suite struct CredentialChainTests {
    typealias Rule = FakeAWSServer.Rule

    /// A scratch HOME with ~/.aws/config and ~/.aws/credentials.
    struct Home {
        let path: String
        init(config: String = "", credentials: String = "") throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("aws-home-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path + "/.aws", withIntermediateDirectories: true)
            try config.write(toFile: path + "/.aws/config", atomically: true, encoding: .utf8)
            try credentials.write(toFile: path + "/.aws/credentials", atomically: true, encoding: .utf8)
        }
        func file(_ name: String, _ text: String) throws -> String {
            try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8)
            return path + "/" + name
        }
        func environment(_ extra: [String: String] = [:], sts: FakeAWSServer? = nil) -> [String: String] {
            var environment = ["HOME": path, "AWS_EC2_METADATA_DISABLED": "true"]
            if let sts { environment["AWS_ENDPOINT_URL_STS"] = sts.url }
            return environment.merging(extra) { _, new in new }
        }
    }

    static func resolve(_ environment: [String: String], profile: String? = nil) async throws -> AWSCredentials {
        try await CredentialChain(environment: environment, explicitProfile: profile, region: "eu-west-1").resolve()
    }

    static func stsCredentials(_ key: String, operation: String = "AssumeRole") -> JSONValue {
        FakeAWSServer.response(200, """
            <\(operation)Response><\(operation)Result><Credentials><AccessKeyId>\(key)</AccessKeyId>
            <SecretAccessKey>secret-of-\(key)</SecretAccessKey><SessionToken>token-of-\(key)</SessionToken>
            <Expiration>2099-01-01T00:00:00Z</Expiration></Credentials></\(operation)Result></\(operation)Response>
            """)
    }

    static let staticProfile = "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = file-secret\n"

    @Test func environmentComesFirst() async throws {
        let home = try Home(credentials: Self.staticProfile)
        let found = try await Self.resolve(home.environment([
            "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_SESSION_TOKEN": "env-token",
        ]))
        #expect(found.accessKeyID == "AKIDENV")
        #expect(found.sessionToken == "env-token")
        #expect(found.source == "environment")
    }

    @Test func anExplicitProfileSkipsTheEnvironment() async throws {
        let home = try Home(credentials: Self.staticProfile)
        let found = try await Self.resolve(
            home.environment(["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret"]), profile: "default"
        )
        #expect(found.accessKeyID == "AKIDFILE")
    }

    @Test func aMissingExplicitProfileIsAnError() async throws {
        let home = try Home()
        await #expect(throws: AWSError.self) { try await Self.resolve(home.environment(), profile: "nope") }
    }

    @Test func partialEnvironmentCredentialsAreAnError() async throws {
        let home = try Home()
        await #expect(throws: AWSError.self) { try await Self.resolve(home.environment(["AWS_ACCESS_KEY_ID": "AKIDENV"])) }
    }

    @Test func credentialsFileThenProcessThenConfigFile() async throws {
        let process = #"credential_process = printf '{"Version":1,"AccessKeyId":"AKIDPROC","SecretAccessKey":"proc-secret","SessionToken":"proc-token"}'"#
        let config = "[profile dev]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = config-secret\n\(process)\n"
        let withFile = try Home(config: config, credentials: "[dev]\naws_access_key_id = AKIDCREDS\naws_secret_access_key = s\n")
        #expect(try await Self.resolve(withFile.environment(["AWS_PROFILE": "dev"])).accessKeyID == "AKIDCREDS")
        let withoutFile = try Home(config: config)
        let found = try await Self.resolve(withoutFile.environment(["AWS_PROFILE": "dev"]))
        #expect(found.accessKeyID == "AKIDPROC")
        #expect(found.sessionToken == "proc-token")
        #expect(found.source == "credential_process of profile dev")
        let configOnly = try Home(config: "[profile dev]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = config-secret\n")
        #expect(try await Self.resolve(configOnly.environment(), profile: "dev").accessKeyID == "AKIDCONFIG")
    }

    @Test func aFailingCredentialProcessIsAnError() async throws {
        let home = try Home(config: "[default]\ncredential_process = sh -c 'exit 3'\n")
        let error = await #expect(throws: AWSError.self) { try await Self.resolve(home.environment()) }
        #expect(error?.code == "CredentialProcessFailed")
    }

    @Test func assumeRoleChainsSignEachStepWithThePreviousCredentials() async throws {
        let sts = try FakeAWSServer([
            Rule(["action": "AssumeRole", "bodyContains": "role%2Fmiddle"], Self.stsCredentials("ASIAMIDDLE")),
            Rule(["action": "AssumeRole", "bodyContains": "role%2Ftop"], Self.stsCredentials("ASIATOP")),
        ])
        defer { sts.stop() }
        let config = """
            [profile top]
            role_arn = arn:aws:iam::111111111111:role/top
            source_profile = middle
            role_session_name = audit
            external_id = ext-1
            [profile middle]
            role_arn = arn:aws:iam::111111111111:role/middle
            source_profile = base
            [profile base]
            region = eu-west-1
            """
        let home = try Home(config: config, credentials: "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret\n")
        let found = try await Self.resolve(home.environment(sts: sts), profile: "top")
        #expect(found.accessKeyID == "ASIATOP")
        #expect(found.sessionToken == "token-of-ASIATOP")
        #expect(found.expiration != nil)
        #expect(found.source.contains("assume role arn:aws:iam::111111111111:role/top"))
        let requests = sts.requests()
        #expect(requests.count == 2)
        #expect(requests[0][path: "headers.authorization"]?.string?.contains("Credential=AKIDBASE/") == true)
        #expect(requests[1][path: "headers.authorization"]?.string?.contains("Credential=ASIAMIDDLE/") == true)
        #expect(requests[1][path: "headers.x-amz-security-token"] == "token-of-ASIAMIDDLE")
        let body = requests[1]["body"]?.string ?? ""
        #expect(body.contains("RoleSessionName=audit") && body.contains("ExternalId=ext-1"))
    }

    @Test func sourceProfileLoopsAreRefused() async throws {
        let config = "[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = a\n"
        let home = try Home(config: config)
        let error = await #expect(throws: AWSError.self) { try await Self.resolve(home.environment(), profile: "a") }
        #expect(error?.code == "InfiniteLoopConfig")
    }

    @Test func webIdentityFromTheEnvironmentIsUnsigned() async throws {
        let sts = try FakeAWSServer([
            Rule(["action": "AssumeRoleWithWebIdentity"], Self.stsCredentials("ASIAIRSA", operation: "AssumeRoleWithWebIdentity")),
        ])
        defer { sts.stop() }
        let home = try Home()
        let tokenFile = try home.file("token", "eyJhbGciOiJSUzI1NiJ9.irsa.sig\n")
        let found = try await Self.resolve(home.environment([
            "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile, "AWS_ROLE_ARN": "arn:aws:iam::1:role/irsa",
        ], sts: sts))
        #expect(found.accessKeyID == "ASIAIRSA")
        #expect(found.source == "web identity (role arn:aws:iam::1:role/irsa)")
        let request = try #require(sts.requests().first)
        #expect(request[path: "headers.authorization"] == nil)
        #expect(request["body"]?.string?.hasSuffix("&WebIdentityToken=eyJhbGciOiJSUzI1NiJ9.irsa.sig") == true)
    }

    @Test func containerCredentialsSendTheTokenFromTheFile() async throws {
        let server = try FakeAWSServer([
            Rule(["path": "/v1/credentials"], FakeAWSServer.response(200, """
                {"AccessKeyId":"ASIAPOD","SecretAccessKey":"pod-secret","Token":"pod-token","Expiration":"2099-01-01T00:00:00Z"}
                """)),
        ])
        defer { server.stop() }
        let home = try Home()
        let tokenFile = try home.file("eks-pod-identity-token", "pod-identity-jwt\n")
        let found = try await Self.resolve(home.environment([
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url + "/v1/credentials",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile,
        ]))
        #expect(found.accessKeyID == "ASIAPOD")
        #expect(found.sessionToken == "pod-token")
        #expect(server.requests().first?[path: "headers.authorization"] == "pod-identity-jwt")
    }

    @Test func containerCredentialsOverPlainHTTPMustStayLocal() async throws {
        let home = try Home()
        await #expect(throws: AWSError.self) {
            try await Self.resolve(home.environment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://example.com/creds"]))
        }
    }

    @Test func instanceMetadataUsesAnIMDSv2Token() async throws {
        let server = try FakeAWSServer([
            Rule(["method": "PUT", "path": "/latest/api/token"], FakeAWSServer.response(200, "imds-session-token")),
            Rule(["path": "/latest/meta-data/iam/security-credentials/"], FakeAWSServer.response(200, "node-role")),
            Rule(["path": "/latest/meta-data/iam/security-credentials/node-role"], FakeAWSServer.response(200, """
                {"Code":"Success","AccessKeyId":"ASIANODE","SecretAccessKey":"node-secret","Token":"node-token","Expiration":"2099-01-01T00:00:00Z"}
                """)),
        ])
        defer { server.stop() }
        let home = try Home()
        var environment = home.environment(["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.url])
        environment.removeValue(forKey: "AWS_EC2_METADATA_DISABLED")
        let found = try await Self.resolve(environment)
        #expect(found.accessKeyID == "ASIANODE")
        #expect(found.source == "instance metadata (IMDSv2, role node-role)")
        let requests = server.requests()
        #expect(requests.first?[path: "headers.x-aws-ec2-metadata-token-ttl-seconds"] == "21600")
        #expect(requests.dropFirst().allSatisfy { $0[path: "headers.x-aws-ec2-metadata-token"] == "imds-session-token" })
    }

    @Test func ssoProfilesAreRefusedWithAHint() async throws {
        let home = try Home(config: "[profile sso]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = r\n")
        let error = await #expect(throws: AWSError.self) { try await Self.resolve(home.environment(), profile: "sso") }
        #expect(error?.message.contains("export-credentials") == true)
    }

    @Test func noSourceAtAllSaysWhatWasTried() async throws {
        let home = try Home()
        let error = await #expect(throws: AWSError.self) { try await Self.resolve(home.environment()) }
        #expect(error?.code == "NoCredentials")
    }

    @Test func theCacheRefreshesBeforeExpiry() async throws {
        let counter = LogLines()
        let soon = CachedCredentialProvider { () async throws(AWSError) -> AWSCredentials in
            counter.append("resolve")
            return AWSCredentials(accessKeyID: "A", secretAccessKey: "s", expiration: Date().addingTimeInterval(60), source: "t")
        }
        _ = try await soon.credentials()
        _ = try await soon.credentials()
        #expect(counter.all.count == 2, "credentials expiring within five minutes are fetched again")
        let later = LogLines()
        let lasting = CachedCredentialProvider { () async throws(AWSError) -> AWSCredentials in
            later.append("resolve")
            return AWSCredentials(accessKeyID: "A", secretAccessKey: "s", expiration: Date().addingTimeInterval(3600), source: "t")
        }
        _ = try await lasting.credentials()
        _ = try await lasting.credentials()
        #expect(later.all.count == 1)
    }

    @Test func credentialsNeverPrintTheirSecrets() {
        let credentials = AWSCredentials(accessKeyID: "AKIDSECRETTEST123456", secretAccessKey: "very-secret", sessionToken: "session-secret", source: "t")
        for text in [credentials.description, String(describing: credentials), String(reflecting: credentials), "\(credentials)"] {
            #expect(!text.contains("very-secret") && !text.contains("session-secret") && !text.contains("AKIDSECRETTEST123456"))
        }
    }
}
