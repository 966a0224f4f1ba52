import AWSTestSupport
import ClusterSnapshot
import Foundation
import Testing

@testable import AWSClient

/// The same setups resolved by eksguard's chain and by botocore's (the AWS CLI's), against the
/// same fake STS and container endpoints: both must pick the same credentials.
@Suite struct ChainAgreementTests {
    typealias Rule = FakeAWSServer.Rule

    struct Setup: Sendable, CustomTestStringConvertible {
        var name: String
        var config = ""
        var credentials = ""
        var environment: [String: String] = [:]
        var profile: String?
        var testDescription: String { name }
    }

    static let baseKeys = "aws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret\n"
    static let process = #"credential_process = printf '{"Version":1,"AccessKeyId":"AKIDPROC","SecretAccessKey":"p"}'"#

    static let setups: [Setup] = [
        Setup(name: "environment before the default profile", credentials: "[default]\n" + baseKeys,
              environment: ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "e"]),
        Setup(name: "AWS_PROFILE does not skip the environment", credentials: "[dev]\n" + baseKeys,
              environment: ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "e", "AWS_PROFILE": "dev"]),
        Setup(name: "--profile skips the environment", credentials: "[dev]\n" + baseKeys,
              environment: ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "e"], profile: "dev"),
        Setup(name: "credentials file before config file",
              config: "[profile dev]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = c\n",
              credentials: "[dev]\n" + baseKeys, profile: "dev"),
        Setup(name: "credential_process before config-file keys",
              config: "[profile dev]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = c\n\(process)\n", profile: "dev"),
        Setup(name: "assume-role chain of two roles",
              config: "[profile top]\nrole_arn = arn:aws:iam::1:role/top\nsource_profile = middle\n[profile middle]\nrole_arn = arn:aws:iam::1:role/middle\nsource_profile = base\n",
              credentials: "[base]\n" + baseKeys, profile: "top"),
        Setup(name: "role_arn wins over static keys in the same profile",
              config: "[profile both]\nrole_arn = arn:aws:iam::1:role/top\nsource_profile = base\n",
              credentials: "[both]\n" + baseKeys + "[base]\n" + baseKeys, profile: "both"),
        Setup(name: "source_profile pointing at itself uses its keys",
              config: "[profile self]\nrole_arn = arn:aws:iam::1:role/middle\nsource_profile = self\n",
              credentials: "[self]\n" + baseKeys, profile: "self"),
        Setup(name: "credential_source Environment",
              config: "[profile envrole]\nrole_arn = arn:aws:iam::1:role/top\ncredential_source = Environment\n",
              environment: ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "e"], profile: "envrole"),
        Setup(name: "web identity from the environment",
              environment: ["AWS_WEB_IDENTITY_TOKEN_FILE": "TOKEN_FILE", "AWS_ROLE_ARN": "arn:aws:iam::1:role/irsa"]),
        Setup(name: "web identity from the profile",
              config: "[profile wi]\nrole_arn = arn:aws:iam::1:role/irsa\nweb_identity_token_file = TOKEN_FILE\n", profile: "wi"),
        Setup(name: "static profile before web identity in the environment",
              credentials: "[default]\n" + baseKeys,
              environment: ["AWS_WEB_IDENTITY_TOKEN_FILE": "TOKEN_FILE", "AWS_ROLE_ARN": "arn:aws:iam::1:role/irsa"]),
        Setup(name: "container credentials with a token file",
              environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "SERVER/creds", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": "TOKEN_FILE"]),
        Setup(name: "profile keys before container credentials", credentials: "[default]\n" + baseKeys,
              environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "SERVER/creds"]),
    ]

    static func stsAnswer(_ key: String, _ operation: String) -> JSONValue {
        FakeAWSServer.response(200, """
            <\(operation)Response><\(operation)Result><Credentials><AccessKeyId>\(key)</AccessKeyId>
            <SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken>
            <Expiration>2099-01-01T00:00:00Z</Expiration></Credentials></\(operation)Result></\(operation)Response>
            """)
    }

    @Test(arguments: setups)
    func eksguardAndBotocoreAgree(_ setup: Setup) async throws {
        let server = try FakeAWSServer([
            Rule(["action": "AssumeRole", "bodyContains": "role%2Fmiddle"], Self.stsAnswer("ASIAMIDDLE", "AssumeRole")),
            Rule(["action": "AssumeRole", "bodyContains": "role%2Ftop"], Self.stsAnswer("ASIATOP", "AssumeRole")),
            Rule(["action": "AssumeRoleWithWebIdentity"], Self.stsAnswer("ASIAIRSA", "AssumeRoleWithWebIdentity")),
            Rule(["path": "/creds"], FakeAWSServer.response(200, #"{"AccessKeyId":"ASIAPOD","SecretAccessKey":"s","Token":"t","Expiration":"2099-01-01T00:00:00Z"}"#)),
        ])
        defer { server.stop() }
        let home = try CredentialChainTests.Home(config: setup.config, credentials: setup.credentials)
        let tokenFile = try home.file("token", "jwt-token")
        var environment = home.environment(sts: server)
        environment["AWS_DEFAULT_REGION"] = "eu-west-1"
        environment["PATH"] = ProcessInfo.processInfo.environment["PATH"]
        for (key, value) in setup.environment {
            environment[key] = value.replacingOccurrences(of: "TOKEN_FILE", with: tokenFile).replacingOccurrences(of: "SERVER", with: server.url)
        }
        for file in ["config", "credentials"] {
            let path = home.path + "/.aws/" + file
            let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "TOKEN_FILE", with: tokenFile)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }

        let ours = try await CredentialChain(environment: environment, explicitProfile: setup.profile, region: "eu-west-1").resolve()
        let theirs = try Self.botocore(environment: environment, profile: setup.profile)
        #expect(ours.accessKeyID == theirs)
    }

    static func botocore(environment: [String: String], profile: String?) throws -> String {
        let script = Bundle.module.url(forResource: "Fixtures/botocore_credentials", withExtension: "py")!
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path] + (profile.map { [$0] } ?? [])
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
