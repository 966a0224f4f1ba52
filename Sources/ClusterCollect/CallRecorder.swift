import AWSClient
import ClusterSnapshot

/// Makes each call through the client and keeps it, answer or error, for the snapshot.
actor CallRecorder {
    private let client: AWSClient
    private let progress: @Sendable (String) -> Void
    private(set) var calls: [APICall] = []

    init(client: AWSClient, progress: @escaping @Sendable (String) -> Void) {
        self.client = client
        self.progress = progress
    }

    /// Calls (every page, for list operations) and records the outcome; returns the answer, nil
    /// when the call failed, or the pages read before a later page failed, so the resources they
    /// list are still described (the list call itself stays recorded as an error).
    @discardableResult
    nonisolated func call(_ service: String, _ operation: String, _ parameters: [String: JSONValue] = [:]) async
        -> JSONValue?
    {
        let result = await client.paginate(service, operation, parameters)
        let response = result.value.map { Self.decodePolicies(service, operation, $0) }
        let record = APICall(
            service: service, operation: operation, parameters: parameters, response: response,
            error: result.error.map(Self.record), pages: result.pages > 1 ? result.pages : nil
        )
        await append(record)
        if let error = result.error {
            let partial = result.pages > 0 ? " after \(result.pages) page(s)" : ""
            progress("\(service):\(operation) failed\(partial): \(error.code)\(error.message.isEmpty ? "" : " (\(error.message))")")
            return response
        }
        progress("\(service):\(operation) ok")
        return response
    }

    private func append(_ call: APICall) { calls.append(call) }

    static func record(_ error: AWSError) -> RecordedError {
        RecordedError(kind: error.kind.rawValue, code: error.code, message: error.message, requestID: error.requestID,
                      httpStatus: error.httpStatus)
    }

    /// IAM returns policy documents percent-encoded; the snapshot keeps them decoded, as boto3 does.
    static func decodePolicies(_ service: String, _ operation: String, _ value: JSONValue) -> JSONValue {
        guard service == "iam" else { return value }
        return decodeDocuments(value)
    }

    private static let documentKeys: Set<String> = ["AssumeRolePolicyDocument", "PolicyDocument", "Document"]

    private static func decodeDocuments(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            var out: [String: JSONValue] = [:]
            for (key, item) in object {
                if documentKeys.contains(key), case .string(let text) = item {
                    out[key] = .string(URIEncoding.decode(text))
                } else {
                    out[key] = decodeDocuments(item)
                }
            }
            return .object(out)
        case .array(let items):
            return .array(items.map(decodeDocuments))
        default:
            return value
        }
    }
}
