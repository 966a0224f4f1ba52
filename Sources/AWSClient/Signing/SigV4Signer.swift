import Crypto
import Foundation

/// AWS Signature Version 4, for Authorization headers and presigned URLs. It follows the
/// published algorithm and matches botocore byte for byte, including its choices where the
/// specification leaves room: dot segments and empty segments are removed from the path before
/// it is encoded a second time, repeated query names are sorted by value, header values are
/// trimmed and their inner runs of white space collapsed.
public struct SigV4Signer: Sendable {
    /// How the body enters the signature.
    public enum Payload: Sendable, Equatable {
        /// The SHA-256 of the body.
        case signed
        /// `UNSIGNED-PAYLOAD`, announced in `X-Amz-Content-SHA256` (allowed over TLS only).
        case unsigned
        /// `STREAMING-UNSIGNED-PAYLOAD-TRAILER`: an aws-chunked body with a trailing checksum.
        case streamingUnsignedTrailer
    }

    /// What signing produced, kept for tests and debugging; none of it is secret except the
    /// signature's key material, which never leaves `signature(for:)`.
    public struct Result: Sendable {
        public var request: AWSHTTPRequest
        public var canonicalRequest: String
        public var stringToSign: String
        public var signature: String
    }

    public var credentials: AWSCredentials
    public var region: String
    public var service: String

    public init(credentials: AWSCredentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// Headers that proxies may rewrite; signing them would break the signature.
    static let unsignedHeaders: Set<String> = [
        "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
        "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ]

    /// Adds X-Amz-Date, the session token and Authorization.
    public func sign(_ request: AWSHTTPRequest, date: Date, payload: Payload = .signed) -> Result {
        var request = request
        let stamp = Self.timestamp(date)
        request.removeHeader("Authorization")
        request.setHeader("X-Amz-Date", stamp)
        if let token = credentials.sessionToken { request.setHeader("X-Amz-Security-Token", token) }
        if payload == .unsigned { request.setHeader("X-Amz-Content-SHA256", "UNSIGNED-PAYLOAD") }

        let signed = signedHeaders(of: request)
        let canonical = canonicalRequest(
            request, canonicalQuery: Self.canonicalQuery(request.query.map { ($0.name, $0.value) }, encode: true),
            headers: signed, payloadHash: payloadHash(of: request, payload)
        )
        let (stringToSign, signature) = sign(canonical: canonical, stamp: stamp)
        let names = signed.map(\.name).joined(separator: ";")
        request.headers.append((
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope(stamp)), SignedHeaders=\(names), Signature=\(signature)"
        ))
        return Result(request: request, canonicalRequest: canonical, stringToSign: stringToSign, signature: signature)
    }

    /// Moves the authentication into the query string; the result's `request.url` is the presigned URL.
    public func presign(_ request: AWSHTTPRequest, date: Date, expires: Int) -> Result {
        var request = request
        let stamp = Self.timestamp(date)
        if request.header("Content-Type") == "application/x-www-form-urlencoded; charset=utf-8" {
            request.removeHeader("Content-Type")
        }
        let signed = signedHeaders(of: request)
        var auth: [(String, String)] = [
            ("X-Amz-Algorithm", "AWS4-HMAC-SHA256"),
            ("X-Amz-Credential", "\(credentials.accessKeyID)/\(scope(stamp))"),
            ("X-Amz-Date", stamp),
            ("X-Amz-Expires", String(expires)),
            ("X-Amz-SignedHeaders", signed.map(\.name).joined(separator: ";")),
        ]
        if let token = credentials.sessionToken { auth.append(("X-Amz-Security-Token", token)) }
        let operation = request.query.map { ($0.name, $0.value) }
        let canonical = canonicalRequest(
            request, canonicalQuery: Self.canonicalQuery(operation + auth, encode: true),
            headers: signed, payloadHash: payloadHash(of: request, .signed)
        )
        let (stringToSign, signature) = sign(canonical: canonical, stamp: stamp)
        request.query = (operation + auth + [("X-Amz-Signature", signature)]).map { .init($0.0, $0.1) }
        return Result(request: request, canonicalRequest: canonical, stringToSign: stringToSign, signature: signature)
    }

    // MARK: - Pieces of the algorithm

    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return pad(parts.year, 4) + pad(parts.month, 2) + pad(parts.day, 2) + "T"
            + pad(parts.hour, 2) + pad(parts.minute, 2) + pad(parts.second, 2) + "Z"
    }

