import Foundation

/// Everything that can go wrong in one AWS call, typed: a service error carries the AWS error
/// code and the request ID; transport failures, timeouts and unreadable answers are kinds of
/// their own. Messages never contain credentials.
public struct AWSError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        /// The service answered with an error document.
        case service
        /// The connection failed or was reset.
        case transport
        case timeout
        /// The answer could not be read (not JSON/XML, truncated, over the size limit).
        case invalidResponse
        /// No usable credentials.
        case credentials
        /// The request could not be built (unknown operation, bad endpoint).
        case invalidRequest
    }

    public var kind: Kind
    public var code: String
    public var message: String
    public var requestID: String?
    public var httpStatus: Int?
    public var service: String?
    public var operation: String?

    public init(
        kind: Kind, code: String, message: String, requestID: String? = nil, httpStatus: Int? = nil,
        service: String? = nil, operation: String? = nil
    ) {
        self.kind = kind
        self.code = code
        self.message = message
        self.requestID = requestID
        self.httpStatus = httpStatus
        self.service = service
        self.operation = operation
    }

    public var description: String {
        var text = ""
        if let service, let operation { text += "\(service):\(operation): " }
        text += code
        if !message.isEmpty { text += ": \(message)" }
        if let httpStatus { text += " (HTTP \(httpStatus)" + (requestID.map { ", request \($0)" } ?? "") + ")" }
        return text
    }

    /// Error codes that mean "denied": the caller's identity lacks a permission.
    public var isAccessDenied: Bool {
        ["AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedAccess",
         "AuthorizationError", "AuthFailure", "UnrecognizedClientException", "InvalidClientTokenId",
         "SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException", "InvalidSignatureException"]
            .contains(code)
    }

    /// Whether the same request may succeed if sent again: throttling, server errors, resets, timeouts.
    public var isRetryable: Bool {
        switch kind {
        case .transport, .timeout: return true
        case .service, .invalidResponse:
            if Self.throttlingCodes.contains(code) { return true }
            if let httpStatus, httpStatus >= 500 || httpStatus == 429 { return true }
            return false
        case .credentials, .invalidRequest: return false
        }
    }

    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
        "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException", "RequestTimeout", "RequestTimeoutException",
        "InternalError", "InternalFailure", "ServiceUnavailable",
    ]
}
