import AWSClient
import Foundation

/// A client ready to call AWS for one command: region and profile resolved as the AWS CLI
/// does, credentials resolved once up front so a missing or broken source is reported before
/// any call is made.
public struct AWSSession: Sendable {
    public var client: AWSClient
    public var identity: AWSCredentials

    public static func open(
        environment: [String: String], region: String?, profile: String?, endpointURL: String?,
        maxConcurrency: Int = 8, timeout: Duration = .seconds(30), transport: any HTTPTransport = AsyncHTTPTransport(),
        progress: (@Sendable (String) -> Void)? = nil
    ) async throws(AWSError) -> AWSSession {
        let config = try SharedConfig.load(environment: environment)
        let profileName = profile ?? environment["AWS_PROFILE"] ?? "default"
        let resolvedRegion = [region, environment["AWS_REGION"], environment["AWS_DEFAULT_REGION"],
                              config.profiles[profileName]?["region"]]
            .compactMap { $0 }.first { !$0.isEmpty }
        guard let resolvedRegion else {
            throw AWSError(kind: .invalidRequest, code: "NoRegion",
                           message: "no region: pass --region or set AWS_REGION or the profile's region")
        }
        let chain = try CredentialChain(
            environment: environment, explicitProfile: profile, region: resolvedRegion, transport: transport, config: config
        )
        let provider = chain.provider()
        let identity = try await provider.credentials()
        let client = AWSClient(
            credentials: provider, endpoints: EndpointResolver(region: resolvedRegion, endpointURL: endpointURL, environment: environment),
            transport: transport, retry: RetryPolicy.configured(environment: environment, profile: config.profiles[profileName]),
            timeout: timeout, maxConcurrentRequests: maxConcurrency, log: progress
        )
        return AWSSession(client: client, identity: identity)
    }
}
