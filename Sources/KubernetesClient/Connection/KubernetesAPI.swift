import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// An API server answer: status and body.
package struct APIResponse: Sendable {
    package var status: Int
    package var body: [UInt8]
}

/// A request that got no usable answer. Messages name the server, never a credential.
package struct APIFailure: Error, Sendable, CustomStringConvertible {
    package var message: String
    package var description: String { message }
}

/// GET requests to one API server over TLS with the connection's credentials; each request is
/// bounded in time and size and never follows redirects (a redirect could carry the token
/// elsewhere). Issued credentials (exec plugins, EKS tokens) are obtained once and again when
/// they expire.
package actor KubernetesAPI {
    package let connection: KubernetesConnection
    package let timeout: Duration
    package let maxResponseBytes: Int
    private var client: HTTPClient?
    private var issued: IssuedCredential?
    private var issuing: Task<IssuedCredential, any Error>?

    package init(_ connection: KubernetesConnection, timeout: Duration = .seconds(30), maxResponseBytes: Int = 64 << 20) {
        self.connection = connection
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
    }

    /// Obtains the credential and sets up TLS; a failure here fails every request alike.
    package func start() async throws(APIFailure) {
        guard client == nil else { return }
        let certificate = try await currentCredential()?.clientCertificate ?? connection.clientCertificate
        var tls = TLSConfiguration.makeClientConfiguration()
        do {
            if let authority = connection.certificateAuthorityPEM {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(authority))
            }
        } catch {
            throw APIFailure(message: "the certificate authority for \(connection.server) is not a PEM certificate")
        }
        if connection.insecureSkipTLSVerify { tls.certificateVerification = .none }
        if let certificate {
            do {
                tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(certificate.certificatePEM).map { .certificate($0) }
            } catch {
                throw APIFailure(message: "the client certificate is not a PEM certificate")
            }
            // The key's parser error could quote key material: report only that it failed.
            guard let key = try? NIOSSLPrivateKey(bytes: certificate.keyPEM, format: .pem) else {
                throw APIFailure(message: "the client key is not a PEM private key")
            }
            tls.privateKey = .privateKey(key)
        }
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls, redirectConfiguration: .disallow)
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(Int64(timeout.components.seconds) + 1))
        if let name = connection.tlsServerName, let host = URLComponents(string: connection.server)?.host {
            // The request names the certificate's host; the override connects to the real one.
            configuration.dnsOverride = [name: host]
        }
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    package func shutdown() async {
        try? await client?.shutdown()
        client = nil
    }

    /// `path` starts with a slash and may carry a query (`/api/v1/pods?limit=500`).
    package func get(_ path: String) async throws(APIFailure) -> APIResponse {
        try await start()
        guard let client else { throw APIFailure(message: "no connection to \(connection.server)") }
        var request = HTTPClientRequest(url: requestBase + path)
        request.method = .GET
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "eksguard")
        if let authorization = try await authorization() { request.headers.add(name: "Authorization", value: authorization) }
        let prepared = request
        let limit = maxResponseBytes
        let timeout = timeout
        do {
            return try await withThrowingTaskGroup(of: APIResponse.self) { group in
                group.addTask {
                    // At its deadline AsyncHTTPClient reports the last connection error (a TLS
                    // failure, say), so it must come before the timer below.
                    let response = try await client.execute(prepared, timeout: .nanoseconds(Int64(timeout / .nanoseconds(1))))
                    var body = try await response.body.collect(upTo: limit)
                    return APIResponse(status: Int(response.status.code), body: body.readBytes(length: body.readableBytes) ?? [])
                }
                // The deadline bounds the body too: a server may send its head and stall.
                group.addTask {
                    try await Task.sleep(for: timeout + .seconds(2))
                    throw HTTPClientError.deadlineExceeded
                }
                defer { group.cancelAll() }
                guard let first = try await group.next() else { throw HTTPClientError.cancelled }
                return first
            }
        } catch let error as HTTPClientError where [.deadlineExceeded, .readTimeout, .connectTimeout].contains(error) {
            throw APIFailure(message: "no answer from \(connection.server) within \(timeout)")
        } catch is NIOTooManyBytesError {
            throw APIFailure(message: "the answer from \(connection.server) is larger than \(limit >> 20) MiB")
        } catch {
            throw APIFailure(message: "cannot reach \(connection.server): \(error)")
        }
    }

    /// The server URL as requested: with `tls-server-name`, that name stands for the host.
    private var requestBase: String {
        guard let name = connection.tlsServerName, var components = URLComponents(string: connection.server) else {
            return connection.server
        }
        components.host = name
        return components.string ?? connection.server
    }

    private func authorization() async throws(APIFailure) -> String? {
        switch connection.credential {
        case .none: return nil
        case .bearer(let token): return "Bearer " + token
        case .basic(let username, let password): return "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
        case .issued: return try await currentCredential()?.token.map { "Bearer " + $0 }
        }
    }

    /// The issued credential, obtained again once expired; concurrent callers share one run.
    private func currentCredential() async throws(APIFailure) -> IssuedCredential? {
        guard case .issued(let source, let issue) = connection.credential else { return nil }
        if let issued, issued.expiration.map({ $0 > Date() }) ?? true { return issued }
        let task = issuing ?? Task { try await issue() }
        issuing = task
        defer { issuing = nil }
        do {
            let fresh = try await task.value
            issued = fresh
            return fresh
        } catch {
            // The closure's errors (KubernetesClientError, AWS errors) are written to hold no secrets.
            throw APIFailure(message: "\(source) failed: \(error)")
        }
    }
}
