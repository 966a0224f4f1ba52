import Foundation

/// Capped exponential backoff with full jitter: attempt n waits a random time in
/// [0, min(maxDelay, baseDelay·2ⁿ)]. Only retryable errors (throttling, 5xx, resets, timeouts) are retried.
/// Three attempts by default, as the AWS CLI v2's standard retry mode.
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration

    public init(maxAttempts: Int = 3, baseDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(20)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// `AWS_MAX_ATTEMPTS`, else the profile's `max_attempts`, else three (the AWS CLI's settings);
    /// values outside 1…20 are ignored.
    public static func configured(environment: [String: String], profile: [String: String]?) -> RetryPolicy {
        let value = [environment["AWS_MAX_ATTEMPTS"], profile?["max_attempts"]].compactMap { $0.flatMap { Int($0) } }.first
        return RetryPolicy(maxAttempts: value.map { (1...20).contains($0) ? $0 : 3 } ?? 3)
    }

    /// The wait before retry number `attempt` (1 for the first retry).
    public func delay(beforeRetry attempt: Int, random: Double = Double.random(in: 0...1)) -> Duration {
        let exponent = min(attempt - 1, 30)
        let ceiling = min(maxDelay, baseDelay * (1 << exponent))
        return ceiling * random
    }
}

/// At most `limit` requests in flight; the others wait their turn in order.
public actor ConcurrencyLimit {
    private var available: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(_ limit: Int) {
        available = max(1, limit)
    }

    public func acquire() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    public func release() {
        if waiting.isEmpty {
            available += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}

extension Duration {
    /// Whole milliseconds, for log lines.
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}
