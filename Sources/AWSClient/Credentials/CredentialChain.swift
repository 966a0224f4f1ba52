import ClusterSnapshot
import Foundation

/// The AWS CLI's default credential chain, in its order:
/// 1. environment variables (skipped when a profile is named with --profile);
/// 2. the profile's `role_arn` with `source_profile` or `credential_source` (assume-role chains);
/// 3. web identity: the profile's `web_identity_token_file`, else `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` (IRSA);
/// 4. the profile's static keys in the credentials file;
/// 5. the profile's `credential_process`;
/// 6. the profile's static keys in the config file;
/// 7. container credentials (`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` / `_FULL_URI`, EKS Pod Identity);
/// 8. instance metadata (IMDSv2, with a session token).
/// IAM Identity Center (SSO) profiles are recognised and refused with a clear message.
public struct CredentialChain: Sendable {
    public var environment: [String: String]
    /// The profile named on the command line; AWS_PROFILE and "default" otherwise.
    public var explicitProfile: String?
    /// The region STS calls go to.
    public var region: String
    public var transport: any HTTPTransport
    public var config: SharedConfig

    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment, explicitProfile: String? = nil,
        region: String, transport: any HTTPTransport = AsyncHTTPTransport(), config: SharedConfig? = nil
    ) throws(AWSError) {
        self.environment = environment
        self.explicitProfile = explicitProfile
        self.region = region
        self.transport = transport
        if let config {
            self.config = config
        } else {
            self.config = try SharedConfig.load(environment: environment)
        }
    }

    public var profileName: String { explicitProfile ?? environment["AWS_PROFILE"] ?? "default" }

    /// The chain behind a cache that refreshes five minutes before expiry.
    public func provider() -> CachedCredentialProvider {
        let chain = self
        return CachedCredentialProvider { () async throws(AWSError) -> AWSCredentials in try await chain.resolve() }
    }

    public func resolve() async throws(AWSError) -> AWSCredentials {
        let name = profileName
        if explicitProfile == nil, let fromEnvironment = try environmentCredentials() { return fromEnvironment }
        let profile = config.profiles[name]
        if explicitProfile != nil, profile == nil {
            throw AWSError(kind: .credentials, code: "ProfileNotFound", message: "the profile \"\(name)\" is in neither the config nor the credentials file")
        }
        if let profile, Self.hasAssumeRole(profile) {
            return try await assumeRole(profileName: name, profile: profile, visited: [name])
        }
        if let identity = try await webIdentity(profile: profile ?? [:], useEnvironment: explicitProfile == nil) {
            return identity
        }
        if let profile, let fromProfile = try await profileCredentials(name, profile) { return fromProfile }
        if let fromContainer = try await containerCredentials() { return fromContainer }
        if let fromInstance = try await instanceMetadataCredentials() { return fromInstance }
        throw AWSError(
            kind: .credentials, code: "NoCredentials",
            message: "no AWS credentials found (tried environment, profile \"\(name)\", web identity, container credentials and instance metadata)"
        )
    }

    // MARK: environment and profiles

    func environmentCredentials() throws(AWSError) -> AWSCredentials? {
        let key = environment["AWS_ACCESS_KEY_ID"].flatMap { $0.isEmpty ? nil : $0 }
        let secret = environment["AWS_SECRET_ACCESS_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        guard key != nil || secret != nil else { return nil }
        guard let key, let secret else {
            throw AWSError(kind: .credentials, code: "PartialCredentials",
                           message: "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must both be set")
        }
        let token = environment["AWS_SESSION_TOKEN"] ?? environment["AWS_SECURITY_TOKEN"]
        return AWSCredentials(
            accessKeyID: key, secretAccessKey: secret, sessionToken: token.flatMap { $0.isEmpty ? nil : $0 },
            expiration: environment["AWS_CREDENTIAL_EXPIRATION"].flatMap(ISODate.parse), source: "environment"
        )
    }

    static func hasAssumeRole(_ profile: [String: String]) -> Bool {
        profile["role_arn"] != nil && profile["web_identity_token_file"] == nil
    }

    static func hasStaticKeys(_ profile: [String: String]) -> Bool {
        profile["aws_access_key_id"] != nil || profile["aws_secret_access_key"] != nil
    }

    /// Links 4 to 6 for one profile: static keys in the credentials file, credential_process,
    /// static keys in the config file (SSO refused).
    func profileCredentials(_ name: String, _ profile: [String: String]) async throws(AWSError) -> AWSCredentials? {
        if let fileProfile = config.credentialsFile[name], Self.hasStaticKeys(fileProfile) {
            return try staticCredentials(fileProfile, source: "profile \(name) (credentials file)")
        }
        if profile["sso_start_url"] != nil || profile["sso_session"] != nil {
            throw AWSError(
                kind: .credentials, code: "UnsupportedCredentialSource",
                message: "profile \"\(name)\" uses IAM Identity Center (SSO), which eksguard does not read; export the credentials of `aws configure export-credentials --profile \(name)` instead"
            )
        }
        if let command = profile["credential_process"] {
            return try await CredentialProcess(command: command, profile: name).run()
        }
        if Self.hasStaticKeys(profile) {
            return try staticCredentials(profile, source: "profile \(name) (config file)")
        }
        return nil
    }

    private func staticCredentials(_ profile: [String: String], source: String) throws(AWSError) -> AWSCredentials {
        guard let key = profile["aws_access_key_id"], let secret = profile["aws_secret_access_key"] else {
            throw AWSError(kind: .credentials, code: "PartialCredentials",
                           message: "\(source) needs both aws_access_key_id and aws_secret_access_key")
        }
        return AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: profile["aws_session_token"], source: source)
    }

    // MARK: assume role

    private func assumeRole(profileName: String, profile: [String: String], visited: [String]) async throws(AWSError)
        -> AWSCredentials
    {
        let source = try await sourceCredentials(profileName: profileName, profile: profile, visited: visited)
        if profile["mfa_serial"] != nil {
            throw AWSError(kind: .credentials, code: "UnsupportedCredentialSource",
                           message: "profile \"\(profileName)\" needs an MFA code, which a non-interactive collection cannot ask for")
        }
        var input: [String: JSONValue] = [
            "RoleArn": .string(profile["role_arn"] ?? ""),
            "RoleSessionName": .string(profile["role_session_name"] ?? "eksguard-\(Int(Date().timeIntervalSince1970))"),
        ]
        if let external = profile["external_id"] { input["ExternalId"] = .string(external) }
        if let duration = profile["duration_seconds"].flatMap(Int.init) { input["DurationSeconds"] = .number(Double(duration)) }
        return try await stsCredentials(
            "AssumeRole", input, signedWith: source,
            source: "profile \(profileName) (assume role \(profile["role_arn"] ?? "") with \(source.source))"
        )
    }

    private func sourceCredentials(profileName: String, profile: [String: String], visited: [String]) async throws(AWSError)
        -> AWSCredentials
    {
        if let credentialSource = profile["credential_source"] {
            let found: AWSCredentials?
            switch credentialSource {
            case "Environment": found = try environmentCredentials()
            case "EcsContainer": found = try await containerCredentials()
            case "Ec2InstanceMetadata": found = try await instanceMetadataCredentials()
            default:
                throw AWSError(kind: .credentials, code: "InvalidConfig",
                               message: "credential_source \"\(credentialSource)\" in profile \"\(profileName)\" is not Environment, EcsContainer or Ec2InstanceMetadata")
            }
            guard let found else {
                throw AWSError(kind: .credentials, code: "NoCredentials",
                               message: "credential_source \(credentialSource) of profile \"\(profileName)\" gave no credentials")
            }
            return found
        }
        guard let sourceName = profile["source_profile"] else {
            throw AWSError(kind: .credentials, code: "InvalidConfig",
                           message: "profile \"\(profileName)\" has role_arn but neither source_profile nor credential_source")
        }
        guard let sourceProfile = config.profiles[sourceName] else {
            throw AWSError(kind: .credentials, code: "InvalidConfig",
                           message: "the source_profile \"\(sourceName)\" of profile \"\(profileName)\" does not exist")
        }
        if visited.contains(sourceName), sourceName != profileName || !Self.hasStaticKeys(sourceProfile) {
            throw AWSError(kind: .credentials, code: "InfiniteLoopConfig",
                           message: "source_profile loop: \((visited + [sourceName]).joined(separator: " → "))")
        }
        if Self.hasStaticKeys(sourceProfile) || !Self.hasAssumeRole(sourceProfile) {
            let identity = try await webIdentity(profile: sourceProfile, useEnvironment: false)
            if let identity { return identity }
            guard let found = try await profileCredentials(sourceName, sourceProfile) else {
                throw AWSError(kind: .credentials, code: "InvalidConfig",
                               message: "the source profile \"\(sourceName)\" must have credentials")
            }
            return found
        }
        return try await assumeRole(profileName: sourceName, profile: sourceProfile, visited: visited + [sourceName])
    }

    // MARK: web identity

    private func webIdentity(profile: [String: String], useEnvironment: Bool) async throws(AWSError) -> AWSCredentials? {
        func setting(_ key: String, _ variable: String) -> String? {
            if useEnvironment, let value = environment[variable], !value.isEmpty { return value }
            return profile[key]
        }
        guard let tokenFile = setting("web_identity_token_file", "AWS_WEB_IDENTITY_TOKEN_FILE") else { return nil }
        guard let roleARN = setting("role_arn", "AWS_ROLE_ARN") else {
            throw AWSError(kind: .credentials, code: "InvalidConfig", message: "a web identity token file is set but no role ARN")
        }
        guard let data = FileManager.default.contents(atPath: tokenFile), data.count <= 64 << 10 else {
            throw AWSError(kind: .credentials, code: "InvalidWebIdentityToken",
                           message: "cannot read the web identity token file \(tokenFile) (or it is over 64 KiB)")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let input: [String: JSONValue] = [
            "RoleArn": .string(roleARN), "WebIdentityToken": .string(token),
            "RoleSessionName": .string(setting("role_session_name", "AWS_ROLE_SESSION_NAME") ?? "eksguard-\(Int(Date().timeIntervalSince1970))"),
        ]
        return try await stsCredentials("AssumeRoleWithWebIdentity", input, signedWith: nil, source: "web identity (role \(roleARN))")
    }

    private func stsCredentials(
        _ operation: String, _ input: [String: JSONValue], signedWith source: AWSCredentials?, source description: String
    ) async throws(AWSError) -> AWSCredentials {
        let client = AWSClient(
            credentials: source.map(StaticCredentialProvider.init), endpoints: EndpointResolver(region: region, environment: environment),
            transport: transport, retry: RetryPolicy(maxAttempts: 3)
        )
        let answer: JSONValue
        do {
            answer = try await client.call("sts", operation, input)
        } catch {
            throw AWSError(kind: .credentials, code: error.code, message: "\(description): \(error.message)",
                           requestID: error.requestID, httpStatus: error.httpStatus, service: "sts", operation: operation)
        }
        guard let key = answer[path: "Credentials.AccessKeyId"]?.string,
              let secret = answer[path: "Credentials.SecretAccessKey"]?.string
        else {
            throw AWSError(kind: .credentials, code: "InvalidResponse", message: "\(description): STS answered without credentials")
        }
        return AWSCredentials(
            accessKeyID: key, secretAccessKey: secret, sessionToken: answer[path: "Credentials.SessionToken"]?.string,
            expiration: answer[path: "Credentials.Expiration"]?.string.flatMap(ISODate.parse), source: description
        )
    }
}

/// ISO 8601 times as AWS writes them, with or without fractional seconds.
enum ISODate {
    static func parse(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }
}
