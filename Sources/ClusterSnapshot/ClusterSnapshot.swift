import Foundation

/// What `eksguard collect` read from AWS about one cluster: every API call made, with its
/// parameters and either its answer (under botocore's member names, all pages merged) or the
/// error it ended with. A check that needs data whose call failed finds the error here and
/// reports `error`, never `pass`. docs/snapshot.md describes the format.
public struct ClusterSnapshot: Codable, Sendable, Equatable {
    /// Raised when a snapshot's format is newer than this build understands.
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    /// The program and version that wrote the snapshot.
    public var generator: String
    /// ISO 8601, UTC.
    public var collectedAt: String
    public var clusterName: String
    public var region: String
    public var accountID: String?
    /// The caller identity's ARN (sts:GetCallerIdentity), when it could be read.
    public var callerARN: String?
    /// Which link of the credential chain signed the calls (never the credentials themselves).
    public var credentialSource: String?
    /// Every call in a stable order: by service, operation, then parameters.
    public var calls: [APICall]
    /// Inputs from Kubernetes the collection was given but did not look up (an image in another
    /// account's registry, a role of another account), each with why. Absent when there were none.
    public var skipped: [SkippedInput]?

    public init(
        generator: String, collectedAt: String, clusterName: String, region: String, accountID: String? = nil,
        callerARN: String? = nil, credentialSource: String? = nil, calls: [APICall] = [], skipped: [SkippedInput]? = nil
    ) {
        self.formatVersion = Self.currentFormatVersion
        self.generator = generator
        self.collectedAt = collectedAt
        self.clusterName = clusterName
        self.region = region
        self.accountID = accountID
        self.callerARN = callerARN
        self.credentialSource = credentialSource
        self.calls = calls
        self.skipped = skipped
    }

    /// The calls of one operation (`"eks"`, `"DescribeNodegroup"`), in snapshot order.
    public func calls(_ service: String, _ operation: String) -> [APICall] {
        calls.filter { $0.service == service && $0.operation == operation }
    }

    /// The one call of an operation whose parameters include all of `matching`.
    public func call(_ service: String, _ operation: String, matching: [String: JSONValue] = [:]) -> APICall? {
        calls(service, operation).first { call in matching.allSatisfy { call.parameters[$0.key] == $0.value } }
    }

    /// Calls that ended in an error, excluding answers that only say "there is none" (no
    /// repository policy, no lifecycle policy).
    public var failedCalls: [APICall] {
        calls.filter { $0.error.map { !$0.meansAbsent } ?? false }
    }

    // MARK: reading and writing

    public struct FormatError: Error, CustomStringConvertible, Equatable {
        public var source: String
        public var reason: String
        public var description: String { "\(source): \(reason)" }
    }

    /// Largest snapshot read (a large account's snapshot is a few megabytes).
    public static let maxBytes = 256 << 20

    public static func decode(_ data: Data, source: String) throws(FormatError) -> ClusterSnapshot {
        guard data.count <= maxBytes else { throw FormatError(source: source, reason: "over \(maxBytes >> 20) MiB") }
        struct Header: Decodable { var formatVersion: Int }
        guard let header = try? JSONDecoder().decode(Header.self, from: data) else {
            throw FormatError(source: source, reason: "not an eksguard snapshot (no formatVersion)")
        }
        guard header.formatVersion <= currentFormatVersion, header.formatVersion >= 1 else {
            throw FormatError(source: source, reason: "snapshot format \(header.formatVersion) is not supported (this build reads 1 to \(currentFormatVersion))")
        }
        do {
            return try JSONDecoder().decode(ClusterSnapshot.self, from: data)
        } catch {
            throw FormatError(source: source, reason: "malformed snapshot: \(error)")
        }
    }

    /// Pretty-printed JSON with sorted keys, so two snapshots diff cleanly.
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }
}

/// An input the collection left out on purpose, so a reader can tell "not looked up" from "none".
public struct SkippedInput: Codable, Sendable, Equatable, Hashable {
    /// `ecrImage` or `iamRole`.
    public var kind: String
    /// The image reference or role ARN as given.
    public var input: String
    public var reason: String

    public init(kind: String, input: String, reason: String) {
        self.kind = kind
        self.input = input
        self.reason = reason
    }
}

/// One AWS API call and its outcome.
public struct APICall: Codable, Sendable, Equatable {
    public var service: String
    public var operation: String
    /// The input, under botocore's member names.
    public var parameters: [String: JSONValue]
    /// The answer (pages merged). With an error, the pages read before it, if any.
    public var response: JSONValue?
    public var error: RecordedError?
    /// Pages read, for paginated calls.
    public var pages: Int?

    public init(
        service: String, operation: String, parameters: [String: JSONValue] = [:], response: JSONValue? = nil,
        error: RecordedError? = nil, pages: Int? = nil
    ) {
        self.service = service
        self.operation = operation
        self.parameters = parameters
        self.response = response
        self.error = error
        self.pages = pages
    }

    /// The IAM action this call needs, e.g. `eks:DescribeCluster`.
    public var iamAction: String { "\(RecordedError.iamPrefix(service)):\(operation)" }
}

/// Why a call has no (complete) answer.
public struct RecordedError: Codable, Sendable, Equatable {
    /// service, transport, timeout, invalidResponse, credentials or invalidRequest.
    public var kind: String
    /// The AWS error code (`AccessDeniedException`), or `HTTP404` when the answer carried none.
    public var code: String
    public var message: String
    public var requestID: String?
    public var httpStatus: Int?

    public init(kind: String, code: String, message: String, requestID: String? = nil, httpStatus: Int? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.requestID = requestID
        self.httpStatus = httpStatus
    }

    /// Codes that answer "this resource has none", which is data, not a failure.
    public var meansAbsent: Bool {
        ["RepositoryPolicyNotFoundException", "LifecyclePolicyNotFoundException"].contains(code)
    }

    public var isAccessDenied: Bool {
        code.hasPrefix("AccessDenied") || code.hasPrefix("Unauthorized") || code == "AuthorizationError"
            || code == "AuthFailure"
    }

    static func iamPrefix(_ service: String) -> String {
        service == "elbv2" ? "elasticloadbalancing" : service
    }
}
