import Foundation

/// One HTTP request as it will go on the wire: the signer reads it, the transport sends it.
/// `path` is already percent-encoded (as it appears in the URL); query items are raw text and
/// are encoded once, by `encodedQuery`.
public struct AWSHTTPRequest: Sendable {
    public struct QueryItem: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public var method: String
    public var scheme: String
    /// host[:port] exactly as written in the URL.
    public var authority: String
    public var path: String
    public var query: [QueryItem]
    /// Header fields in order; a name may repeat.
    public var headers: [(name: String, value: String)]
    public var body: Data

    public init(
        method: String, scheme: String, authority: String, path: String, query: [QueryItem] = [],
        headers: [(name: String, value: String)] = [], body: Data = Data()
    ) {
        self.method = method
        self.scheme = scheme
        self.authority = authority
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// Splits an absolute URL whose path is already encoded; its query string, if any, is
    /// decoded into items.
    public init?(method: String, url: String, headers: [(name: String, value: String)] = [], body: Data = Data()) {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = String(rest[..<authorityEnd])
        guard !authority.isEmpty else { return nil }
        var remainder = rest[authorityEnd...]
        if let fragment = remainder.firstIndex(of: "#") { remainder = remainder[..<fragment] }
        var path = remainder
        var query: [QueryItem] = []
        if let mark = remainder.firstIndex(of: "?") {
            path = remainder[..<mark]
            query = Self.parseQuery(String(remainder[remainder.index(after: mark)...]))
        }
        self.init(
            method: method, scheme: scheme, authority: authority, path: path.isEmpty ? "/" : String(path),
            query: query, headers: headers, body: body
        )
    }

    static func parseQuery(_ text: String) -> [QueryItem] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return QueryItem(
                URIEncoding.decode(String(parts[0]), plusIsSpace: true),
                parts.count > 1 ? URIEncoding.decode(String(parts[1]), plusIsSpace: true) : ""
            )
        }
    }

    /// The query as sent: items in their order, each name and value encoded.
    public var encodedQuery: String {
        query.map { URIEncoding.encode($0.name) + "=" + URIEncoding.encode($0.value) }.joined(separator: "&")
    }

    public var url: String {
        let base = "\(scheme)://\(authority)\(path)"
        return query.isEmpty ? base : base + "?" + encodedQuery
    }

    /// The host header value: lower-case host, the port only when it is not the scheme's default.
    var hostHeader: String {
        var host = authority
        if let at = host.lastIndex(of: "@") { host = String(host[host.index(after: at)...]) }
        var port: String?
        if host.hasPrefix("[") {
            if let close = host.firstIndex(of: "]") {
                let after = host[host.index(after: close)...]
                if after.hasPrefix(":") { port = String(after.dropFirst()) }
                host = String(host[...close])
            }
        } else if let colon = host.lastIndex(of: ":") {
            port = String(host[host.index(after: colon)...])
            host = String(host[..<colon])
        }
        host = host.lowercased()
        let defaultPort = scheme == "https" ? "443" : "80"
        if let port, !port.isEmpty, port != defaultPort { return host + ":" + port }
        return host
    }

    /// The first value of a header, matched case-insensitively.
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }

    /// Replaces every value of a header with one value at the end.
    public mutating func setHeader(_ name: String, _ value: String) {
        removeHeader(name)
        headers.append((name, value))
    }

    public mutating func removeHeader(_ name: String) {
        let lower = name.lowercased()
        headers.removeAll { $0.name.lowercased() == lower }
    }
}