    private func scope(_ stamp: String) -> String {
        "\(stamp.prefix(8))/\(region)/\(service)/aws4_request"
    }

    /// Lower-case names in byte order, each with its values (in request order) trimmed and joined by commas.
    func signedHeaders(of request: AWSHTTPRequest) -> [(name: String, value: String)] {
        var values: [String: [String]] = [:]
        for (name, value) in request.headers {
            let lower = name.lowercased()
            if Self.unsignedHeaders.contains(lower) { continue }
            values[lower, default: []].append(value)
        }
        if values["host"] == nil { values["host"] = [request.hostHeader] }
        return values.keys.sorted(by: Self.byteOrder).map { name in
            (name, values[name]!.map(Self.trimAll).joined(separator: ","))
        }
    }

    private func payloadHash(of request: AWSHTTPRequest, _ payload: Payload) -> String {
        // A caller-supplied X-Amz-Content-SHA256 is taken as the payload's hash, as written.
        if let declared = request.header("X-Amz-Content-SHA256") { return declared }
        switch payload {
        case .streamingUnsignedTrailer: return "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
        case .unsigned: return "UNSIGNED-PAYLOAD"
        case .signed: return Self.hex(SHA256.hash(data: request.body))
        }
    }

    private func canonicalRequest(
        _ request: AWSHTTPRequest, canonicalQuery: String, headers: [(name: String, value: String)], payloadHash: String
    ) -> String {
        let headerLines = headers.map { "\($0.name):\($0.value)\n" }.joined()
        return [
            request.method.uppercased(),
            URIEncoding.encode(Self.removeDotSegments(request.path), keeping: URIEncoding.slash),
            canonicalQuery,
            headerLines,
            headers.map(\.name).joined(separator: ";"),
            payloadHash,
        ].joined(separator: "\n")
    }

    private func sign(canonical: String, stamp: String) -> (stringToSign: String, signature: String) {
        let stringToSign = [
            "AWS4-HMAC-SHA256", stamp, scope(stamp), Self.hex(SHA256.hash(data: Data(canonical.utf8))),
        ].joined(separator: "\n")
        var key = SymmetricKey(data: Data("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [String(stamp.prefix(8)), region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
        return (stringToSign, signature)
    }

    static func canonicalQuery(_ items: [(String, String)], encode: Bool) -> String {
        items.map { encode ? (URIEncoding.encode($0.0), URIEncoding.encode($0.1)) : $0 }
            .sorted { lhs, rhs in
                lhs.0 == rhs.0 ? byteOrder(lhs.1, rhs.1) : byteOrder(lhs.0, rhs.0)
            }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    /// RFC 3986 §5.2.4, plus the removal of empty segments that AWS services expect.
    static func removeDotSegments(_ path: String) -> String {
        if path.isEmpty { return "/" }
        var output: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) where segment != "." {
            if segment == ".." {
                if !output.isEmpty { output.removeLast() }
            } else {
                output.append(segment)
            }
        }
        let leading = path.hasPrefix("/") ? "/" : ""
        let trailing = path.hasSuffix("/") && !output.isEmpty ? "/" : ""
        return leading + output.joined(separator: "/") + trailing
    }

    /// Strips white space at both ends and collapses inner runs to one space (Python's `split()`
    /// rules, which include the ASCII information separators).
    static func trimAll(_ value: String) -> String {
        value.split { $0.isWhitespace || ("\u{1C}"..."\u{1F}").contains($0) }.joined(separator: " ")
    }

    static func byteOrder(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
