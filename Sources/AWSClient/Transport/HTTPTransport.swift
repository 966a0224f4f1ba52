import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// An answer as the protocol decoders read it.
public struct HTTPResponseParts: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Data

    public init(status: Int, headers: [(name: String, value: String)], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Sends one request. Failures come back as `AWSError` of kind transport or timeout.
public protocol HTTPTransport: Sendable {
    func send(_ request: AWSHTTPRequest, timeout: Duration) async throws(AWSError) -> HTTPResponseParts
}

/// The transport over AsyncHTTPClient's shared client. Answers larger than `maxResponseBytes`
/// are refused rather than buffered.
public struct AsyncHTTPTransport: HTTPTransport {
    public var maxResponseBytes: Int

    public init(maxResponseBytes: Int = 64 << 20) {
        self.maxResponseBytes = maxResponseBytes
    }

    public func send(_ request: AWSHTTPRequest, timeout: Duration) async throws(AWSError) -> HTTPResponseParts {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if !request.body.isEmpty || request.method == "POST" || request.method == "PUT" {
            outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        }
        let limit = maxResponseBytes
        let prepared = outgoing
        do {
            // The deadline bounds the whole exchange, the body included: racing a timer covers
            // a server that sends its head and then stalls.
            return try await withThrowingTaskGroup(of: HTTPResponseParts.self) { group in
                group.addTask {
                    let response = try await HTTPClient.shared.execute(prepared, timeout: .seconds(Int64(timeout.components.seconds) + 1))
                    var body = try await response.body.collect(upTo: limit)
                    let data = body.readData(length: body.readableBytes) ?? Data()
                    return HTTPResponseParts(
                        status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: data
                    )
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    throw HTTPClientError.deadlineExceeded
                }
                defer { group.cancelAll() }
                guard let first = try await group.next() else { throw HTTPClientError.cancelled }
                return first
            }
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout
            || error == .connectTimeout
        {
            throw AWSError(kind: .timeout, code: "Timeout", message: "no answer within \(timeout) from \(request.authority)")
        } catch let error as NIOTooManyBytesError {
            throw AWSError(kind: .invalidResponse, code: "ResponseTooLarge", message: "answer over \(error.maxBytes ?? maxResponseBytes) bytes")
        } catch {
            throw AWSError(kind: .transport, code: "TransportError", message: "\(request.authority): \(error)")
        }
    }
}
