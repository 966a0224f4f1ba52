import Foundation

/// Something that hands out credentials for signing.
public protocol CredentialProvider: Sendable {
    func credentials() async throws(AWSError) -> AWSCredentials
}

/// Fixed credentials (tests, and the source credentials of one assume-role step).
public struct StaticCredentialProvider: CredentialProvider {
    public var value: AWSCredentials
    public init(_ value: AWSCredentials) { self.value = value }
    public func credentials() async throws(AWSError) -> AWSCredentials { value }
}

/// Resolves once, then hands out the cached credentials until `refreshWindow` before they
/// expire; concurrent callers share one resolution.
public actor CachedCredentialProvider: CredentialProvider {
    private let resolve: @Sendable () async throws(AWSError) -> AWSCredentials
    private let refreshWindow: TimeInterval
    private let now: @Sendable () -> Date
    private var cached: AWSCredentials?
    private var inFlight: Task<AWSCredentials, any Error>?

    public init(
        refreshWindow: TimeInterval = 300, now: @escaping @Sendable () -> Date = { Date() },
        resolve: @escaping @Sendable () async throws(AWSError) -> AWSCredentials
    ) {
        self.resolve = resolve
        self.refreshWindow = refreshWindow
        self.now = now
    }

    public func credentials() async throws(AWSError) -> AWSCredentials {
        if let cached, !needsRefresh(cached) { return cached }
        let task: Task<AWSCredentials, any Error>
        if let inFlight {
            task = inFlight
        } else {
            let resolve = self.resolve
            task = Task { try await resolve() }
            inFlight = task
        }
        do {
            let fresh = try await task.value
            cached = fresh
            inFlight = nil
            return fresh
        } catch {
            inFlight = nil
            throw error as? AWSError ?? AWSError(kind: .credentials, code: "CredentialError", message: "\(error)")
        }
    }

    private func needsRefresh(_ credentials: AWSCredentials) -> Bool {
        guard let expiration = credentials.expiration else { return false }
        return expiration.timeIntervalSince(now()) < refreshWindow
    }
}
