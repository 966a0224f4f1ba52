import ClusterSnapshot
import Foundation

/// Calls AWS operations by botocore name with botocore member names, over the service's wire
/// protocol: endpoint resolution, SigV4, bounded concurrency, timeouts and retries with backoff.
public struct AWSClient: Sendable {
    /// nil sends requests unsigned (STS AssumeRoleWithWebIdentity takes no signature).
    public var credentials: (any CredentialProvider)?
    public var endpoints: EndpointResolver
    public var transport: any HTTPTransport
    public var retry: RetryPolicy
    public var timeout: Duration
    /// Progress and debugging lines (never credentials); nil for silence.
    public var log: (@Sendable (String) -> Void)?
    private let limit: ConcurrencyLimit

    public init(
        credentials: (any CredentialProvider)?, endpoints: EndpointResolver,
        transport: any HTTPTransport = AsyncHTTPTransport(), retry: RetryPolicy = RetryPolicy(),
        timeout: Duration = .seconds(30), maxConcurrentRequests: Int = 8, log: (@Sendable (String) -> Void)? = nil
    ) {
        self.credentials = credentials
        self.endpoints = endpoints
        self.transport = transport
        self.retry = retry
        self.timeout = timeout
        self.limit = ConcurrencyLimit(maxConcurrentRequests)
        self.log = log
    }

    public var region: String { endpoints.region }

    /// One call: one request, retried while the error is retryable and attempts remain.
    public func call(_ service: String, _ operation: String, _ input: [String: JSONValue] = [:]) async throws(AWSError)
        -> JSONValue
    {
        do {
            return try await attempt(service, operation, input)
        } catch var error {
            error.service = error.service ?? service
            error.operation = error.operation ?? operation
            throw error
        }
    }

    private func attempt(_ service: String, _ operation: String, _ input: [String: JSONValue]) async throws(AWSError)
        -> JSONValue
    {
        guard let model = ServiceModels.all[service] else {
            throw AWSError(kind: .invalidRequest, code: "UnknownService", message: "no model for service \(service)")
        }
        let endpoint = try endpoints.endpoint(service: model.metadata)
        let unsigned = try RequestSerializer(model: model, operationName: operation).request(
            input: input, scheme: endpoint.scheme, authority: endpoint.authority, basePath: endpoint.basePath
        )
        let decoder = ResponseDecoder(model: model, operationName: operation)
        var attempt = 1
        while true {
            do throws(AWSError) {
                var signed = unsigned
                if let credentials {
                    let identity = try await credentials.credentials()
                    let signer = SigV4Signer(credentials: identity, region: endpoint.signingRegion, service: model.signingName)
                    signed = signer.sign(unsigned, date: Date()).request
                }
                await limit.acquire()
                let response: HTTPResponseParts
                do throws(AWSError) {
                    response = try await transport.send(signed, timeout: timeout)
                } catch {
                    await limit.release()
                    throw error
                }
                await limit.release()
                return try decoder.decode(status: response.status, headers: response.headers, body: response.body)
            } catch {
                guard error.isRetryable, attempt < retry.maxAttempts else { throw error }
                let wait = retry.delay(beforeRetry: attempt)
                log?("\(service):\(operation): \(error.code), retry \(attempt) of \(retry.maxAttempts - 1) in \(wait.milliseconds) ms")
                try? await Task.sleep(for: wait)
                attempt += 1
            }
        }
    }

    /// Every page of a paginated operation, with the result lists concatenated. When a page
    /// fails, the pages read so far are returned together with the error, never as if complete.
    public func paginate(_ service: String, _ operation: String, _ input: [String: JSONValue] = [:], maxPages: Int = 1000)
        async -> PagedResult
    {
        guard let paginator = ServiceModels.all[service]?.operations[operation]?.paginator else {
            do {
                return PagedResult(value: try await call(service, operation, input), pages: 1, error: nil)
            } catch {
                return PagedResult(value: nil, pages: 0, error: error)
            }
        }
        var request = input
        var merged: [String: JSONValue]?
        var pages = 0
        var seenTokens: Set<[JSONValue]> = []
        let resultKeys = paginator.resultKey?.names ?? []
        while true {
            let page: JSONValue
            do {
                page = try await call(service, operation, request)
            } catch {
                return PagedResult(value: merged.map(JSONValue.object), pages: pages, error: error)
            }
            pages += 1
            var object = page.object ?? [:]
            if var total = merged {
                // Result keys may be paths (`imageScanFindings.findings`): the list sits inside an object.
                for key in resultKeys {
                    let path = key.split(separator: ".").map(String.init)
                    let more = page[path: key]?.array ?? []
                    Self.append(more, at: path[...], in: &total)
                }
                merged = total
            } else {
                for key in paginator.outputToken.names { object.removeValue(forKey: key) }
                merged = object
            }
            let tokens = paginator.outputToken.names.map { page[path: $0] ?? .null }
            let done = tokens.allSatisfy { $0 == .null || $0 == .string("") }
            if done { break }
            guard seenTokens.insert(tokens).inserted, pages < maxPages else {
                let error = AWSError(
                    kind: .invalidResponse, code: "PaginationLoop",
                    message: "the service repeated a page token or sent over \(maxPages) pages",
                    service: service, operation: operation
                )
                return PagedResult(value: merged.map(JSONValue.object), pages: pages, error: error)
            }
            for (name, token) in zip(paginator.inputToken.names, tokens) { request[name] = token }
        }
        return PagedResult(value: merged.map(JSONValue.object), pages: pages, error: nil)
    }

    /// Appends a later page's items to the list at `path` of the merged answer.
    static func append(_ items: [JSONValue], at path: ArraySlice<String>, in object: inout [String: JSONValue]) {
        guard let key = path.first else { return }
        if path.count == 1 {
            object[key] = .array((object[key]?.array ?? []) + items)
            return
        }
        guard !items.isEmpty else { return }
        var inner = object[key]?.object ?? [:]
        append(items, at: path.dropFirst(), in: &inner)
        object[key] = .object(inner)
    }
}

/// The outcome of reading every page of a list call.
public struct PagedResult: Sendable {
    /// The merged pages read, also when a later page failed.
    public var value: JSONValue?
    public var pages: Int
    public var error: AWSError?
}
