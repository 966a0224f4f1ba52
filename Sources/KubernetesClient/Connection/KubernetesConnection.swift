import Foundation

/// Everything needed to talk to one API server: where, which server certificate to trust, and
/// who we are. Descriptions never show credential values.
package struct KubernetesConnection: Sendable, CustomStringConvertible {
    /// `https://host[:port][/prefix]`, without a trailing slash.
    package var server: String
    /// PEM certificates trusted for the server instead of the system roots; nil: system roots.
    package var certificateAuthorityPEM: [UInt8]?
    package var insecureSkipTLSVerify: Bool
    /// The name the server certificate is checked against (and sent as SNI), when not the host.
    package var tlsServerName: String?
    package var clientCertificate: ClientCertificate?
    package var credential: Credential
    /// The kubeconfig context used, for the report.
    package var context: String?

    package init(
        server: String, certificateAuthorityPEM: [UInt8]? = nil, insecureSkipTLSVerify: Bool = false,
        tlsServerName: String? = nil, clientCertificate: ClientCertificate? = nil, credential: Credential = .none,
        context: String? = nil
    ) {
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.tlsServerName = tlsServerName
        self.clientCertificate = clientCertificate
        self.credential = credential
        self.context = context
    }

    /// An EKS cluster as `eks:DescribeCluster` describes it (`endpoint`, `certificateAuthority.data`),
    /// authenticated by the bearer token the AWS layer makes (`aws eks get-token`'s).
    package static func eks(
        endpoint: String, certificateAuthorityData: String,
        token: @escaping @Sendable () async throws -> IssuedCredential
    ) throws(KubernetesClientError) -> KubernetesConnection {
        guard endpoint.hasPrefix("https://") else {
            throw KubernetesClientError("the cluster endpoint \"\(endpoint)\" is not an https:// URL")
        }
        guard let authority = Data(base64Encoded: certificateAuthorityData, options: .ignoreUnknownCharacters), !authority.isEmpty else {
            throw KubernetesClientError("the cluster's certificateAuthority.data is not base64")
        }
        return KubernetesConnection(
            server: endpoint, certificateAuthorityPEM: [UInt8](authority), credential: .issued(source: "EKS token", token))
    }

    package var description: String {
        var parts = ["server \(server)"]
        if let context { parts.append("context \(context)") }
        if clientCertificate != nil { parts.append("client certificate") }
        parts.append(credential.description)
        return parts.joined(separator: ", ")
    }
}

/// A client certificate and its private key, PEM.
package struct ClientCertificate: Sendable, CustomStringConvertible {
    package var certificatePEM: [UInt8]
    package var keyPEM: [UInt8]

    package init(certificatePEM: [UInt8], keyPEM: [UInt8]) {
        self.certificatePEM = certificatePEM
        self.keyPEM = keyPEM
    }

    package var description: String { "client certificate (redacted)" }
}

/// How requests are authenticated beyond the TLS client certificate.
package enum Credential: Sendable, CustomStringConvertible {
    case none
    case bearer(String)
    case basic(username: String, password: String)
    /// Issued on demand and refreshed when expired: exec plugins, the EKS token.
    case issued(source: String, @Sendable () async throws -> IssuedCredential)

    package var description: String {
        switch self {
        case .none: "no credential"
        case .bearer: "bearer token (redacted)"
        case .basic(let username, _): "basic auth as \(username) (password redacted)"
        case .issued(let source, _): source
        }
    }
}

/// What an exec plugin (or the EKS token maker) hands out.
package struct IssuedCredential: Sendable, CustomStringConvertible {
    package var token: String?
    package var clientCertificate: ClientCertificate?
    /// After this the credential is issued again; nil: valid for the whole run.
    package var expiration: Date?

    package init(token: String? = nil, clientCertificate: ClientCertificate? = nil, expiration: Date? = nil) {
        self.token = token
        self.clientCertificate = clientCertificate
        self.expiration = expiration
    }

    package var description: String { "issued credential (redacted)" }
}
