@testable import AWSClient
import Testing

@Suite struct RetryPolicyTests {
    @Test(arguments: [
        ([:], nil, 3),
        (["AWS_MAX_ATTEMPTS": "7"], ["max_attempts": "2"], 7),
        ([:], ["max_attempts": "2"], 2),
        (["AWS_MAX_ATTEMPTS": "0"], nil, 3),
        (["AWS_MAX_ATTEMPTS": "many"], ["max_attempts": "4"], 4),
        (["AWS_MAX_ATTEMPTS": "50"], nil, 3),
    ] as [([String: String], [String: String]?, Int)])
    func attemptsFollowTheAWSCLISettings(environment: [String: String], profile: [String: String]?, expected: Int) {
        #expect(RetryPolicy.configured(environment: environment, profile: profile).maxAttempts == expected)
    }

    @Test func backoffIsCappedAndJittered() {
        let policy = RetryPolicy(baseDelay: .milliseconds(200), maxDelay: .seconds(1))
        #expect(policy.delay(beforeRetry: 1, random: 1) == .milliseconds(200))
        #expect(policy.delay(beforeRetry: 3, random: 1) == .milliseconds(800))
        #expect(policy.delay(beforeRetry: 10, random: 1) == .seconds(1))
        #expect(policy.delay(beforeRetry: 10, random: 0) == .zero)
    }
}
